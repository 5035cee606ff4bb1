import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  type ListRatingCardsQuery,
  type ListRevisitsQuery,
  ratingCardsApi,
  revisitsApi,
} from '../../../../api/followup';
import { useEstates } from '../../../hooks/useEstates';
import { useEstate } from '../../../session/useEstate';
import { DEFAULT_TIME_ZONE } from '../followupText';

export const PAGE_SIZE = 50;

/** Query keys: every card and revisit list under `['rating-cards']` / `['revisits']`. */
export const followUpKeys = {
  cards: ['rating-cards'] as const,
  cardList: (q: Omit<ListRatingCardsQuery, 'cursor' | 'limit'>) => ['rating-cards', 'list', q] as const,
  revisits: ['revisits'] as const,
  revisitList: (q: Omit<ListRevisitsQuery, 'cursor' | 'limit'>) => ['revisits', 'list', q] as const,
};

/** The time zone of an estate (or the current one): times on these pages are shown in it. */
export function useEstateTimeZone(estateId?: string): string {
  const { estateId: current } = useEstate();
  const estates = useEstates();
  const id = estateId ?? current;
  return estates.data?.find((e) => e.id === id)?.timeZone || DEFAULT_TIME_ZONE;
}

/** The supervision card of one request (none while it is not completed or outside my team). */
export function useCardOfRequest(estateId: string, requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: followUpKeys.cardList({ estateId, requestId }),
    queryFn: async () => (await ratingCardsApi.list({ estateId, requestId, limit: 1 })).items[0] ?? null,
    enabled: enabled && !!estateId && !!requestId,
  });
}

/** Cards of the estate page by page (e.g. rated ones with a comment awaiting the reply). */
export function useCardList(q: Omit<ListRatingCardsQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: followUpKeys.cardList(q),
    queryFn: ({ pageParam }) => ratingCardsApi.list({ ...q, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: enabled && !!q.estateId,
  });
}

/** Revisits by due time page by page: mine (`owner: 'me'`) or the team's (dispatchers). */
export function useRevisitList(q: Omit<ListRevisitsQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: followUpKeys.revisitList(q),
    queryFn: ({ pageParam }) => revisitsApi.list({ ...q, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Reloads every card and revisit list after a change (a reply, a completed revisit). */
export function useRefreshFollowUp() {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: followUpKeys.cards });
    void qc.invalidateQueries({ queryKey: followUpKeys.revisits });
  }, [qc]);
}
