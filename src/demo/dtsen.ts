import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { audited, type Actor } from '../db/tx.js';
import { todayWib } from '../domain/wib.js';

/** The seed regencies whose operators demo the targeting (Sukabumi, Subang). */
const REGENCIES = ['32.02', '32.13'];
/** villages per district and people per village of the synthetic extract (first three districts of each regency) */
const DISTRICTS = 3;
const PER_VILLAGE = 8;
const GIVEN = ['Asep', 'Euis', 'Ujang', 'Siti', 'Dadang', 'Lilis', 'Cecep', 'Neng', 'Wawan', 'Yani', 'Agus', 'Nining', 'Iwan', 'Tuti'];
const FAMILY = ['Sunarya', 'Rohaeti', 'Saepudin', 'Komariah', 'Hermawan', 'Nurjanah', 'Suryana', 'Mulyani', 'Ruhiyat', 'Maemunah'];
const arr = (xs: string[]) => sql.raw(`ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`);

/**
 * A synthetic DTSEN extract for the seed regencies (issue 16, item 7), clearly labelled: every address
 * reads "Alamat sintetis (demo)" and the work status "Data sintetis demo". Some candidates are people
 * already in the demo registry (some funded, some lapsed), most are not registered. Idempotent: only
 * NIKs not yet candidates are added, so an existing demo database gets it at its next start.
 */
export async function loadDemoDtsen(db: Db, actor: Actor): Promise<{ candidates: number }> {
  const year = Number(todayWib().slice(0, 4));
  return audited(db, actor, async (tx) => {
    let added = 0;
    for (const regency of REGENCIES) {
      const districts = (await tx.selectFrom('region').select('code').where('parent_code', '=', regency).orderBy('code').limit(DISTRICTS).execute()).map((r) => r.code);
      if (districts.length === 0) continue;
      // not registered: one row per (village, k), NIK from the district, a birth date and a serial unique per row
      const fresh = await sql`
        WITH v AS (
          SELECT code, row_number() OVER (ORDER BY code) - 1 AS vi FROM region WHERE level = 'village' AND parent_code IN (${sql.join(districts)})
        ), g AS (
          SELECT v.code, v.vi * ${PER_VILLAGE} + k AS n FROM v CROSS JOIN generate_series(0, ${PER_VILLAGE - 1}) k
        ), p AS (
          SELECT code, n, n % 2 = 1 AS female, n % 28 + 1 AS day, (n / 28) % 12 + 1 AS month, 1966 + (n / 336) % 40 AS year, 9000 + n / 13440 AS serial FROM g
        )
        INSERT INTO dtsen_candidate AS c (nik, name, birth_date, sex, village_code, address, occupation, work_status, decile, data_year, person_id, state)
        SELECT replace(left(p.code, 8), '.', '') || lpad((p.day + CASE WHEN p.female THEN 40 ELSE 0 END)::text, 2, '0') || lpad(p.month::text, 2, '0')
                 || lpad((p.year % 100)::text, 2, '0') || lpad(p.serial::text, 4, '0'),
               (${arr(GIVEN)})[1 + p.n % ${GIVEN.length}] || ' ' || (${arr(FAMILY)})[1 + (p.n / ${GIVEN.length}) % ${FAMILY.length}],
               make_date(p.year::int, p.month::int, p.day::int), CASE WHEN p.female THEN 'P' ELSE 'L' END, p.code, 'Alamat sintetis (demo)',
               (ARRAY['Buruh tani', 'Pedagang keliling', 'Buruh bangunan', 'Nelayan', 'Pengemudi ojek'])[1 + p.n % 5], 'Data sintetis demo',
               1 + (p.n * 7) % 10, ${year}, pe.id, dtsen_state_of(pe.cur_status)
        FROM p LEFT JOIN person pe ON pe.nik = replace(left(p.code, 8), '.', '') || lpad((p.day + CASE WHEN p.female THEN 40 ELSE 0 END)::text, 2, '0')
                 || lpad(p.month::text, 2, '0') || lpad((p.year % 100)::text, 2, '0') || lpad(p.serial::text, 4, '0')
        ON CONFLICT (nik) DO NOTHING`.execute(tx);
      // already registered: every 15th demo person of the regency, deciles 1–4 (their enrolments say who is funded)
      const known = await sql`
        INSERT INTO dtsen_candidate AS c (nik, name, birth_date, sex, village_code, address, occupation, work_status, decile, data_year, person_id, state)
        SELECT pe.nik, pe.name, pe.birth_date, pe.sex, pe.village_code, 'Alamat sintetis (demo)', pe.occupation, 'Data sintetis demo', 1 + pe.id % 4, ${year}, pe.id, dtsen_state_of(pe.cur_status)
        FROM person pe WHERE pe.village_code >= ${`${regency}.`} AND pe.village_code < ${`${regency}/`} AND pe.id % 15 = 0
        ON CONFLICT (nik) DO NOTHING`.execute(tx);
      added += Number(fresh.numAffectedRows ?? 0) + Number(known.numAffectedRows ?? 0);
    }
    // their first decile, for those without one
    await sql`
      INSERT INTO dtsen_decile_history (candidate_id, data_year, decile, import_id)
      SELECT c.id, c.data_year, c.decile, 0 FROM dtsen_candidate c
      WHERE c.work_status = 'Data sintetis demo' AND NOT EXISTS (SELECT 1 FROM dtsen_decile_history h WHERE h.candidate_id = c.id)`.execute(tx);
    await sql`SELECT dtsen_count_compact()`.execute(tx);
    return {
      result: { candidates: added },
      audit: added > 0 ? [{ action: 'demo_dtsen', entityType: 'dtsen_list', entityId: REGENCIES.join(','), regionCode: null, before: null, after: { candidates: added, synthetic: true } }] : [],
    };
  });
}
