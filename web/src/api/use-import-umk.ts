import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** Uploads a UMK list (.xlsx/.csv: Kode Wilayah, Tahun, UMK); all rows or none. Employers are re-assessed. */
export function useImportUmk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ saved: number; reassessed: number }>('/api/umk/import', { method: 'POST', body: form });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['umk'] });
      void qc.invalidateQueries({ queryKey: ['employers'] });
    },
  });
}
