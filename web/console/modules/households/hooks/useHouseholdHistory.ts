import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';
import { householdKey } from './useHousehold';

/** The history's query key: under the household's, refreshed on its own (see `exact` elsewhere). */
export const historyKey = (householdId: string) => [...householdKey(householdId), 'history'] as const;

/** The household's change history, newest first. */
export function useHouseholdHistory(householdId: string, enabled = true) {
  return useQuery({
    queryKey: historyKey(householdId),
    queryFn: async () => {
      const list = await householdsApi.history(householdId);
      return [...list].sort((a, b) => b.version - a.version || b.at.localeCompare(a.at));
    },
    enabled: enabled && !!householdId,
  });
}
