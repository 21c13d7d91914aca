import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ClaimStep, ClaimType } from '../../../src/domain/claims';
import type { ClaimDetail, ClaimSummary, EligibilityView, Impact, NewClaim } from '../../../src/modules/claims/schemas';

/** Claims (issue 17): one hook per call of /api/claims. */
type ClaimPage = { items: ClaimSummary[]; total: number; page: number; pageSize: number };

export function useClaims(filter: { step?: ClaimStep; type?: ClaimType; overdue?: 'true' }, page: number, pageSize = 25) {
  return useQuery({
    queryKey: ['claims', 'list', filter, page, pageSize],
    queryFn: ({ signal }) => api<ClaimPage>('/api/claims', { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useClaim(id: number) {
  return useQuery({ queryKey: ['claims', 'one', id], queryFn: ({ signal }) => api<ClaimDetail>(`/api/claims/${id}`, { signal }) });
}

/** Whether the person was covered on the date and the benefit (records nothing): the case form's preview. */
export function useClaimEligibility(q: { personId?: number; type: ClaimType; incidentDate: string }) {
  return useQuery({
    queryKey: ['claims', 'eligibility', q],
    queryFn: ({ signal }) => api<EligibilityView>('/api/claims/eligibility', { query: { personId: q.personId!, type: q.type, incidentDate: q.incidentDate }, signal }),
    enabled: !!q.personId && /^\d{4}-\d{2}-\d{2}$/.test(q.incidentDate),
    retry: false,
  });
}

export function useClaimImpact(regionCode: string, year: number, enabled = true) {
  return useQuery({ queryKey: ['claims', 'impact', regionCode, year], queryFn: ({ signal }) => api<Impact>(`/api/claims/impact/${regionCode}`, { query: { year }, signal }), enabled, staleTime: 60_000 });
}

export function useCreateClaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewClaim) => api<ClaimDetail>('/api/claims', { method: 'POST', body: input }),
    onSuccess: (data) => {
      qc.setQueryData(['claims', 'one', data.id], data);
      void qc.invalidateQueries({ queryKey: ['claims', 'list'] });
      void qc.invalidateQueries({ queryKey: ['workers'] });
    },
  });
}

function useClaimUpdate<I>(claimId: number, call: (input: I) => Promise<ClaimDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (data) => {
      qc.setQueryData(['claims', 'one', claimId], data);
      void qc.invalidateQueries({ queryKey: ['claims', 'list'] });
      void qc.invalidateQueries({ queryKey: ['claims', 'impact'] });
    },
  });
}

/** Moves a claim; a refused move comes back as ApiError 409 TRANSITION_NOT_ALLOWED (or DOCUMENTS_MISSING). */
export function useClaimTransition(claimId: number) {
  return useClaimUpdate(claimId, (input: { to: ClaimStep; note?: string; paidAmount?: number; date?: string }) =>
    api<ClaimDetail>(`/api/claims/${claimId}/transitions`, { method: 'POST', body: input }),
  );
}

export function useClaimHandover(claimId: number) {
  return useClaimUpdate(claimId, (input: { by: string; place: string; date: string; note?: string }) => api<ClaimDetail>(`/api/claims/${claimId}/handover`, { method: 'POST', body: input }));
}

/** Ticks a checklist item with a file (multipart). */
export function useUploadClaimDocument(claimId: number) {
  return useClaimUpdate(claimId, ({ item, file }: { item: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<ClaimDetail>(`/api/claims/${claimId}/documents/${item}`, { method: 'POST', body: form });
  });
}
