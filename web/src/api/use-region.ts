import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { RegionDetail } from './types';

/** One region with its ancestors (`ID` is Indonesia). */
export function useRegion(code: string) {
  return useQuery({
    queryKey: queryKeys.region(code),
    queryFn: ({ signal }) => api<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { signal }),
    staleTime: 60 * 60_000,
  });
}
