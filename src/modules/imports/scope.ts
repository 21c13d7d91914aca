import { type RawBuilder, sql } from 'kysely';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import type { Bilingual } from '../../lib/errors.js';
import type { ImportKind } from './kind.js';

/**
 * The one scope rule for rows of every import kind (issue 12, items 1 and 2; docs/decisions.md 50): a
 * row that names something already stored — a person by NIK, an employer by NPP or NIB — is refused
 * when what is stored lies outside the uploader's region, whatever village the row itself writes.
 * The reason says only "registered in another region": not where, not by whom it is funded, not its
 * name or status, so the validation report is no oracle for data outside the caller's region.
 *
 * Set-based: one UPDATE whose correlated EXISTS the planner turns into one semi-join of the staged rows
 * with the stored table. Kinds call it in `classify` before any other registry check (so no other
 * message about that row is ever produced) and again in `reclassify`, inside the commit transaction.
 */
export async function refuseRowsOutsideRegion(
  db: Db | Tx,
  kind: Pick<ImportKind, 'stagingTable'>,
  importId: number,
  rule: {
    /** the stored region code of each thing row `r` names, e.g. sql`SELECT p.village_code FROM person p WHERE p.nik = r.nik` */
    storedRegions: RawBuilder<unknown>;
    /** the column the reason is attached to, as the template names it */
    column: string;
    reason: Bilingual;
  },
): Promise<number> {
  const job = await db.selectFrom('import_job').select('region_code').where('id', '=', importId).executeTakeFirstOrThrow();
  const problem = JSON.stringify([{ column: rule.column, code: REGISTERED_ELSEWHERE, id: rule.reason.id, en: rule.reason.en }]);
  const res = await sql`
    UPDATE ${sql.table(kind.stagingTable)} r SET outcome = 'rejected', problems = coalesce(r.problems, '[]'::jsonb) || ${problem}::jsonb
    WHERE r.import_id = ${importId} AND r.outcome = 'valid'
      AND EXISTS (SELECT 1 FROM (${rule.storedRegions}) AS stored(region) WHERE NOT ${inRegionSql('stored.region', job.region_code)})`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

export const REGISTERED_ELSEWHERE = 'REGISTERED_ELSEWHERE';

/** A person matched by NIK in another region: the wording every person-carrying kind uses. */
export const PERSON_ELSEWHERE: Bilingual = {
  id: 'NIK ini sudah terdaftar di wilayah lain; hanya orang yang terdaftar di wilayah Anda yang bisa diimpor. Bila orang ini sudah pindah, minta operator wilayah asalnya memperbarui alamatnya.',
  en: 'This NIK is already registered in another region; only people registered in your region can be imported. If this person has moved, ask the operator of their former region to update the address.',
};
