import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import type { EnrolBody } from '../../../src/modules/targeting/schemas';

/** Starts a bulk enrolment from the priority list; progress then comes from useTargetingJob. */
export function useTargetingEnrol(region: string) {
  return useMutation({
    mutationFn: (body: EnrolBody) => api<{ jobId: number; selected: number }>(`/api/targeting/${encodeURIComponent(region)}/enrol`, { method: 'POST', body }),
  });
}
