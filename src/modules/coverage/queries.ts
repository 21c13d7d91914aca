import { type RawBuilder, sql } from 'kysely';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import { addMonths, CODE_WIDTH, LEVEL_NUMBER, monthStart, type Period } from '../../domain/coverage.js';
import type { OfficialReport } from '../../domain/numerator.js';
import { NATIONAL, regencyOf } from '../../domain/region-code.js';
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
 * The figures of the region, its parent and the country (tags 'own', 'parent', 'national'; each when
 * asked for) and of every child with any event (tag 'child'), in one statement.
 */
export async function measuresAround(
  db: Db,
  s: { code: string; level: number; parentCode: string | null; national: boolean; children: boolean },
  period: Period,
  segments: Segment[],
): Promise<{ own: Measures; parent: Measures | null; national: Measures | null; children: Map<string, Measures> }> {
  const m = monthStart(period);
  const parts = [sql`SELECT 'own' AS tag, * FROM (${events('S', { of: s.code, level: s.level }, m)}) e`];
  if (s.parentCode) parts.push(sql`SELECT 'parent', * FROM (${events('S', { of: s.parentCode, level: s.level - 1 }, m)}) e`);
  if (s.national) parts.push(sql`SELECT 'national', * FROM (${events('S', { of: NATIONAL, level: 0 }, m)}) e`);
  if (s.children) parts.push(sql`SELECT 'child', * FROM (${events('S', { childrenOf: s.code, level: s.level }, m)}) e`);
  const { rows } = await sql<Measures & { tag: string; code: string }>`
    SELECT tag, region_code AS code, ${measures(m)} FROM (${sql.join(parts, sql` UNION ALL `)}) e
    WHERE segment = ANY (${segments}::text[])
    GROUP BY tag, region_code`.execute(db);
  const out = { own: { active: 0, started: 0, lapsed: 0, ended: 0 } as Measures, parent: null as Measures | null, national: null as Measures | null, children: new Map<string, Measures>() };
  if (s.parentCode) out.parent = { active: 0, started: 0, lapsed: 0, ended: 0 };
  if (s.national) out.national = { active: 0, started: 0, lapsed: 0, ended: 0 };
  for (const { tag, code, ...rest } of rows) {
    if (tag === 'child') out.children.set(code, rest);
    else out[tag as 'own' | 'parent' | 'national'] = rest;
  }
  return out;
}

/** A region with its parent's name and the data versions (official-month.ts), in one row. */
export async function regionWithVersions(db: Db, code: string) {
  const { rows } = await sql<{ code: string; name: string; level: string; parentName: string | null; pv: string; rv: string }>`
    SELECT r.code, r.name, r.level, p.name AS "parentName",
           (SELECT n FROM data_version WHERE name = 'participation')::text AS pv, (SELECT n FROM data_version WHERE name = 'region')::text AS rv
    FROM region r LEFT JOIN region p ON p.code = r.parent_code WHERE r.code = ${code}`.execute(db);
  const r = rows[0];
  return r ? { code: r.code, name: r.name, level: r.level, parentName: r.parentName, versions: { participation: r.pv, region: r.rv } } : undefined;
}

/** Desa of `code`'s subtree with any outreach (the count of src/modules/outreach reachCounts). */
export async function villagesReached(db: Db, code: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT ov.village_code)::int AS n FROM outreach_village ov JOIN region v ON v.code = ov.village_code AND v.kind = 'desa'
    WHERE ${inRegionSql('ov.village_code', code)}`.execute(db);
  return rows[0]?.n ?? 0;
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

/** region_code is one of `codes` or a child of `childrenOf` (so a report need not list its children first). */
const withChildren = (codes: string[], childrenOf?: string) =>
  childrenOf
    ? sql`(region_code = ANY (${codes}::text[]) OR region_code IN (SELECT code FROM region WHERE parent_code = ${childrenOf}))`
    : sql`region_code = ANY (${codes}::text[])`;

export interface Denominator {
  code: string;
  year: number;
  total: number;
  formal: number | null;
  informal: number | null;
  source: string;
}

/** The latest employed-population figure of each region for a year on or before `year`. */
export async function denominators(db: Db, codes: string[], year: number, childrenOf?: string): Promise<Map<string, Denominator>> {
  if (codes.length === 0 && !childrenOf) return new Map();
  const { rows } = await sql<Denominator>`
    SELECT DISTINCT ON (region_code) region_code AS code, year, total, formal, informal, source
    FROM employed_population WHERE ${withChildren(codes, childrenOf)} AND year <= ${year}
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

export interface Target {
  /** the year the target was set for: the period's, or the latest earlier one */
  year: number;
  pct: number;
  source: string;
}

/** The target of each region for `year`, or when none is set its latest earlier target. */
export async function targets(db: Db, codes: string[], year: number, childrenOf?: string): Promise<Map<string, Target>> {
  if (codes.length === 0 && !childrenOf) return new Map();
  const { rows } = await sql<{ code: string; year: number; pct: string; source: string }>`
    SELECT DISTINCT ON (region_code) region_code AS code, year, target_pct AS pct, source FROM coverage_target
    WHERE ${withChildren(codes, childrenOf)} AND year <= ${year}
    ORDER BY region_code, year DESC`.execute(db);
  return new Map(rows.map((r) => [r.code, { year: r.year, pct: Number(r.pct), source: r.source }]));
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

// ── official participation data (participation_report, issue 11) ──

export interface OfficialMonthReport extends OfficialReport {
  month: Period;
}

export interface OfficialData {
  reports: OfficialMonthReport[];
  /** number of children of every region between a figure and the country */
  childCount: Map<string, number>;
  /** the most recently received current figure of `root` or inside it, in the first month selected */
  latest: { source: string; receivedAt: string } | null;
}

/**
 * The current official figures selected by `selected` (columns month, code, key, active, new_count,
 * inactive_count, source, received_at), grouped per region and month, the child counts the numerator rule needs, and the
 * latest figure received, in one statement. District rows under a regency that reports itself are
 * never summed, so they are left out, except inside `root` when it is a regency or a district (its
 * children or itself are shown). Compact JSON arrays: a national read carries ~1,000 region-months.
 */
async function officialData(db: Db, selected: RawBuilder<unknown>, root: string, rootLevel: number, latestMonth: Period): Promise<OfficialData> {
  const keepDistricts = rootLevel >= LEVEL_NUMBER.regency ? inRegionSql('r.code', root) : sql<boolean>`false`;
  const { rows } = await sql<{ rows: [Period, string, string[], number[], number | null, number | null][] | null; kids: Record<string, number> | null; latest: OfficialData['latest'] }>`
    WITH r AS (${selected}),
    kept AS (
      SELECT * FROM r
      WHERE length(code) < 8 OR ${keepDistricts} OR NOT EXISTS (
        SELECT 1 FROM participation_report up
        WHERE up.superseded_at IS NULL AND up.month = r.month AND up.region_code = left(r.code, 5))
    ),
    per_region AS (
      SELECT month, code, array_agg(key) AS keys, array_agg(active) AS actives,
             -- new / inactive over every row of the region and month, unknown (null) when one row lacks it
             CASE WHEN bool_and(new_count IS NOT NULL) THEN sum(new_count)::int END AS new_count,
             CASE WHEN bool_and(inactive_count IS NOT NULL) THEN sum(inactive_count)::int END AS inactive_count
      FROM kept GROUP BY month, code)
    SELECT
      (SELECT json_agg(json_build_array(to_char(month, 'YYYY-MM'), code, keys, actives, new_count, inactive_count)) FROM per_region) AS rows,
      (SELECT json_object_agg(parent_code, n) FROM (
         SELECT parent_code, count(*)::int AS n FROM region
         WHERE parent_code IN (
           SELECT DISTINCT p FROM per_region CROSS JOIN LATERAL (VALUES ('ID'), (left(code, 2)), (left(code, 5))) AS v (p)
           WHERE p = 'ID' OR length(p) < length(code))
         GROUP BY parent_code) k) AS kids,
      (SELECT json_build_object('source', source, 'receivedAt', to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       FROM kept WHERE month = ${monthStart(latestMonth)}::date AND ${inRegionSql('code', root)}
       ORDER BY received_at DESC LIMIT 1) AS latest`.execute(db);
  const row = rows[0]!;
  return {
    reports: (row.rows ?? []).map(([month, code, keys, actives, newCount, inactiveCount]) => {
      const counts: Record<string, number> = {};
      keys.forEach((k, i) => (counts[k] = (counts[k] ?? 0) + actives[i]!));
      return { month, code, counts, flows: { new: newCount, inactive: inactiveCount } };
    }),
    childCount: new Map(Object.entries(row.kids ?? {})),
    latest: row.latest,
  };
}

const currentRows = sql`superseded_at IS NULL`;

/** Official figures of `segments` inside `root` for one month, per segment. */
export function officialInRegion(db: Db, root: string, rootLevel: number, period: Period, segments: Segment[]): Promise<OfficialData> {
  return officialData(
    db,
    sql`
      SELECT month, region_code AS code, segment AS key, active, new_count, inactive_count, source, received_at FROM participation_report
      WHERE ${currentRows} AND month = ${monthStart(period)}::date AND ${inRegionSql('region_code', root)} AND segment = ANY (${segments}::text[])`,
    root,
    rootLevel,
    period,
  );
}

/** Official figures inside `root` from `from` to `to`, segments summed (key 'ALL'), for trends. */
export function officialForTrend(db: Db, root: string, rootLevel: number, from: Period, to: Period, segments: Segment[]): Promise<OfficialData> {
  return officialData(
    db,
    sql`
      SELECT month, region_code AS code, 'ALL' AS key, active, new_count, inactive_count, source, received_at FROM participation_report
      WHERE ${currentRows} AND month BETWEEN ${monthStart(from)}::date AND ${monthStart(to)}::date
        AND ${inRegionSql('region_code', root)} AND segment = ANY (${segments}::text[])`,
    root,
    rootLevel,
    to,
  );
}

/**
 * Registry BPU enrolments active at the end of `period`, located in each child region of `root`
 * (the root itself when it is a village), funded by a programme of that region, of a region above it
 * or of one inside it — the workers its programmes pay for, to set beside BPJS TK's BPU figure.
 */
export async function fundedBpu(db: Db, root: string, rootLevel: number, period: Period): Promise<Map<string, number>> {
  const next = monthStart(addMonths(period, 1));
  const width = sql.lit(CODE_WIDTH[Math.min(rootLevel + 1, LEVEL_NUMBER.village)]!);
  const { rows } = await sql<{ code: string; n: number }>`
    SELECT left(e.village_code, ${width}) AS code, count(*)::int AS n
    FROM enrolment e JOIN funding_program fp ON fp.id = e.funding_program_id
    WHERE e.segment = 'BPU' AND e.status IN ('active', 'lapsed', 'ended') AND ${inRegionSql('e.village_code', root)}
      AND e.start_date < ${next}::date
      AND coalesce(coverage_stop(e.status, e.start_date, e.end_date, e.updated_at) >= ${next}::date, true)
      AND (fp.region_code = 'ID'
           OR starts_with(e.village_code || '.', fp.region_code || '.')
           OR starts_with(fp.region_code, left(e.village_code, ${width}) || '.'))
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.code, r.n]));
}

/**
 * Regencies (of `root`'s subtree, or `root`'s own regency below that level) whose latest official
 * figure up to `period` — their own or a district's, any segment — is older than `olderThan`, or
 * that never reported. Reads participation_history (region_code, month, …).
 */
export async function staleRegencies(
  db: Db,
  root: string,
  rootLevel: number,
  period: Period,
  olderThan: Period,
): Promise<{ code: string; name: string; lastPeriod: string | null }[]> {
  const scope = rootLevel > LEVEL_NUMBER.regency ? sql`r.code = ${regencyOf(root)}` : sql`r.level = 'regency' AND ${inRegionSql('r.code', root)}`;
  const { rows } = await sql<{ code: string; name: string; lastPeriod: string | null }>`
    SELECT r.code, r.name, to_char(l.latest, 'YYYY-MM') AS "lastPeriod"
    FROM region r
    CROSS JOIN LATERAL (
      SELECT max(p.month) AS latest FROM participation_report p
      WHERE p.region_code >= r.code AND p.region_code < r.code || '/' AND p.month <= ${monthStart(period)}::date
    ) l
    WHERE ${scope} AND (l.latest IS NULL OR l.latest < ${monthStart(olderThan)}::date)
    ORDER BY r.code`.execute(db);
  return rows;
}
