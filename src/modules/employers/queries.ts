import { type Insertable, sql, type Updateable } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import type { Finding as StoredFinding } from '../../domain/compliance.js';
import type { Employer, EmployerFilter, Umk, UmkInput } from './schemas.js';

/** Where an employer lives (its village), for the routes and services that take one by id. */
export const employerScope: EntityScope = {
  name: { id: 'Perusahaan', en: 'Employer' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('employer').select(['id', 'village_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

/** An employer as stored: the API's shape, with the findings as the rules wrote them (bilingual message objects). */
export type EmployerRow = Omit<Employer, 'findings'> & { findings: StoredFinding[] };

function base(db: Db | Tx, f: EmployerFilter) {
  let q = db
    .selectFrom('employer as e')
    .innerJoin('region as v', 'v.code', 'e.village_code')
    .leftJoin('compliance_case as c', (j) => j.onRef('c.employer_id', '=', 'e.id').on('c.step', 'not in', ['resolved', 'closed']))
    .where((eb) => inRegion(eb, 'e.village_code', f.region));
  // status is one of the derived codes; array containment is answered by the GIN index
  if (f.status) q = q.where(sql<boolean>`e.statuses @> ARRAY[${f.status}]::text[]`);
  if (f.sizeClass) q = q.where('e.size_class', '=', f.sizeClass);
  if (f.q) {
    const needle = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['e.name']), 'like', needle), eb('e.npp', '=', f.q!), eb('e.nib', '=', f.q!)]));
  }
  return q;
}

const columns = [
  'e.id as id',
  'e.name as name',
  'e.village_code as region',
  'v.name as regionName',
  'e.npp as npp',
  'e.nib as nib',
  'e.sector as sector',
  'e.size_class as sizeClass',
  'e.address as address',
  'e.employees_declared as employeesDeclared',
  'e.workers_registered as workersRegistered',
  'e.wage_reported as wageReported',
  'e.wage_actual as wageActual',
  'e.programs as programs',
  'e.statuses as statuses',
  'e.findings as findings',
  'c.id as openCaseId',
  'c.step as openCaseStep',
] as const;

export async function listEmployers(db: Db, f: EmployerFilter, page: number, pageSize: number) {
  const q = base(db, f);
  const [items, total] = await Promise.all([
    q.select(columns).orderBy('e.name').orderBy('e.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items satisfies EmployerRow[], total: Number(total.n) };
}

export async function findEmployer(db: Db | Tx, id: number): Promise<EmployerRow | undefined> {
  return base(db, { region: 'ID' }).select(columns).where('e.id', '=', id).executeTakeFirst();
}

/** Employers in a region and their count per status, for the dashboard: one count and one grouped scan. */
export async function employerSummary(db: Db, region: string) {
  const [total, byStatus] = await Promise.all([
    db.selectFrom('employer').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => inRegion(eb, 'village_code', region)).executeTakeFirstOrThrow(),
    countByStatus(db, region),
  ]);
  return { region, total: Number(total.n), byStatus };
}

async function countByStatus(db: Db, region: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('employer as e')
        .select(sql<string>`unnest(e.statuses)`.as('status'))
        .where((w) => inRegion(w, 'e.village_code', region))
        .as('s'),
    )
    .select(['s.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('s.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export function listUmk(db: Db, region: string): Promise<Umk[]> {
  return db
    .selectFrom('umk as u')
    .innerJoin('region as r', 'r.code', 'u.regency_code')
    .select(['u.regency_code as regencyCode', 'r.name as regencyName', 'u.year', 'u.amount', 'u.legal_basis as legalBasis'])
    .where((eb) => inRegion(eb, 'u.regency_code', region))
    .orderBy('u.regency_code')
    .orderBy('u.year', 'desc')
    .execute();
}

/** Inserts an employer (checked and normalised by the service); a clash on NPP or NIB rejects with the database error. */
export async function insertEmployer(tx: Tx, values: Insertable<Database['employer']>): Promise<number> {
  return (await tx.insertInto('employer').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEmployerColumns(tx: Tx, id: number, values: Updateable<Database['employer']>): Promise<void> {
  await tx.updateTable('employer').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
}

/** The region codes among `codes` that exist. */
export async function existingRegions(db: Db, codes: string[]): Promise<Set<string>> {
  return new Set((await db.selectFrom('region').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
}

/** The stored UMK rows of these regency-years (for the audit's before). */
export function umkRows(tx: Tx, keys: { regencyCode: string; year: number }[]) {
  return tx
    .selectFrom('umk')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('regency_code', '=', k.regencyCode), eb('year', '=', k.year)]))))
    .execute();
}

/** Sets UMK rows, replacing the amount and legal basis of those already stored. */
export async function upsertUmk(tx: Tx, rows: UmkInput[]): Promise<void> {
  await tx
    .insertInto('umk')
    .values(rows.map((r) => ({ regency_code: r.regencyCode, year: r.year, amount: r.amount, legal_basis: r.legalBasis?.trim() ?? '' })))
    .onConflict((oc) => oc.columns(['regency_code', 'year']).doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), legal_basis: eb.ref('excluded.legal_basis'), updated_at: new Date() })))
    .execute();
}
