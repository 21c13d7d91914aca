import { sql } from 'kysely';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import { addDays, WIB_OFFSET_MS } from '../../domain/wib.js';
import type { AuditEntry, AuditFilter } from './schemas.js';

/**
 * The newest entries first, inside `scope` (entries without a region are national: only the country sees them).
 * Without a date range the order is by id along the (actor|action|region|entity, id DESC) indexes; with one it is
 * by (at, id) along audit_log_at_idx (0023), so a month a year back is one index range read from its end, not a
 * walk over every newer row (decision 102). `beforeId` continues after that row in the same order.
 */
export async function listAudit(db: Db, scope: string, { entityType, entityId, limit, beforeId, actor, action, region, from, to }: AuditFilter): Promise<AuditEntry[]> {
  const byTime = Boolean(from || to) && !entityId;
  let q = db.selectFrom('audit_log').selectAll().limit(limit);
  q = byTime ? q.orderBy('at', 'desc').orderBy('id', 'desc') : q.orderBy('id', 'desc');
  if (actor) q = q.where('actor_username', '=', actor);
  if (action) q = q.where('action', '=', action);
  // days on the WIB calendar: [from 00:00 WIB, to + 1 day 00:00 WIB)
  if (from) q = q.where('at', '>=', new Date(Date.parse(`${from}T00:00:00Z`) - WIB_OFFSET_MS));
  if (to) q = q.where('at', '<', new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) - WIB_OFFSET_MS));
  if (region && region !== scope) q = q.where((eb) => inRegion(eb, 'region_code', region));
  if (entityType) q = q.where('entity_type', '=', entityType);
  if (entityId) q = q.where('entity_id', '=', entityId);
  if (beforeId) {
    q = byTime
      ? q.where(sql<boolean>`(at, id) < (SELECT c.at, c.id FROM audit_log c WHERE c.id = ${beforeId})`)
      : q.where('id', '<', beforeId);
  }
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
