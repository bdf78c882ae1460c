import { Select, type SelectProps } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary, type DictionaryValue } from '../lookups.js';

type Props = Omit<SelectProps<number>, 'data' | 'value' | 'onChange'> & {
  dictionary: string;
  value: number | null;
  onChange: (value: number | null) => void;
  /**
   * Which level to offer: top-level values (undefined), or the children of a chosen parent
   * (a number), or every child grouped under its parent (null: no parent chosen yet).
   */
  childrenOf?: number | null;
  /** Told about the chosen value (a child's parent fills the parent field). */
  onPick?: (value: DictionaryValue) => void;
  /** While empty, take the first offered value once the values arrive (a new record's default stage). */
  fillFirst?: boolean;
  /** Receives that first value instead of onChange: a default, not the user's edit (the form stays unchanged). */
  onFill?: (value: number) => void;
};

/** Active values of one dictionary in the current language and order; an inactive value already set stays visible. */
export function DictionarySelect({ dictionary, value, onChange, childrenOf, onPick, fillFirst, onFill, ...rest }: Props) {
  const { t } = useTranslation();
  const { data = [] } = useDictionary(dictionary);
  const filled = useRef(false);
  useEffect(() => {
    if (!fillFirst || filled.current || value !== null || data.length === 0) return;
    filled.current = true;
    const first = data.filter((v) => v.active && v.parentId === null).sort((a, b) => a.position - b.position || a.id - b.id)[0];
    if (first) (onFill ?? onChange)(first.id);
  }, [fillFirst, value, data, onChange, onFill]);
  const options = useMemo(() => {
    const shown = data.filter((v) => v.active || v.id === value).sort((a, b) => a.position - b.position || a.id - b.id);
    const item = (v: DictionaryValue) => ({ value: v.id, label: v.label });
    if (childrenOf === undefined) return shown.filter((v) => v.parentId === null).map(item);
    if (childrenOf !== null) return shown.filter((v) => v.parentId === childrenOf).map(item);
    return data.filter((p) => p.parentId === null).sort((a, b) => a.position - b.position)
      .map((p) => ({ group: p.label, items: shown.filter((v) => v.parentId === p.id).map(item) }))
      .filter((g) => g.items.length > 0);
  }, [data, value, childrenOf]);
  return (
    <Select<number>
      {...rest}
      data={options}
      value={value}
      onChange={(v) => {
        onChange(v ?? null);
        const picked = v === null ? undefined : data.find((d) => d.id === v);
        if (picked) onPick?.(picked);
      }}
      clearable
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('list.noRecords')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
