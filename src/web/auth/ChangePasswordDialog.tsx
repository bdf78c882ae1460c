import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../core/api.js';
import { notify } from '../core/notify.js';
import { authApi, PASSWORD_MIN } from './authApi.js';
import { SecretInput } from './SecretInput.js';

/** Own password: the current one, then the new one twice. Other sessions of the user end. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const short = next.length < PASSWORD_MIN;
  const differ = !short && confirm !== next;
  const change = useMutation({
    mutationFn: () => authApi.changePassword(current, next),
    onSuccess: () => {
      notify({ color: 'teal', message: t('accounts.pw.changed') });
      onClose();
    },
  });
  const wrongCurrent = change.error instanceof ApiError && change.error.fieldErrors.some((f) => f.field === 'currentPassword');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!current || short || differ) return;
    change.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('accounts.menu.changePassword')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('accounts.pw.hint')}</Text>
          <SecretInput label={t('accounts.pw.current')} autoComplete="current-password" required value={current} data-autofocus
            error={checked && !current ? t('accounts.problem.required') : wrongCurrent ? t('accounts.pw.wrongCurrent') : undefined} onChange={(e) => setCurrent(e.currentTarget.value)} />
          <SecretInput label={t('accounts.pw.new')} description={t('accounts.passwordRule', { count: PASSWORD_MIN })} autoComplete="new-password" required value={next}
            error={checked && short ? t('accounts.problem.passwordShort', { count: PASSWORD_MIN }) : undefined} onChange={(e) => setNext(e.currentTarget.value)} />
          <SecretInput label={t('accounts.confirmPassword')} autoComplete="new-password" required value={confirm}
            error={checked && differ ? t('accounts.problem.passwordsDiffer') : undefined} onChange={(e) => setConfirm(e.currentTarget.value)} />
          {change.error && !wrongCurrent && <Alert color="red" variant="light" role="alert" py="xs">{change.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" loading={change.isPending}>{t('accounts.pw.change')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
