import { requireEntityAccess } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { type Actor, audited, type Tx } from '../../db/tx.js';
import { contribution } from '../../domain/contribution.js';
import {
  checkPeriod,
  coverStart,
  extensionDifference,
  type JakonProblem,
  periodMonths,
  periodStatus,
  projectContribution,
  projectFlags,
  registrationDeadline,
  registrationWorkingDays,
} from '../../domain/jakon.js';
import { maskNik } from '../../domain/nik.js';
import { inSubtree } from '../../domain/region-code.js';
import { todayWib } from '../../domain/wib.js';
import { AppError, errors } from '../../lib/errors.js';
import { findProgram, programScope, type ProgramRow } from '../funding/programs/queries.js';
import { loadSnapshot } from '../funding/rates/queries.js';
import { insertEnrolment } from '../workers/queries.js';
import { checkedPerson, personForEnrolment, refuseDoubleFunding } from '../workers/service.js';
import {
  allocateProjectMoney,
  billsOfProject,
  cohortBilling,
  type CohortRow,
  cohortRows,
  countCohorts,
  countEngaged,
  countProjects,
  endExpired,
  engagedWorkers,
  holidaySet,
  moveEndDate,
  paymentsOfProject,
  type ProjectRow,
  projectRows,
} from './queries.js';
import type { CohortView, NewCohort, NewProject, ProjectDetail, ProjectExtension, ProjectPayment, ProjectView, ProjectWorker } from './schemas.js';

const actorOf = (u: SessionUser): Actor => ({ id: u.id, username: u.username });

function reject(problems: JakonProblem[]): never {
  const first = problems[0]!;
  throw new AppError(
    422,
    first.code,
    first.message,
    `body.${first.field}`,
    problems.map((p) => ({ field: `body.${p.field}`, code: p.code, message: p.message.id, messageEn: p.message.en })),
  );
}

/**
 * The funding programme a project or cohort names: readable by the caller (their own or one above),
 * active, and paying for the place (its owner region contains it).
 */
async function payingProgram(db: Db, user: SessionUser, programId: number, place: string, segment?: 'BPU'): Promise<ProgramRow> {
  await requireEntityAccess(db, user, 'funding:read', programScope, programId).catch(() => {
    throw errors.invalid('body.fundingProgramId', 'FUNDING_PROGRAM_UNKNOWN', { id: `Program pendanaan ${programId} tidak ada di wilayah Anda.`, en: `Funding programme ${programId} does not exist in your region.` });
  });
  const p = (await findProgram(db, programId))!;
  if (!inSubtree(p.region_code, place)) {
    throw errors.invalid('body.fundingProgramId', 'FUNDING_PROGRAM_NOT_FOR_REGION', {
      id: `Program "${p.name}" tidak membiayai wilayah ${place}.`,
      en: `Programme "${p.name}" does not pay for region ${place}.`,
    });
  }
  if (p.status !== 'active') throw errors.invalid('body.fundingProgramId', 'FUNDING_PROGRAM_CLOSED', { id: `Program "${p.name}" sudah ditutup.`, en: `Programme "${p.name}" is closed.` });
  if (segment && p.segment !== segment) {
    throw errors.invalid('body.fundingProgramId', 'FUNDING_PROGRAM_SEGMENT', {
      id: `Badan adhoc dilindungi sebagai BPU; program "${p.name}" membiayai ${p.segment}.`,
      en: `Ad hoc workers are covered as BPU; programme "${p.name}" pays for ${p.segment}.`,
    });
  }
  return p;
}

async function priced(db: Db | Tx, p: { spkDate: string; contractValue: number; wagesTotal?: number | null }) {
  const r = projectContribution(await loadSnapshot(db), p);
  if (!r.ok) reject(r.problems);
  return r.value;
}

// ---------------------------------------------------------------------------------------------------
// Projects

/** Registers a construction project and bills its contribution once, due on its registration deadline. */
export async function createProject(db: Db, user: SessionUser, input: NewProject) {
  const problems = checkPeriod(input);
  if (problems.length) reject(problems);
  const program = await payingProgram(db, user, input.fundingProgramId, input.villageCode);
  const amount = await priced(db, input);
  const snapshot = await loadSnapshot(db);
  const deadline = registrationDeadline(input.spkDate, await holidaySet(db), registrationWorkingDays(snapshot, input.spkDate));
  const ownerType = input.ownerType ?? (program.payer_type === 'DANA_DESA' ? 'village' : 'agency');
  return audited(db, actorOf(user), async (tx) => {
    const project = await tx
      .insertInto('project')
      .values({
        name: input.name,
        village_code: input.villageCode,
        owner_type: ownerType,
        owner_name: input.ownerName ?? '',
        executor: input.executor,
        contractor_name: input.contractorName ?? '',
        contract_value: input.contractValue,
        wages_total: input.wagesTotal ?? null,
        spk_date: input.spkDate,
        start_date: input.startDate,
        end_date: input.endDate,
        funding_program_id: program.id,
        registration_deadline: deadline,
        jkk: amount.jkk,
        jkm: amount.jkm,
        created_by: user.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertProjectBill(tx, project.id, 'initial', amount, deadline, input.endDate, { contractValue: input.contractValue, wagesTotal: input.wagesTotal ?? null, spkDate: input.spkDate }, user.username);
    return {
      result: { id: project.id, contribution: amount, registrationDeadline: deadline },
      audit: [
        {
          action: 'create',
          entityType: 'project',
          entityId: String(project.id),
          regionCode: input.villageCode,
          before: null,
          after: { ...input, ownerType, contribution: amount, registrationDeadline: deadline, fundingProgram: program.name },
        },
      ],
    };
  });
}

function insertProjectBill(tx: Tx, projectId: number, kind: 'initial' | 'extension', a: { jkk: number; jkm: number; total: number }, due: string, coversUntil: string, basis: unknown, by: string) {
  return tx
    .insertInto('project_bill')
    .values({ project_id: projectId, kind, jkk: a.jkk, jkm: a.jkm, amount: a.total, due_date: due, covers_until: coversUntil, basis: JSON.stringify(basis), created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function presentProject(r: ProjectRow, today: string): ProjectView {
  const billed = Number(r.billed);
  const paid = Number(r.paid);
  const flags = projectFlags({ registrationDeadline: r.registration_deadline, registeredOn: r.registered_on, billDue: r.due_open, outstanding: billed - paid }, today);
  const jkk = Number(r.jkk);
  const jkm = Number(r.jkm);
  return {
    id: r.id,
    name: r.name,
    villageCode: r.village_code,
    villageName: r.village_name,
    ownerType: r.owner_type,
    ownerName: r.owner_name,
    executor: r.executor,
    contractorName: r.contractor_name,
    contractValue: Number(r.contract_value),
    wagesTotal: r.wages_total === null ? null : Number(r.wages_total),
    spkDate: r.spk_date,
    startDate: r.start_date,
    endDate: r.end_date,
    fundingProgramId: r.funding_program_id,
    fundingProgramName: r.program_name,
    registrationDeadline: r.registration_deadline,
    registeredOn: r.registered_on,
    contribution: { jkk, jkm, total: jkk + jkm },
    billed,
    paid,
    outstanding: billed - paid,
    status: r.ended_at ? 'ended' : periodStatus({ startDate: r.start_date, endDate: r.end_date }, today),
    late: flags.late,
    unpaid: flags.unpaid,
    workers: Number(r.workers),
    coveredToday: Number(r.covered),
  };
}

export async function listProjects(db: Db, region: string, page: number, pageSize: number, today = todayWib()) {
  const [rows, total] = await Promise.all([projectRows(db, { region }, today, pageSize, (page - 1) * pageSize), countProjects(db, region)]);
  return { items: rows.map((r) => presentProject(r, today)), total };
}

async function projectView(db: Db | Tx, id: number, today: string): Promise<ProjectView> {
  const [row] = await projectRows(db, { id }, today);
  if (!row) throw errors.notFound({ id: 'Proyek', en: 'Project' });
  return presentProject(row, today);
}

/** One project with its bills and payments (the route's entity rule checked its region). */
export async function getProject(db: Db, id: number, today = todayWib()): Promise<ProjectDetail> {
  const [view, bills, payments] = await Promise.all([projectView(db, id, today), billsOfProject(db, id), paymentsOfProject(db, id)]);
  return {
    ...view,
    bills: bills.map((b) => ({
      id: b.id,
      kind: b.kind,
      jkk: b.jkk,
      jkm: b.jkm,
      amount: b.amount,
      paidAmount: b.paid_amount,
      dueDate: b.due_date,
      coversUntil: b.covers_until,
      status: b.paid_amount >= b.amount ? 'paid' : b.paid_amount === 0 ? 'unpaid' : 'partial',
    })),
    payments: payments.map((p) => ({ id: p.id, amount: p.amount, paidOn: p.paid_on, reference: p.reference, createdBy: p.created_by })),
  };
}

const periodOver = (what: { id: string; en: string }, end: string) =>
  errors.conflict('PERIOD_ENDED', { id: `${what.id} sudah berakhir pada ${end}; pekerja tidak bisa ditambahkan.`, en: `The ${what.en} ended on ${end}; workers cannot be added.` });

/**
 * Lists a worker on a project (by name by address): registered in the registry (or found by NIK) and
 * enrolled as Jakon JKK + JKM from the start — or from today when added later, never backdated — to the
 * end date. Same NIK and double-funding rules as POST /api/workers.
 */
export async function addProjectWorker(db: Db, user: SessionUser, projectId: number, input: ProjectWorker, today = todayWib()) {
  const { nik, warnings } = await checkedPerson(db, input);
  const project = await db.selectFrom('project').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  const start = project.ended_at ? null : coverStart({ startDate: project.start_date, endDate: project.end_date }, today);
  if (!start) throw periodOver({ id: 'Proyek', en: 'project' }, project.end_date);
  const program = (await findProgram(db, project.funding_program_id))!;
  const out = await audited(db, actorOf(user), async (tx) => {
    const { person, created } = await personForEnrolment(tx, user, nik, input);
    await refuseDoubleFunding(tx, person.id, ['JKK', 'JKM']);
    const enrolment = await insertEnrolment(
      tx,
      person.id,
      person.village_code,
      { segment: 'JAKON', group: project.owner_type === 'village' ? 'KONSTRUKSI_DESA' : 'OTHER', programs: ['JKK', 'JKM'], fundingSource: program.name },
      undefined, // billed once per project, never by the programme's monthly run
      { startDate: start, endDate: project.end_date, projectId },
    );
    // the project is registered (by name by address) the day its first worker is listed
    if (!project.registered_on) await tx.updateTable('project').set({ registered_on: today, updated_at: new Date() }).where('id', '=', projectId).where('registered_on', 'is', null).execute();
    return {
      result: { person, enrolment },
      audit: [
        {
          action: 'add_worker',
          entityType: 'project',
          entityId: String(projectId),
          regionCode: project.village_code,
          before: null,
          after: { personId: person.id, personCreated: created, nik: maskNik(person.nik), enrolmentId: enrolment.id, startDate: start, endDate: project.end_date },
        },
      ],
    };
  });
  return {
    personId: out.person.id,
    enrolmentId: out.enrolment.id,
    nik: maskNik(out.person.nik),
    name: out.person.name,
    villageCode: out.person.village_code,
    startDate: start,
    endDate: project.end_date,
    status: out.enrolment.status,
    role: null,
    pollingStation: null,
    warnings,
  };
}

/** A payment for a project's bills: recorded and applied to the oldest unpaid bill first, in one audited transaction. */
export async function recordProjectPayment(db: Db, user: SessionUser, projectId: number, p: ProjectPayment) {
  const project = await db.selectFrom('project').select(['id', 'village_code']).where('id', '=', projectId).executeTakeFirstOrThrow();
  return audited(db, actorOf(user), async (tx) => {
    const row = await tx
      .insertInto('project_payment')
      .values({ project_id: projectId, amount: p.amount, paid_on: p.paidOn, reference: p.reference ?? '', created_by: user.username })
      .onConflict((oc) => oc.columns(['project_id', 'reference']).where('reference', '<>', '').doNothing())
      .returning(['id', 'amount'])
      .executeTakeFirst();
    if (!row) throw errors.conflict('PAYMENT_DUPLICATE', { id: `Pembayaran dengan referensi "${p.reference}" sudah tercatat.`, en: `A payment with reference "${p.reference}" is already recorded.` }, 'body.reference');
    const { applied, credit } = await allocateProjectMoney(tx, projectId);
    const owed = await tx.selectFrom('project_bill').select((eb) => eb.fn.coalesce(eb.fn.sum<string>(eb('amount', '-', eb.ref('paid_amount'))), eb.val('0')).as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    const outstanding = Number(owed.n);
    return {
      result: { id: row.id, amount: row.amount, applied, credit, outstanding },
      audit: [{ action: 'record_payment', entityType: 'project', entityId: String(projectId), regionCode: project.village_code, before: null, after: { paymentId: row.id, ...p, applied, credit, outstanding } }],
    };
  });
}

/**
 * An extension (addendum): the end date moves, with every open enrolment of the project, in one
 * statement; the contribution is priced again on the addendum's value (or wages) and the difference billed.
 */
export async function extendProject(db: Db, user: SessionUser, projectId: number, x: ProjectExtension) {
  const project = await db.selectFrom('project').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  if (project.ended_at) throw errors.conflict('PERIOD_ENDED', { id: `Proyek sudah berakhir pada ${project.end_date}.`, en: `The project ended on ${project.end_date}.` });
  if (x.endDate <= project.end_date) {
    throw errors.invalid('body.endDate', 'EXTENSION_NOT_LATER', { id: `Tanggal selesai baru harus setelah ${project.end_date}.`, en: `The new end date must be after ${project.end_date}.` });
  }
  const contractValue = x.contractValue ?? project.contract_value;
  const wagesTotal = x.wagesTotal ?? project.wages_total;
  const amount = await priced(db, { spkDate: project.spk_date, contractValue, wagesTotal });
  const diff = extensionDifference(amount, { jkk: project.jkk, jkm: project.jkm });
  return audited(db, actorOf(user), async (tx) => {
    await tx
      .updateTable('project')
      .set({ end_date: x.endDate, contract_value: contractValue, wages_total: wagesTotal, jkk: project.jkk + diff.jkk, jkm: project.jkm + diff.jkm, updated_at: new Date() })
      .where('id', '=', projectId)
      .execute();
    const moved = await moveEndDate(tx, { projectId }, x.endDate);
    let billed = null;
    if (diff.total > 0) {
      await insertProjectBill(tx, projectId, 'extension', diff, todayWib(), x.endDate, { contractValue, wagesTotal, spkDate: project.spk_date, previous: { jkk: project.jkk, jkm: project.jkm } }, user.username);
      await allocateProjectMoney(tx, projectId); // credit paid ahead pays the difference at once
      billed = diff;
    }
    return {
      result: { endDate: x.endDate, enrolmentsMoved: moved, billed },
      audit: [
        {
          action: 'extend',
          entityType: 'project',
          entityId: String(projectId),
          regionCode: project.village_code,
          before: { endDate: project.end_date, contractValue: project.contract_value, wagesTotal: project.wages_total },
          after: { endDate: x.endDate, contractValue, wagesTotal, enrolmentsMoved: moved, billed },
        },
      ],
    };
  });
}

/** A page of a project's or cohort's workers; lists always mask the NIK (a full one is revealed one at a time, audited: GET /api/workers/{id}/nik). */
export async function listEngaged(db: Db, f: { projectId?: number; cohortId?: number }, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([engagedWorkers(db, f, pageSize, (page - 1) * pageSize), countEngaged(db, f)]);
  return {
    items: rows.map((r) => ({
      personId: r.person_id,
      enrolmentId: r.enrolment_id,
      nik: maskNik(r.nik),
      name: r.name,
      villageCode: r.village_code,
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status,
      role: r.adhoc_role,
      pollingStation: r.polling_station,
    })),
    total,
  };
}

// ---------------------------------------------------------------------------------------------------
// Election cohorts

export async function createCohort(db: Db, user: SessionUser, input: NewCohort) {
  const problems = checkPeriod(input);
  if (problems.length) reject(problems);
  const program = await payingProgram(db, user, input.fundingProgramId, input.regionCode, 'BPU');
  return audited(db, actorOf(user), async (tx) => {
    const c = await tx
      .insertInto('election_cohort')
      .values({
        name: input.name,
        organiser: input.organiser,
        region_code: input.regionCode,
        election: input.election ?? '',
        stage: input.stage ?? '',
        start_date: input.startDate,
        end_date: input.endDate,
        funding_program_id: program.id,
        created_by: user.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      result: { id: c.id },
      audit: [{ action: 'create', entityType: 'election_cohort', entityId: String(c.id), regionCode: input.regionCode, before: null, after: { ...input, fundingProgram: program.name } }],
    };
  });
}

/** What one ad hoc worker costs a month under the programme (JKK + JKM at its basis income). */
async function cohortMonthly(db: Db, programs: Map<number, ProgramRow>, today: string): Promise<Map<number, number>> {
  const s = await loadSnapshot(db);
  const out = new Map<number, number>();
  for (const [id, p] of programs) {
    const r = contribution(s, { segment: 'BPU', date: today, declaredIncome: Number(p.basis_income), programs: ['JKK', 'JKM'] });
    out.set(id, r.ok ? r.value.total : 0);
  }
  return out;
}

async function presentCohorts(db: Db, rows: CohortRow[], today: string): Promise<CohortView[]> {
  const programs = new Map<number, ProgramRow>();
  for (const id of new Set(rows.map((r) => r.funding_program_id))) programs.set(id, (await findProgram(db, id))!);
  const monthly = await cohortMonthly(db, programs, today);
  return rows.map((r) => {
    const months = periodMonths(r.start_date, r.end_date).length;
    const workers = Number(r.workers);
    return {
      id: r.id,
      name: r.name,
      organiser: r.organiser,
      regionCode: r.region_code,
      regionName: r.region_name,
      election: r.election,
      stage: r.stage,
      startDate: r.start_date,
      endDate: r.end_date,
      months,
      fundingProgramId: r.funding_program_id,
      fundingProgramName: r.program_name,
      status: r.ended_at ? 'ended' : periodStatus({ startDate: r.start_date, endDate: r.end_date }, today),
      workers,
      coveredToday: Number(r.covered),
      monthlyCost: monthly.get(r.funding_program_id) ?? 0,
      cost: workers * months * (monthly.get(r.funding_program_id) ?? 0),
    };
  });
}

export async function listCohorts(db: Db, region: string, page: number, pageSize: number, today = todayWib()) {
  const [rows, total] = await Promise.all([cohortRows(db, { region }, today, pageSize, (page - 1) * pageSize), countCohorts(db, region)]);
  return { items: await presentCohorts(db, rows, today), total };
}

export async function getCohort(db: Db, id: number, today = todayWib()) {
  const rows = await cohortRows(db, { id }, today);
  if (!rows[0]) throw errors.notFound({ id: 'Kohort badan adhoc', en: 'Ad hoc cohort' });
  const [view] = await presentCohorts(db, rows, today);
  const months = await cohortBilling(db, id, rows[0].funding_program_id);
  return { ...view!, bills: months, billed: months.reduce((s, m) => s + m.amount, 0), paid: months.reduce((s, m) => s + m.paid, 0) };
}

/** A cohort's extension: the end date moves with its open enrolments; the programme's monthly runs bill the added months. */
export async function extendCohort(db: Db, user: SessionUser, cohortId: number, endDate: string) {
  const c = await db.selectFrom('election_cohort').selectAll().where('id', '=', cohortId).executeTakeFirstOrThrow();
  if (c.ended_at) throw errors.conflict('PERIOD_ENDED', { id: `Masa tugas sudah berakhir pada ${c.end_date}.`, en: `The period ended on ${c.end_date}.` });
  if (endDate <= c.end_date) throw errors.invalid('body.endDate', 'EXTENSION_NOT_LATER', { id: `Tanggal selesai baru harus setelah ${c.end_date}.`, en: `The new end date must be after ${c.end_date}.` });
  return audited(db, actorOf(user), async (tx) => {
    await tx.updateTable('election_cohort').set({ end_date: endDate, updated_at: new Date() }).where('id', '=', cohortId).execute();
    const moved = await moveEndDate(tx, { cohortId }, endDate);
    return {
      result: { endDate, enrolmentsMoved: moved, billed: null },
      audit: [{ action: 'extend', entityType: 'election_cohort', entityId: String(cohortId), regionCode: c.region_code, before: { endDate: c.end_date }, after: { endDate, enrolmentsMoved: moved } }],
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Ending on time

/**
 * Ends every project and cohort whose end date has passed (WIB) with their open enrolments, in one
 * statement, audited per project or cohort. Run by the daily job in src/jobs.ts (and the demo, tests).
 */
export async function endExpiredEngagements(db: Db, actor: Actor, today = todayWib()) {
  return audited(db, actor, async (tx) => {
    const ended = await endExpired(tx, today, actor.username);
    return {
      result: ended,
      audit: ended.map((e) => ({
        action: 'end',
        entityType: e.kind === 'project' ? 'project' : 'election_cohort',
        entityId: String(e.id),
        regionCode: e.region,
        before: null,
        after: { endDate: e.end_date, enrolmentsEnded: e.enrolments, today },
      })),
    };
  });
}
