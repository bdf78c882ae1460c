import type { Group } from '../records.js';
import type { Feed } from './useFeeds.js';
import type { EntityRecord } from '../records.js';

/** A line of the grid: a group header, a record, or a status line (loading, empty, more). */
export type DisplayRow =
  | { kind: 'group'; key: string; group: Group; expanded: boolean }
  | { kind: 'record'; key: string; record: EntityRecord; feedKey: string; tail: boolean }
  | { kind: 'status'; key: string; feedKey: string; status: 'loading' | 'loadingMore' | 'empty' | 'error' };

function feedRows(feed: Feed | undefined, feedKey: string, out: DisplayRow[]): void {
  if (!feed || feed.isPending) {
    out.push({ kind: 'status', key: `status:${feedKey}`, feedKey, status: 'loading' });
    return;
  }
  if (feed.error || !feed.data) {
    out.push({ kind: 'status', key: `status:${feedKey}`, feedKey, status: 'error' });
    return;
  }
  const items = feed.data.items;
  if (items.length === 0) out.push({ kind: 'status', key: `status:${feedKey}`, feedKey, status: 'empty' });
  items.forEach((record, i) => out.push({ kind: 'record', key: `${feedKey}#${record.id}`, record, feedKey, tail: i === items.length - 1 }));
  if (feed.loadingMore) out.push({ kind: 'status', key: `more:${feedKey}`, feedKey, status: 'loadingMore' });
}

export function flatRows(feed: Feed | undefined): DisplayRow[] {
  const out: DisplayRow[] = [];
  feedRows(feed, '*', out);
  return out;
}

export function groupedRows(groups: readonly Group[], expanded: ReadonlySet<string>, feeds: ReadonlyMap<string, Feed>, keyOf: (g: Group) => string): DisplayRow[] {
  const out: DisplayRow[] = [];
  for (const group of groups) {
    const key = keyOf(group);
    const isOpen = expanded.has(key);
    out.push({ kind: 'group', key: `group:${key}`, group, expanded: isOpen });
    if (isOpen) feedRows(feeds.get(key), key, out);
  }
  return out;
}
