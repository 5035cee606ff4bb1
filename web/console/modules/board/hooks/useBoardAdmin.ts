import { useQuery } from '@tanstack/react-query';
import { boardAdminApi } from '../../../../api/messaging';

export const boardKeys = {
  boards: (estateId: string) => ['boards', estateId] as const,
  notices: (estateId: string) => ['board-notices', estateId] as const,
  greetings: (estateId: string) => ['board-greetings', estateId] as const,
  weather: (estateId: string, date: string) => ['weather', estateId, date] as const,
};

export function useBoards(estateId: string) {
  return useQuery({
    queryKey: boardKeys.boards(estateId),
    queryFn: () => boardAdminApi.boards(estateId),
    enabled: !!estateId,
  });
}

export function useNotices(estateId: string) {
  return useQuery({
    queryKey: boardKeys.notices(estateId),
    queryFn: () => boardAdminApi.notices(estateId),
    enabled: !!estateId,
  });
}

export function useGreetings(estateId: string) {
  return useQuery({
    queryKey: boardKeys.greetings(estateId),
    queryFn: () => boardAdminApi.greetings(estateId),
    enabled: !!estateId,
  });
}

/** The forecast of a date (entered by hand, cached, from the provider, or the last known). */
export function useWeather(estateId: string, date: string) {
  return useQuery({
    queryKey: boardKeys.weather(estateId, date),
    queryFn: () => boardAdminApi.weather(estateId, date),
    enabled: !!estateId && !!date,
  });
}
