import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { NewPayment, PaymentResult } from '../../../src/modules/funding/payments/schemas';

export function useRecordPayment(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPayment) =>
      api<PaymentResult>(`/api/funding-programs/${programId}/payments`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
