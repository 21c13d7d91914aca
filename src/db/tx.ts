import type { Transaction } from 'kysely';
import type { Db } from './client.js';
import type { Database } from './schema.js';

/** Who made a change: a signed-in user, or a named system actor (cli, demo, import). */
export interface Actor {
  id: number | null;
  username: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export type Tx = Transaction<Database>;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Appends audit rows in one statement. */
export async function recordAudit(db: Db | Tx, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = [entries].flat();
  if (list.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      list.map((e) => ({
        actor_id: actor.id,
        actor_username: actor.username,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        region_code: e.regionCode,
        before: json(e.before),
        after: json(e.after),
      })),
    )
    .execute();
}

/**
 * The one way to change data: `change` runs inside a transaction and reports what it did; the audit
 * row is written in the same transaction, so a change without its audit record cannot exist.
 */
export async function audited<T>(
  db: Db,
  actor: Actor,
  change: (tx: Tx) => Promise<{ result: T; audit: AuditEntry[] }>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const { result, audit } = await change(tx);
    await recordAudit(tx, actor, audit);
    return result;
  });
}
