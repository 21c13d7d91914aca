import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Meeting, MeetingInput } from '../../../src/modules/inpres/schemas';

/** POST /api/inpres/:code/meetings — a coordination meeting with its follow-up actions. */
export function useRecordMeeting(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingInput) => api<Meeting>(`/api/inpres/${encodeURIComponent(code)}/meetings`, { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inpres'] }),
  });
}
