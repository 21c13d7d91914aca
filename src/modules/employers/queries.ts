import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { CaseStep } from '../../domain/compliance-case.js';
import type { ComplianceStatus, Finding, SizeClass } from '../../domain/compliance.js';
import type { Program } from '../../domain/worker.js';
import type { Tx } from '../../db/tx.js';
import { inRegion } from '../../access/subtree.js';

export interface EmployerFilter {
  region: string;
  status?: string;
  q?: string;
  sizeClass?: SizeClass;
}

export interface EmployerRow {
  id: number;
  name: string;
  region: string;
  regionName: string;
  npp: string | null;
  nib: string | null;
  sector: string;
  sizeClass: SizeClass;
  address: string;
  employeesDeclared: number;
  workersRegistered: number;
  wageReported: number | null;
  wageActual: number | null;
  programs: Program[];
  statuses: ComplianceStatus[];
  findings: Finding[];
  openCaseId: number | null;
  openCaseStep: CaseStep | null;
}

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

/** Employers per status in a region, for the dashboard: one grouped scan. */
export async function countByStatus(db: Db, region: string): Promise<Record<string, number>> {
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

export function listUmk(db: Db, region: string) {
  return db
    .selectFrom('umk as u')
    .innerJoin('region as r', 'r.code', 'u.regency_code')
    .select(['u.regency_code as regencyCode', 'r.name as regencyName', 'u.year', 'u.amount', 'u.legal_basis as legalBasis'])
    .where((eb) => inRegion(eb, 'u.regency_code', region))
    .orderBy('u.regency_code')
    .orderBy('u.year', 'desc')
    .execute();
}
