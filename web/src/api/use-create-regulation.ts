import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** POST /api/regulations (multipart: the signed PDF and the fields). */
export function useCreateRegulation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => api<{ id: number }>('/api/regulations', { method: 'POST', body: form }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inpres'] }),
  });
}
