import type { SessionUser } from '../../../access/session-user.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import { capacity } from '../../../domain/funding.js';
import { inSubtree } from '../../../domain/region-code.js';
import { can } from '../../../domain/roles.js';
import { AppError } from '../../../lib/errors.js';
import { findProgram } from '../programs/queries.js';
import { budgetFigures } from './service.js';

/**
 * Would `extra` more enrolments overrun the programme's quota or budget? Refused (409
 * FUNDING_CAPACITY_EXCEEDED) unless `confirm` is set by a role allowed to override.
 * For the single entry and for an import (the lead wires the import: call with extra = its new rows).
 */
export async function checkCapacity(db: Db | Tx, user: SessionUser, programId: number, extra: number, confirm: boolean, field = 'body.enrolment.fundingProgramId') {
  const found = await programCapacity(db, programId, extra);
  if (!found) throw new AppError(422, 'FUNDING_PROGRAM_UNKNOWN', { id: `Program pendanaan ${programId} tidak ada.`, en: `Funding programme ${programId} does not exist.` }, field);
  const { program: p, check: c } = found;
  if (!c.message) return { program: p, overridden: false };
  if (confirm && can(user.role, 'funding:override')) return { program: p, overridden: true, message: c.message };
  throw new AppError(409, 'FUNDING_CAPACITY_EXCEEDED', c.message, field, undefined, {
    overQuota: c.overQuota,
    overBudget: c.overBudget,
    canConfirm: can(user.role, 'funding:override'),
  });
}

/** The programme and whether `extra` more enrolments would overrun its quota or budget (no decision). */
export async function programCapacity(db: Db | Tx, programId: number, extra: number) {
  const p = await findProgram(db, programId);
  if (!p) return undefined;
  const f = await budgetFigures(db, p);
  const check = capacity({ budget: f.budget, quota: f.quota, enrolled: f.enrolled, billedThisYear: f.billed, monthlyCost: f.monthlyCost, remainingMonths: f.remainingMonths }, extra);
  return { program: p, check };
}

/**
 * Checks a funding programme chosen for a new enrolment: it exists, is active, pays for this
 * segment, and covers the worker's village (its owner region contains the village). Then capacity.
 */
export async function checkProgramForEnrolment(tx: Tx, user: SessionUser, e: { fundingProgramId: number; segment: string; villageCode: string; confirmOverCapacity?: boolean }) {
  const field = 'body.enrolment.fundingProgramId';
  const p = await findProgram(tx, e.fundingProgramId);
  if (!p || !inSubtree(p.region_code, e.villageCode)) {
    throw new AppError(422, 'FUNDING_PROGRAM_NOT_FOR_REGION', {
      id: `Program pendanaan ${e.fundingProgramId} tidak ada atau tidak membiayai desa ${e.villageCode}.`,
      en: `Funding programme ${e.fundingProgramId} does not exist or does not pay for village ${e.villageCode}.`,
    }, field);
  }
  if (p.status !== 'active') throw new AppError(422, 'FUNDING_PROGRAM_CLOSED', { id: `Program "${p.name}" sudah ditutup.`, en: `Programme "${p.name}" is closed.` }, field);
  if (p.segment !== e.segment) {
    throw new AppError(422, 'FUNDING_PROGRAM_SEGMENT', { id: `Program "${p.name}" membiayai segmen ${p.segment}, bukan ${e.segment}.`, en: `Programme "${p.name}" pays for ${p.segment}, not ${e.segment}.` }, field);
  }
  return (await checkCapacity(tx, user, p.id, 1, e.confirmOverCapacity ?? false, field)).program;
}
