import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { addMonths, currentPeriod, monthStart } from '../../domain/coverage.js';
import type { PayerType } from '../../domain/funding.js';
import { maskNik } from '../../domain/nik.js';
import { inSubtree, levelOf, NATIONAL } from '../../domain/region-code.js';
import { can, type Role } from '../../domain/roles.js';
import type { EnrolmentStatus, Segment } from '../../domain/worker.js';
import { listCases } from '../compliance-cases/queries.js';
import { summary } from '../compliance-cases/service.js';
import type { Coverage } from '../coverage/schemas.js';
import { coverageReconciliation, coverageReport } from '../coverage/service.js';
import { budgetFiguresOf, earlyWarning } from '../funding/planning/service.js';
import { listPrograms } from '../funding/programs/queries.js';
import { todayWib } from '../funding/rates/service.js';
import { findRegion, findRegions } from '../regions/queries.js';
import { auditByAction, awaitingKpj, employersByUnregistered, enrolmentsByStatus, importsNotSaved, paymentsForVillageLines, unpaidBillsOf, villageBillShares } from './queries.js';
import type { Home, HomeProgrammeBills, HomeVillageBill } from './schemas.js';

/** Which sections each role's home shows: its first questions (USERS.md), nothing it may not read. */
export const HOME_SECTIONS: Record<Role, readonly string[]> = {
  village_operator: ['bills', 'workersByStatus', 'todo'],
  regency_operator: ['coverage', 'imports', 'programmesNear', 'overdueCases', 'todo'],
  province_operator: ['coverage', 'imports', 'programmesNear', 'ranking', 'staleRegions'],
  bpjs_branch: ['awaitingKpj', 'lapsesDue', 'unpaidBills'],
  labour_inspector: ['employersUnregistered', 'overdueCases'],
  national_monitor: ['coverage', 'ranking', 'staleRegions'],
  auditor: ['nikViews', 'exports', 'recentChanges'],
};

/** Programmes at or above this share of their quota or budget are "near" (90 %). */
export const NEAR_LIMIT = 0.9;
const LAPSE_DAYS = 30;
const LIST = 10;

const AUDIT_ACCESS = ['view_nik'];
const AUDIT_EXPORTS = ['export', 'export_full_nik'];
/** Not "changes": sign-ins, looks and downloads. */
const NOT_CHANGES = ['login', ...AUDIT_ACCESS, ...AUDIT_EXPORTS];

type Names = Map<string, string>;
async function namesOf(db: Db, codes: Iterable<string>): Promise<Names> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  return new Map((await findRegions(db, list)).map((r) => [r.code, r.name]));
}
const ref = (names: Names, code: string) => ({ code, name: code === NATIONAL ? 'Indonesia' : (names.get(code) ?? code) });

/** The village's bill for this month and last month for each programme that pays for its workers, with the payments as proof. */
async function villageBills(db: Db, village: string, month: string): Promise<HomeProgrammeBills[]> {
  const year = Number(month.slice(0, 4));
  const last = addMonths(month, -1);
  const programs = (await listPrograms(db, village)).filter((p) => p.fiscal_year === year || p.fiscal_year === Number(last.slice(0, 4)));
  const shares = await villageBillShares(db, village, programs.map((p) => p.id), [monthStart(month), monthStart(last)]);
  const names = await namesOf(db, programs.map((p) => p.region_code));
  const present = async (programId: number, m: string): Promise<HomeVillageBill | null> => {
    const s = shares.find((x) => x.program_id === programId && x.month === m);
    if (!s) return null;
    return {
      billId: s.bill_id,
      month: s.month,
      dueDate: s.due_date,
      workerCount: s.lines,
      amount: s.amount,
      paidAmount: s.paid_amount,
      status: s.paid_amount >= s.amount ? 'paid' : s.paid_amount === 0 ? 'unpaid' : 'partial',
      payments: s.paid_amount > 0 ? await paymentsForVillageLines(db, s.bill_id, village) : [],
    };
  };
  const out: HomeProgrammeBills[] = [];
  for (const p of programs) {
    const [thisMonth, lastMonth] = await Promise.all([present(p.id, month), present(p.id, last)]);
    // a programme with no line of this village in either month pays for someone else's workers
    if (!thisMonth && !lastMonth && p.region_code !== village) continue;
    out.push({ programId: p.id, programName: p.name, payerType: p.payer_type as PayerType, owner: ref(names, p.region_code), ownedHere: p.region_code === village, thisMonth, lastMonth });
  }
  return out;
}

function coverageFigures(c: Coverage): NonNullable<Home['coverage']> {
  return {
    period: c.period,
    activeParticipants: c.activeParticipants,
    numeratorSource: c.numeratorSource,
    employedPopulation: c.employedPopulation,
    coveragePct: c.coveragePct,
    targetPct: c.targetPct,
    targetYear: c.targetYear,
    gapWorkers: c.gapWorkers,
    gapRupiahPerMonth: c.gapRupiahPerMonth,
    gapRupiahPerYear: c.gapRupiahPerYear,
    newEnrolments: c.newEnrolments,
    lapses: c.lapses,
    ended: c.ended,
    monthOnMonth: c.monthOnMonth,
  };
}

function ranking(c: Coverage): NonNullable<Home['ranking']> {
  const withPct = c.children.filter((k) => k.coveragePct !== null).map((k) => ({ code: k.code, name: k.name, coveragePct: k.coveragePct!, targetPct: k.targetPct }));
  withPct.sort((a, b) => b.coveragePct - a.coveragePct || a.code.localeCompare(b.code));
  const n = Math.min(3, Math.floor(withPct.length / 2) || withPct.length);
  return { highest: withPct.slice(0, n), lowest: withPct.length > 1 ? withPct.slice(-n).reverse() : [], withoutData: c.children.length - withPct.length };
}

/** Programmes owned in the region at ≥ 90 % of quota or budget this fiscal year, fullest first (at most 10). */
async function programmesNear(db: Db, region: string, today: string): Promise<NonNullable<Home['programmesNear']>> {
  const own = (await listPrograms(db, region, Number(today.slice(0, 4)))).filter((p) => p.status === 'active' && inSubtree(region, p.region_code));
  // one statement for every programme's figures, not one budgetFigures call each
  const all = await budgetFiguresOf(db, own, today);
  const figures = own.map((p, i) => ({ p, f: all[i]! }));
  return figures
    .filter(({ f }) => f.quotaUsed >= NEAR_LIMIT || f.budgetUsed >= NEAR_LIMIT)
    .sort((a, b) => Math.max(b.f.quotaUsed, b.f.budgetUsed) - Math.max(a.f.quotaUsed, a.f.budgetUsed) || a.p.id - b.p.id)
    .slice(0, LIST)
    .map(({ p, f }) => ({ programId: p.id, name: p.name, enrolled: f.enrolled, quota: f.quota, quotaUsed: f.quotaUsed, budget: f.budget, committed: f.committed, budgetUsed: f.budgetUsed }));
}

async function overdueCases(db: Db, region: string, today: string): Promise<NonNullable<Home['overdueCases']>> {
  const { items, total } = await listCases(db, { region, overdue: true }, 1, LIST, today);
  return {
    total,
    items: items.map((row) => {
      const s = summary(row, today);
      return { id: s.id, employerId: s.employerId, employerName: s.employerName, regionName: s.regionName, step: s.step, deadline: s.deadline, overdue: s.overdue };
    }),
  };
}

/** Enrolments that lapse within the window if their bills stay unpaid; those already past their day are the sweep's, not "coming". */
async function lapsesDue(db: Db, region: string, today: string, limit: number): Promise<NonNullable<Home['lapsesDue']>> {
  const w = await earlyWarning(db, { region, days: LAPSE_DAYS, asOf: today, limit: 500 });
  const coming = w.items.filter((i) => i.lapseDate > today);
  const names = await namesOf(db, coming.slice(0, limit).map((i) => i.villageCode));
  return {
    days: LAPSE_DAYS,
    total: coming.length,
    items: coming.slice(0, limit).map((i) => ({ enrolmentId: i.enrolmentId, name: i.name, village: ref(names, i.villageCode), programName: i.programName, unpaidMonths: i.unpaidMonths, lapseDate: i.lapseDate })),
  };
}

async function importsWaiting(db: Db, region: string) {
  const jobs = await importsNotSaved(db, region, LIST);
  return jobs.map((j) => {
    const counts = (j.counts ?? {}) as { valid?: number; rejected?: number };
    return {
      id: j.id,
      kind: j.kind,
      filename: j.filename,
      status: j.status,
      createdAt: new Date(j.created_at).toISOString(),
      createdBy: j.created_by_username,
      valid: counts.valid ?? 0,
      rejected: counts.rejected ?? 0,
    };
  });
}

const auditRows = (rows: Awaited<ReturnType<typeof auditByAction>>) =>
  rows.map((r) => ({ id: String(r.id), at: new Date(r.at).toISOString(), actor: r.actor_username, action: r.action, entityType: r.entity_type, entityId: r.entity_id, regionCode: r.region_code }));

/**
 * The signed-in user's home: the sections of their role, each inside their own region and only
 * where the role holds the permission the figure's own page needs (checked again here).
 */
export async function homeOf(db: Db, user: SessionUser, now = Date.now()): Promise<Home> {
  const region = user.regionCode;
  const today = todayWib(now);
  const month = currentPeriod(new Date(now));
  const r = await findRegion(db, region);
  const sections = new Set(HOME_SECTIONS[user.role]);
  const want = (s: string, ...perms: Parameters<typeof can>[1][]) => sections.has(s) && perms.every((p) => can(user.role, p));
  const home: Home = { role: user.role, region: { code: region, name: r?.name ?? 'Indonesia', level: r?.level ?? levelOf(region) }, today, month };

  // one coverage report for the coverage card and the ranking (the rollups, read once)
  let report: Promise<Coverage> | undefined;
  const coverage = () => (report ??= coverageReport(db, region, month));
  const jobs: Promise<unknown>[] = [];
  const run = (f: () => Promise<void>) => jobs.push(f());

  if (want('bills', 'funding:read')) run(async () => void (home.bills = await villageBills(db, region, month)));
  if (want('workersByStatus', 'worker:read'))
    run(async () => void (home.workersByStatus = (await enrolmentsByStatus(db, region)).map((s) => ({ status: s.status as EnrolmentStatus, count: s.count }))));
  if (want('todo', 'worker:write'))
    run(async () => {
      const [imports, lapses, kpj] = await Promise.all([
        importsWaiting(db, region),
        can(user.role, 'funding:read') ? lapsesDue(db, region, today, 0) : Promise.resolve({ total: 0 }),
        awaitingKpj(db, region, 0),
      ]);
      home.todo = { rejectedRows: imports.reduce((a, j) => a + j.rejected, 0), importsWaiting: imports.length, lapsesComing: lapses.total, awaitingKpj: kpj.total };
    });
  if (want('coverage', 'coverage:read')) run(async () => void (home.coverage = coverageFigures(await coverage())));
  if (want('imports', 'worker:write')) run(async () => void (home.imports = await importsWaiting(db, region)));
  if (want('programmesNear', 'funding:read')) run(async () => void (home.programmesNear = await programmesNear(db, region, today)));
  if (want('overdueCases', 'employer:read')) run(async () => void (home.overdueCases = await overdueCases(db, region, today)));
  if (want('ranking', 'coverage:read') && levelOf(region) !== 'village') run(async () => void (home.ranking = ranking(await coverage())));
  if (want('staleRegions', 'coverage:read'))
    run(async () => {
      const rec = await coverageReconciliation(db, region, month);
      home.staleRegions = { afterMonths: rec.stale.afterMonths, items: rec.stale.regions.slice(0, 20) };
    });
  if (want('awaitingKpj', 'worker:write'))
    run(async () => {
      const { items, total } = await awaitingKpj(db, region, LIST);
      const names = await namesOf(db, items.map((i) => i.villageCode));
      home.awaitingKpj = {
        total,
        items: items.map((i) => ({
          enrolmentId: i.enrolmentId,
          personId: i.personId,
          name: i.name,
          nikMasked: maskNik(i.nik),
          village: ref(names, i.villageCode),
          segment: i.segment as Segment,
          submittedAt: new Date(i.createdAt).toISOString(),
        })),
      };
    });
  if (want('lapsesDue', 'funding:read')) run(async () => void (home.lapsesDue = await lapsesDue(db, region, today, LIST)));
  if (want('unpaidBills', 'funding:read'))
    run(async () => {
      const programs = await listPrograms(db, region);
      const bills = await unpaidBillsOf(db, programs.map((p) => p.id), LIST);
      const byId = new Map(programs.map((p) => [p.id, p]));
      const names = await namesOf(db, programs.map((p) => p.region_code));
      home.unpaidBills = {
        total: bills.total,
        outstanding: bills.outstanding,
        items: bills.items.map((b) => ({
          billId: b.id,
          programId: b.funding_program_id,
          programName: byId.get(b.funding_program_id)!.name,
          owner: ref(names, byId.get(b.funding_program_id)!.region_code),
          month: b.month.slice(0, 7),
          dueDate: b.due_date,
          outstanding: b.amount - b.paid_amount,
          overdue: b.due_date < today,
        })),
      };
    });
  if (want('employersUnregistered', 'employer:read'))
    run(async () => {
      const rows = await employersByUnregistered(db, region, LIST);
      home.employersUnregistered = rows.map((e) => ({ ...e, notRegistered: e.employeesDeclared - e.workersRegistered }));
    });
  if (want('nikViews', 'audit:read')) run(async () => void (home.nikViews = auditRows(await auditByAction(db, region, AUDIT_ACCESS, LIST))));
  if (want('exports', 'audit:read')) run(async () => void (home.exports = auditRows(await auditByAction(db, region, AUDIT_EXPORTS, LIST))));
  if (want('recentChanges', 'audit:read')) run(async () => void (home.recentChanges = auditRows(await auditByAction(db, region, NOT_CHANGES, LIST, true))));
  await Promise.all(jobs);
  return home;
}
