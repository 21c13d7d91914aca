import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export function useUploadCaseDocument(caseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ id: number }>(`/api/compliance-cases/${caseId}/documents`, { method: 'POST', body: form });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['compliance-cases', 'one', caseId] }),
  });
}
