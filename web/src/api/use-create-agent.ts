import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export function useCreateAgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { nik: string; name: string; phone?: string; areaCode: string; joinedOn: string }) => api<{ id: number }>('/api/agents', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['agents'] }),
  });
}
