import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PersonAudit, WorkerFile } from '../../../src/modules/worker-file/schemas';

/** One worker: enrolments, status history, cover month by month with the payments (NIK masked). */
export function useWorkerFile(id: number) {
  return useQuery({ queryKey: ['workers', 'file', id], queryFn: ({ signal }) => api<WorkerFile>(`/api/workers/${id}`, { signal }), enabled: id > 0 });
}

/** The worker's audit trail, newest first, one keyset page at a time ("muat lebih lama"). */
export function useWorkerTrail(id: number) {
  return useInfiniteQuery({
    queryKey: ['workers', 'trail', id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api<PersonAudit>(`/api/workers/${id}/audit`, { query: { limit: 20, beforeId: pageParam }, signal }),
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
    enabled: id > 0,
  });
}
