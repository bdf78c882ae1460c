import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi } from '../core/settings.js';
import { adminApi } from './adminApi.js';
import { adminProblems, emptyAdmin, type AdminAnswer } from './AdminSetupFields.js';
import { authApi, PASSWORD_MIN } from './authApi.js';
import { SecretInput } from './SecretInput.js';
import type { MeUser } from './types.js';
import { useSession } from './useSession.js';

/**
 * Settings → Sign-in, from "no sign-in on this computer" to "everyone signs in": the local user becomes an
 * administrator who can sign in (an email and a password), then is signed in at once.
 */
export function EnableSignInDialog({ user, onClose }: { user: MeUser; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const [answer, setAnswer] = useState<AdminAnswer>({ ...emptyAdmin, email: user.email ?? '' });
  const [checked, setChecked] = useState(false);
  const problems = adminProblems(answer, user.name);
  const err = (k: keyof typeof problems) => (checked && problems[k] ? t(problems[k], { count: PASSWORD_MIN }) : undefined);
  const enable = useMutation({
    mutationFn: async () => {
      const email = answer.email.trim();
      // The password first: the server keeps one administrator who can sign in through every change.
      await adminApi.resetPassword(user.id, answer.password);
      const current = await adminApi.user(user.id);
      if (current.email !== email) await adminApi.updateUser(user.id, { email, roleIds: current.roleIds, version: current.version });
      await settingsApi.update({ signIn: 'required' });
      return authApi.signIn(email, answer.password);
    },
    onSuccess: (me) => {
      session.started(me);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length === 0) enable.mutate();
  };
  const set = (patch: Partial<AdminAnswer>) => setAnswer((a) => ({ ...a, ...patch }));
  return (
    <Modal opened onClose={onClose} title={t('accounts.enable.title')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('accounts.enable.hint', { name: user.name })}</Text>
          <TextInput label={t('accounts.email')} type="email" autoComplete="username" required value={answer.email} error={err('email')} data-autofocus
            onChange={(e) => set({ email: e.currentTarget.value })} />
          <SimpleGrid cols={2} spacing="sm">
            <SecretInput label={t('accounts.password')} autoComplete="new-password" required value={answer.password} error={err('password')}
              onChange={(e) => set({ password: e.currentTarget.value })} />
            <SecretInput label={t('accounts.confirmPassword')} autoComplete="new-password" required value={answer.confirm} error={err('confirm')}
              onChange={(e) => set({ confirm: e.currentTarget.value })} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-4}>{t('accounts.passwordRule', { count: PASSWORD_MIN })}</Text>
          {enable.error && <Alert color="red" variant="light" role="alert" py="xs">{enable.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" loading={enable.isPending}>{t('accounts.enable.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
