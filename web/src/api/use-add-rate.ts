import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Rate } from '../../../src/modules/funding/rates/schemas';

/** A new value from its effective date (national role; today or later). */
export function useAddRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; effectiveFrom: string; value: number; legalBasis: string; unconfirmed?: boolean }) => api<Rate>('/api/rates', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['rates'] });
      void qc.invalidateQueries({ queryKey: ['calc'] });
    },
  });
}
