import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { householdsApi } from '../../../../api/endpoints';

/**
 * The household a visit form is about, kept in the URL (`?householdId=`) so that a link from the
 * agenda or a reload keeps it: its id, its archive, and a setter (null clears it).
 */
export function useHouseholdParam() {
  const [params, setParams] = useSearchParams();
  const householdId = params.get('householdId') ?? '';
  const household = useQuery({
    queryKey: ['households', 'detail', householdId],
    queryFn: () => householdsApi.get(householdId),
    enabled: !!householdId,
  });
  const setHousehold = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('householdId', id);
    else next.delete('householdId');
    setParams(next, { replace: true });
  };
  return { params, householdId, household, setHousehold };
}

export type HouseholdParam = ReturnType<typeof useHouseholdParam>;
