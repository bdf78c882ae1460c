import { Group, Select } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { api } from '../api.js';
import { ColorDot } from '../fields/ColorDot.js';
import { recordKeys, type FieldFilter, type ListPage } from '../records.js';

interface Props {
  entity: EntityDef;
  value: FieldFilter[];
  onChange: (filters: FieldFilter[]) => void;
}

const OPTIONS_LIMIT = 200;

/** One "member of" filter per references field (a customer's groups): `filter[group]=<id>`. */
function MembershipFilter({ name, def, target, value, onChange }: { name: string; def: FieldDef; target: EntityDef; value: number | null; onChange: (v: number | null) => void }) {
  const { t, i18n } = useTranslation();
  const options = useQuery({
    queryKey: [...recordKeys.all(target), 'options', i18n.language],
    staleTime: 30_000,
    queryFn: ({ signal }) => api<ListPage>(`/v1/${target.path}`, { query: { limit: OPTIONS_LIMIT, locale: i18n.language }, signal }),
  });
  const colorField = Object.entries(target.fields).find(([, f]) => f.kind === 'color')?.[0];
  const colors = useMemo(() => new Map((options.data?.items ?? []).map((r) => [r.id, colorField ? r[colorField] : null])), [options.data, colorField]);
  const data = useMemo(() => (options.data?.items ?? []).map((r) => ({ value: r.id, label: String(r[target.titleField] ?? `#${r.id}`) })), [options.data, target]);
  return (
    <Select<number>
      aria-label={t('list.filterBy', { field: t(def.label) })}
      placeholder={t('list.filterAll', { field: t(def.label) })}
      name={name}
      data={data}
      value={value}
      onChange={(v) => onChange(v ?? null)}
      clearable
      searchable
      w={200}
      leftSection={value !== null && colorField ? <ColorDot color={colors.get(value)} /> : <IconFilter size={16} aria-hidden />}
      renderOption={({ option }) => (colorField ? <ColorDot color={colors.get(option.value)} label={option.label} /> : option.label)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Filter controls of a list's toolbar, from the entity definition. */
export function ListFilters({ entity, value, onChange }: Props) {
  const fields = Object.entries(entity.fields).filter(([, f]) => f.kind === 'references');
  if (fields.length === 0) return null;
  return (
    <Group gap="sm" wrap="nowrap">
      {fields.map(([name, def]) => {
        const target = entityByName(def.reference ?? '');
        if (!target) return null;
        const param = def.alias ?? name;
        const current = value.find((f) => f.field === param);
        return (
          <MembershipFilter
            key={name}
            name={param}
            def={def}
            target={target}
            value={typeof current?.value === 'number' ? current.value : null}
            onChange={(id) => onChange([...value.filter((f) => f.field !== param), ...(id === null ? [] : [{ field: param, value: id }])])}
          />
        );
      })}
    </Group>
  );
}
