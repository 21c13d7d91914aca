import { type RawBuilder, sql } from 'kysely';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import { CODE_WIDTH, monthStart, type Period } from '../../domain/coverage.js';
import type { Segment } from '../../domain/worker.js';
import type { CoverageBreakdownRow } from './schemas.js';

/**
 * All SQL of the coverage capability. Figures are sums of monthly events (started / lapsed / ended)
 * from coverage_rollup (compacted, every level) plus coverage_delta (pending, village level, expanded
 * here by code prefix), so reads are fresh without waiting for compaction. See 0006_coverage.sql.
 */

export interface Measures {
  /** active at the end of the month */
  active: number;
  /** started (new enrolments) in the month */
  started: number;
  lapsed: number;
  ended: number;
}

type Dim = 'S' | 'G' | 'P';

/** The rollup code of `villageCode`'s ancestor at `level` (0 = country … 4 = village). */
const ancestorExpr = (level: number): RawBuilder<string> =>
  level === 0 ? sql<string>`'ID'` : sql<string>`left(village_code, ${sql.lit(CODE_WIDTH[level]!)})`;

const deltaValue = (dim: Dim) => (dim === 'S' ? sql`''` : dim === 'G' ? sql`group_code` : sql`payer`);

/** Village rows of the delta inside `code`'s subtree (or the village itself). */
const deltaScope = (code: string) => inRegionSql('village_code', code);

/**
 * Events up to `month` for either one region (`of`) or all its children (`childrenOf`), at dim.
 * Columns: region_code, month, segment, value, started, lapsed, ended.
 */
function events(dim: Dim, target: { of: string; level: number } | { childrenOf: string; level: number }, month: string) {
  if ('of' in target) {
    const { of: code, level } = target;
    return sql`
      SELECT region_code, month, segment, value, started, lapsed, ended FROM coverage_rollup
      WHERE dim = ${dim} AND level = ${level} AND region_code = ${code} AND month <= ${month}::date
      UNION ALL
      SELECT ${code}, month, segment, ${deltaValue(dim)}, started, lapsed, ended FROM coverage_delta
      WHERE ${deltaScope(code)} AND month <= ${month}::date`;
  }
  const { childrenOf: parent, level: parentLevel } = target;
  const level = parentLevel + 1;
  // the level filter leaves out the parent itself, which the subtree predicate includes
  return sql`
    SELECT region_code, month, segment, value, started, lapsed, ended FROM coverage_rollup
    WHERE dim = ${dim} AND level = ${level} AND ${inRegionSql('region_code', parent)} AND month <= ${month}::date
    UNION ALL
    SELECT ${ancestorExpr(level)}, month, segment, ${deltaValue(dim)}, started, lapsed, ended FROM coverage_delta
    WHERE ${deltaScope(parent)} AND month <= ${month}::date`;
}

const measures = (month: string) => sql`
  coalesce(sum(started - lapsed - ended), 0)::bigint AS active,
  coalesce(sum(started) FILTER (WHERE month = ${month}::date), 0)::bigint AS started,
  coalesce(sum(lapsed) FILTER (WHERE month = ${month}::date), 0)::bigint AS lapsed,
  coalesce(sum(ended) FILTER (WHERE month = ${month}::date), 0)::bigint AS ended`;

/** Figures of one region at the end of `period`. */
export async function regionMeasures(db: Db, code: string, level: number, period: Period, segments: Segment[]): Promise<Measures> {
  const m = monthStart(period);
  const { rows } = await sql<Measures>`
    SELECT ${measures(m)} FROM (${events('S', { of: code, level }, m)}) e
    WHERE segment = ANY (${segments}::text[])`.execute(db);
  return rows[0]!;
}

/** Figures of every child region that has any event (children without one are simply absent). */
export async function childMeasures(db: Db, code: string, level: number, period: Period, segments: Segment[]): Promise<Map<string, Measures>> {
  const m = monthStart(period);
  const { rows } = await sql<Measures & { code: string }>`
    SELECT region_code AS code, ${measures(m)} FROM (${events('S', { childrenOf: code, level }, m)}) e
    WHERE segment = ANY (${segments}::text[])
    GROUP BY region_code`.execute(db);
  return new Map(rows.map(({ code: c, ...rest }) => [c, rest]));
}

/**
 * Active participants by segment, group or payer. Above the village level from the rollups; a
 * village's own enrolments are few, so its breakdown is counted directly with the same rule.
 */
export async function breakdown(
  db: Db,
  code: string,
  level: number,
  period: Period,
  by: 'segment' | 'group' | 'payer',
  segments: Segment[],
): Promise<CoverageBreakdownRow[]> {
  const m = monthStart(period);
  if (level === 4) {
    const key = by === 'segment' ? sql`segment` : by === 'group' ? sql`group_code` : sql`coverage_payer_of(funding_source, funding_program_id)`;
    const { rows } = await sql<CoverageBreakdownRow>`
      WITH e AS (
        SELECT segment, group_code, funding_source, funding_program_id, start_date,
               coverage_stop(status, start_date, end_date, updated_at) AS stop, status
        FROM enrolment
        WHERE village_code = ${code} AND status IN ('active', 'lapsed', 'ended') AND segment = ANY (${segments}::text[])
          AND start_date < (${m}::date + interval '1 month')
      )
      SELECT ${key} AS key,
        count(*) FILTER (WHERE stop IS NULL OR stop >= (${m}::date + interval '1 month'))::bigint AS active,
        count(*) FILTER (WHERE start_date >= ${m}::date)::bigint AS started,
        count(*) FILTER (WHERE stop >= ${m}::date AND stop < (${m}::date + interval '1 month') AND status = 'lapsed')::bigint AS lapsed,
        count(*) FILTER (WHERE stop >= ${m}::date AND stop < (${m}::date + interval '1 month') AND status <> 'lapsed')::bigint AS ended
      FROM e GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
    return rows;
  }
  const dim: Dim = by === 'segment' ? 'S' : by === 'group' ? 'G' : 'P';
  const key = by === 'segment' ? sql`segment` : sql`value`;
  const { rows } = await sql<CoverageBreakdownRow>`
    SELECT ${key} AS key, ${measures(m)} FROM (${events(dim, { of: code, level }, m)}) e
    WHERE segment = ANY (${segments}::text[])
    GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db);
  return rows;
}

/** Monthly events of one region up to `to`, oldest first (months without events are absent). */
export async function monthlyEvents(
  db: Db,
  code: string,
  level: number,
  to: Period,
  segments: Segment[],
): Promise<{ month: string; net: number; started: number; lapsed: number; ended: number }[]> {
  const m = monthStart(to);
  const { rows } = await sql<{ month: string; net: number; started: number; lapsed: number; ended: number }>`
    SELECT to_char(month, 'YYYY-MM') AS month, sum(started - lapsed - ended)::bigint AS net,
           sum(started)::bigint AS started, sum(lapsed)::bigint AS lapsed, sum(ended)::bigint AS ended
    FROM (${events('S', { of: code, level }, m)}) e
    WHERE segment = ANY (${segments}::text[])
    GROUP BY month ORDER BY month`.execute(db);
  return rows;
}

export interface Denominator {
  code: string;
  year: number;
  total: number;
  formal: number | null;
  informal: number | null;
  source: string;
}

/** The latest employed-population figure of each region for a year on or before `year`. */
export async function denominators(db: Db, codes: string[], year: number): Promise<Map<string, Denominator>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<Denominator>`
    SELECT DISTINCT ON (region_code) region_code AS code, year, total, formal, informal, source
    FROM employed_population WHERE region_code = ANY (${codes}::text[]) AND year <= ${year}
    ORDER BY region_code, year DESC`.execute(db);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Every employed-population figure of one region (for trends across years). */
export async function denominatorsOf(db: Db, code: string): Promise<Denominator[]> {
  const { rows } = await sql<Denominator>`
    SELECT region_code AS code, year, total, formal, informal, source FROM employed_population
    WHERE region_code = ${code} ORDER BY year`.execute(db);
  return rows;
}

export async function targets(db: Db, codes: string[], year: number): Promise<Map<string, { pct: number; source: string }>> {
  if (codes.length === 0) return new Map();
  const { rows } = await sql<{ code: string; pct: string; source: string }>`
    SELECT region_code AS code, target_pct AS pct, source FROM coverage_target
    WHERE region_code = ANY (${codes}::text[]) AND year = ${year}`.execute(db);
  return new Map(rows.map((r) => [r.code, { pct: Number(r.pct), source: r.source }]));
}

/** The value of an administrator's setting (app_setting), undefined when unset. */
export async function settingValue(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function childRegions(db: Db, code: string): Promise<{ code: string; name: string; level: string }[]> {
  return db.selectFrom('region').select(['code', 'name', 'level']).where('parent_code', '=', code).orderBy('code').execute();
}

/** Moves pending events into the rollups; -1 when another compaction is running. */
export async function compact(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT coverage_compact() AS n`.execute(db);
  // After a large batch the delta is full of dead rows that every national read would scan until
  // autovacuum comes by; vacuum it now (outside any transaction).
  if (rows[0]!.n > 20_000) await sql`VACUUM coverage_delta`.execute(db);
  return rows[0]!.n;
}
