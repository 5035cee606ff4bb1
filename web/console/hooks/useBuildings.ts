import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** Query key of the estate's buildings. */
export const buildingsQueryKey = (estateId: string) => ['estates', estateId, 'buildings'] as const;

/** The estate's buildings with units, butlers and household counts. */
export function useBuildings(estateId: string) {
  return useQuery({
    queryKey: buildingsQueryKey(estateId),
    queryFn: () => estatesApi.buildings(estateId),
    enabled: !!estateId,
    staleTime: 60_000,
  });
}
