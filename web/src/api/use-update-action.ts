import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Action } from '../../../src/modules/inpres/schemas';

/** PATCH /api/inpres-actions/:id — a follow-up action's status. */
export function useUpdateAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: Action['status'] }) => api<Action>(`/api/inpres-actions/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inpres'] }),
  });
}
