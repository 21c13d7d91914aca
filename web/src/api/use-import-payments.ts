import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ImportedPayments } from '../../../src/modules/funding/payments/schemas';

/** A bank or BPJS TK statement (.xlsx/.csv): ID Program, Bulan, Tanggal Bayar, Jumlah, Referensi. */
export function useImportPayments() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<ImportedPayments>('/api/payments/import', { method: 'POST', body: form });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['funding'] }),
  });
}
