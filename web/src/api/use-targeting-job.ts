import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { TargetingJobView } from '../../../src/modules/targeting/schemas';

/** A bulk enrolment job, polled while it runs. */
export function useTargetingJob(id: number | undefined) {
  return useQuery({
    queryKey: ['targeting', 'job', id ?? 0],
    queryFn: ({ signal }) => api<TargetingJobView>(`/api/targeting/jobs/${id}`, { signal }),
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 500),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}
