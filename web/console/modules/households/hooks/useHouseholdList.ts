import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';
import type { ListHouseholdsQuery } from '../../../../api/types';

export const PAGE_SIZE = 50;

/** Households matching the search and filters, loaded page by page with the server's cursor. */
export function useHouseholdList(filters: Omit<ListHouseholdsQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['households', 'list', filters],
    queryFn: ({ pageParam }) => householdsApi.list({ ...filters, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
