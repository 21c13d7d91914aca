import { useMutation } from '@tanstack/react-query';
import { api } from './client';

/**
 * Shows one full NIK. A mutation, not a query: every look is recorded in the audit log, so it happens
 * only when the user asks, is never cached, retried or refetched in the background.
 */
export function useRevealNik() {
  return useMutation({
    mutationFn: (id: number) => api<{ id: number; nik: string }>(`/api/workers/${id}/nik`),
  });
}
