import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { EarlyWarning } from '../../../src/modules/funding/planning/schemas';

/** Who lapses within `days` if bills stay unpaid, for a programme or a region. */
export function useEarlyWarning(q: { programId?: number; region?: string; days: number }) {
  return useQuery({ queryKey: ['funding', 'early-warning', q], queryFn: ({ signal }) => api<EarlyWarning>('/api/early-warning', { query: q, signal }) });
}
