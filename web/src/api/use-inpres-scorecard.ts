import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Scorecard } from '../../../src/modules/inpres/schemas';

/** GET /api/inpres/:code — the region's Inpres 2/2021 scorecard for a year. */
export function useInpresScorecard(code: string, year: number) {
  return useQuery({
    queryKey: ['inpres', 'scorecard', code, year],
    queryFn: ({ signal }) => api<Scorecard>(`/api/inpres/${encodeURIComponent(code)}`, { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}
