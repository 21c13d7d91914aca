import { todayWib } from '../../../domain/wib.js';
import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { audited } from '../../../db/tx.js';
import { benefit, type Calc, type CalcProblem, type CalcProgram, contribution, type ContributionInput } from '../../../domain/contribution.js';
import type { RateEntry } from '../../../domain/rates.js';
import { AppError, errors } from '../../../lib/errors.js';
import { currentUnit, insertRate, loadSnapshot } from './queries.js';
import type { BenefitAnswer, BenefitQuery, ContributionAnswer, ContributionQuery, NewRate } from './schemas.js';

/** Today in Indonesia's western time zone (WIB, UTC+7), where due dates and effective dates are read (src/domain/wib.ts). */
export { todayWib };

function problemsToError(problems: CalcProblem[], part = 'querystring'): AppError {
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

function contributionInput(q: ContributionQuery, date: string): ContributionInput {
  const programs = (q.programs ?? 'JKK,JKM').split(',') as CalcProgram[];
  const need = (field: keyof typeof q, value: unknown) => {
    if (value === undefined) {
      throw errors.invalid(`querystring.${field}`, 'REQUIRED', { id: `Kolom "${field}" wajib diisi untuk segmen ${q.segment}.`, en: `Field "${field}" is required for segment ${q.segment}.` });
    }
  };
  switch (q.segment) {
    case 'PU':
      if (q.dailyWage === undefined) need('wage', q.wage);
      need('riskGroup', q.riskGroup);
      return q.dailyWage !== undefined
        ? { segment: 'PU', date, wage: q.dailyWage, daily: true, riskGroup: q.riskGroup!, programs }
        : { segment: 'PU', date, wage: q.wage!, riskGroup: q.riskGroup!, programs };
    case 'BPU':
      need('declaredIncome', q.declaredIncome);
      return { segment: 'BPU', date, declaredIncome: q.declaredIncome!, programs };
    case 'JAKON':
      return { segment: 'JAKON', date, contractValue: q.contractValue, wage: q.wage };
    case 'PMI':
      need('months', q.months);
      return { segment: 'PMI', date, months: q.months!, prePlacement: q.prePlacement === 'true' };
  }
}

/** Simulasi iuran at the rates in effect on the date asked (default today). */
export async function contributionFor(db: Db, q: ContributionQuery): Promise<ContributionAnswer> {
  const date = q.date ?? todayWib();
  const result = unwrap(contribution(await loadSnapshot(db), contributionInput(q, date)));
  return { segment: q.segment, date, ...result };
}

/** Simulasi manfaat: JKM by contribution months, JKK death by wage. */
export async function benefitFor(db: Db, q: BenefitQuery): Promise<BenefitAnswer> {
  const date = q.date ?? todayWib();
  const field = q.type === 'JKM' ? 'contributionMonths' : 'wage';
  const value = q.type === 'JKM' ? q.contributionMonths : q.wage;
  if (value === undefined) throw errors.invalid(`querystring.${field}`, 'REQUIRED', { id: `Kolom "${field}" wajib diisi untuk ${q.type}.`, en: `Field "${field}" is required for ${q.type}.` });
  const s = await loadSnapshot(db);
  const result = unwrap(q.type === 'JKM' ? benefit(s, { type: 'JKM', date, contributionMonths: value }) : benefit(s, { type: 'JKK_DEATH', date, wage: value }));
  return { type: q.type, date, ...result };
}

/**
 * Adds a value that applies from its date. Never retroactive: the date must be today or later, so
 * issued bills and past calculations keep the figures they were made with.
 */
export async function addRate(db: Db, user: SessionUser, input: NewRate, today = todayWib()): Promise<RateEntry> {
  if (input.effectiveFrom < today) {
    throw errors.invalid('body.effectiveFrom', 'RATE_RETROACTIVE', {
      id: `Tanggal berlaku ${input.effectiveFrom} sudah lewat; nilai baru hanya berlaku mulai hari ini (${today}) atau kemudian.`,
      en: `Effective date ${input.effectiveFrom} has passed; a new value applies only from today (${today}) on.`,
    });
  }
  return audited(db, { id: user.id, username: user.username }, async (tx) => {
    const unit = (await currentUnit(tx, input.key)) ?? 'rupiah';
    const entry = await insertRate(tx, { key: input.key, effectiveFrom: input.effectiveFrom, value: input.value, unit, legalBasis: input.legalBasis, unconfirmed: input.unconfirmed ?? false }, user.username);
    if (!entry) {
      throw errors.conflict('RATE_EXISTS', { id: `${input.key} sudah punya nilai yang berlaku mulai ${input.effectiveFrom}.`, en: `${input.key} already has a value from ${input.effectiveFrom}.` }, 'body.effectiveFrom');
    }
    return { result: entry, audit: [{ action: 'create', entityType: 'rate_config', entityId: `${entry.key}@${entry.effectiveFrom}`, regionCode: null, before: null, after: entry }] };
  });
}
