import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useUsers } from '../lookups.js';

type Props = Omit<SelectProps<number>, 'data' | 'value' | 'onChange'> & {
  value: number | null;
  onChange: (value: number | null) => void;
};

export function UserSelect({ value, onChange, ...rest }: Props) {
  const { data = [] } = useUsers();
  const options = useMemo(() => data.map((u) => ({ value: u.id, label: u.name })), [data]);
  return <Select<number> {...rest} data={options} value={value} onChange={(v) => onChange(v ?? null)} clearable searchable allowDeselect={false} />;
}
