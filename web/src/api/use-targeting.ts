import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { TargetingList } from '../../../src/modules/targeting/schemas';

export interface TargetingFilter {
  minDecile: number;
  maxDecile: number;
  minAge: number;
  maxAge: number;
  fundedElsewhere: 'exclude' | 'include' | 'only';
  page: number;
}

/** One page of a region's DTSEN priority list, with its counts and cost (issue 16). */
export function useTargeting(region: string, f: TargetingFilter, enabled = true) {
  return useQuery({
    queryKey: ['targeting', region, f],
    queryFn: ({ signal }) => api<TargetingList>(`/api/targeting/${encodeURIComponent(region)}`, { signal, query: { ...f, pageSize: 50 } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
