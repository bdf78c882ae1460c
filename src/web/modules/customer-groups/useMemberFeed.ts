import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityRecord } from '../../core/records.js';
import { membersApi, type MemberSide } from './membersApi.js';

export const memberKeys = {
  all: ['customer-group-members'] as const,
  feed: (groupId: number, side: MemberSide, q: string, locale: string) => ['customer-group-members', groupId, side, q, locale] as const,
};

/** One side of the dialog: cursor pages of members or non-members, 50 at a time, searched on the server. */
export function useMemberFeed(groupId: number, side: MemberSide, q: string, enabled: boolean) {
  const { i18n } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: memberKeys.feed(groupId, side, q, i18n.language),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => membersApi.list(groupId, side, q, pageParam, i18n.language, signal),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
  const items = useMemo<EntityRecord[]>(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const first = query.data?.pages[0];
  return {
    items,
    total: first?.total ?? 0,
    capped: first?.totalCapped ?? false,
    isPending: query.isPending,
    error: query.error,
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
  };
}
