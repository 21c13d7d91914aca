import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionUser } from '../../access/session-user.js';
import { requireEntityAccess } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { allowedNext, checkTransition, isOverdue, STEP_LABELS, stepDeadline } from '../../domain/compliance-case.js';
import { AppError, errors } from '../../lib/errors.js';
import { employerScope } from '../employers/queries.js';
import { actorOf, presentFindings } from '../employers/service.js';
import { isLetterStep, renderLetter } from './letter.js';
import {
  caseDocuments,
  caseSteps,
  type CaseRow,
  employerForCase,
  findCase,
  findCaseStep,
  findDocument,
  insertCase,
  insertCaseStep,
  insertDocument,
  letterEmployer,
  lockCase,
  moveCase,
  openCaseOf,
} from './queries.js';
import type { CaseDetail, CaseDocument, CaseSummary, OpenCaseInput, TransitionInput } from './schemas.js';
import { todayWib } from '../../domain/wib.js';

/** Today on the WIB calendar (src/domain/wib.ts): a case opened at 06:30 WIB is dated that day. */
export const todayIso = () => todayWib();

/** A case as the API shows it: with its history, documents, the allowed next steps and the overdue flag. */
export async function caseView(db: Db, row: CaseRow, today = todayIso()): Promise<CaseDetail> {
  const [steps, documents] = await Promise.all([caseSteps(db, row.id), caseDocuments(db, row.id)]);
  return { ...summary(row, today), steps: steps.map((s) => ({ ...s, letter: isLetterStep(s.step) })), documents };
}

export function summary(row: CaseRow, today = todayIso()): CaseSummary {
  return {
    ...row,
    stepLabel: STEP_LABELS[row.step].id,
    stepLabelEn: STEP_LABELS[row.step].en,
    overdue: isOverdue(row.step, row.deadline, today),
    allowedNext: [...allowedNext(row.step)],
    findings: presentFindings(row.findings),
  };
}

/** A case by id, as stored (its scope was checked by the route). */
export async function loadCase(db: Db, id: number): Promise<CaseRow> {
  const row = await findCase(db, id, todayIso());
  if (!row) throw errors.notFound({ id: 'Kasus kepatuhan', en: 'Compliance case' });
  return row;
}

export async function openCase(db: Db, user: SessionUser, input: OpenCaseInput): Promise<CaseDetail> {
  await requireEntityAccess(db, user, 'compliance:write', employerScope, input.employerId).catch((err: unknown) => {
    throw err instanceof AppError && err.status === 404
      ? new AppError(404, 'EMPLOYER_NOT_FOUND', { id: 'Perusahaan tidak ditemukan di wilayah Anda.', en: 'Employer not found in your region.' }, 'body.employerId')
      : err;
  });
  const employer = await employerForCase(db, input.employerId);
  if (employer.statuses.includes('compliant')) {
    throw errors.conflict('EMPLOYER_COMPLIANT', {
      id: `${employer.name} tercatat patuh; kasus hanya dibuka untuk perusahaan PWBD atau PDS. Perbarui datanya dulu bila ada temuan baru.`,
      en: `${employer.name} is recorded as compliant; cases are opened only for PWBD or PDS employers. Update its data first if there are new findings.`,
    });
  }
  const existing = await openCaseOf(db, employer.id);
  if (existing) {
    throw new AppError(409, 'CASE_ALREADY_OPEN', { id: `Perusahaan ini sudah punya kasus berjalan (#${existing.id}).`, en: `This employer already has an open case (#${existing.id}).` }, 'body.employerId', undefined, { caseId: existing.id });
  }
  const today = todayIso();
  const officer = input.officer?.trim() || user.displayName;
  const deadline = stepDeadline('open', today);
  const id = await audited(db, actorOf(user), async (tx) => {
    const c = await insertCase(tx, { employer_id: employer.id, region_code: employer.village_code, step: 'open', step_date: today, deadline, officer, findings: JSON.stringify(employer.findings), opened_by: user.username });
    await insertCaseStep(tx, { case_id: c.id, from_step: null, step: 'open', step_date: today, deadline, officer, note: input.note?.trim() ?? '', by_username: user.username });
    return {
      result: c.id,
      audit: [{ action: 'open_case', entityType: 'compliance_case', entityId: String(c.id), regionCode: c.region_code, before: null, after: { ...c, employerName: employer.name } }],
    };
  });
  return caseView(db, (await findCase(db, id, today))!);
}

/** Moves a case (its scope was checked by the route) to its next step. */
export async function transition(db: Db, user: SessionUser, id: number, input: TransitionInput): Promise<CaseDetail> {
  const today = todayIso();
  const id2 = await audited(db, actorOf(user), async (tx) => {
    const c = await lockCase(tx, id);
    const from = c.step;
    const check = checkTransition(from, input.to);
    if (!check.ok) throw new AppError(409, 'TRANSITION_NOT_ALLOWED', check.message, 'body.to', undefined, { from, to: input.to, allowed: [...check.allowed] });
    const date = input.date ?? today;
    if (date > today) throw errors.invalid('body.date', 'DATE_IN_FUTURE', { id: 'Tanggal langkah tidak boleh di masa depan.', en: 'The step date cannot be in the future.' });
    if (date < c.step_date) {
      throw errors.invalid('body.date', 'DATE_BEFORE_PREVIOUS_STEP', {
        id: `Tanggal langkah tidak boleh sebelum langkah sebelumnya (${c.step_date}).`,
        en: `The step date cannot be before the previous step (${c.step_date}).`,
      });
    }
    const deadline = stepDeadline(input.to, date, undefined, input.deadlineDays);
    const officer = input.officer?.trim() || user.displayName;
    const after = await moveCase(tx, id, { step: input.to, step_date: date, deadline, officer });
    const step = await insertCaseStep(tx, { case_id: id, from_step: from, step: input.to, step_date: date, deadline, officer, note: input.note?.trim() ?? '', by_username: user.username });
    return {
      result: id,
      audit: [
        {
          action: 'case_transition',
          entityType: 'compliance_case',
          entityId: String(id),
          regionCode: c.region_code,
          before: { step: from, stepDate: c.step_date, deadline: c.deadline, officer: c.officer },
          after: { step: after.step, stepDate: after.step_date, deadline: after.deadline, officer: after.officer, note: input.note ?? '', stepId: step.id },
        },
      ],
    };
  });
  return caseView(db, (await findCase(db, id2, today))!);
}

// ── letters ───────────────────────────────────────────────────────────────────────────────────────

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());

/** The letter of a case's step as PDF (the case's scope was checked by the route): 404 when the step has none or belongs to another case. */
export async function caseLetter(db: Db, caseId: number, stepId: number, demo: boolean) {
  const c = await loadCase(db, caseId);
  const step = await findCaseStep(db, c.id, stepId);
  if (!step || !isLetterStep(step.step)) throw errors.notFound({ id: 'Surat untuk langkah ini', en: 'A letter for this step' });
  const e = await letterEmployer(db, c.employerId);
  const pdf = await renderLetter({
    step: step.step,
    stepId: step.id,
    caseId: c.id,
    stepDate: step.step_date,
    deadline: step.deadline,
    officer: step.officer,
    regencyName: titleCase(e.regencyName),
    employer: { name: e.name, address: e.address, villageName: titleCase(e.villageName), npp: e.npp, nib: e.nib },
    findings: c.findings,
    demo,
  });
  return { pdf, filename: `surat-${step.step}-kasus-${c.id}.pdf` };
}

// ── documents ─────────────────────────────────────────────────────────────────────────────────────

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Accepted evidence, recognised by its first bytes (a renamed .exe is not a PDF because its name says so). */
export const DOCUMENT_SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export const documentDir = (dataDir: string) => join(dataDir, 'compliance');

/** Attaches a document to a case (its scope was checked by the route). */
export async function addDocument(db: Db, dataDir: string, user: SessionUser, caseId: number, file: { filename: string; data: Buffer }): Promise<CaseDocument> {
  const c = await loadCase(db, caseId);
  const kind = DOCUMENT_SIGNATURES.find((s) => s.test(file.data));
  if (!kind) {
    throw new AppError(415, 'DOCUMENT_TYPE', { id: 'Lampiran harus PDF, PNG atau JPEG. Pindai atau simpan ulang dokumen sebagai PDF.', en: 'Attachments must be PDF, PNG or JPEG. Scan or save the document as PDF.' }, 'file');
  }
  // The user's file name is kept only as a label (cleaned); the stored name is random.
  const filename = file.filename.replace(/[^\w.\- ()]/g, '_').slice(0, 120) || `lampiran.${kind.ext}`;
  const key = `${randomUUID()}.${kind.ext}`;
  await mkdir(documentDir(dataDir), { recursive: true });
  const path = join(documentDir(dataDir), key);
  await writeFile(path, file.data, { flag: 'wx' });
  try {
    return await audited(db, actorOf(user), async (tx) => {
      const d = await insertDocument(tx, {
        case_id: c.id,
        filename,
        content_type: kind.type,
        size_bytes: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        storage_key: key,
        uploaded_by: user.username,
      });
      return {
        result: { id: d.id, filename: d.filename, contentType: d.content_type, sizeBytes: d.size_bytes, uploadedBy: d.uploaded_by, uploadedAt: d.uploaded_at },
        audit: [{ action: 'attach_document', entityType: 'compliance_case', entityId: String(c.id), regionCode: c.region, before: null, after: { documentId: d.id, filename, contentType: kind.type, sizeBytes: d.size_bytes, sha256: d.sha256 } }],
      };
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

/** A document of a case (the case's scope was checked by the route): 404 when it belongs to another case. */
export async function readDocument(db: Db, dataDir: string, caseId: number, documentId: number) {
  const d = await findDocument(db, caseId, documentId);
  if (!d) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
  return { doc: d, data: await readFile(join(documentDir(dataDir), d.storage_key)) };
}
