import { useMutation } from '@tanstack/react-query';
import { api } from './client';

/** Uploads an .xlsx/.csv of workers; validation then runs on the server (poll with useImportJob). */
export function useStartImport() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ id: number }>('/api/imports', { method: 'POST', body: form });
    },
  });
}

export const IMPORT_TEMPLATE_URL = '/api/imports/template.xlsx';
export const importReportUrl = (id: number) => `/api/imports/${id}/report.xlsx`;
