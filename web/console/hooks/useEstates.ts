import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** Every estate the user may see, with counts. */
export function useEstates() {
  return useQuery({ queryKey: ['estates'], queryFn: estatesApi.list, staleTime: 60_000 });
}
