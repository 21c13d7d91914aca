import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { LEVEL_NUMBER, monthStart, type Period } from '../../domain/coverage.js';
import { type OfficialFigure, officialFigures, type OfficialReport } from '../../domain/numerator.js';
import { levelOf, NATIONAL, parentOf, regencyOf } from '../../domain/region-code.js';
import type { Segment } from '../../domain/worker.js';

/**
 * The official figures of a whole month, derived once and reused while the data they come from is
 * unchanged (docs/decisions.md §45). Every statement that changes participation_report or region moves
 * a version in data_version to a fresh sequence value (0010_official_speed.sql); a coverage read
 * fetches both versions with its region (one row) and reuses what it derived under the same versions.
 * A month is loaded with its version in one statement (one snapshot), so what is kept under a version
 * is exactly that version's data; values are never reused after a rollback (a sequence). Kept per
 * database handle: a transaction has its own (it may see its own uncommitted figures).
 */

export interface Versions {
  participation: string;
  region: string;
}

export interface LatestReceived {
  source: string;
  receivedAt: string;
}

export interface OfficialMonth {
  /** the official figure of any region this month (the numerator rule of src/domain/numerator.ts) */
  figure: (code: string) => OfficialFigure;
  /**
   * The most recently received current figure of `code` or inside it. Below the regency level all of
   * it; above, leaving out district figures of regencies that report themselves (they are never summed).
   */
  latest: (code: string) => LatestReceived | null;
}

interface RegionFacts {
  /** number of children of every region that has any */
  childCount: Map<string, number>;
  /** desa (not kelurahan) in each region's subtree, for every region above the village */
  desa: Map<string, number>;
}

interface Cache {
  region?: { version: string; facts: Promise<RegionFacts> };
  months: Map<string, { versions: Versions; month: Promise<OfficialMonth> }>;
}

const MAX_MONTHS = 64;
const caches = new WeakMap<Db | Tx, Cache>();

function cacheOf(db: Db | Tx): Cache {
  let c = caches.get(db);
  if (!c) {
    c = { months: new Map() };
    caches.set(db, c);
  }
  return c;
}

/** The two data versions as they are now (for callers that do not read them with their region). */
export async function currentVersions(db: Db | Tx): Promise<Versions> {
  const { rows } = await sql<{ p: string; r: string }>`
    SELECT (SELECT n FROM data_version WHERE name = 'participation')::text AS p, (SELECT n FROM data_version WHERE name = 'region')::text AS r`.execute(db);
  return { participation: rows[0]!.p, region: rows[0]!.r };
}

function regionFacts(db: Db | Tx, version: string): Promise<RegionFacts> {
  const c = cacheOf(db);
  if (c.region?.version === version) return c.region.facts;
  const facts = loadRegionFacts(db);
  c.region = { version, facts };
  facts.catch(() => {
    if (c.region?.facts === facts) c.region = undefined;
  });
  return facts;
}

async function loadRegionFacts(db: Db | Tx): Promise<RegionFacts> {
  const { rows } = await sql<{ p: string; n: number; desa: number }>`
    SELECT parent_code AS p, count(*)::int AS n, count(*) FILTER (WHERE level = 'village' AND kind = 'desa')::int AS desa
    FROM region WHERE parent_code IS NOT NULL GROUP BY parent_code`.execute(db);
  const childCount = new Map<string, number>();
  const desa = new Map<string, number>();
  for (const r of rows) {
    childCount.set(r.p, r.n);
    if (r.desa === 0) continue;
    // a district's desa count up to the country
    for (let code = r.p; ; code = parentOf(code)) {
      desa.set(code, (desa.get(code) ?? 0) + r.desa);
      if (code === NATIONAL) break;
    }
  }
  return { childCount, desa };
}

/** Desa in the subtree of a region above the village level (0 when none). */
export async function desaIn(db: Db | Tx, code: string, versions: Versions): Promise<number> {
  return (await regionFacts(db, versions.region)).desa.get(code) ?? 0;
}

/** The official figures of `period` for `segments` (the coverage definition), under `versions`. */
export function officialMonth(db: Db | Tx, period: Period, segments: Segment[], versions: Versions): Promise<OfficialMonth> {
  const c = cacheOf(db);
  const key = `${period}|${[...segments].sort().join(',')}`;
  const hit = c.months.get(key);
  if (hit && hit.versions.participation === versions.participation && hit.versions.region === versions.region) return hit.month;
  // data changed: what was derived from older versions is of no further use
  for (const [k, v] of c.months) if (v.versions.participation !== versions.participation || v.versions.region !== versions.region) c.months.delete(k);
  if (c.months.size >= MAX_MONTHS) c.months.delete(c.months.keys().next().value!);
  const month = loadMonth(db, period, segments, versions);
  const entry = { versions, month };
  c.months.set(key, entry);
  month.then(
    (m) => {
      // loaded under a newer version than asked (a write in between): keep it under the version it read
      if (m.version !== versions.participation && c.months.get(key) === entry) entry.versions = { ...versions, participation: m.version };
    },
    () => {
      if (c.months.get(key) === entry) c.months.delete(key);
    },
  );
  return month;
}

type Row = [code: string, segment: string, active: number, newCount: number | null, inactiveCount: number | null, source: string, receivedMs: number];

async function loadMonth(db: Db | Tx, period: Period, segments: Segment[], versions: Versions): Promise<OfficialMonth & { version: string }> {
  const [facts, { rows }] = await Promise.all([
    regionFacts(db, versions.region),
    sql<{ v: string; rows: Row[] | null }>`
      SELECT (SELECT n FROM data_version WHERE name = 'participation')::text AS v,
             (SELECT json_agg(json_build_array(region_code, segment, active, new_count, inactive_count, source,
                                               floor(extract(epoch FROM received_at) * 1000)::bigint))
              FROM participation_report
              WHERE superseded_at IS NULL AND month = ${monthStart(period)}::date AND segment = ANY (${segments}::text[])) AS rows`.execute(db),
  ]);
  const list = rows[0]!.rows ?? [];
  const byRegion = new Map<string, { counts: Record<string, number>; flows: { new: number | null; inactive: number | null } }>();
  for (const [code, segment, active, n, inactive] of list) {
    let r = byRegion.get(code);
    if (!r) byRegion.set(code, (r = { counts: {}, flows: { new: 0, inactive: 0 } }));
    r.counts[segment] = (r.counts[segment] ?? 0) + active;
    r.flows.new = r.flows.new === null || n === null ? null : r.flows.new + n;
    r.flows.inactive = r.flows.inactive === null || inactive === null ? null : r.flows.inactive + inactive;
  }
  const reports: OfficialReport[] = [...byRegion].map(([code, r]) => ({ code, counts: r.counts, flows: r.flows }));

  // the latest figure received in every region's subtree, with and without the districts of regencies that report themselves
  const latestAll = new Map<string, Row>();
  const latestKept = new Map<string, Row>();
  const later = (m: Map<string, Row>, code: string, row: Row) => {
    const had = m.get(code);
    if (!had || row[6] > had[6]) m.set(code, row);
  };
  for (const row of list) {
    const code = row[0];
    const kept = levelOf(code) !== 'district' || !byRegion.has(regencyOf(code));
    for (let c = code; ; c = parentOf(c)) {
      later(latestAll, c, row);
      if (kept) later(latestKept, c, row);
      if (c === NATIONAL) break;
    }
  }
  const figure = officialFigures(reports, facts.childCount);
  return {
    version: rows[0]!.v,
    figure,
    latest: (code) => {
      const row = (LEVEL_NUMBER[levelOf(code)] >= LEVEL_NUMBER.regency ? latestAll : latestKept).get(code);
      return row ? { source: row[5], receivedAt: new Date(Number(row[6])).toISOString() } : null;
    },
  };
}
