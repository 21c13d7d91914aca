import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { allowedNext, type CaseStep, checkTransition, isOverdue, STEP_LABELS, stepDeadline } from '../../domain/compliance-case.js';
import { inSubtree } from '../../domain/region-code.js';
import { AppError, errors } from '../../lib/errors.js';
import { audited } from '../../db/tx.js';
import { actorOf } from '../employers/service.js';
import { caseDocuments, caseSteps, type CaseRow, findCase } from './queries.js';

export const todayIso = () => new Date().toISOString().slice(0, 10);
const notFound = () => errors.notFound({ id: 'Kasus kepatuhan', en: 'Compliance case' });

/** A case as the API shows it: with its history, documents, the allowed next steps and the overdue flag. */
export async function caseView(db: Db, row: CaseRow, today = todayIso()) {
  const [steps, documents] = await Promise.all([caseSteps(db, row.id), caseDocuments(db, row.id)]);
  return { ...summary(row, today), steps, documents };
}

export function summary(row: CaseRow, today = todayIso()) {
  const step = row.step;
  return {
    ...row,
    step,
    stepLabel: STEP_LABELS[step].id,
    stepLabelEn: STEP_LABELS[step].en,
    overdue: isOverdue(step, row.deadline, today),
    allowedNext: [...allowedNext(step)],
  };
}

export async function loadCase(db: Db, user: SessionUser, id: number) {
  const row = await findCase(db, id, todayIso());
  if (!row || !inSubtree(user.regionCode, row.region)) throw notFound();
  return row;
}

export async function openCase(db: Db, user: SessionUser, input: { employerId: number; officer?: string; note?: string }) {
  const employer = await db.selectFrom('employer').select(['id', 'name', 'village_code', 'statuses', 'findings']).where('id', '=', input.employerId).executeTakeFirst();
  if (!employer || !inSubtree(user.regionCode, employer.village_code)) {
    throw new AppError(404, 'EMPLOYER_NOT_FOUND', { id: 'Perusahaan tidak ditemukan di wilayah Anda.', en: 'Employer not found in your region.' }, 'body.employerId');
  }
  if (employer.statuses.includes('compliant')) {
    throw errors.conflict('EMPLOYER_COMPLIANT', {
      id: `${employer.name} tercatat patuh; kasus hanya dibuka untuk perusahaan PWBD atau PDS. Perbarui datanya dulu bila ada temuan baru.`,
      en: `${employer.name} is recorded as compliant; cases are opened only for PWBD or PDS employers. Update its data first if there are new findings.`,
    });
  }
  const existing = await db.selectFrom('compliance_case').select('id').where('employer_id', '=', employer.id).where('step', 'not in', ['resolved', 'closed']).executeTakeFirst();
  if (existing) {
    throw new AppError(409, 'CASE_ALREADY_OPEN', { id: `Perusahaan ini sudah punya kasus berjalan (#${existing.id}).`, en: `This employer already has an open case (#${existing.id}).` }, 'body.employerId', undefined, { caseId: existing.id });
  }
  const today = todayIso();
  const officer = input.officer?.trim() || user.displayName;
  const deadline = stepDeadline('open', today);
  const id = await audited(db, actorOf(user), async (tx) => {
    const c = await tx
      .insertInto('compliance_case')
      .values({ employer_id: employer.id, region_code: employer.village_code, step: 'open', step_date: today, deadline, officer, findings: JSON.stringify(employer.findings), opened_by: user.username })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('compliance_case_step')
      .values({ case_id: c.id, from_step: null, step: 'open', step_date: today, deadline, officer, note: input.note?.trim() ?? '', by_username: user.username })
      .execute();
    return {
      result: c.id,
      audit: [{ action: 'open_case', entityType: 'compliance_case', entityId: String(c.id), regionCode: c.region_code, before: null, after: { ...c, employerName: employer.name } }],
    };
  });
  return caseView(db, (await findCase(db, id, today))!);
}

export interface TransitionInput {
  to: CaseStep;
  note?: string;
  officer?: string;
  /** when the step happened (a letter is often signed before it is entered); default today */
  date?: string;
  /** working days allowed at this step, if not the default */
  deadlineDays?: number;
}

export async function transition(db: Db, user: SessionUser, id: number, input: TransitionInput) {
  const today = todayIso();
  const id2 = await audited(db, actorOf(user), async (tx) => {
    // Lock the case row: two officers pressing at once must not both move it.
    const c = await tx.selectFrom('compliance_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!c || !inSubtree(user.regionCode, c.region_code)) throw notFound();
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
    const after = await tx
      .updateTable('compliance_case')
      .set({ step: input.to, step_date: date, deadline, officer, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const step = await tx
      .insertInto('compliance_case_step')
      .values({ case_id: id, from_step: from, step: input.to, step_date: date, deadline, officer, note: input.note?.trim() ?? '', by_username: user.username })
      .returning('id')
      .executeTakeFirstOrThrow();
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

// ── documents ─────────────────────────────────────────────────────────────────────────────────────

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Accepted evidence, recognised by its first bytes (a renamed .exe is not a PDF because its name says so). */
const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export const documentDir = (dataDir: string) => join(dataDir, 'compliance');

export async function addDocument(db: Db, dataDir: string, user: SessionUser, caseId: number, file: { filename: string; data: Buffer }) {
  const c = await loadCase(db, user, caseId);
  const kind = SIGNATURES.find((s) => s.test(file.data));
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
      const d = await tx
        .insertInto('compliance_document')
        .values({ case_id: c.id, filename, content_type: kind.type, size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: key, uploaded_by: user.username })
        .returningAll()
        .executeTakeFirstOrThrow();
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

export async function readDocument(db: Db, dataDir: string, user: SessionUser, caseId: number, documentId: number) {
  const c = await loadCase(db, user, caseId);
  const d = await db.selectFrom('compliance_document').selectAll().where('id', '=', documentId).where('case_id', '=', c.id).executeTakeFirst();
  if (!d) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
  return { doc: d, data: await readFile(join(documentDir(dataDir), d.storage_key)) };
}
