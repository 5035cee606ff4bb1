import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** The estate's buildings with units, butlers and household counts. */
export function useBuildings(estateId: string) {
  return useQuery({
    queryKey: ['estates', estateId, 'buildings'],
    queryFn: () => estatesApi.buildings(estateId),
    enabled: !!estateId,
    staleTime: 60_000,
  });
}
