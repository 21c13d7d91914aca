import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Actor, Tx } from '../../../db/tx.js';
import { LAPSE_SEGMENT, LAPSED_STATUS, lapseReason } from '../../../domain/lapse.js';
import { rateAt } from '../../../domain/rates.js';
import { loadSnapshot } from '../rates/queries.js';
import { todayWib } from '../rates/service.js';

const OPEN = sql`('submitted', 'registered', 'active')`;

/** Unpaid months after which a BPU enrolment lapses (a date-effective rate). */
export async function lapseMonths(db: Db | Tx, date = todayWib()): Promise<number> {
  return rateAt(await loadSnapshot(db), 'BPU_LAPSE_MONTHS', date).value;
}

/**
 * The lapse rule of src/domain/lapse.ts (`hasLapsed`), set-based: BPU enrolments of a programme with `months` or more unpaid lines past their due date lapse:
 * status history kept; a lapsed enrolment no longer holds its programmes (decisions.md 18), so
 * another payer may then take the person. Lapsed ones whose arrears are all paid become active again
 * where their programmes are still free; where another enrolment holds one meanwhile they stay lapsed
 * (counted as `blocked`).
 */
export async function evaluateLapses(tx: Tx, actor: Actor, programId: number, asOf = todayWib()) {
  const months = await lapseMonths(tx, asOf);
  const lapsed = (
    await sql<{ n: string }>`
      WITH overdue AS (
        SELECT l.enrolment_id FROM bill b JOIN bill_line l ON l.bill_id = b.id
        WHERE b.funding_program_id = ${programId} AND l.enrolment_id > b.paid_through AND b.due_date < ${asOf}::date
        GROUP BY l.enrolment_id HAVING count(*) >= ${months}
      ), lapsed AS (
        UPDATE enrolment e SET status = ${LAPSED_STATUS}, updated_at = now() FROM overdue o
        -- only protection that was running can lapse (a submitted or registered enrolment was never active)
        WHERE e.id = o.enrolment_id AND e.segment = ${LAPSE_SEGMENT} AND e.status = 'active'
        RETURNING e.id
      ), history AS (
        INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
        SELECT id, ${LAPSED_STATUS}, ${actor.username}, ${lapseReason(months)} FROM lapsed
      )
      SELECT count(*) AS n FROM lapsed`.execute(tx)
  ).rows[0]!;
  const back = (
    await sql<{ n: string; blocked: string }>`
      WITH candidate AS (
        SELECT e.id, e.person_id, e.programs, e.funding_source FROM enrolment e
        WHERE e.funding_program_id = ${programId} AND e.status = 'lapsed' AND e.segment = 'BPU'
          -- only enrolments that lapsed for unpaid contributions come back when paid
          AND (SELECT h.reason FROM enrolment_status_history h WHERE h.enrolment_id = e.id ORDER BY h.id DESC LIMIT 1) LIKE 'unpaid%'
          AND NOT EXISTS (
            SELECT 1 FROM bill b JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
            WHERE b.funding_program_id = ${programId} AND l.enrolment_id > b.paid_through AND b.due_date < ${asOf}::date)
      ), free AS (
        -- one per person, and only where no other open enrolment holds one of its programmes
        -- (the partial unique indexes enrolment_open_* would refuse it)
        SELECT DISTINCT ON (c.person_id) c.* FROM candidate c
        WHERE NOT EXISTS (
          SELECT 1 FROM enrolment o
          WHERE o.person_id = c.person_id AND o.id <> c.id AND o.status IN ${OPEN} AND o.programs && c.programs)
        ORDER BY c.person_id, c.id
      ), back AS (
        UPDATE enrolment e SET status = 'active', updated_at = now() FROM free
        WHERE e.id = free.id RETURNING e.id
      ), history AS (
        INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
        SELECT id, 'active', ${actor.username}, 'arrears_paid' FROM back
      )
      SELECT (SELECT count(*) FROM back) AS n, (SELECT count(*) FROM candidate) - (SELECT count(*) FROM free) AS blocked`.execute(tx)
  ).rows[0]!;
  return { lapsed: Number(lapsed.n), reactivated: Number(back.n), blocked: Number(back.blocked) };
}

/** The programmes a sweep visits: active BPU ones (only BPU enrolments lapse). */
export async function activeBpuPrograms(db: Db) {
  return db.selectFrom('funding_program').select(['id', 'region_code']).where('status', '=', 'active').where('segment', '=', 'BPU').orderBy('id').execute();
}
