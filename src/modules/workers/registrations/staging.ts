import { sql } from 'kysely';
import type { SessionUser } from '../../../access/session-user.js';
import { inRegionSql } from '../../../access/subtree.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import type { StagedRow } from '../../imports/kind.js';

/** One row of BPJS TK's registration list after validation, as staged in registration_import_row. */
export interface StagedRegistration extends StagedRow {
  nik: string | null;
  kpj: string;
  activeFrom: string | null;
}

/** Stages a batch of rows in one statement (arrays unnested server-side). */
export async function insertStagedRegistrations(db: Db, importId: number, rows: StagedRegistration[]) {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedRegistration) => T) => rows.map(f);
  await sql`
    INSERT INTO registration_import_row (import_id, row_number, raw, outcome, problems, nik, kpj, active_from)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.nik, t.kpj, t.active_from::date
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.nik)}::text[], ${col((r) => r.kpj)}::text[], ${col((r) => r.activeFrom)}::text[])
      AS t(row_number, raw, outcome, problems, nik, kpj, active_from)`.execute(db);
}

/** Marks valid rows with an outcome and one message, set-based. */
const mark = (db: Db | Tx, importId: number, outcome: string, code: string, id: string, en: string, where: ReturnType<typeof sql>) =>
  sql`
    UPDATE registration_import_row r SET outcome = ${outcome},
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'NIK', 'code', ${code}::text, 'id', ${id}::text, 'en', ${en}::text))
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND ${where}`.execute(db);

/** A NIK repeated in the file: the first row stays, later ones are duplicate_in_file; then against the registry. */
export async function classifyRegistrations(db: Db | Tx, importId: number) {
  await sql`
    UPDATE registration_import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'NIK', 'code', 'DUPLICATE_IN_FILE',
        'id', 'NIK yang sama sudah ada di baris ' || d.first_row || ' berkas ini.', 'en', 'The same NIK is already on row ' || d.first_row || ' of this file.'))
    FROM (SELECT nik, min(row_number) AS first_row FROM registration_import_row WHERE import_id = ${importId} AND outcome = 'valid' GROUP BY nik HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.nik = d.nik AND r.row_number > d.first_row`.execute(db);
  await classifyRegistrationsAgainstRegistry(db, importId);
}

/** Run again at commit: the registry may have changed since validation. Only people in the uploader's region (the job's) count. */
export async function classifyRegistrationsAgainstRegistry(db: Db | Tx, importId: number) {
  const job = await db.selectFrom('import_job').select('region_code').where('id', '=', importId).executeTakeFirstOrThrow();
  const personInScope = sql`SELECT p.id FROM person p WHERE p.nik = r.nik AND ${inRegionSql('p.village_code', job.region_code)}`;
  await mark(db, importId, 'rejected', 'NOT_IN_REGISTRY', 'NIK ini belum terdaftar di Semesta dalam wilayah Anda.', 'This NIK is not in the registry within your region.', sql`NOT EXISTS (${personInScope})`);
  await mark(db, importId, 'rejected', 'KPJ_TAKEN', 'Nomor KPJ ini sudah dipakai orang lain.', 'This KPJ belongs to someone else.',
    sql`EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE e.kpj = r.kpj AND p.nik <> r.nik)`);
  await mark(db, importId, 'already_registered', 'ALREADY_ACTIVE', 'Sudah aktif dengan KPJ ini.', 'Already active with this KPJ.',
    sql`NOT EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status IN ('submitted', 'registered'))
        AND EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status = 'active' AND e.kpj = r.kpj)`);
  await mark(db, importId, 'rejected', 'NO_ENROLMENT_TO_ACTIVATE', 'Orang ini tidak punya kepesertaan yang menunggu pendaftaran BPJS TK.', 'This person has no enrolment waiting for BPJS TK registration.',
    sql`NOT EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status IN ('submitted', 'registered'))`);
}

/** Every enrolment of the person waiting for BPJS TK becomes active with the KPJ, from the given date, with its history. */
export async function activateRegistered(tx: Tx, importId: number, user: SessionUser) {
  const { rows } = await sql<{ n: number }>`
    WITH moved AS (
      UPDATE enrolment e SET kpj = r.kpj, status = 'active', start_date = coalesce(r.active_from, e.start_date), updated_at = now()
      FROM registration_import_row r JOIN person p ON p.nik = r.nik
      WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND e.person_id = p.id AND e.status IN ('submitted', 'registered')
      RETURNING e.id
    ), history AS (
      INSERT INTO enrolment_status_history (enrolment_id, status, changed_by, reason)
      SELECT id, 'active', ${user.username}, 'bpjs_registration_list' FROM moved
    )
    SELECT count(*)::int AS n FROM moved`.execute(tx);
  return { enrolments: rows[0]?.n ?? 0 };
}
