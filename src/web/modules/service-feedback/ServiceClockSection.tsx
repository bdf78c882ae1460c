import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconClockPause, IconClockCheck, IconClockExclamation, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { workingMinutesBetween } from '../../../shared/working-time.js';
import type { RecordSectionProps } from '../../core/extensions.js';
import { useSettings } from '../../core/settings.js';
import { useTimeZone } from '../../core/timeZone.js';
import { useWorkingTime } from './serviceApi.js';

type Clock = { state: 'met' | 'overdue' | 'running' | 'paused' | 'stopped'; at: string | null };

const ms = (v: unknown) => (typeof v === 'string' ? Date.parse(v) : Number.NaN);

/**
 * The service clock of a request (M9), above its fields in the dialog and on its page: when the first
 * response and the resolution are due, how much working time is left or how late they are, paused while
 * waiting on the customer, stopped once resolved.
 */
export function ServiceClockSection({ record }: RecordSectionProps) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const installationZone = useSettings().data?.installationTimeZone.zone ?? tz;
  const w = useWorkingTime().data;
  if (!record || !w) return null;
  const now = Date.now();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const left = (due: number) => {
    const minutes = due > now ? workingMinutesBetween(now, due, w, installationZone) : workingMinutesBetween(due, now, w, installationZone);
    return t('clock.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
  const response: Clock = typeof record.firstRespondedAt === 'string' ? { state: 'met', at: record.firstRespondedAt }
    : typeof record.responseDueAt === 'string' ? { state: ms(record.responseDueAt) < now ? 'overdue' : 'running', at: record.responseDueAt }
      : typeof record.clockPausedAt === 'string' ? { state: 'paused', at: record.clockPausedAt } : { state: 'stopped', at: null };
  const resolution: Clock = typeof record.resolvedAt === 'string' ? { state: 'met', at: record.resolvedAt }
    : typeof record.resolutionDueAt === 'string' ? { state: ms(record.resolutionDueAt) < now ? 'overdue' : 'running', at: record.resolutionDueAt }
      : typeof record.clockPausedAt === 'string' ? { state: 'paused', at: record.clockPausedAt } : { state: 'stopped', at: null };

  const line = (title: string, c: Clock): ReactNode => {
    const at = c.at ? when.format(new Date(c.at)) : '';
    const [color, icon, text] = c.state === 'met' ? ['teal', <IconClockCheck key="i" size={14} aria-hidden />, t('clock.metAt', { when: at })]
      : c.state === 'overdue' ? ['red', <IconClockExclamation key="i" size={14} aria-hidden />, t('clock.overdueBy', { when: at, left: left(ms(c.at)) })]
        : c.state === 'running' ? ['blue', <IconClock key="i" size={14} aria-hidden />, t('clock.dueAt', { when: at, left: left(ms(c.at)) })]
          : c.state === 'paused' ? ['yellow', <IconClockPause key="i" size={14} aria-hidden />, t('clock.pausedSince', { when: at })]
            : ['gray', <IconClock key="i" size={14} aria-hidden />, t('clock.noTarget')];
    return (
      <Stack gap={2}>
        <Text size="xs" c="dimmed">{title}</Text>
        <Group gap={6} wrap="nowrap">
          <Badge color={color} variant="light" leftSection={icon} style={{ flex: 'none' }}>{t(`clock.state.${c.state}`)}</Badge>
          <Text size="sm">{text}</Text>
        </Group>
      </Stack>
    );
  };
  return (
    <Paper withBorder p="sm" bg="gray.0" component="section" aria-label={t('serviceFeedback.section.clock')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {line(t('serviceFeedback.field.firstRespondedAt'), response)}
        {line(t('clock.resolution'), resolution)}
      </SimpleGrid>
    </Paper>
  );
}
