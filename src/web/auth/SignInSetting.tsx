import { Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DisableSignInDialog } from './DisableSignInDialog.js';
import { EnableSignInDialog } from './EnableSignInDialog.js';
import { useTranslation } from 'react-i18next';
import { SettingRow } from '../app/SettingRow.js';
import { notify } from '../core/notify.js';
import { settingsApi, settingsKey, useSettings, type Settings, type SettingsChange } from '../core/settings.js';
import { meKey } from './authApi.js';
import type { Me } from './types.js';
import { useMe } from './useMe.js';

/** Whether the section has anything to show: the sign-in choice (SQLite, once set up) or the retention (a server that keeps an audit trail). */
export function hasSignInSetting(me: Me | undefined, settings: Settings | undefined): boolean {
  return Boolean(me && (me.database === 'sqlite' && me.mode !== 'setup' || (settings && 'auditRetentionDays' in settings)));
}

/**
 * Settings → Sign-in (SQLite only: a team server always signs in) and how long the audit trail is kept.
 * Shown to those with the special right `settings`.
 */
export function SignInSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { me, hasSpecial } = useMe();
  const settings = useSettings().data;
  const [days, setDays] = useState<number | string>('');
  const [enabling, setEnabling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  useEffect(() => { if (settings) setDays(settings.auditRetentionDays ?? ''); }, [settings]);
  const save = useMutation({
    mutationFn: (change: SettingsChange) => settingsApi.update(change),
    onSuccess: (next, change) => {
      queryClient.setQueryData(settingsKey, next);
      setDisabling(false);
      if (change.signIn) void queryClient.invalidateQueries({ queryKey: meKey });
      notify({ color: 'teal', message: t('accounts.settings.saved') });
    },
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  if (!me || !hasSpecial('settings')) return null;
  const signIn = me.mode === 'local' ? 'local' : 'required';
  const retention = days === '' ? null : Number(days);
  return (
    <Stack gap="md">
      {me.database === 'sqlite' && me.mode !== 'setup' && (
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Stack gap={0}>
            <Text fw={500} id="sign-in-choice">{t('accounts.settings.signIn')}</Text>
            <Text size="sm" c="dimmed">{t(signIn === 'local' ? 'accounts.settings.signInLocalHint' : 'accounts.settings.signInRequiredHint')}</Text>
          </Stack>
          <SegmentedControl aria-labelledby="sign-in-choice" value={signIn} disabled={save.isPending}
            data={[{ value: 'required', label: t('accounts.settings.required') }, { value: 'local', label: t('accounts.setup.local') }]}
            onChange={(v) => {
              // Turning sign-in on first gives the local user an email and a password to sign in with.
              if (v === 'required') setEnabling(true);
              else if (v === 'local') setDisabling(true);
            }} />
        </Group>
      )}
      {settings && 'auditRetentionDays' in settings && (
        <SettingRow title={t('accounts.settings.retention')} hint={t('accounts.settings.retentionHint')} onSubmit={() => save.mutate({ auditRetentionDays: retention })}>
          <NumberInput aria-label={t('accounts.settings.retention')} placeholder={t('accounts.settings.forever')} min={1} max={36500} allowDecimal={false} w={160}
            value={days} onChange={setDays} suffix={` ${t('accounts.settings.days')}`} />
          <Button type="submit" variant="default" loading={save.isPending} disabled={retention === (settings.auditRetentionDays ?? null)}>{t('action.save')}</Button>
        </SettingRow>
      )}
      {enabling && me.user && <EnableSignInDialog user={me.user} onClose={() => setEnabling(false)} />}
      {disabling && <DisableSignInDialog busy={save.isPending} onClose={() => setDisabling(false)} onConfirm={() => save.mutate({ signIn: 'local' })} />}
    </Stack>
  );
}
