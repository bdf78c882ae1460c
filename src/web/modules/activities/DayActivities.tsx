import { Badge, Button, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { labelOf, type EntityRecord } from '../../core/records.js';
import { activityTimeOfDay } from './activityTime.js';

interface Props {
  date: string | null;
  items: EntityRecord[];
  tz: string;
  onEdit: (a: EntityRecord) => void;
}

/** The side list of the clicked date: each activity's time, subject, customer and status, with Edit. */
export function DayActivities({ date, items, tz, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const heading = date ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) : t('calendar.pickDate');
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('calendar.dayList')} h="100%">
      <Title order={3} fz="md" mb="xs">
        {heading}
      </Title>
      {date && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('calendar.noneOnDate')}
        </Text>
      )}
      {!date && (
        <Text size="sm" c="dimmed">
          {t('calendar.pickDateHint')}
        </Text>
      )}
      <ScrollArea.Autosize mah={620}>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((a) => {
            const ended = a.status === 'ended';
            const customer = labelOf(a, 'customerId');
            return (
              <Paper key={a.id} component="li" withBorder p="xs" radius="sm" bg={ended ? 'gray.0' : undefined} aria-label={String(a.subject ?? '')}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="xs" c="dimmed">
                      {activityTimeOfDay(a, tz, i18n.language, t('activity.field.allDay'))}
                    </Text>
                    <Text size="sm" fw={500} td={ended ? 'line-through' : undefined} c={ended ? 'dimmed' : undefined} truncate>
                      {String(a.subject ?? '')}
                    </Text>
                    {customer && (
                      <Text size="xs" truncate>
                        {customer}
                      </Text>
                    )}
                    <Badge size="xs" variant="light" color={ended ? 'teal' : 'blue'} leftSection={ended ? <IconCircleCheck size={10} aria-hidden /> : undefined}>
                      {t(`activity.status.${ended ? 'ended' : 'planned'}`)}
                    </Badge>
                  </Stack>
                  <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => onEdit(a)}>
                    {t('action.edit')}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
