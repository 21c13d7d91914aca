import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface CalcLine {
  program: string;
  employer: number;
  worker: number;
  amount: number;
  basis: string[];
  note?: string;
}
export interface ContributionAnswer {
  segment: string;
  date: string;
  total: number;
  lines: CalcLine[];
}
export interface BenefitAnswer {
  type: string;
  date: string;
  total: number;
  parts: { name: string; amount: number; conditional?: boolean; eligible?: boolean; condition?: { id: string; en: string }; basis: string }[];
}

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
