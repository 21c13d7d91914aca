import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** Employer counts per compliance status in a region (dashboard figures). */
export function useEmployerSummary(region?: string, enabled = true) {
  return useQuery({
    queryKey: ['employers', 'summary', region],
    queryFn: ({ signal }) => api<{ region: string; total: number; byStatus: Record<string, number> }>('/api/employers/summary', { query: { region }, signal }),
    staleTime: 30_000,
    enabled,
  });
}
