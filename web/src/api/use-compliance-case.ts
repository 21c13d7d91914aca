import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseDetail } from '../../../src/modules/compliance-cases/schemas';

export function useComplianceCase(id: number) {
  return useQuery({ queryKey: ['compliance-cases', 'one', id], queryFn: ({ signal }) => api<CaseDetail>(`/api/compliance-cases/${id}`, { signal }) });
}
