import { Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi, settingsKey } from '../core/settings.js';
import { browserTimeZone } from '../core/timeZone.js';

const BROWSER = '';

/** Settings → Time zone: instants are shown in it; empty means the browser's. */
export function TimeZoneSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: settingsApi.get });
  const save = useMutation({ mutationFn: (tz: string | null) => settingsApi.update({ timeZone: tz }), onSuccess: (s) => queryClient.setQueryData(settingsKey, s) });
  const data = useMemo(
    () => [{ value: BROWSER, label: t('settings.browserTimeZone', { tz: browserTimeZone() }) }, ...Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }))],
    [t],
  );
  return (
    <Group justify="space-between" wrap="nowrap">
      <Stack gap={0}>
        <Text fw={500}>{t('settings.timeZone')}</Text>
        <Text size="sm" c="dimmed">
          {t('settings.timeZoneHint')}
        </Text>
      </Stack>
      <Select
        aria-label={t('settings.timeZone')}
        data={data}
        value={settings.data?.timeZone ?? BROWSER}
        onChange={(v) => save.mutate(v ? v : null)}
        searchable
        allowDeselect={false}
        w={300}
        error={save.error?.message}
        comboboxProps={{ withinPortal: true }}
      />
    </Group>
  );
}
