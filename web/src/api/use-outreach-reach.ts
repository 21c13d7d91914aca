import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Reach } from '../../../src/modules/outreach/schemas';

export function useOutreachReach(regionCode: string, enabled = true) {
  return useQuery({ queryKey: ['outreach', 'reach', regionCode], queryFn: ({ signal }) => api<Reach>(`/api/outreach/reach/${encodeURIComponent(regionCode)}`, { signal }), enabled, staleTime: 30_000 });
}
