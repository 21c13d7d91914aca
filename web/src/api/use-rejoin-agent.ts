import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { todayWib } from '../../../src/domain/wib';

/** An inactive agent rejoins from today, once the waiting period is over. */
export function useRejoinAgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/agents/${id}/rejoin`, { method: 'POST', body: { date: todayWib() } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['agents'] }),
  });
}
