import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { maskNik, maskPersonalData } from '../../domain/nik.js';
import { can } from '../../domain/roles.js';
import { todayWib } from '../../domain/wib.js';
import type { EnrolmentStatus, Group, Program, Segment } from '../../domain/worker.js';
import type { Sex } from '../../domain/nik.js';
import { errors } from '../../lib/errors.js';
import { coverOf, enrolmentsOf, historiesOf, personTrail, personWithVillage } from './queries.js';
import type { FileEnrolment, PersonAudit, WorkerFile } from './schemas.js';

const iso = (t: Date | string) => new Date(t).toISOString();

/**
 * One person as the worker page shows them: every enrolment (newest first) with its dated status
 * history, its funding programme and the recent months of cover with the payment that paid each. The
 * route's entity rule (personScope) has checked the region; the NIK is always masked here.
 */
export async function workerFile(db: Db, user: SessionUser, id: number): Promise<WorkerFile> {
  const p = await personWithVillage(db, id);
  if (!p) throw errors.notFound({ id: 'Pekerja', en: 'Worker' });
  const rows = await enrolmentsOf(db, id);
  const ids = rows.map((e) => Number(e.id));
  const [histories, months] = await Promise.all([historiesOf(db, ids), coverOf(db, ids)]);
  const today = todayWib();
  const enrolments: FileEnrolment[] = rows.map((e) => {
    const mine = months.filter((m) => Number(m.enrolment_id) === Number(e.id)).reverse();
    return {
      id: Number(e.id),
      segment: e.segment as Segment,
      group: e.group_code as Group,
      programs: e.programs as Program[],
      status: e.status as EnrolmentStatus,
      kpj: e.kpj,
      startDate: String(e.start_date),
      endDate: e.end_date === null ? null : String(e.end_date),
      createdAt: iso(e.created_at),
      declaredIncome: e.declared_income === null ? null : Number(e.declared_income),
      fundingSource: e.funding_source,
      fundingProgram: e.program_id === null ? null : { id: Number(e.program_id), name: e.program_name!, regionCode: e.program_region! },
      history: histories
        .filter((h) => Number(h.enrolment_id) === Number(e.id))
        .map((h) => ({ status: h.status as EnrolmentStatus, changedAt: iso(h.changed_at), changedBy: h.changed_by, reason: h.reason })),
      months: mine.map((m) => ({
        month: m.month,
        billId: Number(m.bill_id),
        dueDate: m.due_date,
        amount: Number(m.amount),
        paidOn: m.paid_on,
        paymentReference: m.paid_on === null ? null : (m.reference ?? ''),
        paymentId: m.payment_id === null ? null : Number(m.payment_id),
      })),
      olderMonths: mine.length ? Number(mine[0]!.total) - mine.length : 0,
      arrears: mine.filter((m) => m.paid_on === null && m.due_date < today).reduce((a, m) => a + Number(m.amount), 0),
    };
  });
  const masked = !can(user.role, 'worker:nik');
  return {
    id: Number(p.id),
    nik: maskNik(p.nik),
    name: p.name,
    birthDate: masked ? null : String(p.birth_date),
    sex: masked ? null : (p.sex as Sex),
    villageCode: p.village_code,
    villageName: p.village_name,
    address: p.address,
    phone: p.phone,
    occupation: p.occupation,
    createdAt: iso(p.created_at),
    enrolments,
  };
}

/** The person's audit trail inside the caller's region, payloads masked for roles without worker:nik (decision 60). */
export async function workerTrail(db: Db, user: SessionUser, id: number, limit: number, beforeId?: number): Promise<PersonAudit> {
  const enrolmentIds = (await db.selectFrom('enrolment').select('id').where('person_id', '=', id).execute()).map((e) => Number(e.id));
  const rows = await personTrail(db, user.regionCode, id, enrolmentIds, limit, beforeId);
  const masked = !can(user.role, 'worker:nik');
  const items = rows.map((r) => ({
    id: String(r.id),
    at: iso(r.at),
    actor: r.actor_username,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: masked ? maskPersonalData(r.before) : r.before,
    after: masked ? maskPersonalData(r.after) : r.after,
  }));
  return { items, nextBeforeId: items.length === limit ? items[items.length - 1]!.id : null };
}
