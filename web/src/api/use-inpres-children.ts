import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ChildScore } from '../../../src/modules/inpres/schemas';

/** GET /api/inpres/:code/children — the children ranked by score. */
export function useInpresChildren(code: string, year: number, enabled = true) {
  return useQuery({
    queryKey: ['inpres', 'children', code, year],
    queryFn: ({ signal }) => api<ChildScore[]>(`/api/inpres/${encodeURIComponent(code)}/children`, { query: { year }, signal }),
    enabled,
  });
}
