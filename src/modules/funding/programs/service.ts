import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import { audited, type Tx } from '../../../db/tx.js';
import { checkPayerRegion, type FundedSegment, monthlyCost, type PayerType } from '../../../domain/funding.js';
import { inSubtree, isAncestor } from '../../../domain/region-code.js';
import { AppError, errors } from '../../../lib/errors.js';
import type { SavedUpload, UploadSpec } from '../../../lib/upload.js';
import { findRegion } from '../../regions/queries.js';
import { loadSnapshot } from '../rates/queries.js';
import { todayWib, unwrap } from '../rates/service.js';
import { findProgram, insertProgram, listPrograms, programScope, type ProgramRow, updateProgramRow } from './queries.js';
import type { FundingProgram, FundingProgramPatch, NewFundingProgram } from './schemas.js';

const actorOf = (u: SessionUser) => ({ id: u.id, username: u.username });

/** A programme by id (the route's scope has checked it exists and is readable). */
export async function programById(db: Db | Tx, id: number): Promise<ProgramRow> {
  const p = await findProgram(db, id);
  if (!p) throw errors.notFound(programScope.name);
  return p;
}

/**
 * A programme the user may change: owned inside their subtree. One owned above it is readable only,
 * so a write to it answers 403 FORBIDDEN_REGION (decisions.md 12); any other id the route's scope
 * already answered with 404.
 */
export async function ownProgram(db: Db, user: SessionUser, id: number): Promise<ProgramRow> {
  const p = await programById(db, id);
  if (!inSubtree(user.regionCode, p.region_code)) throw errors.forbiddenRegion(p.region_code);
  return p;
}

/** The monthly cost of one worker under the programme's basis now, checked by the engine. */
export async function programMonthlyCost(db: Db | Tx, p: Pick<ProgramRow, 'segment' | 'programs' | 'basis_income' | 'risk_group'>, date = todayWib()) {
  return programCostWith(await loadSnapshot(db), p, date);
}

/** The same with a rate snapshot already loaded (several programmes at once). */
export function programCostWith(snapshot: Awaited<ReturnType<typeof loadSnapshot>>, p: Pick<ProgramRow, 'segment' | 'programs' | 'basis_income' | 'risk_group'>, date = todayWib()) {
  return unwrap(monthlyCost(snapshot, { segment: p.segment as FundedSegment, programs: p.programs, income: p.basis_income, riskGroup: p.risk_group }, date), 'body');
}

export async function presentProgram(db: Db, p: ProgramRow): Promise<FundingProgram> {
  return {
    id: p.id,
    name: p.name,
    payerType: p.payer_type as PayerType,
    regionCode: p.region_code,
    fiscalYear: p.fiscal_year,
    budget: p.budget,
    quota: p.quota,
    segment: p.segment as FundedSegment,
    programs: p.programs,
    basisIncome: p.basis_income,
    riskGroup: p.risk_group,
    legalKind: p.legal_kind,
    legalNumber: p.legal_number,
    legalDate: p.legal_date,
    document: p.document_name ? { name: p.document_name, type: p.document_type ?? '', size: p.document_size ?? 0 } : null,
    status: p.status,
    monthlyCost: await programMonthlyCost(db, p),
  };
}

/**
 * Programmes that pay for workers in `region` (default: the user's own). Asked about a region above
 * one's own: only the branch leading to the user (never sibling villages' programmes).
 */
export async function programsFor(db: Db, user: SessionUser, region: string | undefined, year?: number) {
  const asked = region ?? user.regionCode;
  return listPrograms(db, isAncestor(asked, user.regionCode) ? user.regionCode : asked, year);
}

function checkInput(input: NewFundingProgram) {
  const wrong = checkPayerRegion(input.payerType, input.regionCode);
  if (wrong) throw errors.invalid('body.regionCode', 'PAYER_REGION_MISMATCH', wrong);
  if (input.segment === 'BPU' && input.programs.includes('JP')) {
    throw errors.invalid('body.programs', 'PROGRAM_NOT_ALLOWED', { id: 'JP tidak tersedia untuk BPU.', en: 'JP is not available to BPU.' });
  }
  if (!input.programs.includes('JKK') || !input.programs.includes('JKM')) {
    throw errors.invalid('body.programs', 'PROGRAM_REQUIRED', { id: 'JKK dan JKM wajib.', en: 'JKK and JKM are mandatory.' });
  }
}

export async function createProgram(db: Db, user: SessionUser, input: NewFundingProgram): Promise<ProgramRow> {
  checkInput(input);
  if (!(await findRegion(db, input.regionCode))) throw errors.regionNotFound(input.regionCode, 'body.regionCode');
  await programMonthlyCost(db, { segment: input.segment, programs: input.programs, basis_income: input.basisIncome ?? 1_000_000, risk_group: input.riskGroup ?? 1 });
  return audited(db, actorOf(user), async (tx) => {
    const row = await insertProgram(tx, {
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
    });
    return { result: row, audit: [{ action: 'create', entityType: 'funding_program', entityId: String(row.id), regionCode: row.region_code, before: null, after: row }] };
  });
}

export async function updateProgram(db: Db, user: SessionUser, id: number, patch: FundingProgramPatch): Promise<ProgramRow> {
  const before = await ownProgram(db, user, id);
  const merged: NewFundingProgram = {
    name: patch.name ?? before.name,
    payerType: before.payer_type as PayerType,
    regionCode: before.region_code,
    fiscalYear: patch.fiscalYear ?? before.fiscal_year,
    budget: patch.budget ?? before.budget,
    quota: patch.quota ?? before.quota,
    segment: patch.segment ?? (before.segment as FundedSegment),
    programs: patch.programs ?? (before.programs as NewFundingProgram['programs']),
    basisIncome: patch.basisIncome ?? before.basis_income,
    riskGroup: patch.riskGroup ?? before.risk_group,
    legalKind: patch.legalKind ?? before.legal_kind,
    legalNumber: patch.legalNumber ?? before.legal_number,
    legalDate: patch.legalDate === undefined ? before.legal_date : patch.legalDate,
  };
  checkInput(merged);
  await programMonthlyCost(db, { segment: merged.segment, programs: merged.programs, basis_income: merged.basisIncome!, risk_group: merged.riskGroup! });
  return audited(db, actorOf(user), async (tx) => {
    const row = await updateProgramRow(tx, id, {
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
    });
    return { result: row, audit: [{ action: 'update', entityType: 'funding_program', entityId: String(id), regionCode: row.region_code, before, after: row }] };
  });
}

// ——— legal-basis document ———

/** POST /api/funding-programs/:id/document: a PDF, PNG or JPG of at most 10 MB (its content is checked too). */
export const DOCUMENT_UPLOAD: UploadSpec<'pdf' | 'png' | 'jpeg'> = {
  extensions: ['pdf', 'png', 'jpeg'],
  maxBytes: 10 * 1024 * 1024,
  wrongType: { code: 'DOCUMENT_TYPE', text: { id: 'Dokumen dasar hukum harus PDF, PNG atau JPG (kolom "file").', en: 'The legal-basis document must be a PDF, PNG or JPG (field "file").' } },
  tooLarge: { code: 'DOCUMENT_TOO_LARGE', text: { id: 'Dokumen melebihi 10 MB.', en: 'The document exceeds 10 MB.' } },
};

/** Where programme documents (and statement files while they are read) are kept. */
export const uploadDir = (dataDir: string) => join(dataDir, 'uploads', 'funding');

const DOC_TYPES: { type: string; magic: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

/** Keeps an uploaded file whose content (not just its name) is a PDF, PNG or JPEG; replaces any earlier one. */
export async function attachDocument(db: Db, user: SessionUser, before: ProgramRow, file: SavedUpload<string>): Promise<ProgramRow> {
  const fh = await open(file.path, 'r');
  const head = Buffer.alloc(8);
  await fh.read(head, 0, 8, 0);
  await fh.close();
  const kind = DOC_TYPES.find((d) => d.magic(head));
  if (!kind) {
    await rm(file.path, { force: true });
    throw new AppError(422, DOCUMENT_UPLOAD.wrongType.code, DOCUMENT_UPLOAD.wrongType.text, 'file');
  }
  const row = await audited(db, actorOf(user), async (tx) => {
    const r = await updateProgramRow(tx, before.id, { document_path: file.path, document_name: file.filename, document_type: kind.type, document_size: file.size });
    return {
      result: r,
      audit: [{ action: 'attach_document', entityType: 'funding_program', entityId: String(before.id), regionCode: r.region_code, before: { document: before.document_name }, after: { document: file.filename, type: kind.type, size: file.size } }],
    };
  });
  if (before.document_path && before.document_path !== file.path) await rm(before.document_path, { force: true });
  return row;
}
