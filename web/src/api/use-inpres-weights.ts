import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Weights } from '../../../src/domain/inpres';

interface WeightsView {
  weights: Weights;
  isDefault: boolean;
  note: string;
}

/** GET /api/inpres-weights — the scorecard weights in force. */
export function useInpresWeights(enabled = true) {
  return useQuery({ queryKey: ['inpres', 'weights'], queryFn: ({ signal }) => api<WeightsView>('/api/inpres-weights', { signal }), enabled });
}

/** PUT /api/inpres-weights — a national monitor changes them (whole numbers adding up to 100). */
export function useSetInpresWeights() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (weights: Weights) => api<WeightsView>('/api/inpres-weights', { method: 'PUT', body: weights }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inpres'] }),
  });
}
