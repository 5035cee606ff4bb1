import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';

export const consentsKey = (id: string) => ['households', 'detail', id, 'consents'] as const;

/** The household's recorded consents (active and withdrawn). */
export function useConsents(householdId: string, enabled = true) {
  return useQuery({
    queryKey: consentsKey(householdId),
    queryFn: () => householdsApi.consents(householdId),
    enabled: enabled && !!householdId,
  });
}
