import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type ListLoansQuery, loansApi } from '../../../../api/followup';

export const PAGE_SIZE = 50;

/** Query keys: items and loans under `['loans']`, demand peaks under `['demand-peaks']`. */
export const loanKeys = {
  all: ['loans'] as const,
  items: (estateId: string) => ['loans', 'items', estateId] as const,
  list: (q: Omit<ListLoansQuery, 'cursor' | 'limit'>) => ['loans', 'list', q] as const,
  peaks: (estateId: string, weeks: number, team: string) => ['demand-peaks', estateId, weeks, team] as const,
};

/** Returnable items of the estate per location with stock, on loan and available. */
export function useLoanItems(estateId: string) {
  return useQuery({
    queryKey: loanKeys.items(estateId),
    queryFn: () => loansApi.items(estateId),
    enabled: !!estateId,
  });
}

/** Loans newest first, page by page; `status: 'open'` includes the overdue ones. */
export function useLoanList(q: Omit<ListLoansQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: loanKeys.list(q),
    queryFn: ({ pageParam }) => loansApi.list({ ...q, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Reloads items (their available counts) and every loan list after a loan or a return. */
export function useRefreshLoans() {
  const qc = useQueryClient();
  return useCallback(() => void qc.invalidateQueries({ queryKey: loanKeys.all }), [qc]);
}

/** Requests by weekday × hour over the last `weeks` weeks against staff on duty (dispatchers). */
export function useDemandPeaks(estateId: string, weeks: number, team: string) {
  return useQuery({
    queryKey: loanKeys.peaks(estateId, weeks, team),
    queryFn: () => loansApi.demandPeaks(estateId, { weeks, team }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
