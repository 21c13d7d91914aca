import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Regulation } from '../../../src/modules/inpres/schemas';

/** GET /api/regulations?region= — the region's regulations, newest first (first page). */
export function useRegulations(region: string) {
  return useQuery({
    queryKey: ['inpres', 'regulations', region],
    queryFn: ({ signal }) => api<{ items: Regulation[]; total: number }>('/api/regulations', { query: { region, pageSize: 100 }, signal }),
  });
}
