import { Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodOptions } from '../../../shared/analysis.js';
import { PERIOD_KINDS, resolvePeriod } from '../../../shared/periods.js';
import { installationToday } from '../../core/timeZone.js';

/** The period of an analysis: a named one (this month … the last n months) or a custom range, with the dates it means. */
export function PeriodFields({ value, onChange, errors }: { value: PeriodOptions; onChange: (v: PeriodOptions) => void; errors: Partial<Record<'from' | 'to', string>> }) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const show = (d: string) => dates.format(new Date(`${d}T00:00:00Z`));
  const resolved = value.period === 'custom' ? null : resolvePeriod(value.period, installationToday(), value.months);
  return (
    <>
      <Group grow align="flex-start">
        <Select
          label={t('analysis.field.period')}
          data={PERIOD_KINDS.map((p) => ({ value: p, label: t(`analysis.period.${p}`) }))}
          value={value.period}
          onChange={(p) => p && onChange({ ...value, period: p as PeriodOptions['period'] })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        {value.period === 'lastMonths' && (
          <NumberInput label={t('analysis.field.months')} min={1} max={120} value={value.months} onChange={(n) => onChange({ ...value, months: typeof n === 'number' ? Math.min(120, Math.max(1, Math.round(n))) : value.months })} />
        )}
      </Group>
      {value.period === 'custom' ? (
        <Group grow align="flex-start">
          <TextInput type="date" label={t('analysis.field.from')} value={value.from ?? ''} onChange={(e) => onChange({ ...value, from: e.currentTarget.value || null })} error={errors.from} required />
          <TextInput type="date" label={t('analysis.field.to')} value={value.to ?? ''} onChange={(e) => onChange({ ...value, to: e.currentTarget.value || null })} error={errors.to} required />
        </Group>
      ) : resolved && (
        <Text size="sm" c="dimmed">{t('analysis.periodIs', { from: show(resolved.from), to: show(resolved.to) })}</Text>
      )}
    </>
  );
}

/** What is wrong with a period as typed (the server checks it again). */
export function periodErrors(value: PeriodOptions, t: (k: string) => string): Partial<Record<'from' | 'to', string>> {
  if (value.period !== 'custom') return {};
  const out: Partial<Record<'from' | 'to', string>> = {};
  if (!value.from) out.from = t('analysis.error.required');
  if (!value.to) out.to = t('analysis.error.required');
  if (value.from && value.to && value.to < value.from) out.to = t('analysis.error.toBeforeFrom');
  return out;
}
