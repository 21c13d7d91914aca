import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { addMonths, isMonth, monthlyCost, type PayerType, plan } from '../../domain/funding.js';
import { descendantRange, NATIONAL } from '../../domain/region-code.js';
import { errors } from '../../lib/errors.js';
import type { Tx } from '../../db/tx.js';
import { findProgram, listPrograms, programMonthlyCost } from './programs.js';
import { loadSnapshot, todayWib, unwrap } from './rates.js';

/** Open enrolments a programme pays for (the statuses that hold cover). */
export async function enrolledCount(db: Db | Tx, programId: number): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM enrolment WHERE funding_program_id = ${programId} AND status IN ('submitted', 'registered', 'active')`.execute(db);
  return Number(r.rows[0]!.n);
}

type Program = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

/**
 * Budget vs committed vs billed vs paid for a programme's fiscal year. Committed = what is billed for
 * the year + every enrolled worker × today's monthly cost × the year's months still to bill (from
 * `asOf`'s month on, skipping months already billed).
 */
export async function budgetFigures(db: Db | Tx, p: Program, asOf = todayWib()) {
  const y = p.fiscal_year;
  const bills = await db
    .selectFrom('bill')
    .select(['month', 'amount', 'paid_amount'])
    .where('funding_program_id', '=', p.id)
    .where('month', '>=', `${y}-01-01`)
    .where('month', '<', `${y + 1}-01-01`)
    .execute();
  const billedMonths = new Set(bills.map((b) => b.month.slice(0, 7)));
  let remainingMonths = 0;
  for (let m = 1; m <= 12; m++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month >= asOf.slice(0, 7) && !billedMonths.has(month)) remainingMonths++;
  }
  const enrolled = await enrolledCount(db, p.id);
  const cost = await programMonthlyCost(db, p, asOf);
  const billed = bills.reduce((a, b) => a + b.amount, 0);
  const paid = bills.reduce((a, b) => a + b.paid_amount, 0);
  const money = (
    await sql<{ paid_in: string | null; used: string | null }>`
      SELECT (SELECT sum(amount) FROM payment WHERE funding_program_id = ${p.id}) AS paid_in,
             (SELECT sum(paid_amount) FROM bill WHERE funding_program_id = ${p.id}) AS used`.execute(db)
  ).rows[0]!;
  const committed = billed + enrolled * cost * remainingMonths;
  return {
    programId: p.id,
    fiscalYear: y,
    asOf,
    budget: p.budget,
    quota: p.quota,
    enrolled,
    quotaUsed: p.quota ? enrolled / p.quota : 0,
    monthlyCost: cost,
    remainingMonths,
    committed,
    billed,
    paid,
    outstanding: billed - paid,
    credit: Number(money.paid_in ?? 0) - Number(money.used ?? 0),
    available: p.budget - committed,
    budgetUsed: p.budget ? committed / p.budget : 0,
  };
}

export interface PlanRequest {
  region: string;
  targetPercent: number;
  byMonth: string;
  employedPopulation: number;
  mix: { segment: 'PU' | 'BPU'; programs: string[]; income: number; riskGroup?: number; share: number }[];
  payers: { payerType: PayerType; share: number }[];
}

/** Open enrolments (distinct people) living in a region: the coverage numerator used for planning. */
export async function activeParticipants(db: Db, region: string): Promise<number> {
  const range = descendantRange(region);
  const where = region === NATIONAL ? sql`true` : sql`(village_code = ${region} OR (village_code >= ${range.from} AND village_code < ${range.to}))`;
  const r = await sql<{ n: string }>`SELECT count(DISTINCT person_id) AS n FROM enrolment WHERE status IN ('submitted', 'registered', 'active') AND ${where}`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * "What does it cost to reach X % coverage by month M": workers needed, monthly and annual cost by
 * programme mix and payer split, and the pace of enrolment to get there, shown beside the budgets
 * of the programmes that fund the region in M's fiscal year.
 */
export async function planCoverage(db: Db, req: PlanRequest, asOf = todayWib()) {
  if (!isMonth(req.byMonth)) throw errors.invalid('body.byMonth', 'MONTH_INVALID', { id: 'Bulan harus YYYY-MM.', en: 'Month must be YYYY-MM.' });
  const start = `${asOf.slice(0, 7)}-01`;
  const target = `${req.byMonth}-01`;
  if (target < start) throw errors.invalid('body.byMonth', 'MONTH_PASSED', { id: `Bulan ${req.byMonth} sudah lewat.`, en: `Month ${req.byMonth} has passed.` });
  const s = await loadSnapshot(db);
  const mix = req.mix.map((m, i) => ({
    label: `${m.segment} ${m.programs.join('+')} @ Rp${m.income.toLocaleString('id-ID')}`,
    share: m.share,
    monthlyCost: unwrap(monthlyCost(s, { segment: m.segment, programs: m.programs, income: m.income, riskGroup: m.riskGroup ?? 1 }, target), `body.mix.${i}`),
  }));
  const active = await activeParticipants(db, req.region);
  const result = plan({ targetPercent: req.targetPercent, employedPopulation: req.employedPopulation, activeParticipants: active, months: 12, mix, payers: req.payers });
  let monthsToTarget = 0;
  while (addMonths(start, monthsToTarget) < target) monthsToTarget++;
  const year = Number(req.byMonth.slice(0, 4));
  const programs = await listPrograms(db, req.region, year);
  const budgets = await Promise.all(
    programs.map(async (p) => {
      const f = await budgetFigures(db, p, asOf);
      return { programId: p.id, name: p.name, payerType: p.payer_type, regionCode: p.region_code, budget: p.budget, committed: f.committed, available: f.available };
    }),
  );
  return {
    region: req.region,
    asOf,
    byMonth: req.byMonth,
    denominator: { employedPopulation: req.employedPopulation, source: 'input' as const },
    currentPercent: req.employedPopulation ? (active / req.employedPopulation) * 100 : 0,
    activeParticipants: active,
    ...result,
    monthsToTarget,
    newWorkersPerMonth: monthsToTarget ? Math.ceil(result.workersNeeded / monthsToTarget) : result.workersNeeded,
    budgets,
    budgetTotal: budgets.reduce((a, b) => a + b.budget, 0),
    availableTotal: budgets.reduce((a, b) => a + b.available, 0),
  };
}
