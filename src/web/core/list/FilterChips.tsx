import { Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { pathLabels, resolvePath } from '../../../shared/entity/paths.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { api } from '../api.js';
import { dictionariesApi } from '../dictionaries/dictionariesApi.js';
import { useUsers } from '../lookups.js';
import { formatMoney } from '../../../shared/money.js';
import { useCurrency } from '../money.js';
import type { FieldFilter, ListPage } from '../records.js';

interface Chip { key: string; field: string; ops: string[]; text: string }

const LIST_OPS = new Set(['in', 'nin', 'passed']);

/** The ids a filter names, per source, so their labels load in one request each. */
function wanted(entity: EntityDef, filters: readonly FieldFilter[]) {
  const dictionaries = new Set<string>();
  const records = new Map<string, Set<number>>();
  for (const f of filters) {
    const p = resolvePath(entity, f.field);
    if (!p) continue;
    const def = p.field;
    if (def.kind === 'dictionary' && def.dictionary) dictionaries.add(def.dictionary);
    if ((def.kind === 'reference' || def.kind === 'references') && def.reference && def.reference !== 'user') {
      const set = records.get(def.reference) ?? new Set<number>();
      for (const v of String(f.value).split(',')) if (/^\d+$/.test(v)) set.add(Number(v));
      records.set(def.reference, set);
    }
  }
  return { dictionaries: [...dictionaries].sort(), records: [...records.entries()].map(([name, ids]) => ({ name, ids: [...ids].sort((a, b) => a - b) })) };
}

/**
 * The filters a list was opened with (from an analysis, a dashboard tile or a shared link), each as a
 * chip that says it in words ("Customer › Customer type: Partner", "Order date: 1 Nov 2026 – 30 Nov
 * 2026") with a button to drop it, and one to drop them all.
 */
export function FilterChips({ entity, filters, onRemove, onClear }: { entity: EntityDef; filters: readonly FieldFilter[]; onRemove: (field: string, ops: string[]) => void; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const currency = useCurrency();
  const users = useUsers();
  const need = useMemo(() => wanted(entity, filters), [entity, filters]);
  const dictionaries = useQueries({
    queries: need.dictionaries.map((key) => ({ queryKey: ['dictionary', key, locale], staleTime: 5 * 60_000, queryFn: ({ signal }: { signal: AbortSignal }) => dictionariesApi.values(key, signal) })),
  });
  const records = useQueries({
    queries: need.records.map(({ name, ids }) => {
      const target = entityByName(name);
      return {
        queryKey: ['records', target?.path, 'labels', ids, locale],
        enabled: Boolean(target) && ids.length > 0,
        staleTime: 60_000,
        queryFn: ({ signal }: { signal: AbortSignal }) => api<ListPage>(`/v1/${target?.path}`, { query: { 'filter[id][in]': ids.join(','), limit: 500, total: 'none', locale }, signal }),
      };
    }),
  });

  const chips = useMemo<Chip[]>(() => {
    const dict = new Map<string, Map<string, string>>();
    need.dictionaries.forEach((key, i) => dict.set(key, new Map((dictionaries[i]?.data ?? []).map((v) => [String(v.id), v.label]))));
    const titles = new Map<string, Map<string, string>>();
    need.records.forEach(({ name }, i) => {
      const target = entityByName(name);
      titles.set(name, new Map((records[i]?.data?.items ?? []).map((r) => [String(r.id), String(r[target?.titleField ?? 'id'] ?? `#${r.id}`)])));
    });
    const userNames = new Map((users.data ?? []).map((u) => [String(u.id), u.name]));
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const one = (def: FieldDef, owner: string, field: string, v: string): string => {
      if (def.kind === 'dictionary') return dict.get(def.dictionary ?? '')?.get(v) ?? '…';
      if (def.kind === 'reference' || def.kind === 'references') return def.reference === 'user' ? userNames.get(v) ?? '…' : titles.get(def.reference ?? '')?.get(v) ?? '…';
      if (def.kind === 'enum') return t(`${owner}.${field}.${v}`, { defaultValue: v });
      if ((def.kind === 'date' || def.kind === 'datetime') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dates.format(new Date(`${v}T00:00:00Z`));
      if (def.kind === 'money' && /^-?\d+$/.test(v)) return formatMoney(Number(v), currency, locale);
      if (def.kind === 'boolean') return v === 'true' || v === '1' ? t('field.yes') : t('field.no');
      return v;
    };
    // Filters on one field come as one chip: a range reads "from – to".
    const byField = new Map<string, FieldFilter[]>();
    for (const f of filters) byField.set(f.field, [...(byField.get(f.field) ?? []), f]);
    return [...byField.entries()].flatMap(([field, fs]) => {
      const p = resolvePath(entity, field);
      if (!p) return [];
      const owner = p.kind === 'own' ? entity.name : p.target.name;
      const name = p.kind === 'own' ? p.name : p.name ?? '';
      const label = pathLabels(entity, p).map((k) => t(k)).join(' › ');
      const value = (f: FieldFilter) => {
        const raw = String(f.value);
        if (f.op === 'due') return t(`list.due.${raw}`, { defaultValue: raw });
        if (f.op === 'empty') return raw === 'true' || raw === '1' ? t('list.filterOp.isEmpty') : t('list.filterOp.isNotEmpty');
        const parts = LIST_OPS.has(f.op ?? '') ? raw.split(',') : [raw];
        return parts.map((v) => one(p.field, owner, name, v)).join(f.op === 'passed' ? ' → ' : ', ');
      };
      const gte = fs.find((f) => f.op === 'gte');
      const lte = fs.find((f) => f.op === 'lte');
      if (fs.length === 2 && gte && lte) return [{ key: field, field, ops: ['gte', 'lte'], text: `${label}: ${value(gte)} – ${value(lte)}` }];
      return fs.map((f) => {
        const op = f.op ?? 'eq';
        const v = value(f);
        const text = op === 'eq' || op === 'due' || op === 'empty' ? `${label}: ${v}` : `${label} ${t(`list.filterOp.${op}`)} ${v}`;
        return { key: `${field}-${op}`, field, ops: [op], text };
      });
    });
  }, [entity, filters, need, dictionaries, records, users.data, locale, currency, t]);

  if (chips.length === 0) return null;
  return (
    <Paper withBorder radius="md" px="sm" py={6} bg="indigo.0">
      <Group gap="xs" wrap="wrap" role="group" aria-label={t('list.filterOp.title')}>
        <IconFilter size={16} aria-hidden />
        <Text size="sm" fw={500}>{t('list.filterOp.title')}</Text>
        {chips.map((c) => (
          <Group key={c.key} gap={2} wrap="nowrap" px={8} py={2} bg="white" style={{ borderRadius: 16, border: '1px solid var(--mantine-color-indigo-2)' }}>
            <Text size="sm">{c.text}</Text>
            <CloseButton size="sm" aria-label={t('list.filterOp.remove', { filter: c.text })} onClick={() => onRemove(c.field, c.ops)} />
          </Group>
        ))}
        <Button size="compact-sm" variant="subtle" onClick={onClear}>{t('list.filterOp.clear')}</Button>
      </Group>
    </Paper>
  );
}
