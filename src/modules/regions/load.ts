import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { analyzeTables } from '../../db/analyze.js';
import type { Db } from '../../db/client.js';
import { villageKind } from '../../domain/region-code.js';

/**
 * Loads the Kemendagri hierarchy from the idn-area-data package (data © its contributors, ODbL)
 * into `region`: one INSERT … SELECT FROM unnest(arrays) per level, so 91,592 rows take four statements.
 */
const dataDir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');

type Row = { code: string; parent: string; name: string };

/** The package's CSVs are simple: a header, then `code,parent_code,name` with names quoted only when they hold commas. */
function readCsv(file: string, hasParent: boolean): Row[] {
  const lines = readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/).slice(1);
  const rows: Row[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const m = hasParent ? /^([^,]+),([^,]+),(.*)$/.exec(line) : /^([^,]+),(.*)$/.exec(line);
    if (!m) throw new Error(`idn-area-data ${file}: unreadable line ${line}`);
    const name = (hasParent ? m[3] : m[2])!.replace(/^"(.*)"$/, '$1').replace(/""/g, '"').trim();
    rows.push({ code: m[1]!, parent: hasParent ? m[2]! : 'ID', name });
  }
  return rows;
}

export function readRegionSource() {
  return {
    province: readCsv('provinces.csv', false),
    regency: readCsv('regencies.csv', true),
    district: readCsv('districts.csv', true),
    village: readCsv('villages.csv', true),
  };
}

export async function regionsLoaded(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM region WHERE level <> 'country'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Idempotent: inserts what is missing, updates renamed regions, in one transaction. */
export async function loadRegions(db: Db): Promise<{ counts: Record<string, number>; ms: number }> {
  const started = performance.now();
  const source = readRegionSource();
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    for (const level of ['province', 'regency', 'district', 'village'] as const) {
      const rows = source[level];
      const kinds = rows.map((r) => (level === 'village' ? villageKind(r.code) : null));
      await sql`
        INSERT INTO region (code, parent_code, level, kind, name)
        SELECT t.code, t.parent_code, ${level}, t.kind, t.name
        FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.parent)}::text[],
                    ${kinds}::text[], ${rows.map((r) => r.name)}::text[]) AS t(code, parent_code, kind, name)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code,
                                         kind = excluded.kind
        WHERE region.name IS DISTINCT FROM excluded.name`.execute(tx);
      counts[level] = rows.length;
    }
    const orphans = await sql<{ code: string }>`
      SELECT c.code FROM region c LEFT JOIN region p ON p.code = c.parent_code
      WHERE c.parent_code IS NOT NULL AND p.code IS NULL LIMIT 5`.execute(tx);
    if (orphans.rows.length) {
      throw new Error(`region data has codes without a parent: ${orphans.rows.map((r) => r.code).join(', ')}`);
    }
  });
  // 91,592 rows into an empty table: statistics now, so the first region queries are planned on them
  await analyzeTables(db, ['region']);
  return { counts, ms: Math.round(performance.now() - started) };
}
