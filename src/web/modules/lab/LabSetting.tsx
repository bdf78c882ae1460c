import { Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notify } from '../../core/notify.js';
import { labApi, labKey, useLab } from './labApi.js';

/** Settings → Guided lab: a company that does not do the lab turns it off (the Lab button goes away). */
export function LabSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lab = useLab();
  const change = useMutation({
    mutationFn: (enabled: boolean) => labApi.setEnabled(enabled),
    onSuccess: (state) => {
      queryClient.setQueryData(labKey, state);
      notify({ color: 'teal', message: t(state.enabled ? 'lab.turnedOn' : 'lab.turnedOff') });
    },
  });
  if (!lab.data) return null;
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Stack gap={0}>
        <Text fw={500} id="lab-setting-title">{t('lab.settingTitle')}</Text>
        <Text size="sm" c="dimmed">{t('lab.settingHint')}</Text>
      </Stack>
      <Switch
        aria-labelledby="lab-setting-title"
        checked={lab.data.enabled}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.checked)}
        label={t(lab.data.enabled ? 'lab.on' : 'lab.off')}
      />
    </Group>
  );
}
