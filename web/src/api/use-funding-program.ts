import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FundingProgram } from './funding-types';

export function useFundingProgram(id: number) {
  return useQuery({ queryKey: ['funding', 'program', id], queryFn: ({ signal }) => api<FundingProgram>(`/api/funding-programs/${id}`, { signal }) });
}
