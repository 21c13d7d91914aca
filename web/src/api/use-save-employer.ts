import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Employer } from './compliance-types';

export interface EmployerInput {
  name: string;
  npp: string | null;
  nib: string | null;
  sector: string;
  sizeClass: Employer['sizeClass'];
  villageCode: string;
  address: string;
  employeesDeclared: number;
  workersRegistered: number;
  wageReported: number | null;
  wageActual: number | null;
  programs: string[];
}

/** Creates an employer (no id) or corrects one; the answer carries the fresh findings. */
export function useSaveEmployer(id?: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EmployerInput) =>
      id ? api<Employer>(`/api/employers/${id}`, { method: 'PATCH', body: input }) : api<Employer>('/api/employers', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['employers'] }),
  });
}
