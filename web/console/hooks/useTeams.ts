import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** The estate's teams (班组). */
export function useTeams(estateId: string) {
  return useQuery({
    queryKey: ['estates', estateId, 'teams'],
    queryFn: () => estatesApi.teams(estateId),
    enabled: !!estateId,
    staleTime: 60_000,
  });
}
