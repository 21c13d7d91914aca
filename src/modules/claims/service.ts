import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canReach } from '../../access/rules.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { type Actor, audited, type AuditEntry, recordAudit } from '../../db/tx.js';
import {
  allowedClaimNext,
  checkClaimTransition,
  checklistFor,
  CLAIM_STEP_LABELS,
  CLAIM_TYPE_LABELS,
  claimOverdue,
  type ClaimType,
  eligibility,
  type Estimate,
  estimateBenefit,
  estimateWage,
  isDeath,
  lateReport,
  maskTail,
  missingDocuments,
  PART_LABELS,
  type ClaimStep,
} from '../../domain/claims.js';
import { PAYER_LABELS, type PayerType } from '../../domain/funding.js';
import { maskNik } from '../../domain/nik.js';
import { rateAt } from '../../domain/rates.js';
import { can } from '../../domain/roles.js';
import { todayWib } from '../../domain/wib.js';
import { GROUP_LABELS, type Group } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { DOCUMENT_SIGNATURES } from '../compliance-cases/service.js';
import { loadSnapshot } from '../funding/rates/queries.js';
import { renderClaimLetter } from './letter.js';
import {
  claimDocuments,
  claimHeirs,
  type ClaimRow,
  claimSteps,
  clearDeath,
  coverOf,
  endEnrolmentsForDeath,
  findClaim,
  findDocument,
  findHeir,
  impactRows,
  insertClaim,
  insertClaimStep,
  insertDocument,
  insertHeirs,
  letterFacts,
  lockClaim,
  personForClaim,
  standingDeathCase,
  updateClaim,
} from './queries.js';
import type { ClaimDetail, ClaimSummary, ClaimTransition, EligibilityView, Handover, Impact, NewClaim } from './schemas.js';

const actorOf = (u: SessionUser): Actor => ({ id: u.id, username: u.username });
const dmy = (iso: string) => iso.split('-').reverse().join('/');

/** The estimate as the API shows it: each part with its label, basis and (for conditional parts) condition. */
function presentEstimate(e: Estimate): EligibilityView['estimate'] {
  return {
    total: e.total,
    wage: e.wage,
    parts: e.parts.map((p) => ({
      name: p.name,
      label: PART_LABELS[p.name].id,
      labelEn: PART_LABELS[p.name].en,
      amount: p.amount,
      basis: p.basis,
      conditional: p.conditional ?? false,
      ...(p.eligible !== undefined ? { eligible: p.eligible } : {}),
      ...(p.condition ? { condition: p.condition.id, conditionEn: p.condition.en } : {}),
    })),
  };
}

/** A person's position on a date: eligibility with its reason, the estimate on the rates then in force. */
async function assess(db: Db, personId: number, type: ClaimType, incidentDate: string) {
  const [cover, snapshot] = await Promise.all([coverOf(db, personId), loadSnapshot(db)]);
  const months = rateAt(snapshot, 'BPU_LAPSE_MONTHS', incidentDate).value;
  const verdict = eligibility(type, incidentDate, cover, months);
  // the wage of the covering enrolment, else of the closest one (what the person would have received)
  const basisOf = cover.find((e) => e.id === verdict.enrolmentId) ?? cover[cover.length - 1] ?? null;
  const wage = estimateWage(snapshot, incidentDate, basisOf?.declaredIncome ?? null, basisOf?.basisIncome ?? null);
  const est = estimateBenefit(snapshot, type, incidentDate, wage, verdict.contributionMonths);
  if (!est.ok) {
    const p = est.problems[0]!;
    throw errors.invalid('body.incidentDate', p.code, p.message);
  }
  return { verdict, estimate: est.value, basisOf };
}

function presentEligibility(verdict: Awaited<ReturnType<typeof assess>>['verdict'], estimate: Estimate): EligibilityView {
  return {
    eligible: verdict.eligible,
    reason: verdict.message?.id ?? null,
    reasonEn: verdict.message?.en ?? null,
    reasonCode: verdict.reason,
    coveringEnrolmentId: verdict.eligible ? verdict.enrolmentId : null,
    contributionMonths: verdict.contributionMonths,
    estimate: presentEstimate(estimate),
  };
}

async function personInScope(db: Db, user: SessionUser, personId: number, field = 'body.personId') {
  const person = await personForClaim(db, personId);
  if (!person) throw new AppError(404, 'PERSON_NOT_FOUND', { id: 'Orang ini tidak ada di registri.', en: 'This person is not in the registry.' }, field);
  if (!canReach(user, person.village_code)) {
    throw new AppError(403, 'FORBIDDEN_REGION', { id: 'Orang ini berdomisili di luar wilayah kerja Anda.', en: 'This person lives outside your assigned region.' }, field);
  }
  return person;
}

function checkIncidentDate(incidentDate: string, today: string, field = 'body.incidentDate') {
  if (incidentDate > today) throw errors.invalid(field, 'DATE_IN_FUTURE', { id: 'Tanggal kejadian tidak boleh di masa depan.', en: 'The incident date cannot be in the future.' });
}

/** Whether a person was covered on a date and what the benefit is, without recording anything (the case form's preview). */
export async function previewEligibility(db: Db, user: SessionUser, q: { personId: number; type: ClaimType; incidentDate: string }): Promise<EligibilityView> {
  await personInScope(db, user, q.personId, 'personId');
  checkIncidentDate(q.incidentDate, todayWib(), 'incidentDate');
  const { verdict, estimate } = await assess(db, q.personId, q.type, q.incidentDate);
  return presentEligibility(verdict, estimate);
}

export function summary(row: ClaimRow, user: SessionUser, today = todayWib()): ClaimSummary {
  return {
    id: row.id,
    personId: row.personId,
    personName: row.personName,
    personNik: can(user.role, 'worker:nik') ? row.personNik : maskNik(row.personNik),
    region: row.region,
    regionName: row.regionName,
    type: row.type,
    typeLabel: CLAIM_TYPE_LABELS[row.type].id,
    typeLabelEn: CLAIM_TYPE_LABELS[row.type].en,
    incidentDate: row.incidentDate,
    reportedOn: row.reportedOn,
    step: row.step,
    stepLabel: CLAIM_STEP_LABELS[row.step].id,
    stepLabelEn: CLAIM_STEP_LABELS[row.step].en,
    stepDate: row.stepDate,
    eligible: row.eligible,
    estimateTotal: row.estimateTotal,
    paidAmount: row.paidAmount,
    lateReport: lateReport(row.type, row.incidentDate, row.reportedOn),
    overdue: claimOverdue(row.step, row.stepDate, today),
    allowedNext: [...allowedClaimNext(row.step)],
  };
}

type StoredEstimate = { estimate: Estimate; reason: string | null; reasonEn: string | null; contributionMonths: number };

/** A claim with its heirs (masked unless the role may see NIKs), checklist, files and steps. */
export async function claimView(db: Db, user: SessionUser, row: ClaimRow): Promise<ClaimDetail> {
  const [heirs, docs, steps] = await Promise.all([claimHeirs(db, row.id), claimDocuments(db, row.id), claimSteps(db, row.id)]);
  const stored = row.estimate as StoredEstimate;
  const full = can(user.role, 'worker:nik');
  const byItem = new Map(docs.map((d) => [d.item, d]));
  const checklist = checklistFor(row.type, row.trafficAccident);
  const codes = new Set(checklist.map((c) => c.code));
  const doc = (d: (typeof docs)[number] | undefined) => (d ? { id: d.id, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes, uploadedBy: d.uploadedBy, uploadedAt: d.uploadedAt } : null);
  return {
    ...summary(row, user),
    reason: stored.reason,
    reasonEn: stored.reasonEn,
    reasonCode: row.reasonCode as EligibilityView['reasonCode'],
    coveringEnrolmentId: row.coveringEnrolmentId,
    contributionMonths: stored.contributionMonths,
    estimate: presentEstimate(stored.estimate),
    incidentPlace: row.incidentPlace,
    description: row.description,
    trafficAccident: row.trafficAccident,
    reportedBy: row.reportedBy,
    group: row.group,
    payerType: row.payerType,
    paidOn: row.paidOn,
    rejectionReason: row.rejectionReason,
    handover: row.handedOverBy ? { by: row.handedOverBy, on: row.handedOverOn!, place: row.handedOverPlace ?? '', note: row.handoverNote ?? '' } : null,
    // heirs' NIK, phone and account: never in full here; revealed one at a time (audited) through …/heirs/:heirId
    heirs: heirs.map((h) => ({
      id: h.id,
      name: h.name,
      relation: h.relation,
      nik: h.nik ? maskNik(h.nik) : null,
      phone: maskTail(h.phone, full ? 4 : 3),
      bankAccount: maskTail(h.bank_account),
      masked: true,
    })),
    checklist: checklist.map((c) => ({ code: c.code, label: c.label.id, labelEn: c.label.en, required: c.required, document: doc(byItem.get(c.code)) })),
    otherDocuments: docs.filter((d) => !codes.has(d.item)).map((d) => ({ ...doc(d)!, item: d.item })),
    missingDocuments: missingDocuments(row.type, row.trafficAccident, new Set(byItem.keys())).map((m) => m.code),
    steps,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export async function loadClaim(db: Db, id: number): Promise<ClaimRow> {
  const row = await findClaim(db, id, todayWib());
  if (!row) throw errors.notFound({ id: 'Klaim', en: 'Claim' });
  return row;
}

/**
 * Records a claim: eligibility on the incident date and the estimate are decided and stored with the
 * case. A death (JKM, JKK death) also ends the person's enrolments on the incident date and blocks
 * re-enrolment — all in the same audited transaction as the case.
 */
export async function createClaim(db: Db, user: SessionUser, input: NewClaim): Promise<ClaimDetail> {
  const person = await personInScope(db, user, input.personId);
  const id = await recordClaim(db, actorOf(user), user.displayName, person, input);
  return claimView(db, user, await loadClaim(db, id));
}

/** The recording itself, for a person whose scope was checked (the route) or who is the demo's own. */
export async function recordClaim(db: Db, actor: Actor, displayName: string, person: NonNullable<Awaited<ReturnType<typeof personForClaim>>>, input: NewClaim): Promise<number> {
  const today = todayWib();
  checkIncidentDate(input.incidentDate, today);
  const reportedOn = input.reportedOn ?? today;
  if (reportedOn > today) throw errors.invalid('body.reportedOn', 'DATE_IN_FUTURE', { id: 'Tanggal laporan tidak boleh di masa depan.', en: 'The report date cannot be in the future.' });
  if (reportedOn < input.incidentDate) {
    throw errors.invalid('body.reportedOn', 'REPORT_BEFORE_INCIDENT', { id: 'Tanggal laporan tidak boleh sebelum tanggal kejadian.', en: 'The report date cannot be before the incident.' });
  }
  if (person.died_on && input.incidentDate > person.died_on) {
    throw errors.invalid('body.incidentDate', 'AFTER_DEATH', {
      id: `Orang ini tercatat meninggal ${dmy(person.died_on)}; tanggal kejadian tidak boleh sesudahnya.`,
      en: `This person is recorded as deceased on ${dmy(person.died_on)}; the incident cannot be after that.`,
    });
  }
  const { verdict, estimate, basisOf } = await assess(db, person.id, input.type, input.incidentDate);
  const death = isDeath(input.type);
  return audited(db, actor, async (tx) => {
    if (death) {
      const standing = await standingDeathCase(tx, person.id);
      if (standing) {
        throw new AppError(409, 'DEATH_ALREADY_RECORDED', { id: `Kematian orang ini sudah dicatat pada klaim #${standing.id}.`, en: `This person's death is already recorded in claim #${standing.id}.` }, 'body.personId', undefined, { claimId: standing.id });
      }
    }
    const stored: StoredEstimate = { estimate, reason: verdict.message?.id ?? null, reasonEn: verdict.message?.en ?? null, contributionMonths: verdict.contributionMonths };
    const c = await insertClaim(tx, {
      person_id: person.id,
      region_code: person.village_code,
      type: input.type,
      incident_date: input.incidentDate,
      incident_place: input.incidentPlace ?? '',
      description: input.description,
      traffic_accident: input.trafficAccident ?? false,
      reported_by: input.reportedBy ?? displayName,
      reported_on: reportedOn,
      step: 'reported',
      step_date: reportedOn,
      eligible: verdict.eligible,
      reason_code: verdict.reason,
      covering_enrolment_id: verdict.eligible ? verdict.enrolmentId : null,
      group_code: basisOf?.group ?? null,
      payer_type: basisOf?.payerType ?? null,
      funding_program_id: basisOf?.fundingProgramId ?? null,
      estimate_total: estimate.total,
      estimate: JSON.stringify(stored),
      created_by: actor.username,
    });
    const heirs = await insertHeirs(
      tx,
      (input.heirs ?? []).map((h) => ({ claim_id: c.id, name: h.name, relation: h.relation, nik: h.nik ?? null, phone: h.phone ?? null, bank_account: h.bankAccount ?? null })),
    );
    await insertClaimStep(tx, { claim_id: c.id, from_step: null, step: 'reported', step_date: reportedOn, note: '', by_username: actor.username });
    const audit: AuditEntry[] = [
      {
        action: 'create_claim',
        entityType: 'claim',
        entityId: String(c.id),
        regionCode: c.region_code,
        before: null,
        // heirs' personal data stays out of the audit log: names and relations only, NIK masked
        after: { ...c, estimate: undefined, heirs: (input.heirs ?? []).map((h, i) => ({ id: heirs[i]?.id, name: h.name, relation: h.relation, nik: h.nik ? maskNik(h.nik) : null })) },
      },
    ];
    if (death) {
      const ended = await endEnrolmentsForDeath(tx, person.id, input.incidentDate, actor.username);
      for (const e of ended) {
        audit.push({
          action: 'status',
          entityType: 'enrolment',
          entityId: String(e.id),
          regionCode: e.village_code,
          before: { status: e.status, end_date: e.end_date },
          after: { status: 'ended', end_date: input.incidentDate, reason: 'death', claimId: c.id },
        });
      }
      audit.push({
        action: 'record_death',
        entityType: 'worker',
        entityId: String(person.id),
        regionCode: person.village_code,
        before: { died_on: person.died_on },
        after: { died_on: input.incidentDate, claimId: c.id, endedEnrolments: ended.map((e) => e.id) },
      });
    }
    return { result: c.id, audit };
  });
}

/** Moves a claim (its scope was checked by the route) along the workflow; 409 with the allowed steps otherwise. */
export async function transition(db: Db, user: SessionUser, id: number, input: ClaimTransition): Promise<ClaimDetail> {
  await moveClaim(db, actorOf(user), id, input);
  return claimView(db, user, await loadClaim(db, id));
}

export async function moveClaim(db: Db, actor: Actor, id: number, input: ClaimTransition): Promise<void> {
  const today = todayWib();
  await audited(db, actor, async (tx) => {
    const c = await lockClaim(tx, id);
    const from = c.step;
    const check = checkClaimTransition(from, input.to);
    if (!check.ok) throw new AppError(409, 'TRANSITION_NOT_ALLOWED', check.message, 'body.to', undefined, { from, to: input.to, allowed: [...check.allowed] });
    const date = input.date ?? today;
    if (date > today) throw errors.invalid('body.date', 'DATE_IN_FUTURE', { id: 'Tanggal langkah tidak boleh di masa depan.', en: 'The step date cannot be in the future.' });
    if (date < c.step_date) {
      throw errors.invalid('body.date', 'DATE_BEFORE_PREVIOUS_STEP', {
        id: `Tanggal langkah tidak boleh sebelum langkah sebelumnya (${dmy(c.step_date)}).`,
        en: `The step date cannot be before the previous step (${dmy(c.step_date)}).`,
      });
    }
    const set: Parameters<typeof updateClaim>[2] = { step: input.to, step_date: date };
    if (input.to === 'documents_complete') {
      const docs = await claimDocuments(tx, id);
      const missing = missingDocuments(c.type, c.traffic_accident, new Set(docs.map((d) => d.item)));
      if (missing.length) {
        throw new AppError(
          409,
          'DOCUMENTS_MISSING',
          { id: `Dokumen belum lengkap: ${missing.map((m) => m.label.id).join('; ')}.`, en: `Documents missing: ${missing.map((m) => m.label.en).join('; ')}.` },
          'body.to',
          undefined,
          { missing: missing.map((m) => m.code) },
        );
      }
    }
    if (input.to === 'paid') {
      if (input.paidAmount === undefined) throw errors.invalid('body.paidAmount', 'PAID_AMOUNT_REQUIRED', { id: 'Isi jumlah yang dibayar BPJS TK.', en: 'Enter the amount BPJS TK paid.' });
      set.paid_amount = input.paidAmount;
      set.paid_on = date;
    }
    if (input.to === 'rejected') {
      if (!input.note) throw errors.invalid('body.note', 'REJECTION_REASON_REQUIRED', { id: 'Tulis alasan penolakan.', en: 'Write the reason for the rejection.' });
      set.rejection_reason = input.note;
    }
    if (input.deathRefuted && (input.to !== 'rejected' || !isDeath(c.type))) {
      throw errors.invalid('body.deathRefuted', 'DEATH_REFUTED_ONLY_ON_REJECTION', {
        id: 'deathRefuted hanya untuk penolakan klaim kematian.',
        en: 'deathRefuted is only for rejecting a death claim.',
      });
    }
    const after = await updateClaim(tx, id, set);
    await insertClaimStep(tx, { claim_id: id, from_step: from, step: input.to, step_date: date, note: input.note ?? '', by_username: actor.username });
    const audit: AuditEntry[] = [{ action: 'claim_step', entityType: 'claim', entityId: String(id), regionCode: c.region_code, before: { step: from, step_date: c.step_date, paid_amount: c.paid_amount }, after: { ...set, note: input.note ?? '' } }];
    if (input.deathRefuted) {
      // the death was not real: re-enrolment is possible again; the ended enrolments stay ended (the operator re-enrols)
      await clearDeath(tx, c.person_id);
      audit.push({ action: 'death_refuted', entityType: 'worker', entityId: String(c.person_id), regionCode: c.region_code, before: { died_on: c.incident_date, claimId: id }, after: { died_on: null, note: input.note } });
    }
    void after;
    return { result: null, audit };
  });
}

/** The hand-over of the money to the heirs (who, where, when): only once BPJS TK has paid. */
export async function recordHandover(db: Db, user: SessionUser, id: number, input: Handover): Promise<ClaimDetail> {
  await handOver(db, actorOf(user), id, input);
  return claimView(db, user, await loadClaim(db, id));
}

export async function handOver(db: Db, actor: Actor, id: number, input: Handover): Promise<void> {
  const today = todayWib();
  await audited(db, actor, async (tx) => {
    const c = await lockClaim(tx, id);
    if (c.paid_amount === null || !(['paid', 'closed'] as ClaimStep[]).includes(c.step)) {
      throw errors.conflict('CLAIM_NOT_PAID', { id: 'Serah terima dicatat setelah BPJS TK membayar klaim.', en: 'The hand-over is recorded once BPJS TK has paid the claim.' }, 'body');
    }
    if (input.date > today) throw errors.invalid('body.date', 'DATE_IN_FUTURE', { id: 'Tanggal serah terima tidak boleh di masa depan.', en: 'The hand-over date cannot be in the future.' });
    if (input.date < c.paid_on!) {
      throw errors.invalid('body.date', 'HANDOVER_BEFORE_PAYMENT', { id: `Serah terima tidak boleh sebelum pembayaran (${dmy(c.paid_on!)}).`, en: `The hand-over cannot be before the payment (${dmy(c.paid_on!)}).` });
    }
    const set = { handed_over_by: input.by, handed_over_place: input.place, handed_over_on: input.date, handover_note: input.note ?? '' };
    await updateClaim(tx, id, set);
    return {
      result: null,
      audit: [
        {
          action: 'claim_handover',
          entityType: 'claim',
          entityId: String(id),
          regionCode: c.region_code,
          before: { handed_over_by: c.handed_over_by, handed_over_place: c.handed_over_place, handed_over_on: c.handed_over_on },
          after: set,
        },
      ],
    };
  });
}

/** One heir's full NIK, phone and bank account; every look is audited (like the registry's view_nik). */
export async function revealHeir(db: Db, user: SessionUser, claimId: number, heirId: number) {
  const c = await loadClaim(db, claimId);
  const h = await findHeir(db, claimId, heirId);
  if (!h) throw errors.notFound({ id: 'Ahli waris', en: 'Heir' });
  await recordAudit(db, actorOf(user), { action: 'view_heir', entityType: 'claim', entityId: String(claimId), regionCode: c.region, before: null, after: { heirId } });
  return { id: h.id, nik: h.nik, phone: h.phone, bankAccount: h.bank_account };
}

// ── documents ─────────────────────────────────────────────────────────────────────────────────────

export const MAX_CLAIM_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Files that are not on a checklist: the hand-over photo and anything else the case needs. */
export const EXTRA_ITEMS = ['HANDOVER_PHOTO', 'OTHER'] as const;
const documentDir = (dataDir: string) => join(dataDir, 'claims');

/** Ticks a checklist item with a file (PDF, PNG or JPEG, recognised by its content). */
export async function addDocument(db: Db, dataDir: string, user: SessionUser, claimId: number, item: string, file: { filename: string; data: Buffer }): Promise<ClaimDetail> {
  const c = await loadClaim(db, claimId);
  const codes = new Set<string>([...checklistFor(c.type, c.trafficAccident).map((d) => d.code), ...EXTRA_ITEMS]);
  if (!codes.has(item)) {
    throw errors.invalid('item', 'CHECKLIST_ITEM_UNKNOWN', {
      id: `Butir "${item}" tidak ada di daftar dokumen klaim ${c.type}.`,
      en: `Item "${item}" is not on the ${c.type} claim checklist.`,
    });
  }
  if ((['rejected', 'closed'] as ClaimStep[]).includes(c.step)) {
    throw errors.conflict('CLAIM_SETTLED', { id: 'Klaim sudah ditolak atau ditutup; dokumen tidak bisa ditambah.', en: 'The claim is rejected or closed; no documents can be added.' });
  }
  const kind = DOCUMENT_SIGNATURES.find((s) => s.test(file.data));
  if (!kind) {
    throw new AppError(415, 'DOCUMENT_TYPE', { id: 'Dokumen harus PDF, PNG atau JPEG. Pindai atau simpan ulang sebagai PDF.', en: 'Documents must be PDF, PNG or JPEG. Scan or save the document as PDF.' }, 'file');
  }
  const filename = file.filename.replace(/[^\w.\- ()]/g, '_').slice(0, 120) || `dokumen.${kind.ext}`;
  const key = `${randomUUID()}.${kind.ext}`;
  await mkdir(documentDir(dataDir), { recursive: true });
  const path = join(documentDir(dataDir), key);
  await writeFile(path, file.data, { flag: 'wx' });
  try {
    await audited(db, actorOf(user), async (tx) => {
      const d = await insertDocument(tx, {
        claim_id: c.id,
        item,
        filename,
        content_type: kind.type,
        size_bytes: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        storage_key: key,
        uploaded_by: user.username,
      });
      return {
        result: d.id,
        audit: [{ action: 'claim_document', entityType: 'claim', entityId: String(c.id), regionCode: c.region, before: null, after: { documentId: d.id, item, filename, contentType: kind.type, sizeBytes: d.size_bytes, sha256: d.sha256 } }],
      };
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return claimView(db, user, await loadClaim(db, claimId));
}

export async function readDocument(db: Db, dataDir: string, claimId: number, documentId: number) {
  const d = await findDocument(db, claimId, documentId);
  if (!d) throw errors.notFound({ id: 'Dokumen', en: 'Document' });
  return { doc: d, data: await readFile(join(documentDir(dataDir), d.storage_key)) };
}

/** The cover letter to the BPJS TK branch, from the template with the case's data. */
export async function claimLetter(db: Db, user: SessionUser, claimId: number, demo: boolean) {
  const view = await claimView(db, user, await loadClaim(db, claimId));
  const facts = await letterFacts(db, claimId);
  const pdf = await renderClaimLetter({ claim: view, villageName: facts.villageName, regencyName: facts.regencyName, kpj: facts.kpj, signer: user.displayName, date: todayWib(), demo });
  return { pdf, filename: `surat-pengantar-klaim-${claimId}.pdf` };
}

// ── impact ────────────────────────────────────────────────────────────────────────────────────────

/** What a region's claims show for a year: money to families by type, group and payer, and what the uncovered lost. */
export async function impact(db: Db, region: string, year: number): Promise<Impact> {
  const r = await impactRows(db, region, year);
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  const counts = (a: { claims: string; paid: string; paid_total: string; families: string }) => ({ claims: n(a.claims), paid: n(a.paid), paidTotal: n(a.paid_total), families: n(a.families) });
  const contributions = new Map(r.contributions.map((c) => [c.key, n(c.s)]));
  const payers = new Map(r.byPayer.map((p) => [p.key ?? 'UNKNOWN', { ...counts(p), contributionsPaid: contributions.get(p.key ?? '') ?? 0 }]));
  for (const [key, s] of contributions) if (!payers.has(key)) payers.set(key, { claims: 0, paid: 0, paidTotal: 0, families: 0, contributionsPaid: s });
  const totals = { claims: n(r.total.claims), paidTotal: n(r.total.paid_total), families: n(r.total.families) };
  return {
    regionCode: region,
    year,
    ...totals,
    byType: r.byType.map((t) => ({ type: t.key as ClaimType, label: CLAIM_TYPE_LABELS[t.key as ClaimType].id, ...counts(t) })),
    byStep: r.byStep.map((s) => ({ step: s.key as ClaimStep, label: CLAIM_STEP_LABELS[s.key as ClaimStep].id, claims: n(s.claims) })),
    byGroup: r.byGroup.map((g) => ({ group: g.key ?? 'UNKNOWN', label: g.key ? GROUP_LABELS[g.key as Group] ?? g.key : 'Tidak terdaftar', ...counts(g) })),
    byPayer: [...payers].map(([key, v]) => ({ payerType: key, label: PAYER_LABELS[key as PayerType] ?? 'Tidak diketahui', ...v })),
    uncovered: { incidents: n(r.uncovered.n), forgoneBenefit: n(r.uncovered.s) },
  };
}
