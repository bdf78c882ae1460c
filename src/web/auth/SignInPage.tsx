import { Alert, Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../app/LanguageSwitcher.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { ApiError } from '../core/api.js';
import { authApi } from './authApi.js';
import { SecretInput } from './SecretInput.js';
import { useSession } from './useSession.js';

/** The message for a failed sign-in: wrong email or password, too many attempts (with the minutes left), or the server's words. */
export function signInError(error: Error, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError && error.status === 401) return t('accounts.signIn.wrong');
  if (error instanceof ApiError && error.status === 429) {
    const minutes = /(\d+)/.exec(error.problem.detail ?? '')?.[1];
    return minutes ? t('accounts.signIn.lockedMinutes', { count: Number(minutes) }) : t('accounts.signIn.locked');
  }
  return error.message;
}

/** The page a team server opens on until someone signs in. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('accounts.signIn.title'));
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => authApi.signIn(email.trim(), password),
    onSuccess: session.started,
    onError: () => setPassword(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (email.trim() && password) signIn.mutate();
  };
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={700} c="indigo.8">{t('app.name')}</Text>
                <Title order={1} fz="xl" id="sign-in-title">{t('accounts.signIn.title')}</Title>
              </Stack>
              <LanguageSwitcher />
            </Group>
            <TextInput label={t('accounts.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus autoFocus />
            <SecretInput label={t('accounts.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            {signIn.error && <Alert color="red" variant="light" role="alert" py="xs">{signInError(signIn.error, t)}</Alert>}
            <Button type="submit" fullWidth loading={signIn.isPending} disabled={!email.trim() || !password}>{t('accounts.signIn.submit')}</Button>
            <Text size="xs" c="dimmed">{t('accounts.signIn.forgot')}</Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
