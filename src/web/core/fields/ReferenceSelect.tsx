import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { api, type Query } from '../api.js';
import { recordKeys, type EntityRecord, type ListPage } from '../records.js';

type Props = Omit<SelectProps<number>, 'data' | 'value' | 'onChange'> & {
  target: EntityDef;
  value: number | null;
  onChange: (value: number | null) => void;
  /** The current value's title (from the record's `_labels`), so nothing is fetched to show it. */
  currentLabel?: string | null;
  /** Narrows the choices (`filter[customerId]` for a customer's contacts). */
  query?: Query;
  /** Called with the chosen record (its other fields), when one is chosen from the list. */
  onPick?: (record: EntityRecord) => void;
};

const PICK_LIMIT = 20;

/**
 * A searchable picker of another entity's records: the server searches (`?q=…&limit=20`) as the user
 * types, so it works the same with ten customers or a million. Nothing is fetched until it opens.
 */
export function ReferenceSelect({ target, value, onChange, currentLabel, query, onPick, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  // Titles seen so far, so the chosen option keeps its name when a new search no longer returns it.
  const known = useRef(new Map<number, string>());
  if (value !== null && currentLabel && !known.current.has(value)) known.current.set(value, currentLabel);
  const selectedLabel = value === null ? '' : (known.current.get(value) ?? '');
  // While the input shows the chosen title, the list shows the first records rather than that one match.
  const [q] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 200);

  const options = useQuery({
    queryKey: [...recordKeys.all(target), 'pick', q, i18n.language, query],
    enabled: opened,
    staleTime: 30_000,
    queryFn: ({ signal }) => api<ListPage>(`/v1/${target.path}`, { query: { ...query, q: q || undefined, limit: PICK_LIMIT, locale: i18n.language }, signal }),
  });

  const data = useMemo(() => {
    const items = (options.data?.items ?? []).map((r) => {
      const title = String(r[target.titleField] ?? `#${r.id}`);
      known.current.set(r.id, title);
      return { value: r.id, label: title };
    });
    // The chosen record stays an option, so the input can show its title.
    if (value !== null && !items.some((o) => o.value === value)) items.unshift({ value, label: known.current.get(value) ?? `#${value}` });
    return items;
  }, [options.data, target, value]);

  return (
    <Select<number>
      {...rest}
      data={data}
      value={value}
      onChange={(v) => {
        onChange(v ?? null);
        const picked = v === null ? undefined : options.data?.items.find((r) => r.id === v);
        if (picked) onPick?.(picked);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered; Mantine must not filter again by label.
      filter={({ options: all }) => all}
      onDropdownOpen={() => setOpened(true)}
      clearable={!rest.required}
      allowDeselect={false}
      nothingFoundMessage={options.isFetching ? t('list.loading') : t('list.noRecords')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
