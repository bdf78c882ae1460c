import { Alert, Button, Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workingTimeProblem, type WorkingTime } from '../../../shared/working-time.js';
import { notify } from '../../core/notify.js';
import { recordKeys } from '../../core/records.js';
import { serviceFeedbackEntity } from '../../../shared/entities/service-feedback.entity.js';
import { serviceApi, useWorkingTime, workingTimeKey } from './serviceApi.js';

/** Settings → Working time: the days and hours the service clock counts, in the installation's time zone. */
export function WorkingTimeSetting() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const stored = useWorkingTime();
  const [form, setForm] = useState<WorkingTime | null>(null);
  useEffect(() => { if (stored.data) setForm(stored.data); }, [stored.data]);
  // Monday first, each named in the UI language (a Monday in 2026-01-05's week).
  const dayNames = useMemo(() => [1, 2, 3, 4, 5, 6, 7].map((d) => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + d)))), [i18n.language]);
  const save = useMutation({
    mutationFn: (w: WorkingTime) => serviceApi.setWorkingTime(w),
    onSuccess: (w) => {
      queryClient.setQueryData(workingTimeKey, w);
      // Running clocks were re-timed on the server.
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(serviceFeedbackEntity) });
      notify({ color: 'teal', message: t('workingTime.saved') });
    },
  });
  if (!form) return null;
  const problem = workingTimeProblem(form);
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (!problem) save.mutate(form); }}>
      <Stack gap="xs">
        <Text fw={500}>{t('workingTime.title')}</Text>
        <Text size="sm" c="dimmed">{t('workingTime.hint')}</Text>
        <Group gap="xs" role="group" aria-label={t('workingTime.days')}>
          {dayNames.map((name, i) => (
            <Chip key={name} size="sm" checked={form.days.includes(i + 1)}
              onChange={(on) => setForm({ ...form, days: on ? [...form.days, i + 1].sort() : form.days.filter((d) => d !== i + 1) })}>
              {name}
            </Chip>
          ))}
        </Group>
        <Group gap="sm" align="flex-end">
          <TextInput type="time" label={t('workingTime.start')} value={form.start} onChange={(e) => setForm({ ...form, start: e.currentTarget.value })} w={140} />
          <TextInput type="time" label={t('workingTime.end')} value={form.end} onChange={(e) => setForm({ ...form, end: e.currentTarget.value })} w={140} />
          <Button type="submit" variant="default" loading={save.isPending} disabled={problem !== null || JSON.stringify(form) === JSON.stringify(stored.data)}>{t('action.save')}</Button>
        </Group>
        {problem && <Text size="sm" c="red">{t('workingTime.invalid')}</Text>}
        {save.error && <Alert color="red" variant="light" py="xs">{save.error.message}</Alert>}
      </Stack>
    </form>
  );
}
