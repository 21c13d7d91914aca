import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Bill } from './funding-types';

export function useBills(programId: number) {
  return useQuery({ queryKey: ['funding', 'bills', programId], queryFn: ({ signal }) => api<{ items: Bill[] }>(`/api/funding-programs/${programId}/bills`, { signal }) });
}
