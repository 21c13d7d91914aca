import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ComplianceStatus } from '../../../src/domain/compliance';
import type { EmployerPage } from '../../../src/modules/employers/schemas';

/** Employers of the user's region with their compliance findings, filtered by status or name. */
export function useEmployers(filter: { status?: ComplianceStatus; q?: string }, page: number, pageSize = 25) {
  return useQuery({
    queryKey: ['employers', 'list', filter, page, pageSize],
    queryFn: ({ signal }) => api<EmployerPage>('/api/employers', { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
