import { Progress, Text } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { BreakdownList, type BreakdownRow } from './BreakdownList.js';
import { drillHref, type Dashboard } from './dashboardApi.js';
import { DashboardTile } from './DashboardTile.js';
import classes from './Dashboard.module.css';
import { CountFigure, TileFigure } from './TileFigure.js';

/** The open pipeline: its totals, then each stage in the stages' order with count, amount and weighted amount. */
export function PipelineTile({ data }: { data: Dashboard['pipeline'] | undefined }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const n = new Intl.NumberFormat(i18n.language);
  const max = Math.max(1, ...(data?.stages ?? []).map((s) => s.amount));
  const rows: BreakdownRow[] = (data?.stages ?? []).map((s) => {
    const label = s.label ?? t('dashboard.pipeline.noStage');
    return {
      key: String(s.id),
      label,
      numbers: [n.format(s.count), money(s.amount), money(s.weighted)],
      href: drillHref(s.drill),
      name: t('dashboard.pipeline.stageName', { count: s.count, n: n.format(s.count), stage: label, amount: money(s.amount), weighted: money(s.weighted) }),
      // The whole bar is the stage's amount against the largest stage; its dark part is the weighted amount.
      bar: (
        <Progress.Root size="sm" radius="xl" bg="gray.1">
          <Progress.Section value={(s.weighted / max) * 100} color="indigo.6" />
          <Progress.Section value={(Math.max(0, s.amount - s.weighted) / max) * 100} color="indigo.2" />
        </Progress.Root>
      ),
    };
  });
  const total = data?.total;
  const moneyChars = total ? Math.max(money(total.amount).length, money(total.weighted).length) : undefined;
  return (
    <DashboardTile title={t('dashboard.pipeline.title')} icon={IconTargetArrow} color="indigo" loading={!data}>
      {total && (rows.length === 0 ? (
        <Text size="sm" c="dimmed">{t('dashboard.pipeline.empty')}</Text>
      ) : (
        <>
          <div className={`${classes.figures} ${classes.figuresCountFirst}`}>
            <CountFigure tally={total} i18nKey="dashboard.pipeline.open" />
            {(['amount', 'weighted'] as const).map((k) => (
              <TileFigure
                key={k}
                value={money(total[k])}
                label={t(`dashboard.pipeline.${k}`)}
                name={t(`dashboard.pipeline.${k}Name`, { count: total.count, n: n.format(total.count), amount: money(total[k]) })}
                href={drillHref(total.drill)}
                chars={moneyChars}
              />
            ))}
          </div>
          <BreakdownList
            label={t('dashboard.pipeline.byStage')}
            heads={[t('dashboard.pipeline.stage'), t('dashboard.pipeline.count'), t('dashboard.pipeline.amount'), t('dashboard.pipeline.weighted')]}
            rows={rows}
          />
          <Text size="xs" c="dimmed">{t('dashboard.pipeline.hint')}</Text>
        </>
      ))}
    </DashboardTile>
  );
}
