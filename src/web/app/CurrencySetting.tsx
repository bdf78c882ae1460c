import { Alert, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { knownCurrencies } from '../../shared/money.js';
import { settingsApi, settingsKey, useSettings } from '../core/settings.js';

const FIRST = ['KRW', 'CNY', 'USD', 'EUR', 'JPY', 'HKD', 'TWD', 'SGD', 'GBP'];

/** Every currency as a picker option, `KRW · 대한민국 원`, the usual ones first. */
export function useCurrencyOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'currency' });
    const all = knownCurrencies();
    const order = [...FIRST.filter((c) => all.includes(c)), ...all.filter((c) => !FIRST.includes(c))];
    return order.map((c) => ({ value: c, label: `${c} · ${names.of(c) ?? c}` }));
  }, [i18n.language]);
}

/** Settings → Currency: the installation's; amounts are kept in its minor units, so the server refuses a change that would alter them. */
export function CurrencySetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const save = useMutation({ mutationFn: (code: string) => settingsApi.update({ currency: code }), onSuccess: (s) => queryClient.setQueryData(settingsKey, s) });
  const data = useCurrencyOptions();
  const current = settings.data?.currency;
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={500}>{t('settings.currency')}</Text>
          <Text size="sm" c="dimmed">{current?.chosen ? t('settings.currencyHint') : t('settings.currencyDefault')}</Text>
        </Stack>
        <Select aria-label={t('settings.currency')} data={data} value={current?.code ?? null} onChange={(v) => v && save.mutate(v)} searchable allowDeselect={false} w={300} comboboxProps={{ withinPortal: true }} />
      </Group>
      {save.error && <Alert color="red" variant="light" py="xs">{save.error.message}</Alert>}
    </Stack>
  );
}
