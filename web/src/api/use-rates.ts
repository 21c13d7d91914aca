import { useQuery } from '@tanstack/react-query';
import type { Rate } from '../../../src/modules/funding/rates/schemas';
import { api } from './client';

/** Every rate, cap and amount with its effective date and legal basis. */
export function useRates() {
  return useQuery({ queryKey: ['rates'], queryFn: ({ signal }) => api<{ items: Rate[] }>('/api/rates', { signal }) });
}
