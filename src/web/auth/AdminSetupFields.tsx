import { Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from './authApi.js';
import { SecretInput } from './SecretInput.js';

/** The first start's sign-in answer: an administrator account, or (SQLite only) no sign-in on this computer. */
export interface AdminAnswer {
  signIn: 'account' | 'local';
  email: string;
  password: string;
  confirm: string;
}

export const emptyAdmin: AdminAnswer = { signIn: 'account', email: '', password: '', confirm: '' };

export type AdminProblems = Partial<Record<'name' | 'email' | 'password' | 'confirm', string>>;

/** What is wrong with the answer (keys of accounts.*), before anything is sent. */
export function adminProblems(a: AdminAnswer, name: string): AdminProblems {
  if (a.signIn === 'local') return {};
  const out: AdminProblems = {};
  if (!name.trim()) out.name = 'accounts.problem.nameRequired';
  if (!/^[^\s@]+@[^\s@]+$/.test(a.email.trim())) out.email = 'accounts.problem.email';
  if (a.password.length < PASSWORD_MIN) out.password = 'accounts.problem.passwordShort';
  else if (a.confirm !== a.password) out.confirm = 'accounts.problem.passwordsDiffer';
  return out;
}

interface Props {
  value: AdminAnswer;
  onChange: (next: AdminAnswer) => void;
  /** SQLite: the standalone app may go without sign-in. */
  allowLocal: boolean;
  /** Problems shown (after a first Start). */
  problems: AdminProblems;
}

export function AdminSetupFields({ value, onChange, allowLocal, problems }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<AdminAnswer>) => onChange({ ...value, ...patch });
  const err = (k: keyof AdminProblems) => (problems[k] ? t(problems[k], { count: PASSWORD_MIN }) : undefined);
  return (
    <Stack gap="xs">
      {allowLocal ? (
        <Radio.Group label={t('accounts.setup.signIn')} description={t(value.signIn === 'local' ? 'accounts.setup.localHint' : 'accounts.setup.accountHint')}
          value={value.signIn} onChange={(v) => set({ signIn: v === 'local' ? 'local' : 'account' })}>
          <Group gap="xl" mt={8}>
            <Radio value="account" label={t('accounts.setup.account')} />
            <Radio value="local" label={t('accounts.setup.local')} />
          </Group>
        </Radio.Group>
      ) : (
        <Text size="sm" fw={500}>{t('accounts.setup.accountTitle')}</Text>
      )}
      {value.signIn === 'account' && (
        <Stack gap={4}>
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label={t('accounts.email')} type="email" autoComplete="username" required value={value.email} error={err('email')}
              onChange={(e) => set({ email: e.currentTarget.value })} />
            <SecretInput label={t('accounts.password')} autoComplete="new-password" required
              value={value.password} error={err('password')} onChange={(e) => set({ password: e.currentTarget.value })} />
            <SecretInput label={t('accounts.confirmPassword')} autoComplete="new-password" required value={value.confirm} error={err('confirm')}
              onChange={(e) => set({ confirm: e.currentTarget.value })} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">{t('accounts.passwordRule', { count: PASSWORD_MIN })}</Text>
        </Stack>
      )}
    </Stack>
  );
}
