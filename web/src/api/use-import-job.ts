import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { ImportView } from './types';

export const IMPORT_POLL_MS = 700;

const busy = (v: ImportView | undefined) => v?.status === 'validating' || v?.status === 'committing';

/**
 * One import, polled every ~0.7 s while the server is validating or committing it. `awaitingCommit`
 * keeps polling after the user pressed "save" until the server reports the commit has started.
 */
export function useImportJob(apiBase: string, id: number | undefined, awaitingCommit = false) {
  return useQuery({
    queryKey: queryKeys.importJob(id ?? 0),
    queryFn: ({ signal }) => api<ImportView>(`${apiBase}/${id}`, { signal }),
    enabled: id !== undefined,
    refetchInterval: (q) => (busy(q.state.data) || (awaitingCommit && q.state.data?.status === 'validated') ? IMPORT_POLL_MS : false),
    // Keep polling when the operator switches tabs while a large file is processed.
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}
