import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { adminApi, type UserAccount } from './adminApi.js';
import { SecretInput } from './SecretInput.js';
import { PASSWORD_MIN } from './authApi.js';

/** An admin sets a new password for someone (no mail server needed); their sessions end. */
export function ResetPasswordDialog({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const short = password.length < PASSWORD_MIN;
  const reset = useMutation({
    mutationFn: () => adminApi.resetPassword(user.id, password),
    onSuccess: () => {
      notify({ color: 'teal', message: t('accounts.users.passwordReset', { name: user.name }) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!short) reset.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('accounts.users.resetTitle', { name: user.name })} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('accounts.users.resetHint')}</Text>
          <SecretInput label={t('accounts.pw.new')} description={t('accounts.passwordRule', { count: PASSWORD_MIN })} required value={password} data-autofocus
            autoComplete="new-password" error={checked && short ? t('accounts.problem.passwordShort', { count: PASSWORD_MIN }) : undefined} onChange={(e) => setPassword(e.currentTarget.value)} />
          {reset.error && <Alert color="red" variant="light" role="alert" py="xs">{reset.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" loading={reset.isPending}>{t('accounts.users.resetPassword')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
