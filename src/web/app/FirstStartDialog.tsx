import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyOf, defaultCurrencyFor } from '../../shared/money.js';
import { settingsApi, settingsKey, type Settings, type SettingsChange } from '../core/settings.js';
import { browserTimeZone, zoneOptions } from '../core/timeZone.js';
import { useCurrencyOptions } from './CurrencySetting.js';
import { LANGUAGES, isLanguage, rememberLanguage } from './i18n.js';
import { AdminSetupFields, adminProblems, emptyAdmin, type AdminAnswer } from '../auth/AdminSetupFields.js';
import { authApi, meKey } from '../auth/authApi.js';
import type { Me } from '../auth/types.js';
import { useMeQuery } from '../auth/useMe.js';

/** The browser's locale, for the currency a new installation most likely keeps its amounts in. */
const browserLocale = () => navigator.languages?.[0] ?? navigator.language ?? 'en';

/**
 * The first start (issue 10): before anything is entered, the owner says which language, currency
 * and time zone the installation uses, and their name (else they are "Local user"). Each answer is
 * already filled in from the browser, so one click on Start accepts them all. A new installation (issue 15,
 * mode `setup`) also names its administrator, or on SQLite goes on without sign-in on this computer.
 */
export function FirstStartDialog({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(settings.userName ?? '');
  const [currency, setCurrency] = useState(settings.currency.chosen || settings.currency.amountsStored ? settings.currency.code : defaultCurrencyFor(browserLocale()));
  const [zone, setZone] = useState(settings.installationTimeZone.chosen ? settings.installationTimeZone.zone : browserTimeZone());
  const currencies = useCurrencyOptions();
  const zones = useMemo(() => zoneOptions(i18n.language), [i18n.language]);
  // Amounts already stored (a seed ran first) keep their minor units: only a currency with the same decimals may follow.
  const allowed = settings.currency.amountsStored ? currencies.filter((c) => currencyOf(c.value).digits === settings.currency.digits) : currencies;

  const me = useMeQuery().data;
  // Asked once: after the account is made the mode changes, and a retried Start must not ask again.
  const [askAdmin] = useState(me?.mode === 'setup');
  const [admin, setAdmin] = useState<AdminAnswer>(emptyAdmin);
  const [checked, setChecked] = useState(false);
  const problems = askAdmin ? adminProblems(admin, name) : {};

  const save = useMutation({
    mutationFn: async (body: SettingsChange) => {
      if (askAdmin && queryClient.getQueryData<Me>(meKey)?.mode === 'setup') {
        const next = await authApi.setup(admin.signIn === 'local' ? { mode: 'local' } : { name: name.trim(), email: admin.email.trim(), password: admin.password });
        queryClient.setQueryData(meKey, next);
      }
      return settingsApi.update(body);
    },
    onSuccess: (next) => {
      queryClient.setQueryData(settingsKey, next);
      // The name given here is the user's name in `me` too.
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) return;
    save.mutate({ locale: i18n.language, ...(name.trim() ? { userName: name.trim() } : {}), currency, installationTimeZone: zone, setupDone: true });
  };

  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} closeOnClickOutside={false} centered size={askAdmin ? 720 : 560}
      title={t('setup.title')} styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('setup.hint')}</Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="setup-language">{t('settings.language')}</Text>
            <SegmentedControl aria-labelledby="setup-language" value={i18n.language} data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
              onChange={(v) => { if (isLanguage(v)) rememberLanguage(v); }} />
          </Stack>
          <TextInput label={t('setup.name')} description={askAdmin && admin.signIn === 'account' ? t('accounts.setup.nameHint') : t('setup.nameHint')}
            placeholder={t('setup.namePlaceholder')} value={name} maxLength={120} required={askAdmin && admin.signIn === 'account'}
            error={checked && problems.name ? t(problems.name) : undefined} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          {askAdmin && <AdminSetupFields value={admin} onChange={setAdmin} allowLocal={me?.database === 'sqlite'} problems={checked ? problems : {}} />}
          <Select label={t('settings.currency')} description={settings.currency.amountsStored ? t('setup.currencyStored', { code: settings.currency.code }) : t('setup.currencyHint')}
            data={allowed} value={currency} onChange={(v) => v && setCurrency(v)} searchable allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          <Select label={t('settings.installationTimeZone')} description={t('setup.timeZoneHint')} data={zones} value={zone} onChange={(v) => v && setZone(v)}
            searchable allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          {save.error && <Alert color="red" variant="light" py="xs">{save.error.message}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>{t('setup.start')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
