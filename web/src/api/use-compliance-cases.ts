import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseStep, CaseSummary, Page } from './compliance-types';

export function useComplianceCases(filter: { step?: CaseStep; overdue?: 'true'; open?: 'true'; employerId?: number }, page: number, pageSize = 25) {
  return useQuery({
    queryKey: ['compliance-cases', 'list', filter, page, pageSize],
    queryFn: ({ signal }) => api<Page<CaseSummary>>('/api/compliance-cases', { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
