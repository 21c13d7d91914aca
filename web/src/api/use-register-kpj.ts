import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { EnrolmentStatusView } from '../../../src/modules/workers/schemas';

/** Records the KPJ BPJS TK issued for an enrolment: submitted → registered (the server checks the move and the KPJ). */
export function useRegisterKpj() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, kpj }: { enrolmentId: number; kpj: string }) =>
      api<EnrolmentStatusView>(`/api/enrolments/${enrolmentId}/status`, { method: 'POST', body: { to: 'registered', kpj } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['home'] });
      void qc.invalidateQueries({ queryKey: queryKeys.workers });
    },
  });
}
