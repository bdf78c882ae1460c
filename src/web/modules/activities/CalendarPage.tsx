import { Alert, Box, Group, Stack, Text, Title } from '@mantine/core';
import type { DateSelectInfo, EventChangeInfo } from '@fullcalendar/react';
import { IconAlertTriangle } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { ConflictError } from '../../core/api.js';
import { recordsApi, type EntityRecord } from '../../core/records.js';
import { useTimeZone, zoneName } from '../../core/timeZone.js';
import { activitiesApi, activityKeys } from './activitiesApi.js';
import { ActivityCalendar, type Range } from './ActivityCalendar.js';
import { RecordDialogOnDemand } from '../../core/record/RecordDialogOnDemand.js';
import { CalendarFeeds } from './CalendarFeeds.js';
import { addDays, movedBody, onDate, toEvent } from './calendarEvents.js';
import { DayActivities } from './DayActivities.js';

type Dialog = { kind: 'edit'; record: EntityRecord } | { kind: 'new'; values: Record<string, unknown> } | null;

/** M6.c–M6.e: the Calendar folder — activities by month, week and day, a clicked date's list, Edit, create by selecting, move by dragging. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const title = t('nav.calendar');
  usePageTitle(title);
  const tz = useTimeZone();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<Range | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const data = useQuery({
    queryKey: activityKeys.calendar(range?.from ?? '', range?.to ?? '', tz),
    enabled: range !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => activitiesApi.calendar(range?.from ?? '', range?.to ?? '', tz, signal),
  });
  const items = useMemo(() => data.data?.items ?? [], [data.data]);
  const events = useMemo(() => items.flatMap((a) => toEvent(a) ?? []), [items]);
  const dayItems = useMemo(() => (date ? onDate(items, date, tz) : []), [items, date, tz]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: activityKeys.all });

  const select = (info: DateSelectInfo) => {
    const values: Record<string, unknown> = info.allDay
      ? { allDay: true, startDate: info.startStr.slice(0, 10), endDate: addDays(info.endStr.slice(0, 10), -1) }
      : { allDay: false, startAt: info.start.toISOString(), endAt: info.end.toISOString() };
    setDialog({ kind: 'new', values });
  };

  // Drag and resize: PATCH with the version shown; a conflict puts the event back and says so, never overwrites.
  const move = (info: EventChangeInfo) => {
    const record = info.event.extendedProps.record as EntityRecord | undefined;
    if (!record) return info.revert();
    const e = info.event;
    const body = movedBody(e.allDay, e.start, e.end, e.startStr, e.endStr);
    recordsApi.update(activityEntity, record.id, { ...body, version: record.version }).then(
      () => {
        setProblem(null);
        refresh();
      },
      (err: unknown) => {
        info.revert();
        setProblem(err instanceof ConflictError ? t('calendar.moveConflict', { subject: record.subject }) : err instanceof Error ? err.message : String(err));
        refresh();
      },
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{title}</Title>
          <Text size="sm" c="dimmed">
            {t('calendar.hint', { tz: zoneName(tz, i18n.language) })}
          </Text>
        </div>
      </Group>
      {problem && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('edit.conflictTitle')} withCloseButton closeButtonLabel={t('action.close')} onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      {data.data?.capped && <Alert color="yellow">{t('calendar.capped')}</Alert>}
      {data.error && <Alert color="red">{data.error.message}</Alert>}
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Box style={{ flex: 1, minWidth: 0 }}>
          <ActivityCalendar
            tz={tz}
            events={events}
            selectedDate={date}
            onRange={setRange}
            onDateClick={setDate}
            onSelect={select}
            onEventClick={(r) => setDialog({ kind: 'edit', record: r })}
            onMove={move}
          />
        </Box>
        <Box w={320} style={{ flex: 'none' }}>
          <DayActivities date={date} items={dayItems} tz={tz} onEdit={(r) => setDialog({ kind: 'edit', record: r })} />
        </Box>
      </Group>
      <CalendarFeeds />
      <RecordDialogOnDemand
        entity={activityEntity}
        opened={dialog !== null}
        record={dialog?.kind === 'edit' ? dialog.record : undefined}
        initialValues={dialog?.kind === 'new' ? dialog.values : undefined}
        onClose={() => setDialog(null)}
        onSaved={refresh}
      />
    </Stack>
  );
}
