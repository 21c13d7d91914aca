import { todayWib } from '../../domain/wib.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { checkMove, MANUAL_MOVES, normalizeKpj } from '../../domain/enrolment-status.js';
import type { EnrolmentStatus } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { findEnrolment, kpjHeldByOther, moveEnrolment } from './queries.js';
import type { EnrolmentStatusView, StatusChange } from './schemas.js';

/**
 * Moves one enrolment along submitted → registered → active → ended (src/domain/enrolment-status.ts),
 * with its KPJ, dated history and audit. The route's entity rule (enrolmentScope) has checked its region.
 */
export async function changeEnrolmentStatus(db: Db, user: SessionUser, id: number, change: StatusChange): Promise<EnrolmentStatusView> {
  const before = await findEnrolment(db, id);
  if (!before) throw errors.notFound({ id: 'Kepesertaan', en: 'Enrolment' });
  const kpj = change.kpj !== undefined && change.kpj !== '' ? normalizeKpj(change.kpj) : before.kpj;
  const from = before.status;
  const problem = checkMove(from, change.to, kpj);
  if (problem?.code === 'STATUS_MOVE_NOT_ALLOWED') {
    throw new AppError(409, problem.code, problem.message, 'body.to', undefined, { from, allowed: MANUAL_MOVES[from] });
  }
  if (problem) throw errors.invalid('body.kpj', problem.code, problem.message);
  if (change.to === 'ended' && change.date && change.date < before.start_date) {
    throw errors.invalid('body.date', 'END_BEFORE_START', {
      id: `Tanggal berakhir sebelum tanggal mulai (${before.start_date}).`,
      en: `The end date is before the start date (${before.start_date}).`,
    });
  }
  if (kpj && kpj !== before.kpj && (await kpjHeldByOther(db, kpj, before.person_id))) {
    throw errors.conflict('KPJ_TAKEN', { id: `KPJ ${kpj} sudah dipakai orang lain.`, en: `KPJ ${kpj} belongs to someone else.` }, 'body.kpj');
  }
  const day = change.date ?? todayWib();
  const e = await audited(db, user, async (tx) => {
    const after = await moveEnrolment(tx, id, {
      to: change.to,
      kpj,
      ...(change.to === 'active' && change.date ? { startDate: change.date } : {}),
      ...(change.to === 'ended' ? { endDate: day } : {}),
      changedBy: user.username,
      reason: change.note ?? null,
    });
    return {
      result: after,
      audit: [{ action: 'status', entityType: 'enrolment', entityId: String(id), regionCode: after.village_code, before, after }],
    };
  });
  return { id: e.id, status: e.status as EnrolmentStatus, kpj: e.kpj, startDate: e.start_date, endDate: e.end_date };
}
