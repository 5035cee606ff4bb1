import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { agendaApi, visitsApi } from '../../../../api/endpoints';
import type { ListVisitsQuery } from '../../../../api/types';

/** Query keys of issue 4: agendas, the KPI board, visits and loyal groups. */
export const agendaKeys = {
  all: ['agenda'] as const,
  agenda: (estateId: string, assignee: string) => ['agenda', estateId, assignee] as const,
  kpi: (estateId: string, period: string) => ['kpi', estateId, period] as const,
  visits: ['visits'] as const,
  visitList: (q: Omit<ListVisitsQuery, 'cursor' | 'limit'>) => ['visits', 'list', q] as const,
  loyalGroups: (estateId: string) => ['loyal-groups', estateId] as const,
};

/** Someone's agenda (`assignee`: 'me' or an account id) in the estate; refreshed every minute. */
export function useAgenda(estateId: string, assignee: string) {
  return useQuery({
    queryKey: agendaKeys.agenda(estateId, assignee),
    queryFn: () => agendaApi.get({ estateId: estateId || undefined, assignee }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** The promise-keeping board of a period (YYYY-MM or YYYY-Www). */
export function useKpiBoard(estateId: string, period: string) {
  return useQuery({
    queryKey: agendaKeys.kpi(estateId, period),
    queryFn: () => agendaApi.kpi(estateId, period),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
}

export const VISIT_PAGE_SIZE = 30;

/** Visits matching the filters, newest first, page by page. */
export function useVisitList(q: Omit<ListVisitsQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: agendaKeys.visitList(q),
    queryFn: ({ pageParam }) => visitsApi.list({ ...q, cursor: pageParam, limit: VISIT_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The estate's loyal-household groups (a squad leader: their own). */
export function useLoyalGroups(estateId: string) {
  return useQuery({
    queryKey: agendaKeys.loyalGroups(estateId),
    queryFn: () => visitsApi.loyalGroups(estateId),
    enabled: !!estateId,
  });
}
