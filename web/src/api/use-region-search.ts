import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { RegionSummary } from './types';

export const REGION_SEARCH_MIN_LENGTH = 2;
/** Results asked for; getting this many means there may be more. */
export const REGION_SEARCH_LIMIT = 30;

/** Name search within the user's region; runs only for at least two characters (debounce the input). */
export function useRegionSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: queryKeys.regionSearch(q.toLowerCase()),
    queryFn: ({ signal }) => api<RegionSummary[]>('/api/regions', { query: { q, limit: REGION_SEARCH_LIMIT }, signal }),
    enabled: q.length >= REGION_SEARCH_MIN_LENGTH,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}
