import { Group, Progress, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconEqual, IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { drillHref, type Dashboard, type SalesTally } from './dashboardApi.js';
import { DashboardTile } from './DashboardTile.js';
import classes from './Dashboard.module.css';
import { TileFigure } from './TileFigure.js';

/** This month's sales (cancelled ones apart) against last month's, with the difference in money and per cent. */
export function SalesTile({ data }: { data: Dashboard['sales'] | undefined }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const locale = i18n.language;
  const n = new Intl.NumberFormat(locale);
  // A period's first day names its month; dates are calendar days, so they are read in UTC.
  const month = (p: SalesTally) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${p.period.from}T00:00:00Z`));
  const chars = data ? Math.max(money(data.thisMonth.value).length, money(data.lastMonth.value).length) : undefined;
  const figure = (s: SalesTally, key: 'thisMonth' | 'lastMonth') => (
    <TileFigure
      value={money(s.value)}
      label={`${t(`dashboard.sales.${key}`)} · ${t('dashboard.sales.count', { count: s.count, n: n.format(s.count) })}`}
      name={t('dashboard.sales.figureName', { count: s.count, n: n.format(s.count), amount: money(s.value), month: month(s) })}
      href={drillHref(s.drill)}
      chars={chars}
    />
  );
  return (
    <DashboardTile title={t('dashboard.sales.title')} icon={IconReceipt} color="teal" loading={!data}>
      {data && (
        <>
          <div className={classes.figures}>
            {figure(data.thisMonth, 'thisMonth')}
            {figure(data.lastMonth, 'lastMonth')}
          </div>
          {data.thisMonth.count === 0 && data.lastMonth.count === 0 ? (
            <Text size="sm" c="dimmed">{t('dashboard.sales.empty')}</Text>
          ) : (
            <>
              <Change diff={data.diff} pct={data.pct} />
              <Comparison rows={[{ label: month(data.thisMonth), value: data.thisMonth.value, color: 'teal.6' }, { label: month(data.lastMonth), value: data.lastMonth.value, color: 'gray.5' }]} />
            </>
          )}
        </>
      )}
    </DashboardTile>
  );
}

/** Up or down said with a word and a sign, not by colour alone. */
function Change({ diff, pct }: { diff: number; pct: number | null }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const percent = pct === null ? null : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(pct);
  // The word says the direction; the per cent keeps its sign, so the change reads without colour.
  const amount = money(Math.abs(diff));
  const [Icon, color, text] = diff > 0
    ? [IconArrowUpRight, 'teal.8', percent ? t('dashboard.sales.up', { diff: amount, pct: percent }) : t('dashboard.sales.upFromNone', { diff: amount })]
    : diff < 0
      ? [IconArrowDownRight, 'red.8', t('dashboard.sales.down', { diff: amount, pct: percent ?? '' })]
      : [IconEqual, 'gray.7', t('dashboard.sales.same')];
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Icon size={20} stroke={2} color={`var(--mantine-color-${color.replace('.', '-')})`} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" fw={600} c={color}>{text}</Text>
    </Group>
  );
}

/** Two months side by side as bars, for the eye: the numbers above say the same in words. */
function Comparison({ rows }: { rows: { label: string; value: number; color: string }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div aria-hidden style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '4px 12px', alignItems: 'center' }}>
      {rows.map((r) => [
        <Text key={`${r.label}-l`} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{r.label}</Text>,
        <Progress key={`${r.label}-b`} value={(Math.max(0, r.value) / max) * 100} color={r.color} size="md" radius="xl" bg="gray.1" />,
      ])}
    </div>
  );
}
