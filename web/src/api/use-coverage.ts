import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Coverage } from '../../../src/modules/coverage/schemas';

/** Coverage of a region and its children for one month (`ID` = national). */
export function useCoverage(code: string, period: string) {
  return useQuery({
    queryKey: ['coverage', code, period],
    queryFn: ({ signal }) => api<Coverage>(`/api/coverage/${encodeURIComponent(code)}`, { signal, query: { period } }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
