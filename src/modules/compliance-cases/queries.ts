import { type Insertable, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import type { CaseStep } from '../../domain/compliance-case.js';
import type { Finding as StoredFinding } from '../../domain/compliance.js';
import type { CaseListQuery, CaseSummary } from './schemas.js';

/** Where a case lives (its employer's village, copied onto the case), for the routes that take one by id. */
export const caseScope: EntityScope = {
  name: { id: 'Kasus kepatuhan', en: 'Compliance case' },
  regionsOf: async (db, ids) => new Map((await db.selectFrom('compliance_case').select(['id', 'region_code as region']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region])),
};

export type CaseFilter = Omit<CaseListQuery, 'page' | 'pageSize' | 'region' | 'open' | 'overdue'> & { region: string; open?: boolean; overdue?: boolean };

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

/** A case as stored: the summary's columns, without what is derived from the step, and with the findings as stored. */
export type CaseRow = Omit<CaseSummary, 'stepLabel' | 'stepLabelEn' | 'overdue' | 'allowedNext' | 'findings'> & { findings: StoredFinding[] };

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
    .$narrowType<{ fromStep: CaseStep | null; step: CaseStep }>()
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

/** The step of a case (undefined when the step belongs to another case). */
export function findCaseStep(db: Db, caseId: number, stepId: number) {
  return db.selectFrom('compliance_case_step').selectAll().where('id', '=', stepId).where('case_id', '=', caseId).executeTakeFirst();
}

/** What a letter says about the employer: name, address, NPP/NIB, village and regency names. */
export function letterEmployer(db: Db, employerId: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('region as v', 'v.code', 'e.village_code')
    .innerJoin('region as k', (j) => j.on(sql<boolean>`k.code = left(e.village_code, 5)`))
    .select(['e.name', 'e.address', 'e.npp', 'e.nib', 'v.name as villageName', 'k.name as regencyName'])
    .where('e.id', '=', employerId)
    .executeTakeFirstOrThrow();
}

/** The employer a case is opened for: its name, village and the findings to copy onto the case. */
export function employerForCase(db: Db, employerId: number) {
  return db.selectFrom('employer').select(['id', 'name', 'village_code', 'statuses', 'findings']).where('id', '=', employerId).executeTakeFirstOrThrow();
}

export function openCaseOf(db: Db, employerId: number) {
  return db.selectFrom('compliance_case').select('id').where('employer_id', '=', employerId).where('step', 'not in', ['resolved', 'closed']).executeTakeFirst();
}

export function insertCase(tx: Tx, values: Insertable<Database['compliance_case']>) {
  return tx.insertInto('compliance_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertCaseStep(tx: Tx, values: Insertable<Database['compliance_case_step']>) {
  return tx.insertInto('compliance_case_step').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The case row, locked: two officers pressing at once must not both move it. */
export function lockCase(tx: Tx, id: number) {
  return tx.selectFrom('compliance_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function moveCase(tx: Tx, id: number, to: { step: CaseStep; step_date: string; deadline: string | null; officer: string }) {
  return tx
    .updateTable('compliance_case')
    .set({ ...to, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertDocument(tx: Tx, values: Insertable<Database['compliance_document']>) {
  return tx.insertInto('compliance_document').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The document of a case (undefined when it belongs to another case). */
export function findDocument(db: Db, caseId: number, documentId: number) {
  return db.selectFrom('compliance_document').selectAll().where('id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
}
