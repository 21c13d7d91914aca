import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NewToken } from '../../../src/modules/participation/schemas';
import { api } from './client';

/** A new API token; the answer holds the secret, shown this once. */
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewToken) => api<{ id: number; token: string }>('/api/tokens', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
