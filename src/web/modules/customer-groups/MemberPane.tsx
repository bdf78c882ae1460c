import { Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchingMove } from './pendingMembers.js';
import type { MemberSideState } from './useMemberSide.js';
import classes from './MemberPane.module.css';

interface Props {
  /** The list's name ("Customers not in the group", "Group members"). */
  label: string;
  side: MemberSideState;
  /** A "select all matching" moved into this list, shown as one line until OK. */
  matchingIn: MatchingMove | null;
  /** Enter (or a double click) moves the selection to the other list. */
  onMove: () => void;
  /** Whether "Select all matching" may be used (one such move per direction). */
  canSelectAllMatching: boolean;
}

const ROW_HEIGHT = 34;

/**
 * One list of the Add/Remove group members dialog: a search box and a virtualised, server-paged
 * listbox. Click selects, Shift+click selects a range, Ctrl/Cmd+click toggles; the arrow keys, Shift+arrows,
 * Space, Ctrl+A and Enter do the same from the keyboard.
 */
export function MemberPane({ label, side, matchingIn, onMove, canSelectAllMatching }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const { rows, feed } = side;
  const nf = new Intl.NumberFormat(i18n.language);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const { hasMore, loadMore } = feed;

  // The next page is asked for when the end of what is loaded comes into view.
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 10) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  useEffect(() => setActive((a) => Math.min(a, Math.max(0, rows.length - 1))), [rows.length]);

  const activeRow = rows[active];
  const optionId = (rid: number) => `${id}-opt-${rid}`;

  const moveActive = (to: number, extend: boolean) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    const row = rows[next];
    if (!row) return;
    setActive(next);
    side.click(row.id, extend ? 'range' : 'single');
    virtualizer.scrollToIndex(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    const step = steps[e.key];
    if (step !== undefined) {
      e.preventDefault();
      moveActive(active + step, e.shiftKey);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      moveActive(e.key === 'Home' ? 0 : rows.length - 1, e.shiftKey);
    } else if (e.key === ' ') {
      e.preventDefault();
      if (activeRow) side.click(activeRow.id, 'toggle');
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      side.selectLoaded();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onMove();
    }
  };

  const onOptionClick = (e: MouseEvent, index: number, rid: number) => {
    setActive(index);
    side.click(rid, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'single');
    listRef.current?.focus();
  };

  const paddingTop = items[0]?.start ?? 0;

  return (
    <Stack gap={6} miw={0} role="group" aria-labelledby={`${id}-label`}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" id={`${id}-label`}>
          {label}
        </Text>
        <Text size="xs" c="dimmed" aria-live="polite">
          {feed.isPending ? '' : t('customer.count', { count: side.count, n: `${nf.format(side.count)}${feed.capped ? '+' : ''}` })}
        </Text>
      </Group>
      <TextInput
        type="search"
        size="xs"
        aria-label={t('groupMembers.searchIn', { list: label })}
        placeholder={t('list.searchPlaceholder')}
        leftSection={<IconSearch size={14} aria-hidden />}
        value={side.search}
        onChange={(e) => side.setSearch(e.currentTarget.value)}
      />
      {matchingIn && (
        <Badge variant="light" color="teal" size="lg" tt="none" fullWidth radius="sm" className={classes.matching}>
          {matchingIn.q
            ? t('groupMembers.matchingPending', { n: nf.format(matchingIn.count), q: matchingIn.q })
            : t('groupMembers.allPending', { n: nf.format(matchingIn.count) })}
        </Badge>
      )}
      <div
        ref={listRef}
        role="listbox"
        aria-multiselectable="true"
        aria-labelledby={`${id}-label`}
        aria-activedescendant={activeRow ? optionId(activeRow.id) : undefined}
        tabIndex={0}
        className={classes.list}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          <div style={{ transform: `translateY(${paddingTop}px)` }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const selected = side.selection.ids.has(row.id);
              const pending = side.pendingIds.has(row.id);
              return (
                <div
                  key={item.key}
                  id={optionId(row.id)}
                  role="option"
                  aria-selected={selected}
                  className={classes.option}
                  data-active={item.index === active || undefined}
                  data-selected={selected || undefined}
                  style={{ height: ROW_HEIGHT }}
                  onMouseDown={(e) => {
                    // Shift+click must not select text.
                    if (e.shiftKey) e.preventDefault();
                  }}
                  onClick={(e) => onOptionClick(e, item.index, row.id)}
                  onDoubleClick={onMove}
                >
                  <span className={classes.name}>{String(row.name ?? `#${row.id}`)}</span>
                  {typeof row.city === 'string' && <span className={classes.meta}>{row.city}</span>}
                  {pending && (
                    <Badge size="xs" variant="light" color="orange" tt="none" className={classes.pending}>
                      {t('groupMembers.pending')}
                    </Badge>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {feed.isPending && (
          <Group gap="xs" p="xs" role="status">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('list.loading')}
            </Text>
          </Group>
        )}
        {!feed.isPending && rows.length === 0 && (
          <Text size="xs" c="dimmed" p="xs">
            {side.serverHidden ? t('groupMembers.allMoved') : side.q ? t('list.noRecords') : t('groupMembers.empty')}
          </Text>
        )}
      </div>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Button size="compact-xs" variant="subtle" onClick={side.selectAllMatching} disabled={!canSelectAllMatching || side.count === 0}>
          {t('groupMembers.selectAllMatching')}
        </Button>
        <Text size="xs" c="dimmed" aria-live="polite">
          {side.selectedCount > 0 ? t('list.selected', { count: side.selectedCount, n: nf.format(side.selectedCount) }) : ''}
        </Text>
      </Group>
    </Stack>
  );
}
