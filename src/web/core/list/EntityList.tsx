import { Alert, Button, Group, Stack, Text, TextInput, Title, type TitleOrder } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useFormatter } from '../fields/useFormatter.js';
import { extensionsOf } from '../extensions.js';
import { groupFilter, recordKeys, recordsApi, type EntityRecord, type FieldFilter, type Group as RecordGroup, type ListParams, type RecordLabels } from '../records.js';
import { RecordDialogOnDemand, RecordViewDialogOnDemand } from '../record/RecordDialogOnDemand.js';
import { BulkBar } from './BulkBar.js';
import { useTotalLabel } from './useTotalLabel.js';
import { flatRows, groupedRows } from './displayRows.js';
import { EntityGrid, type EditingCell } from './EntityGrid.js';
import { ExportMenu } from './ExportMenu.js';
import { ImportButton } from '../import/ImportButton.js';
import { GroupBySelect } from './GroupBySelect.js';
import { FilterChips } from './FilterChips.js';
import { ListFilters } from './ListFilters.js';
import { OpenRecordContext } from './openRecordContext.js';
import { feedKeyOf, useFeeds } from './useFeeds.js';
import { useRowSelection } from './useRowSelection.js';
import { reportUsage } from '../usage.js';
import { useEntityAccess } from '../access.js';
import { FindDuplicatesButton } from '../duplicates/FindDuplicatesButton.js';

interface Conflict {
  record: EntityRecord;
  field: string;
}

/** Only a sort the user chose is sent: without one the server applies the default (a search then lists newest first). */
const sortParam = (sorting: SortingState) => (sorting[0] ? `${sorting[0].desc ? '-' : ''}${sorting[0].id}` : undefined);

export interface EntityListProps {
  entity: EntityDef;
  /** The grid's accessible name, and the heading unless `heading` says otherwise. */
  title: string;
  /** The heading above the list; null when the page has its own (a folder page's name and view tabs). */
  heading?: string | null;
  headingOrder?: TitleOrder;
  /** New record and New are offered (History lists ended activities: a new one could never appear there). */
  canCreate?: boolean;
  /** Always applied (a group's members: `filter[group]=<id>`); the user's own filters come on top. */
  fixedFilters?: readonly FieldFilter[];
  /** Shown beside the New button (a module's own buttons). */
  actions?: ReactNode;
  /** Values a record created from this list starts with (a group's members area: that group). */
  newValues?: Record<string, unknown>;
  newLabels?: RecordLabels;
  /** The sort when the user chose none (History: newest ended first). */
  defaultSort?: string;
  /** Replaces the empty list's text. */
  emptyText?: string;
  /** A page's own filter controls, on a row under the toolbar (their filters come in `fixedFilters`). */
  filters?: ReactNode;
  /** The folder's view tabs, under the heading (EntityListPage); the list below is then their panel. */
  tabs?: ReactNode;
  panel?: HTMLAttributes<HTMLDivElement>;
  /** Filters the list was opened with (its URL: an analysis's drill-down, a dashboard tile), shown as chips the user can drop. */
  linkFilters?: readonly FieldFilter[];
  onLinkFiltersChange?: (remove: { field: string; ops: string[] } | 'all') => void;
}

const NO_FILTERS: readonly FieldFilter[] = [];

/** A whole list: toolbar, server-sorted virtual grid, server group-by, inline edit, selection with bulk actions. */
export function EntityList({ entity, title, heading = title, headingOrder = 2, canCreate = true, fixedFilters = NO_FILTERS, actions, newValues, newLabels, defaultSort, emptyText, filters, tabs, panel, linkFilters = NO_FILTERS, onLinkFiltersChange }: EntityListProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const format = useFormatter(entity);
  const totalLabel = useTotalLabel(entity);
  const extensions = extensionsOf(entity);
  const access = useEntityAccess(entity);
  const creatable = canCreate && access.can('create');

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [groupBy, setGroupBy] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [dialogOpen, setDialogOpen] = useState(false);
  const [editing, setEditing] = useState<EditingCell | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [userFilters, setUserFilters] = useState<FieldFilter[]>([]);
  const [viewing, setViewing] = useState<EntityRecord | null>(null);

  const params = useMemo<ListParams>(
    () => ({ q: q.trim() || undefined, sort: sortParam(sorting) ?? defaultSort, locale: i18n.language, filters: [...fixedFilters, ...linkFilters, ...userFilters] }),
    [q, sorting, defaultSort, i18n.language, fixedFilters, linkFilters, userFilters],
  );

  // Grouped, the amounts of each group are summed too (an expense list by category with its totals).
  const summed = useMemo(() => entity.listColumns.filter((c) => entity.allFields[c]?.kind === 'money' && access.visible(c)).slice(0, 4), [entity, access]);
  const groups = useQuery({
    queryKey: recordKeys.groups(entity, params, groupBy ?? ''),
    enabled: groupBy !== null,
    queryFn: ({ signal }) => recordsApi.groups(entity, params, groupBy ?? '', signal, summed.length ? summed.join(',') : undefined),
  });
  const sumText = (sums: Record<string, number> | undefined) => (sums ? summed.map((f) => `${t(entity.allFields[f].label)} ${format(f, sums[f] ?? 0)}`).join(' · ') : '');

  const groupKey = useCallback((g: RecordGroup) => feedKeyOf(groupFilter(groupBy ?? '', g.value, entity.allFields[groupBy ?? ''])), [groupBy, entity]);

  // Ungrouped: one feed for the whole list. Grouped: one feed per expanded group, filtered on the server.
  const feedFilters = useMemo(() => {
    if (!groupBy) return [null];
    return (groups.data?.groups ?? []).filter((g) => expanded.has(groupKey(g))).map((g) => groupFilter(groupBy, g.value, entity.allFields[groupBy]));
  }, [groupBy, groups.data, expanded, groupKey]);
  const { feeds, loadMore } = useFeeds(entity, params, feedFilters);
  const feedByKey = useMemo(() => new Map(feeds.map((f) => [f.key, f])), [feeds]);

  const rows = useMemo(
    () => (groupBy ? groupedRows(groups.data?.groups ?? [], expanded, feedByKey, groupKey) : flatRows(feeds[0])),
    [groupBy, groups.data, expanded, feedByKey, groupKey, feeds],
  );

  const loadedIds = useMemo(() => rows.flatMap((r) => (r.kind === 'record' ? [r.record.id] : [])), [rows]);
  const selection = useRowSelection(loadedIds);
  // A different question gives different rows: a selection of rows no longer shown would surprise.
  const clearSelection = selection.clear;
  useEffect(() => clearSelection(), [params, groupBy, clearSelection]);
  const openRecord = useCallback((r: EntityRecord) => setViewing(r), []);

  // The total is its own request: the rows never wait for the count.
  const count = useQuery({
    queryKey: recordKeys.count(entity, params),
    enabled: groupBy === null,
    queryFn: ({ signal }) => recordsApi.count(entity, params, signal),
  });
  const total = groupBy ? (groups.data ? { n: groups.data.total, capped: false } : null) : count.data ? { n: count.data.total, capped: count.data.totalCapped } : null;
  const listError = groupBy ? groups.error : feeds[0]?.error;

  const changeGroupBy = (field: string | null) => {
    setGroupBy(field);
    if (field) reportUsage('grouped', entity.path);
    setExpanded(new Set());
  };
  const toggleGroup = (key: string) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const conflictValue = conflict ? format(conflict.field, conflict.record[conflict.field]) || t('list.empty') : '';

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          {heading !== null && <Title order={headingOrder}>{heading}</Title>}
          <Text size="sm" c="dimmed" aria-live="polite" mih={20}>
            {total ? totalLabel(total.n, total.capped) : ''}
            {groupBy && groups.data?.sums ? ` · ${sumText(groups.data.sums)}` : ''}
          </Text>
        </div>
        <Group gap="sm" wrap="nowrap">
          {actions}
          {/* A folder's own list (not a group's members or History); beside New record, so the tools row below
              stays one line at 1366 px. */}
          {canCreate && newValues === undefined && <FindDuplicatesButton entity={entity} />}
          {/* A folder's own list imports too (a group's members or History would not hold what a file brings). */}
          {canCreate && fixedFilters.length === 0 && access.can('import') && <ImportButton entity={entity} />}
          {creatable && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialogOpen(true)}>
              {t('action.newRecord')}
            </Button>
          )}
        </Group>
      </Group>
      {tabs}
      <Stack gap="sm" {...panel}>

        <Group gap="sm" wrap="wrap">
          <TextInput
            type="search"
            aria-label={t('action.search')}
            placeholder={t(i18n.exists(`${entity.name}.searchPlaceholder`) ? `${entity.name}.searchPlaceholder` : 'list.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            // The search box gives way first, so the toolbar stays on one line at 1366 px.
            style={{ flex: '1 1 160px', maxWidth: 300 }}
          />
          <ListFilters entity={entity} fixed={fixedFilters} value={userFilters} onChange={setUserFilters} />
          <GroupBySelect entity={entity} value={groupBy} onChange={changeGroupBy} />
          <Group gap="sm" ml="auto" wrap="nowrap">
            {extensions.listTools.map((Tool, i) => (
              <Tool key={i} entity={entity} params={params} />
            ))}
            {/* M2.e / M5.c say "New": the word is on the button, not only in a tooltip. */}
            {creatable && (
              <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialogOpen(true)}>
                {t('action.new')}
              </Button>
            )}
            {access.can('export') && <ExportMenu entity={entity} params={params} />}
            <Button variant="subtle" color="gray" component={Link} href={`/trash/${entity.path}`} leftSection={<IconTrash size={16} aria-hidden />}>
              {t('list.openTrash')}
            </Button>
          </Group>
        </Group>
        {/* A page's own filters (History's customer, contact, type, owner and dates) have a row of their own. */}
        {filters}
        {onLinkFiltersChange && (
          <FilterChips entity={entity} filters={linkFilters} onRemove={(field, ops) => onLinkFiltersChange({ field, ops })} onClear={() => onLinkFiltersChange('all')} />
        )}

        {conflict && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('edit.conflictTitle')} withCloseButton closeButtonLabel={t('action.close')} onClose={() => setConflict(null)}>
            {t('edit.conflict', { field: t(entity.allFields[conflict.field]?.label ?? conflict.field), value: conflictValue })}
          </Alert>
        )}
        {listError && (
          <Alert color="red" title={t('error.title')}>
            {listError.message}
          </Alert>
        )}

        <BulkBar entity={entity} selectedIds={selection.selected} onClear={selection.clear} params={params} canExport={access.can('export')} />

        <OpenRecordContext.Provider value={extensions.viewInDialog ? openRecord : null}>
        <EntityGrid
          entity={entity}
          selection={selection}
          rows={rows}
          format={format}
          sorting={sorting}
          onSortingChange={setSorting}
          groupLabel={(row) => row.group.label ?? (row.group.value === null ? t('list.empty') : format(groupBy ?? '', row.group.value))}
          groupSums={(row) => sumText(row.group.sums)}
          onToggleGroup={toggleGroup}
          onNeedMore={(key) => {
            const feed = feedByKey.get(key);
            if (feed) void loadMore(feed.filter);
          }}
          hasMore={(key) => Boolean(feedByKey.get(key)?.data?.nextCursor)}
          editing={editing}
          onEdit={setEditing}
          onConflict={(record, field) => setConflict({ record, field })}
          label={title}
          emptyText={params.q || userFilters.length > 0 || linkFilters.length > 0 ? t('list.noRecords') : emptyText ?? t(i18n.exists(`${entity.name}.emptyList`) ? `${entity.name}.emptyList` : 'list.emptyList')}
        />
        </OpenRecordContext.Provider>
        <Text size="xs" c="dimmed">
          {t('list.editHint')}
        </Text>

        <RecordDialogOnDemand
          entity={entity}
          opened={dialogOpen}
          initialValues={newValues}
          initialLabels={newLabels}
          onClose={() => setDialogOpen(false)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) })}
        />
        {extensions.viewInDialog && <RecordViewDialogOnDemand entity={entity} record={viewing} onClose={() => setViewing(null)} />}
      </Stack>
    </Stack>
  );
}
