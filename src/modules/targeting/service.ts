import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PassThrough } from 'node:stream';
import { inRegionSql } from '../../access/subtree.js';
import { requireEntityAccess } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import { ANALYZE_MIN_ROWS, analyzeTables } from '../../db/analyze.js';
import type { Db } from '../../db/client.js';
import { audited, recordAudit } from '../../db/tx.js';
import { maskNik } from '../../domain/nik.js';
import { inSubtree } from '../../domain/region-code.js';
import { can } from '../../domain/roles.js';
import {
  birthYearRange,
  type CandidateState,
  checkFilter,
  coverCost,
  DEFAULT_MAX_DECILE,
  SKIP_LABELS,
  type SkipReason,
  standardMonthlyCost,
  STANDARD_PACKAGE,
  WORKING_AGE,
} from '../../domain/targeting.js';
import { todayWib } from '../../domain/wib.js';
import { AppError, errors } from '../../lib/errors.js';
import { loggableError } from '../../lib/logging.js';
import { checkCapacity } from '../funding/planning/capacity.js';
import { findProgram, programScope } from '../funding/programs/queries.js';
import { loadSnapshot } from '../funding/rates/queries.js';
import { type CandidateFilter, type CandidateRow, compactCounts, countByArea, countByDecile, coverageCounts, iterateCandidates, pageCandidates } from './queries.js';
import type { Candidate, DtsenCoverage, EnrolBody, FilterQuery, ListQuery, TargetingJobView, TargetingList } from './schemas.js';

const STATES: Record<FilterQuery['fundedElsewhere'], CandidateState[]> = { exclude: ['open'], include: ['open', 'pending'], only: ['pending'] };

/** The request's filter as the queries take it; 422 naming the field when a range is upside down. */
export function resolveFilter(region: string, q: Partial<FilterQuery>): CandidateFilter {
  const f = {
    minDecile: q.minDecile ?? 1,
    maxDecile: q.maxDecile ?? DEFAULT_MAX_DECILE,
    minAge: q.minAge ?? WORKING_AGE.min,
    maxAge: q.maxAge ?? WORKING_AGE.max,
  };
  const problem = checkFilter(f);
  if (problem) throw errors.invalid(problem.field, 'FILTER_RANGE_INVALID', problem.message);
  const years = birthYearRange(Number(todayWib().slice(0, 4)), f.minAge, f.maxAge);
  return { region, minDecile: f.minDecile, maxDecile: f.maxDecile, birthYearFrom: years.from, birthYearTo: years.to, states: STATES[q.fundedElsewhere ?? 'exclude'] };
}

/** One candidate's monthly cost under the standard package today, from the contribution engine. */
export async function unitCost(db: Db): Promise<number> {
  const r = standardMonthlyCost(await loadSnapshot(db), todayWib());
  if (!r.ok) throw new AppError(422, r.problems[0]!.code, r.problems[0]!.message);
  return r.value;
}

const presentCandidate = (r: CandidateRow): Candidate => ({
  candidateId: r.id,
  name: r.name,
  nikMasked: maskNik(r.nik),
  villageCode: r.village_code,
  villageName: r.village_name,
  decile: r.decile,
  dataYear: r.data_year,
  occupation: r.occupation,
  workStatus: r.work_status,
  covered: r.state !== 'open',
  fundedElsewhere: r.state === 'pending',
  registered: r.person_id !== null,
});

/** The priority list's page with its counts and cost (the route's region rule has checked the region). */
export async function targetingList(db: Db, region: string, q: ListQuery): Promise<TargetingList> {
  const f = resolveFilter(region, q);
  const [rows, byDecile, byArea, unit] = [
    await pageCandidates(db, f, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    await countByDecile(db, f),
    await countByArea(db, f),
    await unitCost(db),
  ];
  const total = byDecile.reduce((s, d) => s + d.count, 0);
  // the cost is of covering those not yet covered: the open ones
  const open = f.states.includes('open') ? (f.states.length === 1 ? total : (await countByDecile(db, { ...f, states: ['open'] })).reduce((s, d) => s + d.count, 0)) : 0;
  return { items: rows.map(presentCandidate), total, page: q.page, pageSize: q.pageSize, byDecile, byArea, unitCostPerMonth: unit, ...coverCost(open, unit) };
}

/** The coverage page's DTSEN figure: deciles 1–4 covered or not, and what closing the gap costs. */
export async function dtsenCoverage(db: Db, region: string): Promise<DtsenCoverage> {
  const c = await coverageCounts(db, region, DEFAULT_MAX_DECILE);
  const unit = await unitCost(db);
  return { regionCode: region, maxDecile: DEFAULT_MAX_DECILE, ...c, unitCostPerMonth: unit, ...coverCost(c.notCovered, unit) };
}

/** One full NIK of a candidate, audited like the registry's reveal (the route's entity rule has checked the region). */
export async function revealCandidateNik(db: Db, user: SessionUser, id: number) {
  if (!can(user.role, 'worker:nik')) throw errors.forbiddenRole();
  const c = await db.selectFrom('dtsen_candidate').select(['id', 'nik', 'village_code']).where('id', '=', id).executeTakeFirst();
  if (!c) throw errors.notFound({ id: 'Calon peserta DTSEN', en: 'DTSEN candidate' });
  await recordAudit(db, user, { action: 'view_nik', entityType: 'dtsen_candidate', entityId: String(c.id), regionCode: c.village_code, before: null, after: null });
  return { candidateId: c.id, nik: c.nik };
}

const HEADERS = ['NIK', 'Nama', 'Kode Desa', 'Desa', 'Desil', 'Tahun Data', 'Pekerjaan', 'Status Pekerjaan', 'Terdaftar di registri', 'Didanai pihak lain'];

/**
 * The list as .xlsx, streamed page by page (keyset). Full NIKs only for roles with worker:nik; the export
 * is audited before the first row leaves, with the count of full NIKs (decision 51). No birth date or sex.
 */
export async function exportCandidates(db: Db, user: SessionUser, region: string, q: FilterQuery, fullNik: boolean): Promise<PassThrough> {
  const f = resolveFilter(region, q);
  const count = (await countByDecile(db, f)).reduce((s, d) => s + d.count, 0);
  await recordAudit(db, user, {
    action: fullNik ? 'export_full_nik' : 'export',
    entityType: 'dtsen_list',
    entityId: region,
    regionCode: region === 'ID' ? null : region,
    before: null,
    after: { filter: q, file: `dtsen-${region}.xlsx`, rows: count, ...(fullNik ? { niks: count } : {}) },
  });
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('Prioritas DTSEN');
  ws.columns = HEADERS.map((h) => ({ header: h, width: h === 'Nama' ? 28 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn(1).numFmt = '@';
  void (async () => {
    try {
      for await (const rows of iterateCandidates(db, f)) {
        for (const r of rows) {
          ws.addRow([
            fullNik ? r.nik : maskNik(r.nik),
            r.name,
            r.village_code,
            r.village_name ?? '',
            r.decile,
            r.data_year,
            r.occupation ?? '',
            r.work_status ?? '',
            r.person_id !== null ? 'Ya' : 'Tidak',
            r.state === 'pending' ? 'Ya' : 'Tidak',
          ]).commit();
        }
      }
      ws.commit();
      await wb.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** Live state of running jobs: a poll must answer while the embedded engine's one connection commits. */
const live = new Map<number, TargetingJobView>();

const SKIPPED_SHOWN = 1000;

/**
 * Starts a bulk enrolment: checks the programme (in reach, active, BPU, paying for the region), counts the
 * selection, checks quota and budget (409 FUNDING_CAPACITY_EXCEEDED unless funding:override confirms),
 * then runs the job in the background as one audited transaction.
 */
export async function startEnrolment(db: Db, user: SessionUser, region: string, body: EnrolBody): Promise<{ jobId: number; selected: number }> {
  const field = 'body.fundingProgramId';
  await requireEntityAccess(db, user, 'dtsen:write', programScope, body.fundingProgramId);
  const program = await findProgram(db, body.fundingProgramId);
  if (!program) throw errors.notFound({ id: 'Program pendanaan', en: 'Funding programme' });
  if (program.status !== 'active') throw errors.invalid(field, 'FUNDING_PROGRAM_CLOSED', { id: `Program "${program.name}" sudah ditutup.`, en: `Programme "${program.name}" is closed.` });
  if (program.segment !== STANDARD_PACKAGE.segment) {
    throw errors.invalid(field, 'FUNDING_PROGRAM_SEGMENT', {
      id: `Program "${program.name}" membiayai segmen ${program.segment}; calon DTSEN didaftarkan sebagai BPU.`,
      en: `Programme "${program.name}" pays for ${program.segment}; DTSEN candidates are enrolled as BPU.`,
    });
  }
  // the candidates the programme may pay for: the region asked, or the programme's own smaller region inside it
  const scope = inSubtree(program.region_code, region) ? region : inSubtree(region, program.region_code) ? program.region_code : undefined;
  if (!scope) {
    throw errors.invalid(field, 'FUNDING_PROGRAM_NOT_FOR_REGION', {
      id: `Program "${program.name}" tidak membiayai wilayah ${region}.`,
      en: `Programme "${program.name}" does not pay for region ${region}.`,
    });
  }
  const filter = resolveFilter(scope, { ...body, fundedElsewhere: 'exclude' });
  const selected = body.candidateIds ? await countSelected(db, scope, body.candidateIds) : (await countByDecile(db, filter)).reduce((s, d) => s + d.count, 0);
  if (selected === 0) {
    throw new AppError(422, 'TARGETING_NOTHING_SELECTED', { id: 'Tidak ada calon peserta pada daftar untuk pilihan ini.', en: 'No candidate on the list for this selection.' }, 'body.candidateIds');
  }
  await checkCapacity(db, user, program.id, selected, body.confirmOverCapacity ?? false, 'body.confirmOverCapacity');
  const selection = { region: scope, ...(body.candidateIds ? { candidates: body.candidateIds.length } : { filter: { ...filter, states: undefined } }), selected };
  const job = await db
    .insertInto('targeting_job')
    .values({ region_code: region, funding_program_id: program.id, status: 'running', selection: JSON.stringify(selection), created_by: user.id, created_by_username: user.username })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view: TargetingJobView = { id: job.id, status: 'running', progress: 0, enrolled: 0, skipped: [], skippedTotal: 0, fundingProgramId: program.id, regionCode: region };
  live.set(job.id, view);
  void runEnrolment(db, user, view, { scope, filter, candidateIds: body.candidateIds, program })
    .catch(async (err: unknown) => {
      const known = err instanceof AppError ? err : undefined;
      if (!known) console.error('targeting enrolment failed', job.id, loggableError(err));
      const e = known ?? errors.internal();
      view.status = 'failed';
      view.error = { code: e.code, message: e.text.id, messageEn: e.text.en };
      await db.updateTable('targeting_job').set({ status: 'failed', error: JSON.stringify(view.error), updated_at: new Date() }).where('id', '=', job.id).execute().catch(() => undefined);
    })
    .finally(() => live.delete(job.id));
  return { jobId: job.id, selected };
}

/** Chosen ids that are on the list of `scope` now (open candidates in it). */
async function countSelected(db: Db, scope: string, ids: number[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM dtsen_candidate c
    WHERE c.id = ANY (${ids}::bigint[]) AND c.state = 'open' AND ${inRegionSql('c.village_code', scope)}`.execute(db);
  return rows[0]?.n ?? 0;
}

type Program = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

/**
 * All or nothing: the chosen candidates, each checked again inside the transaction (still open, no open
 * enrolment for the programme's programmes under another payer, not registered in another region), become
 * people where new and get one enrolment each — status submitted, the programme as payer, source
 * "DTSEN <year>" — like a worker import's rows. The candidate leaves the list through the person triggers.
 */
async function runEnrolment(db: Db, user: SessionUser, view: TargetingJobView, a: { scope: string; filter: CandidateFilter; candidateIds?: number[]; program: Program }) {
  const p = a.program;
  const done = await audited(db, { id: user.id, username: user.username }, async (tx) => {
    await sql`CREATE TEMP TABLE targeting_pick (candidate_id bigint PRIMARY KEY, reason text) ON COMMIT DROP`.execute(tx);
    if (a.candidateIds) {
      await sql`
        INSERT INTO targeting_pick (candidate_id, reason)
        SELECT u.id, CASE WHEN c.id IS NULL OR NOT ${inRegionSql('c.village_code', a.scope)} THEN 'NOT_ON_LIST'
                          WHEN c.state <> 'open' THEN 'ALREADY_COVERED' END
        FROM (SELECT DISTINCT id FROM unnest(${a.candidateIds}::bigint[]) AS t(id)) u LEFT JOIN dtsen_candidate c ON c.id = u.id`.execute(tx);
    } else {
      const f = a.filter;
      await sql`
        INSERT INTO targeting_pick (candidate_id)
        SELECT c.id FROM dtsen_candidate c
        WHERE c.state = 'open' AND c.decile BETWEEN ${f.minDecile} AND ${f.maxDecile} AND ${inRegionSql('c.village_code', a.scope)}
          AND c.birth_date >= make_date(${f.birthYearFrom}::int, 1, 1) AND c.birth_date < make_date(${f.birthYearTo + 1}::int, 1, 1)`.execute(tx);
    }
    view.progress = 0.2;
    // a person who moved away is another region's to enrol (decision 50); one recorded dead by a claim is
    // never enrolled again (issue 17); an older enrolment still open for one of the programme's programmes
    // means another payer already funds them (double funding)
    await sql`
      UPDATE targeting_pick k SET reason = CASE WHEN NOT ${inRegionSql('pe.village_code', user.regionCode)} THEN 'REGISTERED_ELSEWHERE'
                                                WHEN pe.died_on IS NOT NULL THEN 'DECEASED' ELSE 'ALREADY_COVERED' END
      FROM dtsen_candidate c JOIN person pe ON pe.nik = c.nik
      WHERE k.candidate_id = c.id AND k.reason IS NULL
        AND (NOT ${inRegionSql('pe.village_code', user.regionCode)} OR pe.died_on IS NOT NULL
             OR EXISTS (SELECT 1 FROM enrolment e WHERE e.person_id = pe.id AND e.status IN ('submitted', 'registered', 'active') AND e.programs && ${p.programs}::text[]))`.execute(tx);
    view.progress = 0.35;
    const people = await sql`
      INSERT INTO person (nik, name, birth_date, sex, village_code, address, occupation)
      SELECT c.nik, c.name, c.birth_date, c.sex, c.village_code, c.address, c.occupation
      FROM targeting_pick k JOIN dtsen_candidate c ON c.id = k.candidate_id
      WHERE k.reason IS NULL
      ON CONFLICT (nik) DO NOTHING`.execute(tx);
    view.progress = 0.6;
    const enrolments = await sql`
      INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, village_code, source)
      SELECT pe.id, ${STANDARD_PACKAGE.segment}, ${STANDARD_PACKAGE.group}, ${p.programs}::text[], ${p.basis_income}, ${p.name}, ${p.id}, pe.village_code, 'DTSEN ' || c.data_year
      FROM targeting_pick k JOIN dtsen_candidate c ON c.id = k.candidate_id JOIN person pe ON pe.nik = c.nik
      WHERE k.reason IS NULL`.execute(tx);
    view.progress = 0.9;
    const enrolled = Number(enrolments.numAffectedRows ?? 0);
    const skippedRows = await sql<{ candidate_id: number; reason: SkipReason }>`
      SELECT candidate_id, reason FROM targeting_pick WHERE reason IS NOT NULL ORDER BY candidate_id LIMIT ${SKIPPED_SHOWN}`.execute(tx);
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM targeting_pick WHERE reason IS NOT NULL`.execute(tx);
    const skipped = skippedRows.rows.map((r) => ({ candidateId: Number(r.candidate_id), reason: r.reason, message: SKIP_LABELS[r.reason].id, messageEn: SKIP_LABELS[r.reason].en }));
    const skippedTotal = total.rows[0]?.n ?? 0;
    await sql`DROP TABLE targeting_pick`.execute(tx);
    await tx
      .updateTable('targeting_job')
      .set({ status: 'done', progress: 1, enrolled, skipped: JSON.stringify(skipped), skipped_total: skippedTotal, updated_at: new Date() })
      .where('id', '=', view.id)
      .execute();
    return {
      result: { enrolled, skipped, skippedTotal, people: Number(people.numAffectedRows ?? 0) },
      audit: [
        {
          action: 'dtsen_enrol',
          entityType: 'funding_program',
          entityId: String(p.id),
          regionCode: view.regionCode === 'ID' ? null : view.regionCode,
          before: null,
          after: { job: view.id, region: a.scope, enrolled, newPeople: Number(people.numAffectedRows ?? 0), skipped: skippedTotal, source: 'DTSEN' },
        },
      ],
    };
  });
  Object.assign(view, { status: 'done', progress: 1, enrolled: done.enrolled, skipped: done.skipped, skippedTotal: done.skippedTotal });
  await compactCounts(db).catch(() => undefined);
  if (done.enrolled >= ANALYZE_MIN_ROWS) await analyzeTables(db, ['person', 'enrolment', 'dtsen_candidate']).catch(() => undefined);
}

/** A job as the API shows it: live while running, else as stored. */
export async function getTargetingJob(db: Db, id: number): Promise<TargetingJobView> {
  const running = live.get(id);
  if (running) return running;
  const j = await db.selectFrom('targeting_job').selectAll().where('id', '=', id).executeTakeFirst();
  if (!j) throw errors.notFound({ id: 'Pendaftaran massal', en: 'Bulk enrolment' });
  return {
    id: j.id,
    status: j.status,
    progress: j.progress,
    enrolled: j.enrolled,
    skipped: j.skipped as TargetingJobView['skipped'],
    skippedTotal: j.skipped_total,
    fundingProgramId: j.funding_program_id,
    regionCode: j.region_code,
    ...(j.error ? { error: j.error as TargetingJobView['error'] } : {}),
  };
}

/** At start-up: a bulk enrolment cut short was rolled back by the database; its job says so (run it again). */
export async function failInterruptedEnrolments(db: Db): Promise<void> {
  const error = { code: 'TARGETING_INTERRUPTED', message: 'Pendaftaran terputus karena server dimulai ulang; tidak ada yang tersimpan. Jalankan lagi.', messageEn: 'The enrolment was interrupted by a server restart; nothing was saved. Run it again.' };
  await db.updateTable('targeting_job').set({ status: 'failed', error: JSON.stringify(error), updated_at: new Date() }).where('status', '=', 'running').execute();
}
