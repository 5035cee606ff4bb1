import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** Rooms of one building (optionally one unit); each says whether it has a household. */
export function useRooms(estateId: string, buildingId: string | undefined, unitId?: string) {
  return useQuery({
    queryKey: ['estates', estateId, 'rooms', buildingId ?? '', unitId ?? ''],
    queryFn: () => estatesApi.rooms(estateId, { buildingId, unitId }),
    enabled: !!estateId && !!buildingId,
  });
}
