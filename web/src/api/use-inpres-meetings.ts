import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Meeting } from '../../../src/modules/inpres/schemas';

/** GET /api/inpres/:code/meetings — the region's own meetings with their follow-up actions. */
export function useInpresMeetings(code: string) {
  return useQuery({
    queryKey: ['inpres', 'meetings', code],
    queryFn: ({ signal }) => api<{ items: Meeting[]; total: number }>(`/api/inpres/${encodeURIComponent(code)}/meetings`, { signal }),
  });
}
