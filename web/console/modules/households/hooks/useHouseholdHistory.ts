import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';

/** The household's change history, newest first. */
export function useHouseholdHistory(householdId: string, enabled = true) {
  return useQuery({
    queryKey: ['households', 'detail', householdId, 'history'],
    queryFn: async () => {
      const list = await householdsApi.history(householdId);
      return [...list].sort((a, b) => b.version - a.version || b.at.localeCompare(a.at));
    },
    enabled: enabled && !!householdId,
  });
}
