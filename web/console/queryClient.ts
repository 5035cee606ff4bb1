import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** React Query client: no retries for 4xx answers (they will not get better), short staleness. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
        return count < 2;
      },
    },
    mutations: { retry: false },
  },
});
