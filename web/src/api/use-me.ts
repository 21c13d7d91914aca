import { useQuery } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client';
import { queryKeys } from './keys';
import type { Me } from './types';

/** The signed-in user, or null when there is no (valid) session. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me', { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    // Re-check the session when the user comes back to the tab: an expired session goes to login.
    refetchOnWindowFocus: true,
  });
}
