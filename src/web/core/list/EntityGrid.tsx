import { Group, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { flexRender, getCoreRowModel, useReactTable, type OnChangeFn, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { EntityRecord } from '../records.js';
import { entityColumns, type ColumnMeta } from './columns.js';
import type { DisplayRow } from './displayRows.js';
import { GridCellValue } from './GridCell.js';
import { GroupHeader } from './GroupHeaderRow.js';
import { InlineEditorOnDemand as InlineEditor } from './InlineEditorOnDemand.js';
import { SelectAllCheckbox, SelectRowCheckbox } from './SelectCheckbox.js';
import type { RowSelection } from './useRowSelection.js';
import classes from './EntityGrid.module.css';
import { useEntityAccess } from '../access.js';

export interface EditingCell {
  recordId: number;
  field: string;
}

interface Props {
  entity: EntityDef;
  rows: DisplayRow[];
  format: Formatter;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  groupLabel: (row: Extract<DisplayRow, { kind: 'group' }>) => string;
  /** A group's sums as text, shown beside its count. */
  groupSums?: (row: Extract<DisplayRow, { kind: 'group' }>) => string;
  onToggleGroup: (key: string) => void;
  onNeedMore: (feedKey: string) => void;
  hasMore: (feedKey: string) => boolean;
  editing: EditingCell | null;
  onEdit: (cell: EditingCell | null) => void;
  onConflict: (current: EntityRecord, field: string) => void;
  label: string;
  /** Shown when a slice has no rows (differs for "nothing yet" and "nothing matches"). */
  emptyText: string;
  /** Adds a checkbox column: click, shift-click for a range, the header box for every loaded row. */
  selection?: RowSelection;
}

const ROW_HEIGHT = 37;
const SELECT_WIDTH = 40;

/**
 * The list grid: a real table (column headers, sortable by the server), virtualised rows, group header
 * rows and inline editing. Only the visible rows are in the DOM, so 100k records stay smooth.
 */
export function EntityGrid(props: Props) {
  const { entity, rows, format, sorting, onSortingChange, editing, onEdit, onConflict } = props;
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const access = useEntityAccess(entity);
  const columns = useMemo(() => entityColumns(entity, (k) => t(k), access.visible), [entity, t, access]);
  // A cell is edited in place only where the user may change its field.
  const editable = (field: string, def: ColumnMeta['def'] | undefined) => Boolean(def && !def.readOnly && def.kind !== 'computed' && access.can('edit') && access.writable(field));
  const records = useMemo(() => rows.flatMap((r) => (r.kind === 'record' ? [r.record] : [])), [rows]);

  const table = useReactTable({
    data: records,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.id),
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: true,
    sortDescFirst: false,
    state: { sorting },
    onSortingChange,
  });
  const leafColumns = table.getVisibleLeafColumns();
  const selection = props.selection;
  const selectWidth = selection ? SELECT_WIDTH : 0;
  const totalWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), selectWidth);
  const span = leafColumns.length + (selection ? 1 : 0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  const items = virtualizer.getVirtualItems();

  // Infinite loading: when a feed's last loaded row scrolls into view, ask for its next page.
  useEffect(() => {
    const seen = new Set<string>();
    for (const item of items) {
      const row = rows[item.index];
      if (row?.kind === 'record' && row.tail && !seen.has(row.feedKey) && props.hasMore(row.feedKey)) {
        seen.add(row.feedKey);
        props.onNeedMore(row.feedKey);
      }
    }
  });

  // One cell is in the tab order (the first record's first cell), so the keyboard can enter the grid.
  const firstRecordIndex = rows.findIndex((r) => r.kind === 'record');

  const paddingTop = items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  const focusCell = (rowIndex: number, colIndex: number) => {
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${rowIndex}:${colIndex}"]`);
    if (el) el.focus();
    else virtualizer.scrollToIndex(rowIndex);
  };

  // Arrow keys move between cells, Enter edits: the grid works without a mouse.
  const onCellKeyDown = (e: KeyboardEvent<HTMLElement>, rowIndex: number, colIndex: number, record: EntityRecord, field: string) => {
    // Inside the cell only the title link may pass arrow keys on (its Enter still opens the record).
    const onLink = e.target instanceof HTMLAnchorElement;
    if (e.target !== e.currentTarget && !(onLink && e.key.startsWith('Arrow'))) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      focusCell(Math.max(0, Math.min(rows.length - 1, rowIndex + move[0])), Math.max(0, Math.min(leafColumns.length - 1, colIndex + move[1])));
    } else if (e.key === 'Enter' || e.key === 'F2') {
      if (editable(field, entity.allFields[field])) {
        e.preventDefault();
        onEdit({ recordId: record.id, field });
      }
    }
  };

  return (
    <div ref={scrollRef} className={classes.scroller}>
      <Table
        className={classes.table}
        style={{ width: totalWidth, minWidth: '100%', ['--select-w' as string]: `${selectWidth}px` }}
        striped={false}
        highlightOnHover
        verticalSpacing={6}
        horizontalSpacing="sm"
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          {selection && <col style={{ width: SELECT_WIDTH }} />}
          {leafColumns.map((c) => (
            <col key={c.id} style={{ width: c.getSize() }} />
          ))}
        </colgroup>
        <Table.Thead className={classes.thead}>
          {table.getHeaderGroups().map((hg) => (
            <Table.Tr key={hg.id}>
              {selection && (
                <Table.Th className={`${classes.th} ${classes.selectCell}`}>
                  <SelectAllCheckbox state={selection.state} onToggle={selection.toggleAll} />
                </Table.Th>
              )}
              {hg.headers.map((header, headerIndex) => {
                const sorted = header.column.getIsSorted();
                const Icon = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
                return (
                  <Table.Th
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className={headerIndex === 0 ? `${classes.th} ${classes.stickyTitle}` : classes.th}
                  >
                    {header.column.getCanSort() ? (
                      <UnstyledButton onClick={header.column.getToggleSortingHandler()} className={classes.sortButton}>
                        <span className={classes.headerText}>{flexRender(header.column.columnDef.header, header.getContext())}</span>
                        <Icon size={14} aria-hidden className={sorted ? classes.sortIconActive : classes.sortIcon} />
                      </UnstyledButton>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && (
            <tr aria-hidden>
              <td style={{ height: paddingTop, padding: 0, border: 0 }} colSpan={span} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            if (row.kind === 'group') {
              return (
                <Table.Tr key={row.key} data-index={item.index} ref={virtualizer.measureElement} className={classes.groupRow}>
                  <Table.Td colSpan={span}>
                    <GroupHeader group={row.group} label={props.groupLabel(row)} sums={props.groupSums?.(row)} expanded={row.expanded} onToggle={() => props.onToggleGroup(row.key.slice('group:'.length))} />
                  </Table.Td>
                </Table.Tr>
              );
            }
            if (row.kind === 'status') {
              return (
                <Table.Tr key={row.key} data-index={item.index} ref={virtualizer.measureElement}>
                  <Table.Td colSpan={span}>
                    <div className={classes.status}>
                      {row.status === 'loading' || row.status === 'loadingMore' ? (
                        <Group gap="xs" py={4} role="status">
                          <Loader size="xs" />
                          <Text size="sm" c="dimmed">
                            {t(row.status === 'loading' ? 'list.loading' : 'list.loadingMore')}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="sm" c={row.status === 'error' ? 'red' : 'dimmed'} py={4}>
                          {row.status === 'error' ? t('error.title') : props.emptyText}
                        </Text>
                      )}
                    </div>
                  </Table.Td>
                </Table.Tr>
              );
            }
            const record = row.record;
            return (
              <Table.Tr
                key={row.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={row.feedKey === '*' ? undefined : classes.groupedRow}
                aria-selected={selection ? selection.selected.has(record.id) : undefined}
              >
                {selection && (
                  <Table.Td className={`${classes.cell} ${classes.selectCell}`}>
                    <SelectRowCheckbox
                      id={record.id}
                      name={String(record[entity.titleField] ?? `#${record.id}`)}
                      checked={selection.selected.has(record.id)}
                      onToggle={selection.toggle}
                    />
                  </Table.Td>
                )}
                {leafColumns.map((column, colIndex) => {
                  const meta = column.columnDef.meta as ColumnMeta;
                  const isEditing = editing?.recordId === record.id && editing.field === meta.field;
                  return (
                    <Table.Td
                      key={column.id}
                      data-cell={`${item.index}:${colIndex}`}
                      tabIndex={item.index === firstRecordIndex && colIndex === 0 ? 0 : -1}
                      className={colIndex === 0 ? `${classes.cell} ${classes.stickyTitle}` : classes.cell}
                      onDoubleClick={() => {
                        if (editable(meta.field, meta.def)) onEdit({ recordId: record.id, field: meta.field });
                      }}
                      onKeyDown={(e) => onCellKeyDown(e, item.index, colIndex, record, meta.field)}
                    >
                      {isEditing ? (
                        <InlineEditor
                          entity={entity}
                          record={record}
                          field={meta.field}
                          def={meta.def}
                          label={t(meta.def.label)}
                          onConflict={onConflict}
                          onClose={() => {
                            onEdit(null);
                            // Give focus back to the cell so the keyboard user stays where they were.
                            requestAnimationFrame(() => focusCell(item.index, colIndex));
                          }}
                        />
                      ) : (
                        <GridCellValue entity={entity} record={record} meta={meta} format={format} />
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden>
              <td style={{ height: paddingBottom, padding: 0, border: 0 }} colSpan={span} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
