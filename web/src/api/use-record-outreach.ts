import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { NewOutreachEvent, OutreachEvent } from '../../../src/modules/outreach/schemas';

/** The form keeps its audience choices as plain strings; the server checks each against AUDIENCES. */
type OutreachForm = Omit<NewOutreachEvent, 'audiences'> & { audiences: string[] };

export function useRecordOutreach() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OutreachForm) => api<OutreachEvent>('/api/outreach/events', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['outreach'] }),
  });
}
