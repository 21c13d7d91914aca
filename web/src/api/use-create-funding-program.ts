import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { FundingProgram, NewFundingProgram } from '../../../src/modules/funding/programs/schemas';

/** The form keeps programme codes as plain strings; the server checks them against the domain's list. */
type NewProgramForm = Omit<NewFundingProgram, 'programs'> & { programs: string[] };

/** Sets up a programme and, when a file is given, uploads its legal-basis document. */
export function useCreateFundingProgram() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ program, document }: { program: NewProgramForm; document?: File | undefined }) => {
      const created = await api<FundingProgram>('/api/funding-programs', { method: 'POST', body: program });
      if (!document) return created;
      const form = new FormData();
      form.append('file', document, document.name);
      return api<FundingProgram>(`/api/funding-programs/${created.id}/document`, { method: 'POST', body: form });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
