import { Progress, Text } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { BreakdownList, type BreakdownRow } from './BreakdownList.js';
import { drillHref, type Dashboard } from './dashboardApi.js';
import { DashboardTile } from './DashboardTile.js';
import classes from './Dashboard.module.css';
import { CountFigure } from './TileFigure.js';

/** Open service feedback (waiting on the customer included), by priority, and how many are past their response or resolution due time. */
export function ServiceTile({ data }: { data: Dashboard['service'] | undefined }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);
  const max = Math.max(1, ...(data?.byPriority ?? []).map((p) => p.count));
  const rows: BreakdownRow[] = (data?.byPriority ?? []).map((p) => {
    const label = p.label ?? t('dashboard.service.noPriority');
    return {
      key: String(p.id),
      label,
      numbers: [n.format(p.count)],
      href: drillHref(p.drill),
      name: t('dashboard.service.priorityName', { count: p.count, n: n.format(p.count), priority: label }),
      bar: <Progress value={(p.count / max) * 100} size="sm" radius="xl" color="grape.5" bg="gray.1" />,
    };
  });
  return (
    <DashboardTile title={t('dashboard.service.title')} icon={IconHeadset} color="grape" loading={!data}>
      {data && (
        <>
          <div className={classes.figures}>
            <CountFigure tally={data.open} i18nKey="dashboard.service.open" />
            <CountFigure tally={data.responseOverdue} i18nKey="dashboard.service.responseOverdue" alarm />
            <CountFigure tally={data.resolutionOverdue} i18nKey="dashboard.service.resolutionOverdue" alarm />
          </div>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">{t('dashboard.service.empty')}</Text>
          ) : (
            <BreakdownList label={t('dashboard.service.byPriority')} heads={[t('dashboard.service.priority'), t('dashboard.service.count')]} rows={rows} />
          )}
        </>
      )}
    </DashboardTile>
  );
}
