import { useQuery } from '@tanstack/react-query';
import type { BenefitAnswer, ContributionAnswer } from '../../../src/modules/funding/rates/schemas';
import { api } from './client';

type Query = Record<string, string | number | undefined>;

/** Simulasi iuran: asks only when `query` is set (the form was submitted). */
export function useContribution(query: Query | undefined) {
  return useQuery({
    queryKey: ['calc', 'contribution', query],
    queryFn: ({ signal }) => api<ContributionAnswer>('/api/calc/contribution', { query, signal }),
    enabled: !!query,
    retry: false,
  });
}

export function useBenefit(query: Query | undefined) {
  return useQuery({
    queryKey: ['calc', 'benefit', query],
    queryFn: ({ signal }) => api<BenefitAnswer>('/api/calc/benefit', { query, signal }),
    enabled: !!query,
    retry: false,
  });
}
