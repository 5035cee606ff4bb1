import { useQuery } from '@tanstack/react-query';
import { householdsApi } from '../../../../api/endpoints';

export const householdKey = (id: string) => ['households', 'detail', id] as const;

/** One household archive (`GET /api/households/:id`). */
export function useHousehold(id: string) {
  return useQuery({ queryKey: householdKey(id), queryFn: () => householdsApi.get(id), enabled: !!id });
}
