import { useQuery } from '@tanstack/react-query';
import { authApi } from '../../api/endpoints';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** The signed-in staff member (`GET /api/auth/me`); a 401 sends the app to the login page. */
export function useCurrentUser() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: 5 * 60_000,
  });
}
