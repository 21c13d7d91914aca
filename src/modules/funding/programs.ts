import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { checkPayerRegion, monthlyCost, type PayerType } from '../../domain/funding.js';
import type { Program } from '../../domain/worker.js';
import { descendantRange, inSubtree, isAncestor, lineage, NATIONAL } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { audited, type Tx } from '../../db/tx.js';
import { findRegion } from '../regions/queries.js';
import { loadSnapshot, todayWib, unwrap } from './rates.js';

export interface ProgramInput {
  name: string;
  payerType: PayerType;
  regionCode: string;
  fiscalYear: number;
  budget: number;
  quota: number;
  segment: 'PU' | 'BPU';
  programs: Program[];
  basisIncome?: number;
  riskGroup?: number;
  legalKind?: string;
  legalNumber?: string;
  legalDate?: string | null;
}

const actorOf = (u: SessionUser) => ({ id: u.id, username: u.username });
const notFound = () => errors.notFound({ id: 'Program pendanaan', en: 'Funding programme' });

export type ProgramRow = Awaited<ReturnType<typeof findProgram>> & {};

export async function findProgram(db: Db | Tx, id: number) {
  return db.selectFrom('funding_program').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Readable: owned inside the user's subtree, or by a region above it (the payer of its workers). */
export async function programForRead(db: Db, user: SessionUser, id: number) {
  const p = await findProgram(db, id);
  if (!p || !(inSubtree(user.regionCode, p.region_code) || isAncestor(p.region_code, user.regionCode))) throw notFound();
  return p;
}

/** Writable: owned inside the user's subtree; a programme above one's own region is read-only. */
export async function programForWrite(db: Db, user: SessionUser, id: number) {
  const p = await findProgram(db, id);
  if (!p || !(inSubtree(user.regionCode, p.region_code) || isAncestor(p.region_code, user.regionCode))) throw notFound();
  if (!inSubtree(user.regionCode, p.region_code)) throw errors.forbiddenRegion(p.region_code);
  return p;
}

function checkInput(input: ProgramInput) {
  const wrong = checkPayerRegion(input.payerType, input.regionCode);
  if (wrong) throw errors.invalid('body.regionCode', 'PAYER_REGION_MISMATCH', wrong);
  if (input.segment === 'BPU' && input.programs.includes('JP')) {
    throw errors.invalid('body.programs', 'PROGRAM_NOT_ALLOWED', { id: 'JP tidak tersedia untuk BPU.', en: 'JP is not available to BPU.' });
  }
  if (!input.programs.includes('JKK') || !input.programs.includes('JKM')) {
    throw errors.invalid('body.programs', 'PROGRAM_REQUIRED', { id: 'JKK dan JKM wajib.', en: 'JKK and JKM are mandatory.' });
  }
}

/** The monthly cost of one worker under the programme's basis now, checked by the engine. */
export async function programMonthlyCost(db: Db | Tx, p: { segment: string; programs: string[]; basis_income: number; risk_group: number }, date = todayWib()) {
  return unwrap(monthlyCost(await loadSnapshot(db as Db), { segment: p.segment as 'PU' | 'BPU', programs: p.programs, income: p.basis_income, riskGroup: p.risk_group }, date), 'body');
}

export async function createProgram(db: Db, user: SessionUser, input: ProgramInput) {
  checkInput(input);
  if (!(await findRegion(db, input.regionCode))) throw errors.regionNotFound(input.regionCode, 'body.regionCode');
  await programMonthlyCost(db, { segment: input.segment, programs: input.programs, basis_income: input.basisIncome ?? 1_000_000, risk_group: input.riskGroup ?? 1 });
  return audited(db, actorOf(user), async (tx) => {
    const row = await tx
      .insertInto('funding_program')
      .values({
        name: input.name,
        payer_type: input.payerType,
        region_code: input.regionCode,
        fiscal_year: input.fiscalYear,
        budget: input.budget,
        quota: input.quota,
        segment: input.segment,
        programs: input.programs,
        basis_income: input.basisIncome ?? 1_000_000,
        risk_group: input.riskGroup ?? 1,
        legal_kind: input.legalKind ?? '',
        legal_number: input.legalNumber ?? '',
        legal_date: input.legalDate ?? null,
        created_by: user.username,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { result: row, audit: [{ action: 'create', entityType: 'funding_program', entityId: String(row.id), regionCode: row.region_code, before: null, after: row }] };
  });
}

export async function updateProgram(db: Db, user: SessionUser, id: number, patch: Partial<Omit<ProgramInput, 'regionCode' | 'payerType'>> & { status?: 'active' | 'closed' }) {
  const before = await programForWrite(db, user, id);
  const merged: ProgramInput = {
    name: patch.name ?? before.name,
    payerType: before.payer_type,
    regionCode: before.region_code,
    fiscalYear: patch.fiscalYear ?? before.fiscal_year,
    budget: patch.budget ?? before.budget,
    quota: patch.quota ?? before.quota,
    segment: patch.segment ?? before.segment,
    programs: patch.programs ?? before.programs,
    basisIncome: patch.basisIncome ?? before.basis_income,
    riskGroup: patch.riskGroup ?? before.risk_group,
    legalKind: patch.legalKind ?? before.legal_kind,
    legalNumber: patch.legalNumber ?? before.legal_number,
    legalDate: patch.legalDate === undefined ? before.legal_date : patch.legalDate,
  };
  checkInput(merged);
  await programMonthlyCost(db, { segment: merged.segment, programs: merged.programs, basis_income: merged.basisIncome!, risk_group: merged.riskGroup! });
  return audited(db, actorOf(user), async (tx) => {
    const row = await tx
      .updateTable('funding_program')
      .set({
        name: merged.name,
        fiscal_year: merged.fiscalYear,
        budget: merged.budget,
        quota: merged.quota,
        segment: merged.segment,
        programs: merged.programs,
        basis_income: merged.basisIncome!,
        risk_group: merged.riskGroup!,
        legal_kind: merged.legalKind!,
        legal_number: merged.legalNumber!,
        legal_date: merged.legalDate ?? null,
        ...(patch.status ? { status: patch.status } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { result: row, audit: [{ action: 'update', entityType: 'funding_program', entityId: String(id), regionCode: row.region_code, before, after: row }] };
  });
}

/** Programmes that fund workers in `region`: owned inside its subtree, or by a region above it. */
export async function listPrograms(db: Db, region: string, year?: number) {
  const above = lineage(region).filter((c) => c !== region);
  let q = db.selectFrom('funding_program').selectAll();
  q = q.where((eb) => {
    const own = region === NATIONAL ? eb.lit(true) : eb.or([eb('region_code', '=', region), eb.and([eb('region_code', '>=', descendantRange(region).from), eb('region_code', '<', descendantRange(region).to)])]);
    return above.length ? eb.or([own, eb('region_code', 'in', above)]) : own;
  });
  if (year) q = q.where('fiscal_year', '=', year);
  return q.orderBy('region_code').orderBy('id').execute();
}

// ——— legal-basis document ———

const DOC_TYPES: { type: string; ext: string; magic: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: 'pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: 'png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];
export const DOC_MAX_BYTES = 10 * 1024 * 1024;

export const docTypeError = () =>
  new AppError(422, 'DOCUMENT_TYPE', { id: 'Dokumen dasar hukum harus PDF, PNG atau JPG (kolom "file").', en: 'The legal-basis document must be a PDF, PNG or JPG (field "file").' }, 'file');
export const docSizeError = () =>
  new AppError(413, 'DOCUMENT_TOO_LARGE', { id: 'Dokumen melebihi 10 MB.', en: 'The document exceeds 10 MB.' }, 'file');

export const newDocPath = async (dataDir: string) => {
  const dir = join(dataDir, 'uploads', 'funding');
  await mkdir(dir, { recursive: true });
  return join(dir, randomUUID());
};

/** Keeps an uploaded file whose content (not just its name) is a PDF, PNG or JPEG; replaces any earlier one. */
export async function attachDocument(db: Db, user: SessionUser, id: number, file: { path: string; filename: string; size: number }) {
  const before = await programForWrite(db, user, id).catch(async (e) => {
    await rm(file.path, { force: true });
    throw e;
  });
  const fh = await open(file.path, 'r');
  const head = Buffer.alloc(8);
  await fh.read(head, 0, 8, 0);
  await fh.close();
  const kind = DOC_TYPES.find((d) => d.magic(head));
  if (!kind) {
    await rm(file.path, { force: true });
    throw docTypeError();
  }
  const row = await audited(db, actorOf(user), async (tx) => {
    const r = await tx
      .updateTable('funding_program')
      .set({ document_path: file.path, document_name: file.filename, document_type: kind.type, document_size: file.size, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: r,
      audit: [{ action: 'attach_document', entityType: 'funding_program', entityId: String(id), regionCode: r.region_code, before: { document: before.document_name }, after: { document: file.filename, type: kind.type, size: file.size } }],
    };
  });
  if (before.document_path && before.document_path !== file.path) await rm(before.document_path, { force: true });
  return row;
}
