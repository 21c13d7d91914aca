import { sql } from 'kysely';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { checkMove, MANUAL_MOVES, normalizeKpj } from '../../domain/enrolment-status.js';
import { inSubtree } from '../../domain/region-code.js';
import type { EnrolmentStatus } from '../../domain/worker.js';
import { AppError, errors } from '../../lib/errors.js';
import { audited } from '../../db/tx.js';
import { actorOf } from './service.js';

export interface StatusChange {
  to: EnrolmentStatus;
  kpj?: string | undefined;
  /** the day protection starts (active) or stops (ended); today (WIB) when absent */
  date?: string | undefined;
  note?: string | undefined;
}

/**
 * Moves one enrolment along submitted → registered → active → ended (src/domain/enrolment-status.ts),
 * with its KPJ, dated history and audit. An enrolment outside the caller's region reads as absent.
 */
export async function changeEnrolmentStatus(db: Db, user: SessionUser, id: number, change: StatusChange) {
  const before = await db.selectFrom('enrolment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before || !inSubtree(user.regionCode, before.village_code)) throw errors.notFound({ id: `Kepesertaan ${id}`, en: `Enrolment ${id}` });
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
  if (kpj && kpj !== before.kpj) {
    const taken = await db.selectFrom('enrolment').select('id').where('kpj', '=', kpj).where('person_id', '<>', before.person_id).executeTakeFirst();
    if (taken) throw errors.conflict('KPJ_TAKEN', { id: `KPJ ${kpj} sudah dipakai orang lain.`, en: `KPJ ${kpj} belongs to someone else.` }, 'body.kpj');
  }
  const day = change.date ?? sql<string>`(now() AT TIME ZONE 'Asia/Jakarta')::date`;
  return audited(db, actorOf(user), async (tx) => {
    const after = await tx
      .updateTable('enrolment')
      .set({
        status: change.to,
        kpj,
        ...(change.to === 'active' && change.date ? { start_date: change.date } : {}),
        ...(change.to === 'ended' ? { end_date: day } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('enrolment_status_history').values({ enrolment_id: id, status: change.to, changed_by: user.username, reason: change.note ?? null }).execute();
    return {
      result: after,
      audit: [{ action: 'status', entityType: 'enrolment', entityId: String(id), regionCode: after.village_code, before, after }],
    };
  });
}
