import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface UmkRow {
  regencyCode: string;
  regencyName: string;
  year: number;
  amount: number;
  legalBasis: string;
}

export function useUmk() {
  return useQuery({ queryKey: ['umk'], queryFn: ({ signal }) => api<{ items: UmkRow[] }>('/api/umk', { signal }) });
}
