import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Employer, EmployerInput as EmployerBody } from '../../../src/modules/employers/schemas';

/** The form keeps its programme choices as plain strings; the server checks each against PROGRAMS. */
export type EmployerInput = Omit<EmployerBody, 'programs'> & { programs: string[] };

/** Creates an employer (no id) or corrects one; the answer carries the fresh findings. */
export function useSaveEmployer(id?: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EmployerInput) =>
      id ? api<Employer>(`/api/employers/${id}`, { method: 'PATCH', body: input }) : api<Employer>('/api/employers', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['employers'] }),
  });
}
