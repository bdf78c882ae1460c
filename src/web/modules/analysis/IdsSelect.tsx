import { MultiSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary, useUsers } from '../../core/lookups.js';

interface Props { label: string; value: number[]; onChange: (ids: number[]) => void }

function IdsMultiSelect({ label, value, onChange, options }: Props & { options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : t('analysis.all')}
      data={options}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      searchable
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Values of a dictionary to filter by (customer types, regions, sources); none chosen means all. */
export function DictionaryIdsSelect({ dictionary, ...props }: Props & { dictionary: string }) {
  const { data = [] } = useDictionary(dictionary);
  const options = useMemo(() => data.filter((v) => v.active || props.value.includes(v.id)).map((v) => ({ value: String(v.id), label: v.label })), [data, props.value]);
  return <IdsMultiSelect {...props} options={options} />;
}

/** Owners to filter by; none chosen means everyone's. */
export function UserIdsSelect(props: Props) {
  const { data = [] } = useUsers();
  const options = useMemo(() => data.map((u) => ({ value: String(u.id), label: u.name })), [data]);
  return <IdsMultiSelect {...props} options={options} />;
}
