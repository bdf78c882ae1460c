import type { QueryClient } from '@tanstack/react-query';
import type { EntityDef } from '../../../shared/entity/define.js';
import { recordKeys, type EntityRecord } from '../records.js';
import type { FeedData } from './useFeeds.js';

/** Puts a fresh copy of a record into every loaded feed and its own cache entry, without refetching pages. */
export function replaceRecordEverywhere(queryClient: QueryClient, entity: EntityDef, record: EntityRecord): void {
  queryClient.setQueriesData<FeedData>({ queryKey: [...recordKeys.all(entity), 'feed'] }, (old) =>
    old ? { ...old, items: old.items.map((r) => (r.id === record.id ? record : r)) } : old,
  );
  queryClient.setQueryData(recordKeys.one(entity, record.id), record);
}
