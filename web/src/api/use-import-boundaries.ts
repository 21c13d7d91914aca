import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BoundaryImportResult } from '../../../src/modules/boundaries/schemas';
import { api } from './client';

/** Uploads official boundaries (GeoJSON FeatureCollection keyed by Kemendagri code). */
export function useImportBoundaries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<BoundaryImportResult>('/api/boundaries/import', { method: 'POST', body: form });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coverage'] }),
  });
}
