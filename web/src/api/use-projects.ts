import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type {
  cohortDetailSchema,
  cohortList,
  createdProjectSchema,
  engagedWorkerList,
  NewCohort,
  NewProject,
  ProjectDetail,
  ProjectPayment,
  ProjectWorker,
  projectList,
} from '../../../src/modules/projects/schemas';

/** Construction projects (Jakon) and election ad hoc cohorts (issue 18): one hook per call, in one file. */
const KEY = ['projects'] as const;

export const useProjects = (region?: string) =>
  useQuery({ queryKey: [...KEY, 'list', region], queryFn: ({ signal }) => api<z.infer<typeof projectList>>('/api/projects', { signal, query: { region, pageSize: 200 } }) });

export const useProject = (id: number) => useQuery({ queryKey: [...KEY, 'one', id], queryFn: ({ signal }) => api<ProjectDetail>(`/api/projects/${id}`, { signal }) });

export const useProjectWorkers = (id: number) =>
  useQuery({ queryKey: [...KEY, 'workers', id], queryFn: ({ signal }) => api<z.infer<typeof engagedWorkerList>>(`/api/projects/${id}/workers`, { signal, query: { pageSize: 200 } }) });

function useWrite<B, R>(path: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: B) => api<R>(path, { method: 'POST', body }), onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateProject = () => useWrite<NewProject, z.infer<typeof createdProjectSchema>>('/api/projects');
export const useAddProjectWorker = (id: number) => useWrite<ProjectWorker, { enrolmentId: number; startDate: string }>(`/api/projects/${id}/workers`);
export const useProjectPayment = (id: number) => useWrite<ProjectPayment, { outstanding: number }>(`/api/projects/${id}/payments`);

export const useCohorts = (region?: string) =>
  useQuery({ queryKey: [...KEY, 'cohorts', region], queryFn: ({ signal }) => api<z.infer<typeof cohortList>>('/api/cohorts', { signal, query: { region, pageSize: 200 } }) });

export const useCohort = (id: number) =>
  useQuery({ queryKey: [...KEY, 'cohort', id], queryFn: ({ signal }) => api<z.infer<typeof cohortDetailSchema>>(`/api/cohorts/${id}`, { signal }) });

export const useCreateCohort = () => useWrite<NewCohort, { id: number }>('/api/cohorts');

/** Uploads the cohort's workers; the job is then followed at /api/cohort-imports/{id} (useImportJob). */
export function useCohortUpload(id: number) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ id: number }>(`/api/cohorts/${id}/imports`, { method: 'POST', body: form });
    },
  });
}
