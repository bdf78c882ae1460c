import { Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsApi, settingsKey, useSettings, type SettingsChange } from '../core/settings.js';
import { browserTimeZone, zoneName, zoneOptions } from '../core/timeZone.js';

const BROWSER = '';

/**
 * Settings → the installation's time zone (the server's today, numbering and export dates) and the
 * zone this user sees times in (empty: the browser's). Zones read as people say them, in the UI language.
 * Without the right to change the installation (issue 15) its zone is shown, not offered.
 */
export function TimeZoneSetting({ installation = true }: { installation?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const save = useMutation({ mutationFn: (body: SettingsChange) => settingsApi.update(body), onSuccess: (s) => queryClient.setQueryData(settingsKey, s) });
  const zones = useMemo(() => zoneOptions(i18n.language), [i18n.language]);
  const own = useMemo(() => [{ value: BROWSER, label: t('settings.browserTimeZone', { tz: zoneName(browserTimeZone(), i18n.language) }) }, ...zones], [t, i18n.language, zones]);
  const row = (label: string, hint: string, select: ReactNode) => (
    <Group justify="space-between" wrap="nowrap">
      <Stack gap={0}>
        <Text fw={500}>{label}</Text>
        <Text size="sm" c="dimmed">{hint}</Text>
      </Stack>
      {select}
    </Group>
  );
  return (
    <Stack gap="md">
      {row(t('settings.installationTimeZone'), t('settings.installationTimeZoneHint'), (
        <Select aria-label={t('settings.installationTimeZone')} data={zones} value={settings.data?.installationTimeZone.zone ?? null}
          onChange={(v) => v && save.mutate({ installationTimeZone: v })} disabled={!installation} searchable allowDeselect={false} w={360} comboboxProps={{ withinPortal: true }} />
      ))}
      {row(t('settings.timeZone'), t('settings.timeZoneHint'), (
        <Select aria-label={t('settings.timeZone')} data={own} value={settings.data?.timeZone ?? BROWSER} onChange={(v) => save.mutate({ timeZone: v ? v : null })}
          searchable allowDeselect={false} w={360} error={save.error?.message} comboboxProps={{ withinPortal: true }} />
      ))}
    </Stack>
  );
}
