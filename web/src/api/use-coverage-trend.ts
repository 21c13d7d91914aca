import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CoverageTrendPoint } from '../../../src/modules/coverage/schemas';

/** Month-by-month coverage of one region. */
export function useCoverageTrend(code: string, from: string, to: string) {
  return useQuery({
    queryKey: ['coverage', code, 'trend', from, to],
    queryFn: ({ signal }) => api<CoverageTrendPoint[]>(`/api/coverage/${encodeURIComponent(code)}/trend`, { signal, query: { from, to } }),
    staleTime: 30_000,
  });
}
