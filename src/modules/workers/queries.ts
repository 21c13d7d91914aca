import { sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { descendantRange, NATIONAL } from '../../domain/region-code.js';
import type { Sex } from '../../domain/nik.js';
import { type EnrolmentStatus, type Group, OPEN_STATUSES, type Program, type Segment } from '../../domain/worker.js';
import type { Tx } from '../../db/tx.js';

export interface WorkerFilter {
  region: string;
  q?: string;
  nik?: string;
  segment?: Segment;
  group?: Group;
  status?: EnrolmentStatus;
  payer?: string;
}

/** person + its latest enrolment, the shape of every worker list */
function baseQuery(db: Db, f: WorkerFilter) {
  let q = db
    .selectFrom('person as p')
    .leftJoinLateral(
      (eb) => eb.selectFrom('enrolment').selectAll().whereRef('enrolment.person_id', '=', 'p.id').orderBy('id', 'desc').limit(1).as('e'),
      (join) => join.onTrue(),
    )
    .innerJoin('region as v', 'v.code', 'p.village_code');
  if (f.region !== NATIONAL) {
    const r = descendantRange(f.region);
    q = q.where((eb) => eb.or([eb('p.village_code', '=', f.region), eb.and([eb('p.village_code', '>=', r.from), eb('p.village_code', '<', r.to)])]));
  }
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

export async function listWorkers(db: Db, f: WorkerFilter, page: number, pageSize: number) {
  const q = baseQuery(db, f);
  const [items, total] = await Promise.all([
    q.select(columns).orderBy('p.name').orderBy('p.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items satisfies WorkerRow[], total: Number(total.n) };
}

/** Streams a filtered list in pages for export, so a large region is never held whole. */
export async function* iterateWorkers(db: Db, f: WorkerFilter, batch = 5000) {
  let lastId = 0;
  for (;;) {
    const rows: WorkerRow[] = await baseQuery(db, f).select(columns).where('p.id', '>', lastId).orderBy('p.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    lastId = rows[rows.length - 1]!.id;
  }
}

export interface WorkerRow {
  id: number;
  nik: string;
  name: string;
  birthDate: string;
  sex: Sex;
  villageCode: string;
  villageName: string;
  address: string;
  phone: string | null;
  occupation: string | null;
  enrolmentId: number | null;
  segment: Segment | null;
  group: Group | null;
  programs: Program[] | null;
  status: EnrolmentStatus | null;
  fundingSource: string | null;
  fundingProgramId: number | null;
  declaredIncome: number | null;
  kpj: string | null;
}

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

/** An enrolment lives in the worker's village (for by-id routes such as /api/enrolments/:id/…). */
export const enrolmentScope: EntityScope = {
  name: { id: 'Kepesertaan', en: 'Enrolment' },
  regionsOf: async (db, ids) =>
    new Map((await db.selectFrom('enrolment').select(['id', 'village_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.village_code])),
};
