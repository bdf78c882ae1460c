import { ActionIcon, Indicator, Popover, Stack, Text, Group, CloseButton, Title } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../core/timeZone.js';
import { labelOf } from '../../core/records.js';
import { activitiesApi, activityKeys } from './activitiesApi.js';
import { activityWhen } from './activityTime.js';

/** Due reminders in the header: a bell with their count (asked every minute while the app is open) and a list to dismiss them. */
export function RemindersBell() {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const queryClient = useQueryClient();
  const due = useQuery({ queryKey: activityKeys.reminders, queryFn: ({ signal }) => activitiesApi.reminders(signal), refetchInterval: 60_000 });
  const dismiss = useMutation({ mutationFn: activitiesApi.dismissReminder, onSuccess: () => void queryClient.invalidateQueries({ queryKey: activityKeys.reminders }) });
  const count = due.data?.count ?? 0;
  const items = due.data?.items ?? [];
  return (
    <Popover position="bottom-end" width={340} shadow="md" withArrow>
      <Popover.Target>
        <Indicator label={count} size={16} disabled={count === 0} color="red" offset={4}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('reminders.label', { count })}>
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Title order={2} fz="sm" mb="xs">
          {t('reminders.title')}
        </Title>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('reminders.none')}
          </Text>
        )}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((a) => (
            <Group key={a.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {String(a.subject ?? '')}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {activityWhen(a, tz, i18n.language, t('activity.field.allDay'))}
                  {labelOf(a, 'customerId') ? ` · ${labelOf(a, 'customerId')}` : ''}
                </Text>
              </div>
              <CloseButton aria-label={t('reminders.dismiss', { subject: String(a.subject ?? '') })} onClick={() => dismiss.mutate(a.id)} />
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
