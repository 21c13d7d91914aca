import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseStep } from '../../../src/domain/compliance-case';
import type { CasePage } from '../../../src/modules/compliance-cases/schemas';

export function useComplianceCases(filter: { step?: CaseStep; overdue?: 'true'; open?: 'true'; employerId?: number }, page: number, pageSize = 25) {
  return useQuery({
    queryKey: ['compliance-cases', 'list', filter, page, pageSize],
    queryFn: ({ signal }) => api<CasePage>('/api/compliance-cases', { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
