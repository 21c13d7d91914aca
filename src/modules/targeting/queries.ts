import { type RawBuilder, sql } from 'kysely';
import type { EntityScope } from '../../access/rules.js';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import type { CandidateState } from '../../domain/targeting.js';

/** A candidate lives in their village (never shown to another region). */
export const candidateScope: EntityScope = {
  name: { id: 'Calon peserta DTSEN', en: 'DTSEN candidate' },
  regionsOf: async (db, ids) =>
    new Map((await db.selectFrom('dtsen_candidate').select(['id', 'village_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.village_code])),
};

/** A bulk enrolment job belongs to the region it was started for. */
export const targetingJobScope: EntityScope = {
  name: { id: 'Pendaftaran massal', en: 'Bulk enrolment' },
  regionsOf: async (db, ids) =>
    new Map((await db.selectFrom('targeting_job').select(['id', 'region_code']).where('id', 'in', ids).execute()).map((r) => [r.id, r.region_code])),
};

/** The priority list's filter, resolved: a region, deciles, birth years (from the age range), states. */
export interface CandidateFilter {
  region: string;
  minDecile: number;
  maxDecile: number;
  birthYearFrom: number;
  birthYearTo: number;
  states: CandidateState[];
}

export interface CandidateRow {
  id: number;
  nik: string;
  name: string;
  village_code: string;
  village_name: string | null;
  decile: number;
  birth_date: string;
  sex: string;
  state: CandidateState;
  data_year: number;
  occupation: string | null;
  work_status: string | null;
  person_id: number | null;
}

/** Folds the appended count rows (outside a compaction already running: -1). */
export async function compactCounts(db: Db | Tx): Promise<void> {
  await sql`SELECT dtsen_count_compact()`.execute(db);
}

/** Candidates per decile for the filter: a sum over the region's count rows (decile × birth year × state), never the candidates. */
export async function countByDecile(db: Db | Tx, f: CandidateFilter): Promise<{ decile: number; count: number }[]> {
  const { rows } = await sql<{ decile: number; n: string | number }>`
    SELECT decile, sum(n) AS n FROM dtsen_count
    WHERE region_code = ${f.region} AND state IN (${sql.join(f.states)}) AND decile BETWEEN ${f.minDecile} AND ${f.maxDecile}
      AND birth_year BETWEEN ${f.birthYearFrom} AND ${f.birthYearTo}
    GROUP BY decile HAVING sum(n) <> 0 ORDER BY decile`.execute(db);
  return rows.map((r) => ({ decile: Number(r.decile), count: Number(r.n) }));
}

/**
 * The same counts per child region (districts of a regency, villages of a district), with names: the
 * children's own count rows by key (a few thousand per child at most), never the subtree's village rows.
 */
export async function countByArea(db: Db | Tx, f: CandidateFilter): Promise<{ code: string; name: string; count: number }[]> {
  if (f.region.length === 13) return [];
  const { rows } = await sql<{ code: string; name: string; n: string | number }>`
    SELECT r.code, r.name, sum(k.n) AS n FROM region r JOIN dtsen_count k ON k.region_code = r.code
    WHERE r.parent_code = ${f.region} AND k.state IN (${sql.join(f.states)})
      AND k.decile BETWEEN ${f.minDecile} AND ${f.maxDecile} AND k.birth_year BETWEEN ${f.birthYearFrom} AND ${f.birthYearTo}
    GROUP BY 1, 2 HAVING sum(k.n) <> 0 ORDER BY 1`.execute(db);
  return rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.n) }));
}

/** Covered (pending or active) and open candidates of deciles 1..maxDecile in a region, all ages (the coverage page). */
export async function coverageCounts(db: Db | Tx, region: string, maxDecile: number): Promise<{ covered: number; notCovered: number }> {
  const { rows } = await sql<{ state: string; n: string | number }>`
    SELECT state, sum(n) AS n FROM dtsen_count WHERE region_code = ${region} AND decile <= ${maxDecile} GROUP BY state`.execute(db);
  const get = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
  return { covered: get('pending') + get('active'), notCovered: get('open') };
}

/** The list's key: decile, then village, name and id. */
export interface CandidateKey {
  decile: number;
  villageCode: string;
  name: string;
  id: number;
}

/**
 * One page of the list, in (decile, village, name, id) order: one index range per (state, decile) of
 * dtsen_candidate_list_idx, each stopping after `limit` rows past the key, merged. The work is the page
 * (times the deciles asked for), whatever the region's size.
 */
export async function pageCandidates(db: Db | Tx, f: CandidateFilter, page: { after?: CandidateKey; offset: number; limit: number }): Promise<CandidateRow[]> {
  const take = page.offset + page.limit;
  const parts: RawBuilder<unknown>[] = [];
  for (let d = f.minDecile; d <= f.maxDecile; d++) {
    if (page.after && d < page.after.decile) continue;
    const afterKey =
      page.after && d === page.after.decile ? sql`AND (c.village_code, c.name, c.id) > (${page.after.villageCode}, ${page.after.name}, ${page.after.id})` : sql``;
    for (const s of f.states) {
      parts.push(sql`(SELECT c.id FROM dtsen_candidate c
        WHERE c.state = ${s} AND c.decile = ${d} AND ${inRegionSql('c.village_code', f.region)} ${afterKey}
          AND c.birth_date >= make_date(${f.birthYearFrom}::int, 1, 1) AND c.birth_date < make_date(${f.birthYearTo + 1}::int, 1, 1)
        ORDER BY c.village_code, c.name, c.id LIMIT ${take})`);
    }
  }
  if (parts.length === 0) return [];
  const { rows } = await sql<CandidateRow>`
    SELECT c.id, c.nik, c.name, c.village_code, v.name AS village_name, c.decile, c.birth_date, c.sex, c.state, c.data_year, c.occupation, c.work_status, c.person_id
    FROM (${sql.join(parts, sql` UNION ALL `)}) s(id) JOIN dtsen_candidate c ON c.id = s.id LEFT JOIN region v ON v.code = c.village_code
    ORDER BY c.decile, c.village_code, c.name, c.id OFFSET ${page.offset} LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), decile: Number(r.decile), data_year: Number(r.data_year), person_id: r.person_id === null ? null : Number(r.person_id) }));
}

/** Every page of the filter by keyset, for the export. */
export async function* iterateCandidates(db: Db, f: CandidateFilter, size = 2000): AsyncGenerator<CandidateRow[]> {
  let after: CandidateKey | undefined;
  for (;;) {
    const rows = await pageCandidates(db, f, { after, offset: 0, limit: size });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { decile: last.decile, villageCode: last.village_code, name: last.name, id: last.id };
    if (rows.length < size) return;
  }
}
