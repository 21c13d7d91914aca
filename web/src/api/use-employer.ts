import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Employer } from '../../../src/modules/employers/schemas';

export function useEmployer(id: number, enabled = true) {
  return useQuery({ queryKey: ['employers', 'one', id], queryFn: ({ signal }) => api<Employer>(`/api/employers/${id}`, { signal }), enabled });
}
