import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { ImportView } from './types';

/**
 * Saves every valid row of a validated import (all or none); progress then comes from useImportJob.
 * `confirmOverCapacity`: a permitted role goes over a funding programme's quota or budget.
 */
export function useCommitImport(apiBase: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirmOverCapacity }: { id: number; confirmOverCapacity?: boolean }) =>
      api<ImportView>(`${apiBase}/${id}/commit`, { method: 'POST', ...(confirmOverCapacity ? { body: { confirmOverCapacity } } : {}) }),
    onSuccess: (view) => {
      qc.setQueryData(queryKeys.importJob(view.id), view);
      void qc.invalidateQueries({ queryKey: queryKeys.workers });
    },
  });
}
