import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Actor, Tx } from '../../db/tx.js';

/** All SQL of the denominators capability: staged rows of an import checked and moved in, set-based. */

const problem = (column: string, code: string, id: ReturnType<typeof sql>, en: ReturnType<typeof sql>) =>
  sql`jsonb_build_array(jsonb_build_object('column', ${column}::text, 'code', ${code}::text, 'id', ${id}, 'en', ${en}))`;

/** A code that is well formed but not one of the Kemendagri regions. */
export async function markUnknownRegions(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE denominator_import_row r SET outcome = 'rejected',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('Kode Wilayah', 'REGION_NOT_FOUND', sql`'Kode wilayah ' || r.region_code || ' tidak dikenal.'`, sql`'Unknown region code ' || r.region_code || '.'`)}
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND NOT EXISTS (SELECT 1 FROM region g WHERE g.code = r.region_code)`.execute(db);
}

/** The same region and year twice in the file: the first row stays, later ones are duplicate_in_file. */
export async function markDuplicateFigures(db: Db | Tx, importId: number): Promise<void> {
  await sql`
    UPDATE denominator_import_row r SET outcome = 'duplicate_in_file',
      problems = coalesce(r.problems, '[]'::jsonb) || ${problem('Kode Wilayah', 'DUPLICATE_ROW', sql`'Wilayah dan tahun yang sama sudah ada di baris ' || d.first_row || '.'`, sql`'The same region and year is already in row ' || d.first_row || '.'`)}
    FROM (SELECT region_code, year, min(row_number) AS first_row FROM denominator_import_row
          WHERE import_id = ${importId} AND outcome = 'valid' GROUP BY 1, 2 HAVING count(*) > 1) d
    WHERE r.import_id = ${importId} AND r.outcome = 'valid' AND r.region_code = d.region_code AND r.year = d.year AND r.row_number > d.first_row`.execute(db);
}

/**
 * One audit row per region and year the import sets (set_denominator), in one statement: before is the
 * stored figure and target it replaces (null for a new one), after the row's values.
 */
export async function auditStagedFigures(tx: Tx, importId: number, actor: Actor): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor_id, actor_username, action, entity_type, entity_id, region_code, before, after)
    SELECT ${actor.id}, ${actor.username}, 'set_denominator', 'employed_population', s.region_code || '/' || s.year, s.region_code,
      CASE WHEN p.region_code IS NULL AND t.region_code IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object(
        'total', p.total, 'formal', p.formal, 'informal', p.informal, 'source', p.source, 'targetPct', t.target_pct, 'targetSource', t.source)) END,
      jsonb_strip_nulls(jsonb_build_object('total', s.total, 'formal', s.formal, 'informal', s.informal, 'targetPct', s.target_pct, 'source', s.source, 'importId', ${importId}::int))
    FROM denominator_import_row s
    LEFT JOIN employed_population p ON p.region_code = s.region_code AND p.year = s.year AND s.total IS NOT NULL
    LEFT JOIN coverage_target t ON t.region_code = s.region_code AND t.year = s.year AND s.target_pct IS NOT NULL
    WHERE s.import_id = ${importId} AND s.outcome = 'valid'`.execute(tx);
}

/** Employed population and targets of the valid rows, replacing those stored for the same region and year. */
export async function commitStagedFigures(tx: Tx, importId: number, username: string): Promise<{ rows: number; denominators: number; targets: number }> {
  const dens = await sql`
    INSERT INTO employed_population (region_code, year, total, formal, informal, source, updated_by)
    SELECT region_code, year, total, formal, informal, source, ${username}
    FROM denominator_import_row WHERE import_id = ${importId} AND outcome = 'valid' AND total IS NOT NULL
    ON CONFLICT (region_code, year) DO UPDATE SET total = excluded.total, formal = excluded.formal, informal = excluded.informal,
      source = excluded.source, updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
  const tgts = await sql`
    INSERT INTO coverage_target (region_code, year, target_pct, source, updated_by)
    SELECT region_code, year, target_pct, source, ${username}
    FROM denominator_import_row WHERE import_id = ${importId} AND outcome = 'valid' AND target_pct IS NOT NULL
    ON CONFLICT (region_code, year) DO UPDATE SET target_pct = excluded.target_pct, source = excluded.source,
      updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM denominator_import_row WHERE import_id = ${importId} AND outcome = 'valid'`.execute(tx);
  return { rows: rows.rows[0]?.n ?? 0, denominators: Number(dens.numAffectedRows ?? 0), targets: Number(tgts.numAffectedRows ?? 0) };
}
