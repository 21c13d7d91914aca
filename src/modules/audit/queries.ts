import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { AuditEntry, AuditFilter } from './schemas.js';

/** The newest entries first, inside `scope` (entries without a region are national: only the country sees them). */
export async function listAudit(db: Db, scope: string, { entityType, entityId, limit, beforeId }: AuditFilter): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (entityType) q = q.where('entity_type', '=', entityType);
  if (entityId) q = q.where('entity_id', '=', entityId);
  if (beforeId) q = q.where('id', '<', beforeId);
  q = q.where((eb) => inRegion(eb, 'region_code', scope));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor_username,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before,
    after: r.after,
  }));
}
