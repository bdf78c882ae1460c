import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconRotate } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../core/timeZone.js';
import { activitiesApi, activityKeys } from './activitiesApi.js';

/** What happened to an activity: each End activity and Reopen, when and by whom. */
export function ActivityEvents({ id, version }: { id: number; version: number }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const events = useQuery({ queryKey: [...activityKeys.events(id), version], queryFn: ({ signal }) => activitiesApi.events(id, signal) });
  const items = events.data?.items ?? [];
  if (items.length === 0) return null;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  return (
    <List spacing={4} size="sm" aria-label={t('activity.events')} center>
      {items.map((e, i) => (
        <List.Item
          key={i}
          icon={
            <ThemeIcon size={18} radius="xl" variant="light" color={e.action === 'end' ? 'teal' : 'gray'}>
              {e.action === 'end' ? <IconCircleCheck size={12} aria-hidden /> : <IconRotate size={12} aria-hidden />}
            </ThemeIcon>
          }
        >
          <Text size="sm" span>
            {t(e.action === 'end' ? 'activity.eventEnded' : 'activity.eventReopened', { when: when.format(new Date(e.at)), who: e.byLabel ?? t('activity.someone') })}
          </Text>
          {e.outcome && (
            <Text size="xs" c="dimmed" span ml={6}>
              — {e.outcome}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
