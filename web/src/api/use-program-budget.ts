import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Budget } from '../../../src/modules/funding/planning/schemas';

export function useProgramBudget(programId: number) {
  return useQuery({ queryKey: ['funding', 'budget', programId], queryFn: ({ signal }) => api<Budget>(`/api/funding-programs/${programId}/budget`, { signal }) });
}
