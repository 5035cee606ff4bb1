import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';

export const sensitiveKey = (id: string) => ['households', 'detail', id, 'sensitive'] as const;

/**
 * The household's sensitive facts. Every fetch is an audited read, so it runs only once the
 * user asked to see them (`enabled`), is never refetched on its own, and is dropped from memory
 * as soon as nothing shows it.
 */
export function useSensitiveFacts(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: sensitiveKey(householdId),
    queryFn: () => householdsApi.sensitive(householdId),
    enabled: enabled && !!householdId,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnMount: false,
    refetchOnReconnect: false,
  });
}
