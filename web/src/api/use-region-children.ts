import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { RegionSummary } from './types';

/** Child regions the user may see (only the branch towards their own region above it). */
export function useRegionChildren(code: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.regionChildren(code),
    queryFn: ({ signal }) => api<RegionSummary[]>(`/api/regions/${encodeURIComponent(code)}/children`, { signal }),
    staleTime: 60 * 60_000,
    enabled,
  });
}
