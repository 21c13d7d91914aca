import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DenominatorImportResult } from '../../../src/modules/denominators/schemas';
import { api } from './client';

/** Uploads employed-population figures and targets (.xlsx/.csv); all rows or none are saved. */
export function useImportDenominators() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<DenominatorImportResult>('/api/denominators/import', { method: 'POST', body: form });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['coverage'] }),
  });
}
