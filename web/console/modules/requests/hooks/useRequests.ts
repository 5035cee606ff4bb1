import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../../../../api/client';
import { serviceRequestsApi } from '../../../../api/endpoints';
import type { ListServiceRequestsQuery, ServiceRequestDetail } from '../../../../api/types';
import { useNotifyError } from '../../../hooks/useNotifyError';

export const PAGE_SIZE = 50;

/** Query keys: every request list and detail under `['service-requests']`. */
export const requestKeys = {
  all: ['service-requests'] as const,
  list: (q: Omit<ListServiceRequestsQuery, 'cursor' | 'limit'>) => ['service-requests', 'list', q] as const,
  detail: (id: string) => ['service-requests', 'detail', id] as const,
  suggestions: (id: string) => ['service-requests', 'detail', id, 'suggestions'] as const,
  catalog: (estateId: string) => ['service-catalog', estateId] as const,
};

/** The estate's service catalog (active entries, internal ones included for staff). */
export function useCatalog(estateId: string) {
  return useQuery({
    queryKey: requestKeys.catalog(estateId),
    queryFn: () => serviceRequestsApi.catalog(estateId),
    enabled: !!estateId,
    staleTime: 5 * 60_000,
  });
}

/** Requests matching the filters, page by page (care-flagged first, then due time, as the server sorts). */
export function useRequestList(q: Omit<ListServiceRequestsQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(q),
    queryFn: ({ pageParam }) => serviceRequestsApi.list({ ...q, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}

/** One request with its timeline. */
export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: () => serviceRequestsApi.get(id),
    enabled: !!id,
  });
}

/** Who could do the job: the responsible team ranked by skill match, then open jobs. */
export function useAssigneeSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.suggestions(id),
    queryFn: () => serviceRequestsApi.suggestions(id),
    enabled: enabled && !!id,
    staleTime: 0,
  });
}

/** Errors meaning someone else changed the request first: show the server's words and reload. */
const CONFLICTS = new Set(['REQUEST_STATE_CONFLICT', 'REQUEST_ASSIGNED_TO_OTHER', 'VERSION_CONFLICT']);

/**
 * Runs a state change (assign, accept, start, complete, cancel). On success the answer replaces
 * the cached detail and every list reloads; when someone else got there first (409 / 412) the
 * server's message is shown and everything reloads so the screen shows the current state.
 * Resolves to the new request, or null when it failed (the error was already shown).
 */
export function useRequestAction() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const mutation = useMutation({
    mutationFn: (run: () => Promise<ServiceRequestDetail>) => run(),
  });
  const { mutateAsync } = mutation;
  const act = useCallback(
    async (
      run: () => Promise<ServiceRequestDetail>,
      okText?: string,
    ): Promise<ServiceRequestDetail | null> => {
      try {
        const r = await mutateAsync(run);
        qc.setQueryData(requestKeys.detail(r.id), r);
        void qc.invalidateQueries({ queryKey: requestKeys.all });
        if (okText) message.success(okText);
        return r;
      } catch (err) {
        if (
          err instanceof ApiError &&
          (err.status === 409 || err.status === 412) &&
          CONFLICTS.has(err.code)
        ) {
          message.warning(err.message);
          void qc.invalidateQueries({ queryKey: requestKeys.all });
        } else {
          notifyError(err);
        }
        return null;
      }
    },
    [mutateAsync, qc, message, notifyError],
  );
  return { act, pending: mutation.isPending };
}
