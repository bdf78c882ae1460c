import { Group, Select } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { ColorDot } from '../fields/ColorDot.js';
import { useEntityOptions } from '../lookups.js';
import type { FieldFilter } from '../records.js';
import { useEntityAccess } from '../access.js';

interface Props {
  entity: EntityDef;
  /** Filters the list always applies: their fields get no control. */
  fixed: readonly FieldFilter[];
  value: FieldFilter[];
  onChange: (filters: FieldFilter[]) => void;
}

/** One "member of" filter per references field (a customer's groups): `filter[group]=<id>`. */
function MembershipFilter({ name, def, target, value, onChange }: { name: string; def: FieldDef; target: EntityDef; value: number | null; onChange: (v: number | null) => void }) {
  const { t } = useTranslation();
  const options = useEntityOptions(target);
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
export function ListFilters({ entity, fixed, value, onChange }: Props) {
  const access = useEntityAccess(entity);
  // A hidden field is no filter either, nor a field of an entity this user may not read.
  const fields = Object.entries(entity.fields).filter(([name, f]) => f.kind === 'references' && access.visible(name) && !fixed.some((x) => x.field === (f.alias ?? name)));
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
