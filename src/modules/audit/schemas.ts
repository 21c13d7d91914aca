import { z } from 'zod';
import { isoDate, regionCodeSchema, text } from '../../lib/schemas.js';

export const auditEntrySchema = z.object({
  id: text(),
  at: text(),
  actor: text(),
  action: text(),
  entityType: text(),
  entityId: text(),
  regionCode: text().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuery = z.object({
  actor: text().trim().min(1).max(128).optional().describe('username of who did it (exact)'),
  action: text().trim().min(1).max(64).optional().describe('e.g. view_nik, search_nik, export, export_full_nik, import_commit, status, case_transition (a rate change is create on entityType rate_config)'),
  region: regionCodeSchema.optional().describe('only entries of this region and below (inside the caller\'s own)'),
  from: isoDate.optional().describe('first day (WIB), inclusive'),
  to: isoDate.optional().describe('last day (WIB), inclusive'),
  entityType: text().min(1).max(64).optional(),
  entityId: text().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().positive().optional(),
});
export type AuditFilter = z.infer<typeof auditQuery>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextBeforeId: text().nullable().describe('pass as beforeId for the next (older) page; null on the last page'),
});

/** The export takes the viewer's filters, not its page: it starts at the newest row and stops at the bound. */
export const auditExportQuery = auditQuery.omit({ limit: true, beforeId: true });
export type AuditExportFilter = z.infer<typeof auditExportQuery>;
