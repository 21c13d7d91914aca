import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CaseStep } from '../../../src/domain/compliance-case';
import type { CaseDetail } from '../../../src/modules/compliance-cases/schemas';

/** Moves a case to its next step; a refused move comes back as ApiError 409 TRANSITION_NOT_ALLOWED. */
export function useCaseTransition(caseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { to: CaseStep; note?: string; officer?: string }) => api<CaseDetail>(`/api/compliance-cases/${caseId}/transitions`, { method: 'POST', body: input }),
    onSuccess: (data) => {
      qc.setQueryData(['compliance-cases', 'one', caseId], data);
      void qc.invalidateQueries({ queryKey: ['compliance-cases', 'list'] });
      void qc.invalidateQueries({ queryKey: ['employers'] });
    },
  });
}
