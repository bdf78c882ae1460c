import { Button, NumberInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { settingsApi, settingsKey, useSettings } from '../core/settings.js';
import { SettingRow } from './SettingRow.js';

const MB = 1024 * 1024;
/** The server allows 1 KB to 100 MB; in MB with two decimals the smallest step is 0.01 MB (about 10 KB). */
const MIN_MB = 0.01;
const MAX_MB = 100;

/** Settings → Largest attachment: the size limit of each attached file, in MB. */
export function AttachmentSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const stored = settings.data ? Number((settings.data.attachmentMaxBytes / MB).toFixed(2)) : undefined;
  const [mb, setMb] = useState<number | string>('');
  useEffect(() => { if (stored !== undefined) setMb(stored); }, [stored]);
  const valid = typeof mb === 'number' && mb >= MIN_MB && mb <= MAX_MB;
  const save = useMutation({
    mutationFn: () => settingsApi.update({ attachmentMaxBytes: Math.max(1024, Math.round(Number(mb) * MB)) }),
    onSuccess: (s) => { queryClient.setQueryData(settingsKey, s); notify({ color: 'teal', message: t('settings.attachmentMaxSaved') }); },
  });
  return (
    <SettingRow title={t('settings.attachmentMax')} hint={t('settings.attachmentMaxHint')} onSubmit={() => { if (valid) save.mutate(); }}>
      <NumberInput aria-label={t('settings.attachmentMax')} value={mb} onChange={setMb} min={MIN_MB} max={MAX_MB} decimalScale={2} step={1} w={140}
        rightSection={<Text size="sm" c="dimmed">MB</Text>} rightSectionWidth={40} error={save.error?.message} />
      <Button type="submit" variant="default" loading={save.isPending} disabled={!valid || mb === stored}>{t('action.save')}</Button>
    </SettingRow>
  );
}
