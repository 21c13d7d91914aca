import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditEntry } from '../../../src/modules/audit/schemas';

export interface AuditFilterValues {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One page of the audit trail, newest first; `beforeId` is the previous page's `nextBeforeId` (keyset). */
export function useAudit(filter: AuditFilterValues, beforeId: string | undefined, limit = 50) {
  return useQuery({
    queryKey: ['audit', filter, beforeId, limit],
    queryFn: ({ signal }) => api<{ items: AuditEntry[]; nextBeforeId: string | null }>('/api/audit', { query: { ...filter, beforeId, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}
