import { z } from 'zod';
import { text } from '../../lib/schemas.js';

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
  entityType: text().min(1).max(64).optional(),
  entityId: text().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().positive().optional(),
});
export type AuditFilter = z.infer<typeof auditQuery>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema) });
