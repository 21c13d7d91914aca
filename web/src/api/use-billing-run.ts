import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Bill } from '../../../src/modules/funding/billing/schemas';

/** The monthly billing run; a repeat for the same month answers with the existing bill. */
export function useBillingRun(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (month: string) => api<Bill>(`/api/funding-programs/${programId}/billing-runs`, { method: 'POST', body: { month } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
