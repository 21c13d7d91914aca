import { sql } from 'kysely';
import { normalizeKpj, KPJ_PATTERN } from '../../../domain/enrolment-status.js';
import { normalizeNik } from '../../../domain/nik.js';
import type { Db } from '../../../db/client.js';
import type { ColumnSpec, SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate } from '../../../lib/spreadsheet/values.js';
import type { Tx } from '../../../db/tx.js';
import type { ImportKind, ImportProblem, StagedRow } from '../../imports/kind.js';
import { templateBook, withInstructions } from '../../imports/template-kit.js';

/**
 * BPJS TK's list of the participants it registered (NIK → KPJ, active from): the branch officer turns
 * a region's submitted list into active participants in one upload (issue #3, "KPJ once known").
 */
const COLUMNS: ColumnSpec[] = [
  { key: 'nik', header: 'NIK', aliases: ['No NIK', 'Nomor NIK', 'No KTP'] },
  { key: 'kpj', header: 'KPJ', aliases: ['No KPJ', 'Nomor KPJ', 'Nomor Peserta', 'No Peserta'] },
  { key: 'activeFrom', header: 'Tanggal Aktif', aliases: ['Tgl Aktif', 'Tanggal Kepesertaan', 'Tanggal Efektif'], optional: true },
];

interface StagedRegistration extends StagedRow {
  nik: string | null;
  kpj: string;
  activeFrom: string | null;
}

function stage(row: SheetRow): StagedRegistration {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const nik = normalizeNik(typeof c.nik === 'number' ? c.nik : cellText(c.nik));
  if ('error' in nik) problems.push({ column: 'NIK', code: nik.error.code, id: nik.error.message.id, en: nik.error.message.en });
  const kpj = normalizeKpj(c.kpj);
  if (!KPJ_PATTERN.test(kpj)) problems.push({ column: 'KPJ', code: 'KPJ_INVALID', id: `Nomor KPJ "${kpj}" harus 11 digit.`, en: `KPJ "${kpj}" must be 11 digits.` });
  const date = cellText(c.activeFrom) ? parseDate(c.activeFrom) : null;
  if (date && 'error' in date) {
    problems.push({ column: 'Tanggal Aktif', code: 'DATE_INVALID', id: `Tanggal aktif "${cellText(c.activeFrom)}" tidak terbaca; tulis dd/mm/yyyy.`, en: `Active date "${cellText(c.activeFrom)}" is unreadable; write dd/mm/yyyy.` });
  }
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: problems.length ? 'rejected' : 'valid',
    problems,
    nik: 'nik' in nik ? nik.nik : null,
    kpj,
    activeFrom: date && 'date' in date ? date.date : null,
  };
}

async function insertStaged(db: Db, importId: number, rows: StagedRegistration[]) {
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

/** The person of each valid row, inside the uploader's region (the job's region). */
const personInScope = (importId: number) => sql`
  SELECT p.id FROM person p JOIN import_job j ON j.id = ${importId}
  WHERE p.nik = r.nik AND (j.region_code = 'ID' OR p.village_code = j.region_code OR starts_with(p.village_code, j.region_code || '.'))`;

async function againstRegistry(db: Db | Tx, importId: number) {
  await mark(db, importId, 'rejected', 'NOT_IN_REGISTRY', 'NIK ini belum terdaftar di Semesta dalam wilayah Anda.', 'This NIK is not in the registry within your region.', sql`NOT EXISTS (${personInScope(importId)})`);
  await mark(db, importId, 'rejected', 'KPJ_TAKEN', 'Nomor KPJ ini sudah dipakai orang lain.', 'This KPJ belongs to someone else.',
    sql`EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE e.kpj = r.kpj AND p.nik <> r.nik)`);
  await mark(db, importId, 'already_registered', 'ALREADY_ACTIVE', 'Sudah aktif dengan KPJ ini.', 'Already active with this KPJ.',
    sql`NOT EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status IN ('submitted', 'registered'))
        AND EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status = 'active' AND e.kpj = r.kpj)`);
  await mark(db, importId, 'rejected', 'NO_ENROLMENT_TO_ACTIVATE', 'Orang ini tidak punya kepesertaan yang menunggu pendaftaran BPJS TK.', 'This person has no enrolment waiting for BPJS TK registration.',
    sql`NOT EXISTS (SELECT 1 FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.nik = r.nik AND e.status IN ('submitted', 'registered'))`);
}

export const registrationImport: ImportKind<StagedRegistration, null> = {
  key: 'registrations',
  basePath: '/api/registration-imports',
  label: { id: 'pendaftaran-bpjs', en: 'BPJS TK registrations' },
  permissions: { read: 'worker:read', write: 'worker:write' },
  columns: COLUMNS,
  textColumns: ['nik', 'kpj'],
  identityColumns: ['nik', 'kpj'],
  stagingTable: 'registration_import_row',
  context: async () => null,
  stage: (row) => stage(row),
  insertStaged,
  async classify(db, importId) {
    await sql`
      UPDATE registration_import_row r SET outcome = 'duplicate_in_file',
        problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'NIK', 'code', 'DUPLICATE_IN_FILE',
          'id', 'NIK yang sama sudah ada di baris ' || d.first_row || ' berkas ini.', 'en', 'The same NIK is already on row ' || d.first_row || ' of this file.'))
      FROM (SELECT nik, min(row_number) AS first_row FROM registration_import_row WHERE import_id = ${importId} AND outcome = 'valid' GROUP BY nik HAVING count(*) > 1) d
      WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.nik = d.nik AND r.row_number > d.first_row`.execute(db);
    await againstRegistry(db, importId);
  },
  reclassify: againstRegistry,
  async commit(tx, importId, user) {
    // Every enrolment of the person waiting for BPJS TK becomes active with the KPJ, from the given date.
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
  },
  parsedCells: (r) => ({ nik: r.nik, kpj: r.kpj, activeFrom: typeof r.active_from === 'string' ? r.active_from.split('-').reverse().join('/') : null }),
  async template() {
    const { wb, ws } = templateBook('Pendaftaran BPJS TK', COLUMNS, ['nik', 'kpj', 'activeFrom']);
    ws.addRow({ nik: '3202011505900001', kpj: '24012345678', activeFrom: '01/07/2025' });
    return withInstructions(wb, [
      'PETUNJUK — daftar peserta yang sudah didaftarkan BPJS Ketenagakerjaan',
      '1. Satu baris per orang: NIK (16 digit, sebagai teks), KPJ (11 digit) dan tanggal mulai aktif (dd/mm/yyyy, boleh kosong).',
      '2. Semua kepesertaan orang itu yang masih menunggu pendaftaran (diajukan/terdaftar) menjadi aktif dengan KPJ ini.',
      '3. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /$^/,
};
