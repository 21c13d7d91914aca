import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { CreatedWorker, NewWorker } from './types';

/** Registers one worker (optionally with a first enrolment). Errors carry per-field issues. */
export function useCreateWorker() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewWorker) => api<CreatedWorker>('/api/workers', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.workers }),
  });
}
