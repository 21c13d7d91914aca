import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Rate {
  key: string;
  effectiveFrom: string;
  value: number;
  unit: 'ppm' | 'rupiah' | 'count';
  legalBasis: string;
  unconfirmed: boolean;
}

/** Every rate, cap and amount with its effective date and legal basis. */
export function useRates() {
  return useQuery({ queryKey: ['rates'], queryFn: ({ signal }) => api<{ items: Rate[] }>('/api/rates', { signal }) });
}
