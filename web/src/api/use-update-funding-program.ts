import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { FundingProgram } from '../../../src/modules/funding/programs/schemas';

/** Changes budget, quota, status… (audited); a file replaces the legal-basis document. */
export function useUpdateFundingProgram(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ patch, document }: { patch: Partial<Pick<FundingProgram, 'name' | 'budget' | 'quota' | 'status' | 'legalKind' | 'legalNumber'>>; document?: File | undefined }) => {
      let p = await api<FundingProgram>(`/api/funding-programs/${id}`, { method: 'PATCH', body: patch });
      if (document) {
        const form = new FormData();
        form.append('file', document, document.name);
        p = await api<FundingProgram>(`/api/funding-programs/${id}/document`, { method: 'POST', body: form });
      }
      return p;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
