import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import { type RateEntry, type RateKey, type RateSnapshot, type RateUnit, snapshotOf } from '../../../domain/rates.js';

const COLUMNS = ['key', 'effective_from', 'value', 'unit', 'legal_basis', 'unconfirmed'] as const;

const toEntry = (r: { key: string; effective_from: string; value: number; unit: string; legal_basis: string; unconfirmed: boolean }): RateEntry => ({
  key: r.key as RateKey,
  effectiveFrom: r.effective_from,
  value: r.value,
  unit: r.unit as RateUnit,
  legalBasis: r.legal_basis,
  unconfirmed: r.unconfirmed,
});

export async function listRates(db: Db | Tx): Promise<RateEntry[]> {
  const rows = await db.selectFrom('rate_config').select(COLUMNS).orderBy('key').orderBy('effective_from').execute();
  return rows.map(toEntry);
}

/** The whole table (about fifty rows) as the engine's snapshot; read per use, so a new rate shows at once. */
export async function loadSnapshot(db: Db | Tx): Promise<RateSnapshot> {
  return snapshotOf(await listRates(db));
}

/** The unit of a key's latest value (a new value keeps it). */
export async function currentUnit(tx: Tx, key: RateKey): Promise<RateUnit | undefined> {
  const row = await tx.selectFrom('rate_config').select(['unit']).where('key', '=', key).orderBy('effective_from', 'desc').executeTakeFirst();
  return row?.unit as RateUnit | undefined;
}

/** Inserts a value; undefined when the key already has one from that date. */
export async function insertRate(tx: Tx, e: RateEntry, createdBy: string): Promise<RateEntry | undefined> {
  const row = await tx
    .insertInto('rate_config')
    .values({ key: e.key, effective_from: e.effectiveFrom, value: e.value, unit: e.unit, legal_basis: e.legalBasis, unconfirmed: e.unconfirmed, created_by: createdBy })
    .onConflict((oc) => oc.columns(['key', 'effective_from']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && toEntry(row);
}
