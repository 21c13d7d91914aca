import { sql } from 'kysely';
import { inRegion } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';

/** Months of cover shown per enrolment on the worker page (three years). */
export const FILE_MONTHS = 36;

export function personWithVillage(db: Db, id: number) {
  return db
    .selectFrom('person as p')
    .innerJoin('region as v', 'v.code', 'p.village_code')
    .select(['p.id', 'p.nik', 'p.name', 'p.birth_date', 'p.sex', 'p.village_code', 'v.name as village_name', 'p.address', 'p.phone', 'p.occupation', 'p.created_at'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export function enrolmentsOf(db: Db, personId: number) {
  return db
    .selectFrom('enrolment as e')
    .leftJoin('funding_program as f', 'f.id', 'e.funding_program_id')
    .select([
      'e.id', 'e.segment', 'e.group_code', 'e.programs', 'e.status', 'e.kpj', 'e.start_date', 'e.end_date', 'e.created_at', 'e.declared_income', 'e.funding_source',
      'f.id as program_id', 'f.name as program_name', 'f.region_code as program_region',
    ])
    .where('e.person_id', '=', personId)
    .orderBy('e.start_date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

export function historiesOf(db: Db, enrolmentIds: number[]) {
  if (!enrolmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('enrolment_status_history')
    .select(['enrolment_id', 'status', 'changed_at', 'changed_by', 'reason'])
    .where('enrolment_id', 'in', enrolmentIds)
    .orderBy('enrolment_id')
    .orderBy('id')
    .execute();
}

/**
 * Every billed month of these enrolments (one bill line each, by the primary key), newest FILE_MONTHS per
 * enrolment, with the payment whose allocation range covers the line, and how many older months exist.
 */
export async function coverOf(db: Db, enrolmentIds: number[]) {
  if (!enrolmentIds.length) return [];
  const r = await sql<{
    enrolment_id: string; bill_id: string; month: string; due_date: string; amount: string;
    paid_on: string | null; payment_id: string | null; reference: string | null; n: string; total: string;
  }>`
    SELECT l.enrolment_id, b.id AS bill_id, to_char(b.month, 'YYYY-MM') AS month, b.due_date::text AS due_date, l.amount,
           pa.paid_on::text AS paid_on, pa.payment_id, p.reference,
           row_number() OVER w AS n, count(*) OVER (PARTITION BY l.enrolment_id) AS total
    FROM enrolment e
    JOIN bill b ON b.funding_program_id = e.funding_program_id
    JOIN bill_line l ON l.bill_id = b.id AND l.enrolment_id = e.id
    LEFT JOIN LATERAL (
      SELECT a.paid_on, a.payment_id FROM payment_allocation a
      WHERE a.bill_id = b.id AND a.after_enrolment < l.enrolment_id AND a.through_enrolment >= l.enrolment_id
      ORDER BY a.through_enrolment LIMIT 1
    ) pa ON true
    LEFT JOIN payment p ON p.id = pa.payment_id
    WHERE e.id IN (${sql.join(enrolmentIds)})
    WINDOW w AS (PARTITION BY l.enrolment_id ORDER BY b.month DESC)`.execute(db);
  return r.rows.filter((m) => Number(m.n) <= FILE_MONTHS);
}

/**
 * The person's audit trail, newest first: rows about the person (entity worker) and about each of their
 * enrolments, inside the caller's region; keyset by id. Each half is an index range on
 * audit_log (entity_type, entity_id, id DESC).
 */
export function personTrail(db: Db, scope: string, personId: number, enrolmentIds: number[], limit: number, beforeId?: number) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'worker'), eb('entity_id', '=', String(personId))]),
        ...(enrolmentIds.length ? [eb.and([eb('entity_type', '=', 'enrolment'), eb('entity_id', 'in', enrolmentIds.map(String))])] : []),
      ]),
    )
    .where((eb) => inRegion(eb, 'region_code', scope))
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.execute();
}
