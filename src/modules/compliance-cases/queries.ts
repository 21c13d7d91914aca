import type { Db } from '../../db/client.js';
import type { CaseStep } from '../../domain/compliance-case.js';
import type { Tx } from '../../db/tx.js';
import { inRegion } from '../../access/subtree.js';

export interface CaseFilter {
  region: string;
  step?: CaseStep;
  overdue?: boolean;
  open?: boolean;
  employerId?: number;
}

const caseColumns = [
  'c.id as id',
  'c.employer_id as employerId',
  'e.name as employerName',
  'e.npp as employerNpp',
  'c.region_code as region',
  'v.name as regionName',
  'c.step as step',
  'c.step_date as stepDate',
  'c.deadline as deadline',
  'c.officer as officer',
  'c.findings as findings',
  'c.opened_by as openedBy',
  'c.created_at as openedAt',
] as const;

export interface CaseRow {
  id: number;
  employerId: number;
  employerName: string;
  employerNpp: string | null;
  region: string;
  regionName: string;
  step: CaseStep;
  stepDate: string;
  deadline: string | null;
  officer: string;
  findings: unknown;
  openedBy: string;
  openedAt: Date;
}

function base(db: Db | Tx, f: CaseFilter, today: string) {
  let q = db
    .selectFrom('compliance_case as c')
    .innerJoin('employer as e', 'e.id', 'c.employer_id')
    .innerJoin('region as v', 'v.code', 'c.region_code')
    .where((eb) => inRegion(eb, 'c.region_code', f.region));
  if (f.step) q = q.where('c.step', '=', f.step);
  if (f.open) q = q.where('c.step', 'not in', ['resolved', 'closed']);
  if (f.overdue) q = q.where('c.step', 'not in', ['resolved', 'closed']).where('c.deadline', '<', today);
  if (f.employerId) q = q.where('c.employer_id', '=', f.employerId);
  return q;
}

export async function listCases(db: Db, f: CaseFilter, page: number, pageSize: number, today: string) {
  const q = base(db, f, today);
  const [items, total] = await Promise.all([
    q.select(caseColumns).orderBy('c.deadline').orderBy('c.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items satisfies CaseRow[], total: Number(total.n) };
}

export async function findCase(db: Db | Tx, id: number, today: string): Promise<CaseRow | undefined> {
  return base(db, { region: 'ID' }, today).select(caseColumns).where('c.id', '=', id).executeTakeFirst();
}

export function caseSteps(db: Db | Tx, caseId: number) {
  return db
    .selectFrom('compliance_case_step')
    .select(['id', 'from_step as fromStep', 'step', 'step_date as stepDate', 'deadline', 'officer', 'note', 'by_username as by', 'at'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

export function caseDocuments(db: Db | Tx, caseId: number) {
  return db
    .selectFrom('compliance_document')
    .select(['id', 'filename', 'content_type as contentType', 'size_bytes as sizeBytes', 'uploaded_by as uploadedBy', 'uploaded_at as uploadedAt'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}
