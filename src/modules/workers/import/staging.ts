import { sql } from 'kysely';
import { copyIn, copyText, type Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import { PERSON_ELSEWHERE, refuseRowsOutsideRegion } from '../../imports/scope.js';
import type { StagedWorker } from './stage-row.js';

/**
 * Stages a batch of rows in one statement (arrays unnested server-side, no per-row round trips). Valid
 * rows keep only their parsed columns: the cells as uploaded are kept for the rows the report gives back.
 */
export async function insertStagedRows(db: Db, importId: number, rows: StagedWorker[]): Promise<void> {
  if (rows.length === 0) return;
  // PostgreSQL: one COPY … FROM STDIN, no parameter arrays to build on either side (issue 13).
  if (await copyIn(db, COPY_STAGED, copyLines(importId, rows))) return;
  const col = <T>(f: (r: StagedWorker) => T) => rows.map(f);
  await sql`
    INSERT INTO import_row (import_id, row_number, raw, outcome, problems, nik, name, birth_date, sex, village_code, address,
                            phone, occupation, segment, group_code, programs, declared_income, funding_source, funding_program_id,
                            adhoc_role, polling_station)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.nik, t.name, t.birth_date::date, t.sex, t.village_code,
           t.address, t.phone, t.occupation, t.segment, t.group_code,
           CASE WHEN t.programs IS NULL THEN NULL ELSE string_to_array(t.programs, ',') END, t.declared_income, t.funding_source,
           t.funding_program_id, t.adhoc_role, t.polling_station
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[], ${col((r) => r.outcome)}::text[],
                ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[], ${col((r) => r.nik)}::text[],
                ${col((r) => r.name)}::text[], ${col((r) => r.birthDate)}::text[], ${col((r) => r.sex)}::text[],
                ${col((r) => r.villageCode)}::text[], ${col((r) => r.address)}::text[], ${col((r) => r.phone)}::text[],
                ${col((r) => r.occupation)}::text[], ${col((r) => r.segment)}::text[], ${col((r) => r.group)}::text[],
                ${col((r) => (r.programs ? r.programs.join(',') : null))}::text[], ${col((r) => r.declaredIncome)}::bigint[],
                ${col((r) => r.fundingSource)}::text[], ${col((r) => r.fundingProgramId)}::bigint[],
                ${col((r) => r.adhocRole ?? null)}::text[], ${col((r) => r.pollingStation ?? null)}::text[])
      AS t(row_number, raw, outcome, problems, nik, name, birth_date, sex, village_code, address, phone, occupation, segment,
           group_code, programs, declared_income, funding_source, funding_program_id, adhoc_role, polling_station)`.execute(db);
}

const COPY_STAGED = `COPY import_row (import_id, row_number, raw, outcome, problems, nik, name, birth_date, sex, village_code, address,
  phone, occupation, segment, group_code, programs, declared_income, funding_source, funding_program_id, adhoc_role, polling_station) FROM STDIN`;

/** An array literal's element, quoted, for text[] in COPY text format (then escaped as a field). */
const arrayLiteral = (items: string[]) => `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** The batch as COPY text lines, in chunks of about 1,000 rows (one string each). */
function* copyLines(importId: number, rows: StagedWorker[]): Generator<string> {
  const id = String(importId);
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as StagedWorker;
    chunk += `${id}\t${r.rowNumber}\t${r.outcome === 'valid' ? '\\N' : copyText(JSON.stringify(r.raw))}\t${r.outcome}\t${
      r.problems.length ? copyText(JSON.stringify(r.problems)) : '\\N'
    }\t${copyText(r.nik)}\t${copyText(r.name)}\t${copyText(r.birthDate)}\t${copyText(r.sex)}\t${copyText(r.villageCode)}\t${copyText(r.address)}\t${copyText(
      r.phone,
    )}\t${copyText(r.occupation)}\t${copyText(r.segment)}\t${copyText(r.group)}\t${r.programs ? copyText(arrayLiteral(r.programs)) : '\\N'}\t${copyText(
      r.declaredIncome,
    )}\t${copyText(r.fundingSource)}\t${copyText(r.fundingProgramId)}\t${copyText(r.adhocRole ?? null)}\t${copyText(r.pollingStation ?? null)}\n`;
    if (i % 1000 === 999) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Classifies the valid rows against each other and the registry, set-based:
 * - a NIK repeated in the file: the first row stays, later ones are duplicate_in_file;
 * - already covered for those programmes by the same payer: already_registered (nothing to do);
 * - already covered for any of them by another payer: double_funded (never enrolled twice).
 */
export async function classifyRows(db: Db | Tx, importId: number): Promise<void> {
  await classifyDuplicatesInFile(db, importId);
  await classifyAgainstRegistry(db, importId);
}

async function classifyDuplicatesInFile(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
        'column', 'NIK', 'code', 'DUPLICATE_IN_FILE',
        'id', 'NIK yang sama sudah ada di baris ' || d.first_row || ' berkas ini.',
        'en', 'The same NIK is already on row ' || d.first_row || ' of this file.'))
    FROM (SELECT nik, min(row_number) AS first_row FROM import_row WHERE import_id = ${importId} AND outcome = 'valid'
          GROUP BY nik HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.nik = d.nik AND r.row_number > d.first_row`.execute(db);
}

/**
 * Run again at commit: the registry may have changed since validation. A person registered outside
 * the uploader's region is refused first (src/modules/imports/scope.ts), so nothing below ever names
 * their payer or programmes.
 */
export async function classifyAgainstRegistry(db: Db | Tx, importId: number): Promise<void> {
  await refusePeopleOutsideRegion(db, importId);
  await refuseDeceased(db, importId);
  await sql`
    UPDATE import_row r SET
      outcome = CASE WHEN c.other_payer THEN 'double_funded' ELSE 'already_registered' END,
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(CASE WHEN c.other_payer THEN jsonb_build_object(
        'column', 'Program', 'code', 'DOUBLE_FUNDED',
        'id', 'Sudah dilindungi untuk ' || c.programs || ' oleh ' || c.payers || '; tidak boleh didanai dua kali.',
        'en', 'Already covered for ' || c.programs || ' by ' || c.payers || '; cannot be funded twice.')
      ELSE jsonb_build_object('column', 'NIK', 'code', 'ALREADY_REGISTERED',
        'id', 'Sudah terdaftar dengan program dan sumber dana yang sama.',
        'en', 'Already registered with the same programmes and payer.') END)
    FROM (
      SELECT r2.row_number,
             -- the same payer: the same programme, or (neither linked to one) the same payer text
             bool_or(CASE WHEN e.funding_program_id IS NULL AND r2.funding_program_id IS NULL
                          THEN e.funding_source IS DISTINCT FROM coalesce(r2.funding_source, '')
                          ELSE e.funding_program_id IS DISTINCT FROM r2.funding_program_id END) AS other_payer,
             string_agg(DISTINCT pr.program, ',') AS programs,
             string_agg(DISTINCT nullif(e.funding_source, ''), ', ') AS payers
      FROM import_row r2
      JOIN person p ON p.nik = r2.nik
      JOIN enrolment e ON e.person_id = p.id AND e.status IN ('submitted', 'registered', 'active') AND e.programs && r2.programs
      CROSS JOIN LATERAL unnest(e.programs) AS pr(program)
      WHERE r2.import_id = ${importId} AND r2.outcome = 'valid' AND pr.program = ANY (r2.programs)
      GROUP BY r2.row_number
    ) c
    WHERE r.import_id = ${importId} AND r.row_number = c.row_number`.execute(db);
}

/** An existing person (by NIK) whose domicile lies outside the uploader's region: refused, whatever village the row writes. */
export const refusePeopleOutsideRegion = (db: Db | Tx, importId: number) =>
  refuseRowsOutsideRegion(db, { stagingTable: 'import_row' }, importId, {
    storedRegions: sql`SELECT p.village_code FROM person p WHERE p.nik = r.nik`,
    column: 'NIK',
    reason: PERSON_ELSEWHERE,
  });

/**
 * A person whose death is recorded (a JKM or JKK-death claim, issue 17) cannot be enrolled again: the row
 * is refused with the reason (the enrolment trigger of 0020_claims.sql is only the backstop).
 */
export async function refuseDeceased(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE import_row r SET outcome = 'rejected',
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'NIK', 'code', 'PERSON_DECEASED',
        'id', 'Orang ini tercatat meninggal ' || to_char(p.died_on, 'DD/MM/YYYY') || '; tidak bisa didaftarkan lagi.',
        'en', 'This person is recorded as deceased on ' || to_char(p.died_on, 'DD/MM/YYYY') || '; they cannot be enrolled again.'))
    FROM person p
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.programs IS NOT NULL AND p.nik = r.nik AND p.died_on IS NOT NULL`.execute(db);
}

/** A registry-only row (no programmes) for a person already registered has nothing to add. */
export async function classifyKnownPeople(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE import_row r SET outcome = 'already_registered',
      problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'NIK', 'code', 'ALREADY_REGISTERED',
        'id', 'NIK ini sudah terdaftar.', 'en', 'This NIK is already registered.'))
    FROM person p
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.programs IS NULL AND p.nik = r.nik`.execute(db);
}

/**
 * Moves the valid rows into the registry inside the caller's transaction: new people, then one
 * enrolment per row that has one. Set-based throughout. The partial unique indexes enrolment_open_*
 * refuse double funding that appeared since validation.
 */
export async function commitRows(tx: Tx, importId: number): Promise<Record<string, number>> {
  const people = await sql`
    INSERT INTO person (nik, name, birth_date, sex, village_code, address, phone, occupation)
    SELECT nik, name, birth_date, sex, village_code, address, phone, occupation
    FROM import_row WHERE import_id = ${importId} AND outcome = 'valid'
    ON CONFLICT (nik) DO NOTHING`.execute(tx);
  const enrolments = await sql`
    INSERT INTO enrolment (person_id, segment, group_code, programs, declared_income, funding_source, funding_program_id, village_code, import_id)
    SELECT p.id, r.segment, r.group_code, r.programs, r.declared_income, coalesce(r.funding_source, ''), r.funding_program_id, p.village_code, ${importId}
    FROM import_row r JOIN person p ON p.nik = r.nik
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.programs IS NOT NULL`.execute(tx);
  return { people: Number(people.numAffectedRows ?? 0), enrolments: Number(enrolments.numAffectedRows ?? 0) };
}
