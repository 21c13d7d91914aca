/**
 * How a free-text payer ("Sumber Dana" in the worker import) resolves to a funding programme, for the
 * import to call (set-based). A text matches a programme when it is the programme's name (trimmed,
 * case-insensitive) or its id ("17" or "#17"); the programme must be active, pay for the row's
 * segment, and be owned by the row's village or a region above it. Among several, the closest owner
 * wins (village before district, regency, province), then the latest fiscal year, then the newest id.
 * No match: the text stays as funding_source and funding_program_id stays NULL.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Tx } from '../audit/record.js';

/** The matching rule as SQL over a row source `r(text, village_code, segment)` and `funding_program fp`. */
const MATCH = sql`
  fp.status = 'active' AND fp.segment = r.segment
  AND (lower(btrim(r.text)) = lower(btrim(fp.name)) OR btrim(r.text) = fp.id::text OR btrim(r.text) = '#' || fp.id::text)
  AND (r.village_code = fp.region_code OR r.village_code LIKE fp.region_code || '.%' OR fp.region_code = 'ID')`;
const CLOSEST = sql`length(fp.region_code) DESC, fp.fiscal_year DESC, fp.id DESC`;

/** One programme id (or null) per row, in order; one statement for any number of rows. */
export async function resolveFundingPrograms(db: Db | Tx, rows: { text: string; villageCode: string; segment: string }[]): Promise<(number | null)[]> {
  if (rows.length === 0) return [];
  const res = await sql<{ i: number; id: number | null }>`
    SELECT r.i, (SELECT fp.id FROM funding_program fp WHERE ${MATCH} ORDER BY ${CLOSEST} LIMIT 1) AS id
    FROM unnest(${rows.map((r) => r.text)}::text[], ${rows.map((r) => r.villageCode)}::text[], ${rows.map((r) => r.segment)}::text[])
         WITH ORDINALITY AS r(text, village_code, segment, i)
    ORDER BY r.i`.execute(db);
  return res.rows.map((r) => (r.id === null ? null : Number(r.id)));
}

/**
 * After an import's enrolments are inserted (same transaction): sets funding_program_id from each
 * enrolment's funding_source by the rule above. Returns how many were linked.
 */
export async function linkImportedEnrolments(tx: Tx, importId: number): Promise<number> {
  const res = await sql`
    UPDATE enrolment e SET funding_program_id = m.id
    FROM (
      SELECT DISTINCT ON (r.eid) r.eid, fp.id
      FROM (SELECT id AS eid, funding_source AS text, village_code, segment FROM enrolment WHERE import_id = ${importId} AND funding_program_id IS NULL) r
      JOIN funding_program fp ON ${MATCH}
      ORDER BY r.eid, ${CLOSEST}
    ) m
    WHERE e.id = m.eid`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}
