import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityOptions } from '../lookups.js';

type Props = Omit<MultiSelectProps<number>, 'data' | 'value' | 'onChange'> & {
  target: EntityDef;
  value: number[];
  onChange: (value: number[]) => void;
  /** Titles of the current values (the record's `_labels`, in the same order as the ids). */
  currentLabels?: readonly string[];
};

/** A set of another entity's records (a customer's groups) as a multi-select. */
export function ReferencesSelect({ target, value, onChange, currentLabels = [], ...rest }: Props) {
  const { t } = useTranslation();
  const options = useEntityOptions(target);
  const data = useMemo(() => {
    const items = (options.data?.items ?? []).map((r) => ({ value: r.id, label: String(r[target.titleField] ?? `#${r.id}`) }));
    // Values not among the loaded options keep their titles from the record.
    value.forEach((id, i) => {
      if (!items.some((o) => o.value === id)) items.push({ value: id, label: currentLabels[i] ?? `#${id}` });
    });
    return items;
  }, [options.data, target, value, currentLabels]);
  return (
    <MultiSelect<number>
      {...rest}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      nothingFoundMessage={options.isFetching ? t('list.loading') : t('list.noRecords')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
