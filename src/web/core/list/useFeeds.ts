import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { EntityDef } from '../../../shared/entity/define.js';
import { recordKeys, recordsApi, type EntityRecord, type FieldFilter, type ListParams } from '../records.js';

/** The rows loaded so far for one slice of the list (the whole list, or one group). */
export interface FeedData {
  items: EntityRecord[];
  nextCursor: string | null;
}

export interface Feed {
  key: string;
  filter: FieldFilter | null;
  data: FeedData | undefined;
  isPending: boolean;
  error: Error | null;
  loadingMore: boolean;
}

export const feedKeyOf = (filter: FieldFilter | null): string => (filter ? `${filter.field}:${filter.op ?? 'eq'}:${String(filter.value)}` : '*');

interface FeedState {
  data: FeedData | undefined;
  isPending: boolean;
  error: Error | null;
}

function pickFeedState(results: { data?: FeedData; isPending: boolean; error: Error | null }[]): FeedState[] {
  return results.map((r) => ({ data: r.data, isPending: r.isPending, error: r.error }));
}

function withFilter(params: ListParams, filter: FieldFilter | null): ListParams {
  return filter ? { ...params, filters: [...(params.filters ?? []), filter] } : params;
}

/**
 * One cursor-paged feed per slice. The first page is a query (cached, refetched on invalidation);
 * further pages are appended to the same cache entry, so an inline edit can patch a row in place
 * and a group's rows always come from the server with that group's filter.
 */
export function useFeeds(entity: EntityDef, params: ListParams, filters: readonly (FieldFilter | null)[]) {
  const queryClient = useQueryClient();
  const inFlight = useRef(new Set<string>());
  const [loadingMore, setLoadingMore] = useState<ReadonlySet<string>>(new Set());

  const results = useQueries({
    // Only what the grid reads, so the combined result keeps its identity while nothing changed.
    combine: pickFeedState,
    queries: filters.map((filter) => ({
      queryKey: recordKeys.feed(entity, params, filter),
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<FeedData> => {
        const page = await recordsApi.page(entity, withFilter(params, filter), null, signal);
        return { items: page.items, nextCursor: page.nextCursor };
      },
    })),
  });

  const feeds: Feed[] = useMemo(
    () =>
      filters.map((filter, i) => {
        const r = results[i];
        const key = feedKeyOf(filter);
        return { key, filter, data: r?.data, isPending: r?.isPending ?? true, error: r?.error ?? null, loadingMore: loadingMore.has(key) };
      }),
    [filters, results, loadingMore],
  );

  const loadMore = useCallback(
    async (filter: FieldFilter | null) => {
      const key = feedKeyOf(filter);
      const queryKey = recordKeys.feed(entity, params, filter);
      const current = queryClient.getQueryData<FeedData>(queryKey);
      if (!current?.nextCursor || inFlight.current.has(key)) return;
      inFlight.current.add(key);
      setLoadingMore((s) => new Set(s).add(key));
      try {
        const page = await recordsApi.page(entity, withFilter(params, filter), current.nextCursor);
        queryClient.setQueryData<FeedData>(queryKey, (old) => {
          if (!old) return old;
          const seen = new Set(old.items.map((r) => r.id));
          return { ...old, items: [...old.items, ...page.items.filter((r) => !seen.has(r.id))], nextCursor: page.nextCursor };
        });
      } finally {
        inFlight.current.delete(key);
        setLoadingMore((s) => {
          const next = new Set(s);
          next.delete(key);
          return next;
        });
      }
    },
    [entity, params, queryClient],
  );

  return { feeds, loadMore };
}
