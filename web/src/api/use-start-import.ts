import { useMutation } from '@tanstack/react-query';
import { api } from './client';

/**
 * Uploads an .xlsx/.csv to an import kind's routes (`apiBase`, e.g. /api/imports for workers);
 * validation then runs on the server (poll with useImportJob).
 */
export function useStartImport(apiBase: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ id: number }>(apiBase, { method: 'POST', body: form });
    },
  });
}

export const importTemplateUrl = (apiBase: string) => `${apiBase}/template.xlsx`;
export const importReportUrl = (apiBase: string, id: number) => `${apiBase}/${id}/report.xlsx`;
