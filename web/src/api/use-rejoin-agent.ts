import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** An inactive agent rejoins from today, once the waiting period is over. */
export function useRejoinAgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/agents/${id}/rejoin`, { method: 'POST', body: { date: new Date().toISOString().slice(0, 10) } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['agents'] }),
  });
}
