import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DtsenCoverage } from '../../../src/modules/targeting/schemas';

/** DTSEN deciles 1–4 of a region covered or not, and the cost to close the gap (counts only). */
export function useDtsenCoverage(region: string, enabled = true) {
  return useQuery({
    queryKey: ['targeting', 'coverage', region],
    queryFn: ({ signal }) => api<DtsenCoverage>(`/api/targeting/${encodeURIComponent(region)}/coverage`, { signal }),
    staleTime: 30_000,
    enabled,
  });
}
