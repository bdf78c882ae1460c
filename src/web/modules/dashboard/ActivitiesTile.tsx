import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { labelOf } from '../../core/records.js';
import { dueStateOf, useTimeZone } from '../../core/timeZone.js';
import { activityWhen } from '../activities/activityTime.js';
import type { Dashboard } from './dashboardApi.js';
import { DashboardTile } from './DashboardTile.js';
import classes from './Dashboard.module.css';
import { CountFigure } from './TileFigure.js';

/** Contact activities due today and overdue, and the first few of them (overdue first) with their time. */
export function ActivitiesTile({ data }: { data: Dashboard['activities'] | undefined }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  return (
    <DashboardTile title={t('dashboard.activities.title')} icon={IconChecklist} color="blue" loading={!data}>
      {data && (
        <>
          <div className={classes.figures}>
            <CountFigure tally={data.dueToday} i18nKey="dashboard.activities.dueToday" />
            <CountFigure tally={data.overdue} i18nKey="dashboard.activities.overdue" alarm />
          </div>
          <Text size="sm" fw={600}>{t('dashboard.activities.next')}</Text>
          {data.next.length === 0 ? (
            <Text size="sm" c="dimmed">{t('dashboard.activities.empty')}</Text>
          ) : (
            <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('dashboard.activities.next')}>
              {data.next.map((a) => {
                const overdue = typeof a.dueAt === 'string' && dueStateOf(a.dueAt, tz) === 'overdue';
                return (
                  <li key={a.id}>
                    <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                      <Stack gap={0} miw={0}>
                        <Anchor component={Link} href={`/activities/${a.id}`} size="sm" fw={500} lineClamp={1}>
                          {String(a.subject ?? `#${a.id}`)}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {[activityWhen(a, tz, i18n.language, t('activity.field.allDay')), labelOf(a, 'customerId')].filter(Boolean).join(' · ')}
                        </Text>
                      </Stack>
                      {overdue && (
                        <Badge size="sm" color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden />} style={{ flexShrink: 0 }}>
                          {t('list.due.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </li>
                );
              })}
            </Stack>
          )}
        </>
      )}
    </DashboardTile>
  );
}
