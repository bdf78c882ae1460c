import { Checkbox, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  BASES_OF, COMPARES, COMPOSITION_BY, LINE_BREAKDOWNS, MAX_TOP, TREND_MEASURES, TREND_SERIES,
  type CompositionOptions, type FilterOptions, type FunnelOptions, type TrendOptions,
} from '../../../shared/analysis.js';
import { GRANULARITIES } from '../../../shared/periods.js';
import { DictionaryIdsSelect, UserIdsSelect } from './IdsSelect.js';
import { PeriodFields } from './PeriodFields.js';

type Errors = Partial<Record<'from' | 'to', string>>;
const portal = { withinPortal: true };

/** Customer type, region and owner: the filters every sales analysis offers. */
function FilterFields<T extends FilterOptions>({ value, onChange }: { value: T; onChange: (v: T) => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={3}>
      <DictionaryIdsSelect dictionary="customer-type" label={t('analysis.by.customerType')} value={value.customerType} onChange={(customerType) => onChange({ ...value, customerType })} />
      <DictionaryIdsSelect dictionary="region" label={t('analysis.by.region')} value={value.region} onChange={(region) => onChange({ ...value, region })} />
      <UserIdsSelect label={t('analysis.by.owner')} value={value.owner} onChange={(owner) => onChange({ ...value, owner })} />
    </SimpleGrid>
  );
}

function CompareSelect<T extends { compare: TrendOptions['compare'] }>({ value, onChange }: { value: T; onChange: (v: T) => void }) {
  const { t } = useTranslation();
  return (
    <Select label={t('analysis.field.compare')} data={COMPARES.map((c) => ({ value: c, label: t(`analysis.compare.${c}`) }))} value={value.compare}
      onChange={(c) => c && onChange({ ...value, compare: c as T['compare'] })} allowDeselect={false} comboboxProps={portal} />
  );
}

/** M11.a: what to measure, dated how, over which period, in which buckets, split and compared how. */
export function TrendForm({ value, onChange, errors }: { value: TrendOptions; onChange: (v: TrendOptions) => void; errors: Errors }) {
  const { t } = useTranslation();
  const sales = value.measure === 'salesAmount' || value.measure === 'salesCount';
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <Select label={t('analysis.field.measure')} data={TREND_MEASURES.map((m) => ({ value: m, label: t(`analysis.measure.${m}`) }))} value={value.measure}
          onChange={(m) => {
            if (!m) return;
            const measure = m as TrendOptions['measure'];
            const basis = BASES_OF[measure].includes(value.basis) ? value.basis : BASES_OF[measure][0];
            const series = measure === 'margin' && value.series && LINE_BREAKDOWNS.includes(value.series) ? null : value.series;
            onChange({ ...value, measure, basis, series });
          }} allowDeselect={false} comboboxProps={portal} />
        <Select label={t('analysis.field.basis')} data={BASES_OF[value.measure].map((b) => ({ value: b, label: t(`analysis.basis.${b}`) }))} value={value.basis}
          onChange={(b) => b && onChange({ ...value, basis: b as TrendOptions['basis'] })} allowDeselect={false} comboboxProps={portal} />
      </Group>
      <PeriodFields value={value} onChange={(p) => onChange({ ...value, ...p })} errors={errors} />
      <div>
        <Text size="sm" fw={500} mb={4} id="granularity-label">{t('analysis.field.granularity')}</Text>
        <SegmentedControl aria-labelledby="granularity-label" fullWidth data={GRANULARITIES.map((g) => ({ value: g, label: t(`analysis.granularity.${g}`) }))} value={value.granularity}
          onChange={(g) => onChange({ ...value, granularity: g as TrendOptions['granularity'] })} />
      </div>
      <Group grow align="flex-start">
        <Select label={t('analysis.field.series')}
          data={[{ value: 'none', label: t('analysis.series.none') }, ...TREND_SERIES.map((s) => ({ value: s, label: t(`analysis.by.${s}`), disabled: value.measure === 'margin' && LINE_BREAKDOWNS.includes(s) }))]}
          value={value.series ?? 'none'} onChange={(s) => onChange({ ...value, series: !s || s === 'none' ? null : s as TrendOptions['series'] })} allowDeselect={false} comboboxProps={portal} />
        <CompareSelect value={value} onChange={onChange} />
      </Group>
      <FilterFields value={value} onChange={onChange} />
      {sales && <Checkbox label={t('analysis.field.includeCancelled')} checked={value.includeCancelled} onChange={(e) => onChange({ ...value, includeCancelled: e.currentTarget.checked })} />}
    </Stack>
  );
}

/** M11.b: the funnel's counting rule, the opportunities' created period, owners and sources. */
export function FunnelForm({ value, onChange, errors }: { value: FunnelOptions; onChange: (v: FunnelOptions) => void; errors: Errors }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={4} id="mode-label">{t('analysis.field.mode')}</Text>
        <SegmentedControl aria-labelledby="mode-label" fullWidth data={(['strict', 'reached'] as const).map((m) => ({ value: m, label: t(`analysis.mode.${m}`) }))} value={value.mode}
          onChange={(m) => onChange({ ...value, mode: m as FunnelOptions['mode'] })} />
        <Text size="xs" c="dimmed" mt={4}>{t(`analysis.mode.${value.mode}Hint`)}</Text>
      </div>
      <Text size="sm" fw={500}>{t('analysis.funnel.createdIn')}</Text>
      <PeriodFields value={value} onChange={(p) => onChange({ ...value, ...p })} errors={errors} />
      <SimpleGrid cols={2}>
        <UserIdsSelect label={t('analysis.by.owner')} value={value.owner} onChange={(owner) => onChange({ ...value, owner })} />
        <DictionaryIdsSelect dictionary="customer-source" label={t('analysis.field.source')} value={value.source} onChange={(source) => onChange({ ...value, source })} />
      </SimpleGrid>
    </Stack>
  );
}

/** M11.b: what the sales are broken down by, how many slices, which period and which to compare with. */
export function CompositionForm({ value, onChange, errors }: { value: CompositionOptions; onChange: (v: CompositionOptions) => void; errors: Errors }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <Select label={t('analysis.field.by')} data={COMPOSITION_BY.map((b) => ({ value: b, label: t(`analysis.by.${b}`) }))} value={value.by}
          onChange={(b) => b && onChange({ ...value, by: b as CompositionOptions['by'] })} allowDeselect={false} comboboxProps={portal} />
        <NumberInput label={t('analysis.field.top')} min={1} max={MAX_TOP} value={value.top}
          onChange={(n) => onChange({ ...value, top: typeof n === 'number' ? Math.min(MAX_TOP, Math.max(1, Math.round(n))) : value.top })} />
      </Group>
      <PeriodFields value={value} onChange={(p) => onChange({ ...value, ...p })} errors={errors} />
      <CompareSelect value={value} onChange={onChange} />
      <FilterFields value={value} onChange={onChange} />
      <Checkbox label={t('analysis.field.includeCancelled')} checked={value.includeCancelled} onChange={(e) => onChange({ ...value, includeCancelled: e.currentTarget.checked })} />
    </Stack>
  );
}
