import { useQuery } from '@tanstack/react-query';
import type { BoundaryCollection } from '../../../src/modules/boundaries/schemas';
import { api } from './client';

/** Uploaded boundaries of a region's children (feature name = Kemendagri code); often empty. */
export function useCoverageMap(code: string, enabled: boolean) {
  return useQuery({
    queryKey: ['coverage', code, 'map'],
    queryFn: ({ signal }) => api<BoundaryCollection>(`/api/coverage/${encodeURIComponent(code)}/map`, { signal }),
    enabled,
    staleTime: 10 * 60_000,
  });
}
