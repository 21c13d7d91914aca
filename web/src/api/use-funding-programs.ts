import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FundingProgram } from '../../../src/modules/funding/programs/schemas';

/** Programmes paying for workers in a region (own subtree and the payers above it). */
export function useFundingPrograms(region?: string) {
  return useQuery({
    queryKey: ['funding', 'programs', region ?? ''],
    queryFn: ({ signal }) => api<{ items: FundingProgram[] }>('/api/funding-programs', { query: { region }, signal }),
  });
}
