import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** Revokes an API token: its next use is refused. */
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<null>(`/api/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
