import { useQuery } from '@tanstack/react-query';
import { estatesApi } from '../../api/endpoints';

/** The estate's custom household field definitions, sorted for display. */
export function useCustomFields(estateId: string) {
  return useQuery({
    queryKey: ['estates', estateId, 'custom-fields'],
    queryFn: async () => {
      const defs = await estatesApi.customFields(estateId);
      return [...defs].sort((a, b) => a.sort - b.sort || a.key.localeCompare(b.key));
    },
    enabled: !!estateId,
  });
}
