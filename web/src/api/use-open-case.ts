import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CaseDetail } from './compliance-types';

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
