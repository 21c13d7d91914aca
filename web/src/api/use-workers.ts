import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import { queryKeys } from './keys';
import type { WorkerFilter, WorkerPage } from './types';
import type { DatabaseStatus } from '../../../src/modules/system/schemas';

export const WORKERS_PAGE_SIZE = 25;

/**
 * One page of workers in the user's region (NIK masked), filtered. `cursor` (the previous page's
 * nextCursor) reads the page by key, so a deep page costs what the first does; without it the page
 * is read by number (a deep link).
 */
export function useWorkers(filter: WorkerFilter, page: number, pageSize = WORKERS_PAGE_SIZE, cursor?: string) {
  return useQuery({
    queryKey: queryKeys.workerList(filter, page, pageSize),
    queryFn: ({ signal }) => api<WorkerPage>('/api/workers', { query: { ...filter, page, pageSize, ...(cursor ? { cursor } : {}) }, signal }),
    // Keep the previous page on screen while the next one loads (no flashing skeleton when paging).
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The same list as an .xlsx download (a plain link: the browser saves it, the session cookie goes along). */
export function workersExportUrl(filter: WorkerFilter): string {
  return withQuery('/api/workers/export.xlsx', { ...filter });
}

/** The database behind the server, for national roles: the embedded ceiling notice (issue 13). */
export function useDatabaseStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['system', 'database'] as const,
    queryFn: ({ signal }) => api<DatabaseStatus>('/api/system/database', { signal }),
    enabled,
    staleTime: 600_000,
  });
}
