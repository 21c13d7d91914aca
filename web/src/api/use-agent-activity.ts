import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { WorkerPage } from './types';

export type AgentActivity =
  | { kind: 'member'; agentId: number; nik: string; recruitedOn: string }
  | { kind: 'collection'; agentId: number; nik: string; month: string; amount: number; collectedOn: string };

/**
 * Credits a registry enrolment to an agent, or records a contribution the agent collected, finding the
 * enrolment from the participant's NIK (the latest enrolment in the registry).
 */
export function useAgentActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (a: AgentActivity) => {
      const found = await api<WorkerPage>('/api/workers', { query: { nik: a.nik, pageSize: 1 } });
      const enrolmentId = found.items[0]?.enrolmentId;
      if (!enrolmentId) {
        throw new ApiError({
          status: 404,
          code: 'ENROLMENT_NOT_FOUND',
          message: `Tidak ada kepesertaan dengan NIK ${a.nik} di wilayah Anda. Daftarkan pesertanya dulu di menu Pekerja.`,
          messageEn: `No enrolment with NIK ${a.nik} in your region. Register the participant first under Workers.`,
        });
      }
      return a.kind === 'member'
        ? api(`/api/agents/${a.agentId}/enrolments`, { method: 'POST', body: { enrolmentId, recruitedOn: a.recruitedOn } })
        : api(`/api/agents/${a.agentId}/collections`, { method: 'POST', body: { enrolmentId, month: a.month, amount: a.amount, collectedOn: a.collectedOn } });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['agents'] }),
  });
}
