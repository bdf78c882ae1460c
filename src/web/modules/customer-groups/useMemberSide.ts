import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EntityRecord } from '../../core/records.js';
import type { MemberSide } from './membersApi.js';
import type { MatchingMove } from './pendingMembers.js';
import { useMemberFeed } from './useMemberFeed.js';

/** What moved into or out of this side while the dialog is open (not saved yet). */
export interface SideChanges {
  movedIn: readonly EntityRecord[];
  movedOut: ReadonlySet<number>;
  matchingIn: MatchingMove | null;
  matchingOut: MatchingMove | null;
}

/** Selection in one list: ids, the anchor of a shift-range, and whether "Select all matching" is on. */
export interface SideSelection {
  ids: ReadonlySet<number>;
  anchor: number | null;
  allMatching: boolean;
}

const NONE: SideSelection = { ids: new Set(), anchor: null, allMatching: false };

/** A record moved here matches the search roughly as the server's would (name or code contains it). */
const matchesLocally = (r: EntityRecord, q: string) => {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [r.name, r.code].some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
};

/** One list of the dialog: server feed, pending moves laid over it, search and selection. */
export function useMemberSide(groupId: number, side: MemberSide, opened: boolean, changes: SideChanges) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const q = debounced;
  const feed = useMemberFeed(groupId, side, q, opened);
  const [selection, setSelection] = useState<SideSelection>(NONE);

  // Everything matching was moved away: the server's rows are gone from this side until OK.
  const serverHidden = changes.matchingOut !== null && (changes.matchingOut.q === '' || changes.matchingOut.q === q);
  const rows = useMemo(() => {
    const moved = changes.movedIn.filter((r) => matchesLocally(r, q));
    const movedIds = new Set(moved.map((r) => r.id));
    const server = serverHidden ? [] : feed.items.filter((r) => !changes.movedOut.has(r.id) && !movedIds.has(r.id));
    return [...moved, ...server];
  }, [changes.movedIn, changes.movedOut, feed.items, q, serverHidden]);
  const pendingIds = useMemo(() => new Set(changes.movedIn.map((r) => r.id)), [changes.movedIn]);

  // What the list holds now: the server's count with the pending moves applied.
  const count = serverHidden ? changes.movedIn.length : Math.max(0, feed.total - changes.movedOut.size) + changes.movedIn.length;

  // A new search is a new list: a selection of rows no longer shown would be surprising.
  useEffect(() => setSelection(NONE), [q]);

  const click = useCallback(
    (id: number, mode: 'single' | 'toggle' | 'range') => {
      setSelection((s) => {
        if (mode === 'toggle') {
          const ids = new Set(s.ids);
          if (ids.has(id)) ids.delete(id);
          else ids.add(id);
          return { ids, anchor: id, allMatching: false };
        }
        if (mode === 'range' && s.anchor !== null) {
          const a = rows.findIndex((r) => r.id === s.anchor);
          const b = rows.findIndex((r) => r.id === id);
          if (a >= 0 && b >= 0) return { ids: new Set(rows.slice(Math.min(a, b), Math.max(a, b) + 1).map((r) => r.id)), anchor: s.anchor, allMatching: false };
        }
        return { ids: new Set([id]), anchor: id, allMatching: false };
      });
    },
    [rows],
  );

  const selectAllMatching = useCallback(() => setSelection({ ids: new Set(rows.map((r) => r.id)), anchor: null, allMatching: true }), [rows]);
  const selectLoaded = useCallback(() => setSelection({ ids: new Set(rows.map((r) => r.id)), anchor: null, allMatching: false }), [rows]);
  const clear = useCallback(() => setSelection(NONE), []);

  const selectedRecords = useMemo(() => rows.filter((r) => selection.ids.has(r.id)), [rows, selection.ids]);
  // "All matching" counts what the server found, not only the loaded rows.
  const selectedCount = selection.allMatching ? Math.max(count, selection.ids.size) : selection.ids.size;

  const reset = useCallback(() => {
    setSearch('');
    setSelection(NONE);
  }, []);

  return { search, setSearch, q, feed, rows, pendingIds, count, serverHidden, selection, selectedRecords, selectedCount, click, selectAllMatching, selectLoaded, clear, reset };
}

export type MemberSideState = ReturnType<typeof useMemberSide>;
