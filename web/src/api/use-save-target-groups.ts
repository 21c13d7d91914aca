import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { TargetGroupsInput } from '../../../src/modules/inpres/schemas';

/** PUT /api/inpres/:code/target-groups — the declared sizes of the region's groups for a year. */
export function useSaveTargetGroups(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetGroupsInput) => api(`/api/inpres/${encodeURIComponent(code)}/target-groups`, { method: 'PUT', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inpres'] }),
  });
}
