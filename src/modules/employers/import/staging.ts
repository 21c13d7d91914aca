import { sql } from 'kysely';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../../../db/tx.js';
import { refuseRowsOutsideRegion } from '../../imports/scope.js';
import { reassess } from '../assess.js';
import type { StagedEmployer } from './stage-row.js';

/** Stages a batch of employer rows in one statement; valid rows keep only their parsed columns. */
export async function insertStagedEmployers(db: Db, importId: number, rows: StagedEmployer[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: StagedEmployer) => T) => rows.map(f);
  await sql`
    INSERT INTO employer_import_row (import_id, row_number, raw, outcome, problems, name, npp, nib, sector, size_class, village_code,
                                     address, employees_declared, workers_registered, wage_reported, wage_actual, programs)
    SELECT ${importId}, t.row_number, t.raw::jsonb, t.outcome, t.problems::jsonb, t.name, t.npp, t.nib, t.sector, t.size_class,
           t.village_code, t.address, t.employees_declared, t.workers_registered, t.wage_reported, t.wage_actual,
           string_to_array(t.programs, ',')
    FROM unnest(${col((r) => r.rowNumber)}::int[], ${col((r) => (r.outcome === 'valid' ? null : JSON.stringify(r.raw)))}::text[],
                ${col((r) => r.outcome)}::text[], ${col((r) => (r.problems.length ? JSON.stringify(r.problems) : null))}::text[],
                ${col((r) => r.name)}::text[], ${col((r) => r.npp)}::text[], ${col((r) => r.nib)}::text[], ${col((r) => r.sector)}::text[],
                ${col((r) => r.sizeClass)}::text[], ${col((r) => r.villageCode)}::text[], ${col((r) => r.address)}::text[],
                ${col((r) => r.employeesDeclared)}::int[], ${col((r) => r.workersRegistered)}::int[], ${col((r) => r.wageReported)}::bigint[],
                ${col((r) => r.wageActual)}::bigint[], ${col((r) => r.programs.join(','))}::text[])
      AS t(row_number, raw, outcome, problems, name, npp, nib, sector, size_class, village_code, address, employees_declared,
           workers_registered, wage_reported, wage_actual, programs)`.execute(db);
}

const problem = (column: string, code: string, id: string, en: string) =>
  sql`jsonb_build_array(jsonb_build_object('column', ${column}::text, 'code', ${code}::text, 'id', ${sql.raw(id)}, 'en', ${sql.raw(en)}))`;

/** The same NPP or NIB twice in the file: the first row stays, later ones are duplicate_in_file. */
export async function classifyEmployerDuplicates(db: Db | Tx, importId: number): Promise<void> {
  for (const key of ['npp', 'nib'] as const) {
    const column = key.toUpperCase();
    await sql`
      UPDATE employer_import_row r SET outcome = 'duplicate_in_file',
        problems = coalesce(r.problems, '[]'::jsonb) || ${problem(column, 'DUPLICATE_IN_FILE',
          `'${column} yang sama sudah ada di baris ' || d.first_row || ' berkas ini.'`,
          `'The same ${column} is already on row ' || d.first_row || ' of this file.'`)}
      FROM (SELECT ${sql.ref(key)} AS k, min(row_number) AS first_row FROM employer_import_row
            WHERE import_id = ${importId} AND outcome = 'valid' AND ${sql.ref(key)} IS NOT NULL
            GROUP BY 1 HAVING count(*) > 1) d
      WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.${sql.ref(key)} = d.k AND r.row_number > d.first_row`.execute(db);
  }
}

/**
 * An employer already stored under the same NPP or NIB is not imported again (edit it on its page). One
 * stored in another region is refused without its name (src/modules/imports/scope.ts); run again at commit.
 */
export async function classifyKnownEmployers(db: Db | Tx, importId: number): Promise<void> {
  await refuseRowsOutsideRegion(db, { stagingTable: 'employer_import_row' }, importId, {
    storedRegions: sql`SELECT e.village_code FROM employer e WHERE e.npp = r.npp OR e.nib = r.nib`,
    column: 'NPP',
    reason: {
      id: 'Perusahaan dengan NPP/NIB ini sudah terdaftar di wilayah lain; hanya perusahaan di wilayah Anda yang bisa diimpor.',
      en: 'An employer with this NPP/NIB is already registered in another region; only employers in your region can be imported.',
    },
  });
  await sql`
    UPDATE employer_import_row r SET outcome = 'already_registered',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('NPP', 'ALREADY_REGISTERED',
        `'Perusahaan dengan NPP/NIB ini sudah terdaftar (' || e.name || '); ubah datanya di halaman perusahaan.'`,
        `'An employer with this NPP/NIB is already registered (' || e.name || '); edit it on its page.'`)}
    FROM employer e
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND (e.npp = r.npp OR e.nib = r.nib)`.execute(db);
}

/** Inserts the valid rows and assesses them with the compliance rules, in the caller's transaction. */
export async function commitEmployers(tx: Tx, importId: number): Promise<Record<string, number>> {
  const inserted = await sql<{ id: number }>`
    INSERT INTO employer (name, npp, nib, sector, size_class, village_code, address, employees_declared, workers_registered,
                          wage_reported, wage_actual, programs)
    SELECT name, npp, nib, sector, size_class, village_code, address, coalesce(employees_declared, 0), coalesce(workers_registered, 0),
           wage_reported, wage_actual, programs
    FROM employer_import_row WHERE import_id = ${importId} AND outcome = 'valid'
    ORDER BY row_number
    RETURNING id`.execute(tx);
  const ids = inserted.rows.map((r) => r.id);
  await reassess(tx, { ids });
  return { employers: ids.length };
}
