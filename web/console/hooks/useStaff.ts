import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** Query key of the estate's staff roster (invalidate it when butlers or buildings change). */
export const staffQueryKey = (estateId: string) => ['estates', estateId, 'staff'] as const;

/** The estate's staff with team, position and the buildings each butler looks after. */
export function useStaff(estateId: string) {
  return useQuery({
    queryKey: staffQueryKey(estateId),
    queryFn: () => estatesApi.staff(estateId),
    enabled: !!estateId,
  });
}
