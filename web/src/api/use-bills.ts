import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { BillList } from '../../../src/modules/funding/billing/schemas';

export function useBills(programId: number) {
  return useQuery({ queryKey: ['funding', 'bills', programId], queryFn: ({ signal }) => api<BillList>(`/api/funding-programs/${programId}/bills`, { signal }) });
}
