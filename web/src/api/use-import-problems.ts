import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { ImportProblems } from './types';

const PAGE = 20;

/** The rows of an import that need fixing, 20 at a time in file order (keyset on the row number). */
export function useImportProblems(apiBase: string, id: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.importProblems(id),
    queryFn: ({ pageParam, signal }) =>
      api<ImportProblems>(`${apiBase}/${id}/problems?limit=${PAGE}${pageParam ? `&afterRow=${pageParam}` : ''}`, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextAfterRow ?? undefined,
    enabled,
  });
}
