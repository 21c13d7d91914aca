import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import { addMonths, isMonth, monthlyCost, type PayerType, plan } from '../../../domain/funding.js';
import { lapseDate, lapseOutlook } from '../../../domain/lapse.js';
import { maskNik } from '../../../domain/nik.js';
import { regionTitle } from '../../../domain/wib.js';
import { errors } from '../../../lib/errors.js';
import { lapseMonths } from '../payments/lapses.js';
import { listPrograms, type ProgramRow } from '../programs/queries.js';
import { programCostWith } from '../programs/service.js';
import { loadSnapshot } from '../rates/queries.js';
import { todayWib, unwrap } from '../rates/service.js';
import { activeParticipants, lapsingEnrolments, programBudgetFacts } from './queries.js';
import type { Budget, EarlyWarning, PlanRequest, PlanResult } from './schemas.js';

/**
 * Budget vs committed vs billed vs paid for a programme's fiscal year. Committed = what is billed for
 * the year + every enrolled worker × today's monthly cost × the year's months still to bill (from
 * `asOf`'s month on, skipping months already billed).
 */
export async function budgetFigures(db: Db | Tx, p: ProgramRow, asOf = todayWib()): Promise<Budget> {
  return (await budgetFiguresOf(db, [p], asOf))[0]!;
}

/**
 * budgetFigures for several programmes at once (a province's home lists every programme near its
 * limits): one statement for every programme's counts and sums, one rate snapshot, the same arithmetic.
 * Answers in the order of `programs`.
 */
export async function budgetFiguresOf(db: Db | Tx, programs: readonly ProgramRow[], asOf = todayWib()): Promise<Budget[]> {
  if (!programs.length) return [];
  const [facts, snapshot] = await Promise.all([programBudgetFacts(db, programs.map((p) => p.id)), loadSnapshot(db)]);
  return programs.map((p) => {
    const f = facts.get(p.id) ?? { enrolled: 0, billed: 0, paid: 0, billedMonths: [], paidIn: 0, used: 0 };
    const y = p.fiscal_year;
    const billedMonths = new Set(f.billedMonths);
    let remainingMonths = 0;
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      if (month >= asOf.slice(0, 7) && !billedMonths.has(month)) remainingMonths++;
    }
    const cost = programCostWith(snapshot, p, asOf);
    const committed = f.billed + f.enrolled * cost * remainingMonths;
    return {
      programId: p.id,
      fiscalYear: y,
      asOf,
      budget: p.budget,
      quota: p.quota,
      enrolled: f.enrolled,
      quotaUsed: p.quota ? f.enrolled / p.quota : 0,
      monthlyCost: cost,
      remainingMonths,
      committed,
      billed: f.billed,
      paid: f.paid,
      outstanding: f.billed - f.paid,
      credit: f.paidIn - f.used,
      available: p.budget - committed,
      budgetUsed: p.budget ? committed / p.budget : 0,
    };
  });
}

/**
 * "What does it cost to reach X % coverage by month M": workers needed, monthly and annual cost by
 * programme mix and payer split, and the pace of enrolment to get there, shown beside the budgets
 * of the programmes that fund the region in M's fiscal year.
 */
export async function planCoverage(db: Db, req: PlanRequest, asOf = todayWib()): Promise<PlanResult> {
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
  const figures = await budgetFiguresOf(db, programs, asOf);
  const budgets = programs.map((p, i) => {
    const f = figures[i]!;
    return { programId: p.id, name: p.name, payerType: p.payer_type as PayerType, regionCode: p.region_code, budget: p.budget, committed: f.committed, available: f.available };
  });
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

/**
 * Early warning: active BPU enrolments that will lapse within `days` if their bills stay unpaid, in a
 * region (optionally one programme), oldest lapse first, NIK masked. The lapse date is the domain rule's
 * (src/domain/lapse.ts); an enrolment already past it is the sweep's to lapse and is not listed.
 */
export async function earlyWarning(db: Db, opts: { region: string; programId?: number; days: number; asOf?: string; limit?: number }): Promise<EarlyWarning> {
  const asOf = opts.asOf ?? todayWib();
  const months = await lapseMonths(db, asOf);
  const limit = opts.limit ?? 500;
  const rows = await lapsingEnrolments(db, { region: opts.region, programId: opts.programId, days: opts.days, asOf, months, limit: limit + 2000 });
  const items = rows
    .map((r) => ({ r, date: lapseDate({ months, unpaidDueDates: r.unpaid_due ?? [], lastBilledMonth: r.last_month }) }))
    .filter((x): x is { r: (typeof rows)[number]; date: string } => x.date !== null && lapseOutlook(x.date, asOf, opts.days) === 'within')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.r.enrolment_id - b.r.enrolment_id))
    .slice(0, limit)
    .map(({ r, date }) => ({
      enrolmentId: r.enrolment_id,
      name: r.person_name,
      nikMasked: maskNik(r.nik),
      kpj: r.kpj,
      villageCode: r.village_code,
      villageName: r.village_name ? regionTitle(r.village_name) : r.village_code,
      programId: r.program_id,
      programName: r.program_name,
      unpaidMonths: Number(r.unpaid),
      lapseDate: date,
    }));
  const byProgramTotals = new Map<number, { programId: number; programName: string; count: number }>();
  for (const i of items) {
    const t = byProgramTotals.get(i.programId) ?? { programId: i.programId, programName: i.programName, count: 0 };
    t.count++;
    byProgramTotals.set(i.programId, t);
  }
  return { asOf, days: opts.days, lapseMonths: months, items, byProgram: [...byProgramTotals.values()] };
}
