import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CaseDetail } from '../../../src/modules/compliance-cases/schemas';

export function useOpenCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (employerId: number) => api<CaseDetail>('/api/compliance-cases', { method: 'POST', body: { employerId } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['employers'] });
      void qc.invalidateQueries({ queryKey: ['compliance-cases'] });
    },
  });
}
