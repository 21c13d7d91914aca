import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import { queryKeys } from './keys';
import type { WorkerFilter, WorkerPage } from './types';

export const WORKERS_PAGE_SIZE = 25;

/** One page of workers in the user's region (NIK masked), filtered. */
export function useWorkers(filter: WorkerFilter, page: number, pageSize = WORKERS_PAGE_SIZE) {
  return useQuery({
    queryKey: queryKeys.workerList(filter, page, pageSize),
    queryFn: ({ signal }) => api<WorkerPage>('/api/workers', { query: { ...filter, page, pageSize }, signal }),
    // Keep the previous page on screen while the next one loads (no flashing skeleton when paging).
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The same list as an .xlsx download (a plain link: the browser saves it, the session cookie goes along). */
export function workersExportUrl(filter: WorkerFilter): string {
  return withQuery('/api/workers/export.xlsx', { ...filter });
}
