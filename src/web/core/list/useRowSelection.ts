import { useCallback, useMemo, useRef, useState } from 'react';

export interface RowSelection {
  selected: ReadonlySet<number>;
  /** Click toggles one row; shift-click selects the range from the last clicked row. */
  toggle: (id: number, range: boolean) => void;
  /** Selects every loaded row, or clears when all of them are selected already. */
  toggleAll: () => void;
  clear: () => void;
  state: 'none' | 'some' | 'all';
}

/** Selection over the rows loaded so far, in display order (the ids a bulk action receives). */
export function useRowSelection(loadedIds: readonly number[]): RowSelection {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const order = useRef(loadedIds);
  order.current = loadedIds;

  const toggle = useCallback((id: number, range: boolean) => {
    setSelected((old) => {
      const next = new Set(old);
      const ids = order.current;
      const from = anchor.current === null ? -1 : ids.indexOf(anchor.current);
      const to = ids.indexOf(id);
      if (range && from >= 0 && to >= 0) {
        // The range takes the anchor's state, as in file managers.
        const on = old.has(anchor.current ?? id);
        for (const rid of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
          if (on) next.add(rid);
          else next.delete(rid);
        }
      } else {
        if (next.has(id)) next.delete(id);
        else next.add(id);
        anchor.current = id;
      }
      return next;
    });
  }, []);

  const toggleAll = useCallback(() => {
    setSelected((old) => {
      const ids = order.current;
      const all = ids.length > 0 && ids.every((id) => old.has(id));
      return all ? new Set() : new Set([...old, ...ids]);
    });
  }, []);

  const clear = useCallback(() => {
    anchor.current = null;
    setSelected(new Set());
  }, []);

  const state = useMemo(() => {
    if (selected.size === 0) return 'none';
    return loadedIds.length > 0 && loadedIds.every((id) => selected.has(id)) ? 'all' : 'some';
  }, [selected, loadedIds]);

  return { selected, toggle, toggleAll, clear, state };
}
