import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { PaymentResult } from './funding-types';

export function useRecordPayment(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { amount: number; paidOn: string; month?: string; reference?: string }) =>
      api<PaymentResult>(`/api/funding-programs/${programId}/payments`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
