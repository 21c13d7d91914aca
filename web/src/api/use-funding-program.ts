import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FundingProgram } from '../../../src/modules/funding/programs/schemas';

export function useFundingProgram(id: number) {
  return useQuery({ queryKey: ['funding', 'program', id], queryFn: ({ signal }) => api<FundingProgram>(`/api/funding-programs/${id}`, { signal }) });
}
