import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { NewOutreachEvent, OutreachEvent } from './compliance-types';

export function useRecordOutreach() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewOutreachEvent) => api<OutreachEvent>('/api/outreach/events', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['outreach'] }),
  });
}
