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

/**
 * The people of a region matching the filter. Filters read the person's latest enrolment as kept on the
 * person row (cur_*, 0014_registry_scale.sql), so no enrolment is joined before the page is cut.
 */
function personQuery(db: Db, f: RegionFilter) {
  let q = db.selectFrom('person as p').where((eb) => inRegion(eb, 'p.village_code', f.region));
  if (f.nik) q = q.where('p.nik', '=', f.nik);
  if (f.q) q = q.where(sql<boolean>`lower(p.name) IN (SELECT lname FROM (${similarNames(f.q)}) n)`);
  if (f.segment) q = q.where('p.cur_segment', '=', f.segment);
  if (f.group) q = q.where('p.cur_group', '=', f.group);
  if (f.status) q = q.where('p.cur_status', '=', f.status);
  if (f.payer) q = q.where('p.cur_payer', 'ilike', `%${escapeLike(f.payer)}%`);
  if (f.program) q = q.where(sql<boolean>`p.cur_programs @> ARRAY[${f.program}]::text[]`);
  return q;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The distinct names (person_name, 0024_name_search.sql) a search matches, with their rank: LIKE for
 * substrings, `<%` (trigram word similarity ≥ 0.6: the search is like some run of words of the name) for
 * typos and parts of names, both answered by the dictionary's trigram index. Ranked by word similarity
 * plus whole-name similarity (so "siti hidayat" comes before "siti hidayat lestari" for "siti hidaat").
 * Names repeat, so these are few even where the people carrying them are many (decision 107).
 */
function similarNames(text: string) {
  const needle = text.toLowerCase();
  return sql`SELECT lname, word_similarity(${needle}, lname) + similarity(${needle}, lname) AS sim FROM person_name WHERE (lname LIKE ${`%${escapeLike(needle)}%`} OR ${needle} <% lname)`;
}
/** The rank similarNames gives a name (the cursor's). */
const nameRank = (lname: RawBuilder<unknown>, needle: string) => sql`(word_similarity(${needle}, ${lname}) + similarity(${needle}, ${lname}))`;

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

const personColumns = ['p.id', 'p.nik', 'p.name', 'p.birth_date', 'p.sex', 'p.village_code', 'p.address', 'p.phone', 'p.occupation'] as const;

/** Where a page ends: the list's sort key (village, name, id) of its last row. */
export interface ListKey {
  villageCode: string;
  name: string;
  id: number;
}

export const encodeCursor = (k: ListKey) => Buffer.from(JSON.stringify([k.villageCode, k.name, k.id])).toString('base64url');

/** The key a cursor carries, or null when it is not one of ours. */
export function decodeCursor(cursor: string): ListKey | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && typeof v[1] === 'string' && Number.isSafeInteger(v[2])) {
      return { villageCode: v[0], name: v[1], id: v[2] as number };
    }
  } catch {
    // not base64/JSON: refused below
  }
  return null;
}

/**
 * One page in list order (village code, then name, then id): the people are cut from the region's range
 * of person_list_idx first, then only the page's rows get their latest enrolment and village name.
 * `after` (keyset) makes page N cost what page 1 costs; `offset` is kept for old clients and deep links.
 */
export function pageOfWorkers(db: Db, f: RegionFilter, limit: number, at: { after?: ListKey; offset?: number }) {
  if (f.q && !f.nik) return searchPage(db, f as RegionFilter & { q: string }, limit, at);
  // The page's keys first, from the index alone (the filters are on its INCLUDE columns: decision 108),
  // then the page's people by id.
  let keys = personQuery(db, f).select(['p.id', 'p.village_code', 'p.name']);
  if (at.after) keys = keys.where(sql<boolean>`(p.village_code, p.name, p.id) > (${at.after.villageCode}, ${at.after.name}, ${at.after.id})`);
  keys = keys.orderBy('p.village_code').orderBy('p.name').orderBy('p.id').limit(limit);
  if (at.offset) keys = keys.offset(at.offset);
  const people = db.selectFrom(keys.as('k')).innerJoin('person as p', 'p.id', 'k.id').select(personColumns);
  return db
    .selectFrom(people.as('p'))
    .leftJoinLateral(
      (eb) => eb.selectFrom('enrolment').selectAll().whereRef('enrolment.person_id', '=', 'p.id').orderBy('id', 'desc').limit(1).as('e'),
      (join) => join.onTrue(),
    )
    .innerJoin('region as v', 'v.code', 'p.village_code')
    .select(columns)
    .orderBy('p.village_code')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute() as Promise<WorkerRow[]>;
}

/**
 * A name search's page, most similar name first, then in list order (village, id) within a name. The
 * similar names are ranked first (a few hundred from the dictionary), then the region's people with each
 * name are read from person_lname_idx (lower(name), village_code, id), name by name, until the page is
 * full (an incremental sort over the names' order stops the nested loop): a page costs the names tried
 * and its rows, not the people who match nationally. The cursor is the last row's (village, name, id);
 * its name's rank is recomputed, so the order (similarity, name, village, id) resumes exactly.
 */
function searchPage(db: Db, f: RegionFilter & { q: string }, limit: number, at: { after?: ListKey; offset?: number }) {
  const needle = f.q.toLowerCase();
  const { q: _q, ...rest } = f;
  const a = at.after;
  const lastName = a ? sql`lower(${a.name})` : undefined;
  let inner = personQuery(db, rest)
    .select(personColumns)
    .where(sql<boolean>`lower(p.name) = n.lname`)
    .orderBy('p.village_code')
    .orderBy('p.id')
    .limit(limit + (at.offset ?? 0));
  if (a) inner = inner.where(sql<boolean>`(n.lname <> ${lastName} OR (p.village_code, p.id) > (${a.villageCode}, ${a.id}))`);
  const resume = a ? sql`WHERE n.sim < ${nameRank(lastName!, needle)} OR (n.sim = ${nameRank(lastName!, needle)} AND n.lname >= ${lastName})` : sql``;
  return sql<WorkerRow>`
    SELECT p.id, p.nik, p.name, p.birth_date AS "birthDate", p.sex, p.village_code AS "villageCode", v.name AS "villageName",
           p.address, p.phone, p.occupation, e.id AS "enrolmentId", e.segment, e.group_code AS "group", e.programs, e.status,
           e.funding_source AS "fundingSource", e.funding_program_id AS "fundingProgramId", e.declared_income AS "declaredIncome", e.kpj
    FROM (
      SELECT p.*, n.sim, n.lname
      FROM (SELECT * FROM (${similarNames(f.q)}) n ${resume} ORDER BY n.sim DESC, n.lname) n
      CROSS JOIN LATERAL (${inner}) p
      ORDER BY n.sim DESC, n.lname, p.village_code, p.id
      LIMIT ${limit} OFFSET ${at.offset ?? 0}
    ) p
    LEFT JOIN LATERAL (SELECT * FROM enrolment e WHERE e.person_id = p.id ORDER BY e.id DESC LIMIT 1) e ON true
    JOIN region v ON v.code = p.village_code
    ORDER BY p.sim DESC, p.lname, p.village_code, p.id`
    .execute(db)
    .then((r) => r.rows);
}

/** A name search's total is counted exactly up to this many people; beyond it, estimated. */
export const SEARCH_COUNT_CAP = 10_000;

/** Rows a filter the counts cannot answer is tried on, to estimate its share of the region. */
export const ESTIMATE_SAMPLE = 20_000;

/**
 * The list's total. Exact from person_count (region × status × segment × group, kept by triggers) when
 * the filter is only those; exact by counting for a NIK; otherwise (name, payer, programme) the share
 * matching among the region's first ESTIMATE_SAMPLE people times the region's exact count — labelled
 * `estimated`, and exact whenever the region has no more people than the sample.
 */
export async function countWorkers(db: Db, f: RegionFilter): Promise<{ total: number; estimated: boolean }> {
  if (f.nik) {
    const r = await personQuery(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { total: Number(r.n), estimated: false };
  }
  let counted = db.selectFrom('person_count').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n'), sql<string>`0`).as('n')).where('region_code', '=', f.region);
  if (f.status) counted = counted.where('status', '=', f.status);
  if (f.segment) counted = counted.where('segment', '=', f.segment);
  if (f.group) counted = counted.where('group_code', '=', f.group);
  const exact = Number((await counted.executeTakeFirstOrThrow()).n);
  if (!f.q && !f.payer && !f.program) return { total: exact, estimated: false };

  const { q, payer, program, ...countable } = f;
  if (q) {
    // Name by name through person_lname_idx, stopped at the cap: exact for any specific search.
    const { q: _q, ...rest } = f;
    const people = personQuery(db, rest).select(sql`1`.as('one')).where(sql<boolean>`lower(p.name) = n.lname`).limit(SEARCH_COUNT_CAP + 1);
    const r = await sql<{ n: string }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM (${similarNames(q)}) n CROSS JOIN LATERAL (${people}) p LIMIT ${SEARCH_COUNT_CAP + 1}) s`.execute(db);
    const n = Number(r.rows[0]!.n);
    if (n <= SEARCH_COUNT_CAP) return { total: n, estimated: false };
  }
  let match = sql<boolean>`true`;
  if (q) match = sql<boolean>`${match} AND lower(p.name) IN (SELECT lname FROM (${similarNames(q)}) n)`;
  if (payer) match = sql<boolean>`${match} AND p.cur_payer ILIKE ${`%${escapeLike(payer)}%`}`;
  if (program) match = sql<boolean>`${match} AND p.cur_programs @> ARRAY[${program}]::text[]`;
  const sample = personQuery(db, countable).select(sql<boolean>`${match}`.as('m')).limit(ESTIMATE_SAMPLE);
  const r = await db
    .selectFrom(sample.as('s'))
    .select((eb) => [eb.fn.countAll<string>().as('seen'), sql<string>`count(*) FILTER (WHERE s.m)`.as('matched')])
    .executeTakeFirstOrThrow();
  const seen = Number(r.seen);
  const matched = Number(r.matched);
  if (seen < ESTIMATE_SAMPLE) return { total: matched, estimated: false };
  return { total: Math.round((matched / seen) * exact), estimated: true };
}

export async function listWorkers(db: Db, f: RegionFilter, pageSize: number, at: { after?: ListKey; offset?: number }) {
  // A NIK is unique: on the first page its total is the page itself (one query, one unique-index probe).
  const nikFirstPage = Boolean(f.nik) && !at.after && !at.offset;
  const [items, counted] = await Promise.all([pageOfWorkers(db, f, pageSize + 1, at), nikFirstPage ? undefined : countWorkers(db, f)]);
  const count = counted ?? { total: items.length, estimated: false };
  const more = items.length > pageSize;
  if (more) items.pop();
  const last = items[items.length - 1];
  const nextCursor = more && last ? encodeCursor({ villageCode: last.villageCode, name: last.name, id: last.id }) : null;
  // An estimate never claims fewer rows than the pages already shown.
  const shown = (at.offset ?? 0) + items.length + (more ? 1 : 0);
  const total = count.estimated ? Math.max(count.total, shown) : count.total;
  return { items, total, totalEstimated: count.estimated, nextCursor };
}

/** Streams a filtered list in pages for export (keyset), so a large region is never held whole. */
export async function* iterateWorkers(db: Db, f: RegionFilter, batch = 5000) {
  let after: ListKey | undefined;
  for (;;) {
    const rows = await pageOfWorkers(db, f, batch, { after });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { villageCode: last.villageCode, name: last.name, id: last.id };
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

/** Protection for a project or an election cohort (issue 18): dated, active from the start, with what it belongs to. */
export interface Engagement {
  startDate: string;
  endDate: string;
  projectId?: number;
  cohortId?: number;
  adhocRole?: string | null;
  pollingStation?: string | null;
}

export function insertEnrolment(tx: Tx, personId: number, villageCode: string, e: EnrolmentInput, program: { id: number; name: string } | undefined, engagement?: Engagement) {
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
      ...(engagement
        ? {
            status: 'active' as const,
            start_date: engagement.startDate,
            end_date: engagement.endDate,
            project_id: engagement.projectId ?? null,
            cohort_id: engagement.cohortId ?? null,
            adhoc_role: engagement.adhocRole ?? null,
            polling_station: engagement.pollingStation ?? null,
          }
        : {}),
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

/** Folds the pending person_count rows (one per key); -1 when another compaction is running. */
export async function compactPersonCounts(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT person_count_compact() AS n`.execute(db);
  const n = Number(rows[0]!.n);
  if (n > 20_000) await sql`VACUUM person_count`.execute(db);
  return n;
}
