import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useDictionary } from '../lookups.js';

type Props = Omit<SelectProps<number>, 'data' | 'value' | 'onChange'> & {
  dictionary: string;
  value: number | null;
  onChange: (value: number | null) => void;
};

/** Active values of one dictionary in the current language; an inactive value already set stays visible. */
export function DictionarySelect({ dictionary, value, onChange, ...rest }: Props) {
  const { data = [] } = useDictionary(dictionary);
  const options = useMemo(
    () =>
      data
        .filter((v) => v.active || v.id === value)
        .sort((a, b) => a.position - b.position)
        .map((v) => ({ value: v.id, label: v.label })),
    [data, value],
  );
  return <Select<number> {...rest} data={options} value={value} onChange={(v) => onChange(v ?? null)} clearable searchable allowDeselect={false} nothingFoundMessage="—" />;
}
