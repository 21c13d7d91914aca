import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { type Calc, type CalcProblem } from '../../domain/contribution.js';
import { RATE_KEYS, type RateEntry, type RateKey, type RateSnapshot, type RateUnit, snapshotOf } from '../../domain/rates.js';
import { AppError, errors } from '../../lib/errors.js';
import { audited } from '../../db/tx.js';

/** Today in Indonesia's western time zone (WIB, UTC+7), where due dates and effective dates are read. */
export function todayWib(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

const toEntry = (r: { key: string; effective_from: string; value: number; unit: string; legal_basis: string; unconfirmed: boolean }): RateEntry => ({
  key: r.key as RateKey,
  effectiveFrom: r.effective_from,
  value: r.value,
  unit: r.unit as RateUnit,
  legalBasis: r.legal_basis,
  unconfirmed: r.unconfirmed,
});

export async function listRates(db: Db): Promise<RateEntry[]> {
  const rows = await db.selectFrom('rate_config').select(['key', 'effective_from', 'value', 'unit', 'legal_basis', 'unconfirmed']).orderBy('key').orderBy('effective_from').execute();
  return rows.map(toEntry);
}

/** The whole table (about fifty rows) as the engine's snapshot; read per use, so a new rate shows at once. */
export async function loadSnapshot(db: Db): Promise<RateSnapshot> {
  return snapshotOf(await listRates(db));
}

export function problemsToError(problems: CalcProblem[], part = 'querystring'): AppError {
  const first = problems[0]!;
  return new AppError(
    422,
    first.code === 'RATE_NOT_CONFIGURED' ? 'RATE_NOT_CONFIGURED' : 'VALIDATION_FAILED',
    { id: `Data tidak valid: ${first.message.id}`, en: `Invalid input: ${first.message.en}` },
    `${part}.${first.field}`,
    problems.map((p) => ({ field: `${part}.${p.field}`, code: p.code, message: p.message.id, messageEn: p.message.en })),
  );
}

export function unwrap<T>(r: Calc<T>, part = 'querystring'): T {
  if (!r.ok) throw problemsToError(r.problems, part);
  return r.value;
}

export interface NewRate {
  key: RateKey;
  effectiveFrom: string;
  value: number;
  legalBasis: string;
  unconfirmed?: boolean;
}

/**
 * Adds a value that applies from its date. Never retroactive: the date must be today or later, so
 * issued bills and past calculations keep the figures they were made with.
 */
export async function addRate(db: Db, user: SessionUser, input: NewRate, today = todayWib()): Promise<RateEntry> {
  if (!(RATE_KEYS as readonly string[]).includes(input.key)) throw errors.invalid('body.key', 'RATE_KEY_UNKNOWN', { id: `Kunci tarif ${input.key} tidak dikenal.`, en: `Unknown rate key ${input.key}.` });
  if (input.effectiveFrom < today) {
    throw errors.invalid('body.effectiveFrom', 'RATE_RETROACTIVE', {
      id: `Tanggal berlaku ${input.effectiveFrom} sudah lewat; nilai baru hanya berlaku mulai hari ini (${today}) atau kemudian.`,
      en: `Effective date ${input.effectiveFrom} has passed; a new value applies only from today (${today}) on.`,
    });
  }
  return audited(db, { id: user.id, username: user.username }, async (tx) => {
    const current = await tx.selectFrom('rate_config').select(['unit']).where('key', '=', input.key).orderBy('effective_from', 'desc').executeTakeFirst();
    const unit = current?.unit ?? 'rupiah';
    const row = await tx
      .insertInto('rate_config')
      .values({ key: input.key, effective_from: input.effectiveFrom, value: input.value, unit, legal_basis: input.legalBasis, unconfirmed: input.unconfirmed ?? false, created_by: user.username })
      .onConflict((oc) => oc.columns(['key', 'effective_from']).doNothing())
      .returning(['key', 'effective_from', 'value', 'unit', 'legal_basis', 'unconfirmed'])
      .executeTakeFirst();
    if (!row) {
      throw errors.conflict('RATE_EXISTS', { id: `${input.key} sudah punya nilai yang berlaku mulai ${input.effectiveFrom}.`, en: `${input.key} already has a value from ${input.effectiveFrom}.` }, 'body.effectiveFrom');
    }
    const entry = toEntry(row);
    return { result: entry, audit: [{ action: 'create', entityType: 'rate_config', entityId: `${entry.key}@${entry.effectiveFrom}`, regionCode: null, before: null, after: entry }] };
  });
}

