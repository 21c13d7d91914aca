import type { WorkerFilter } from './types';

/** React Query keys, in one place so invalidation stays consistent. */
export const queryKeys = {
  me: ['me'] as const,
  region: (code: string) => ['region', code] as const,
  regionChildren: (code: string) => ['region', code, 'children'] as const,
  regionSearch: (q: string) => ['region-search', q] as const,
  /** Prefix of every worker list (invalidate after a new worker or an import). */
  workers: ['workers'] as const,
  workerList: (filter: WorkerFilter, page: number, pageSize: number) => ['workers', 'list', filter, page, pageSize] as const,
  importJob: (id: number) => ['import', id] as const,
  importProblems: (id: number) => ['import', id, 'problems'] as const,
};
