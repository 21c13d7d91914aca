import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import type { PlanRequest, PlanResult } from '../../../src/modules/funding/planning/schemas';

/** Computes a coverage plan (changes nothing on the server). */
export function usePlanning() {
  return useMutation({ mutationFn: (body: PlanRequest) => api<PlanResult>('/api/planning', { method: 'POST', body }) });
}
