import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import { type EnrolmentStatus, OPEN_STATUSES } from '../../domain/worker.js';
import type { Tx } from '../../db/tx.js';
import type { NewWorker, Worker, WorkerFilter } from './schemas.js';

/** A worker is where they live: their domicile village. */
export const personScope: EntityScope = {
  name: { id: 'Pekerja', en: 'Worker' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('person').select(['id', 'village_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

/** An enrolment is where its person lives. */
export const enrolmentScope: EntityScope = {
  name: { id: 'Kepesertaan', en: 'Enrolment' },
  regionsOf: async (db, ids) =>
    new Map(
      (await db.selectFrom('enrolment as e').innerJoin('person as p', 'p.id', 'e.person_id').select(['e.id', 'p.village_code as region']).where('e.id', 'in', ids).execute()).map((r) => [r.id, r.region]),
    ),
};

/** A list filter with its region decided (the caller's own when none was asked for). */
export type RegionFilter = WorkerFilter & { region: string };

/** person + its latest enrolment, the shape of every worker list */
function baseQuery(db: Db, f: RegionFilter) {
  let q = db
    .selectFrom('person as p')
    .leftJoinLateral(
      (eb) => eb.selectFrom('enrolment').selectAll().whereRef('enrolment.person_id', '=', 'p.id').orderBy('id', 'desc').limit(1).as('e'),
      (join) => join.onTrue(),
    )
    .innerJoin('region as v', 'v.code', 'p.village_code');
  q = q.where((eb) => inRegion(eb, 'p.village_code', f.region));
  if (f.nik) q = q.where('p.nik', '=', f.nik);
  if (f.q) {
    const needle = f.q.toLowerCase();
    // LIKE for substrings, % (trigram similarity) for typos; both answered by the trigram index.
    q = q.where(sql<boolean>`(lower(p.name) LIKE ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR lower(p.name) % ${needle})`);
  }
  if (f.segment) q = q.where('e.segment', '=', f.segment);
  if (f.group) q = q.where('e.group_code', '=', f.group);
  if (f.status) q = q.where('e.status', '=', f.status);
  if (f.payer) q = q.where('e.funding_source', 'ilike', `%${f.payer}%`);
  return q;
}

const columns = [
  'p.id as id',
  'p.nik as nik',
  'p.name as name',
  'p.birth_date as birthDate',
  'p.sex as sex',
  'p.village_code as villageCode',
  'v.name as villageName',
  'p.address as address',
  'p.phone as phone',
  'p.occupation as occupation',
  'e.id as enrolmentId',
  'e.segment as segment',
  'e.group_code as group',
  'e.programs as programs',
  'e.status as status',
  'e.funding_source as fundingSource',
  'e.funding_program_id as fundingProgramId',
  'e.declared_income as declaredIncome',
  'e.kpj as kpj',
] as const;

export async function listWorkers(db: Db, f: RegionFilter, page: number, pageSize: number) {
  const q = baseQuery(db, f);
  const [items, total] = await Promise.all([
    q.select(columns).orderBy('p.name').orderBy('p.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items satisfies WorkerRow[], total: Number(total.n) };
}

/** Streams a filtered list in pages for export, so a large region is never held whole. */
export async function* iterateWorkers(db: Db, f: RegionFilter, batch = 5000) {
  let lastId = 0;
  for (;;) {
    const rows: WorkerRow[] = await baseQuery(db, f).select(columns).where('p.id', '>', lastId).orderBy('p.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    lastId = rows[rows.length - 1]!.id;
  }
}

/** A list row before the NIK is masked for the caller. */
export type WorkerRow = Omit<Worker, 'nikMasked'>;

export function findPersonByNik(db: Db | Tx, nik: string) {
  return db.selectFrom('person').selectAll().where('nik', '=', nik).executeTakeFirst();
}

export function findPerson(db: Db | Tx, id: number) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open enrolments that already hold some of `programs` for this person. */
export async function coversFor(db: Db | Tx, personId: number, programs: string[]) {
  const open = await db
    .selectFrom('enrolment')
    .select(['id', 'programs', 'funding_source'])
    .where('person_id', '=', personId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where(sql<boolean>`programs && ${sql.val(programs)}::text[]`)
    .execute();
  return open.flatMap((e) => e.programs.filter((p) => programs.includes(p)).map((program) => ({ program, enrolmentId: e.id, funding_source: e.funding_source })));
}

export function insertPerson(tx: Tx, nik: string, input: NewWorker) {
  return tx
    .insertInto('person')
    .values({
      nik,
      name: input.name.trim(),
      birth_date: input.birthDate,
      sex: input.sex,
      village_code: input.villageCode,
      address: input.address.trim(),
      phone: input.phone?.trim() || null,
      occupation: input.occupation?.trim() || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

type EnrolmentInput = NonNullable<NewWorker['enrolment']>;

export function insertEnrolment(tx: Tx, personId: number, villageCode: string, e: EnrolmentInput, program: { id: number; name: string } | undefined) {
  return tx
    .insertInto('enrolment')
    .values({
      person_id: personId,
      segment: e.segment,
      group_code: e.group,
      programs: e.programs,
      declared_income: e.declaredIncome ?? null,
      funding_source: e.fundingSource?.trim() || program?.name || '',
      funding_program_id: program?.id ?? null,
      village_code: villageCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findEnrolment(db: Db | Tx, id: number) {
  return db.selectFrom('enrolment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another person's enrolment holding this KPJ, if any. */
export function kpjHeldByOther(db: Db | Tx, kpj: string, personId: number) {
  return db.selectFrom('enrolment').select('id').where('kpj', '=', kpj).where('person_id', '<>', personId).executeTakeFirst();
}

/** Moves an enrolment to a status (with its KPJ and dates) and appends the dated history row. */
export async function moveEnrolment(
  tx: Tx,
  id: number,
  change: { to: EnrolmentStatus; kpj: string | null; startDate?: string; endDate?: string | RawBuilder<string>; changedBy: string; reason: string | null },
) {
  const after = await tx
    .updateTable('enrolment')
    .set({
      status: change.to,
      kpj: change.kpj,
      ...(change.startDate ? { start_date: change.startDate } : {}),
      ...(change.endDate ? { end_date: change.endDate } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.insertInto('enrolment_status_history').values({ enrolment_id: id, status: change.to, changed_by: change.changedBy, reason: change.reason }).execute();
  return after;
}

/** The active funding programmes a worker import's "Sumber Dana" may name. */
export function activeFundingPrograms(db: Db) {
  return db.selectFrom('funding_program').select(['id', 'name', 'region_code as regionCode', 'segment', 'fiscal_year as fiscalYear']).where('status', '=', 'active').execute();
}

/**
 * How many people the worker list shows for a filter — the same query as the list, so a count shown
 * elsewhere (the coverage page's "nonaktif (menunggak)", the monev report) matches the filtered list.
 */
export async function countWorkers(db: Db, f: RegionFilter): Promise<number> {
  const r = await baseQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
