import { type Insertable, sql } from 'kysely';
import { inRegion, inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/tx.js';
import { levelOf } from '../../domain/region-code.js';
import type { OutreachEvent, OutreachEventPage, Reach, ReachKind } from './schemas.js';

/** Length of the code of the level below `region` (ID → provinces "32", 32 → "32.02", 32.02 → "32.02.01"); null below districts. */
const CHILD_CODE_LENGTH: Record<string, number | null> = { country: 2, province: 5, regency: 8, district: null, village: null };

/**
 * Village reach of outreach in a region's subtree, set-based: every village of the subtree once, with
 * whether any event reached it. `kind` 'desa' (default) counts desa only — the seed figures (378 of 381
 * in Kab. Sukabumi) count desa; kelurahan have no village government — 'all' counts kelurahan too.
 */
export async function reach(db: Db, region: string, kind: ReachKind): Promise<Reach> {
  const level = levelOf(region);
  const kindFilter = kind === 'desa' ? sql<boolean>`v.kind = 'desa'` : sql<boolean>`true`;
  const childLen = CHILD_CODE_LENGTH[level] ?? null;
  // One pass over the subtree's villages (materialised once), answering totals, the villages not
  // reached (first 5,000) and the split by the level below together.
  const res = await sql<{ total: number; reached: number; not_reached: { code: string; name: string }[] | null; children: { code: string; name: string; total: number; reached: number }[] | null }>`
    WITH s AS MATERIALIZED (
      SELECT v.code, v.name, EXISTS (SELECT 1 FROM outreach_village ov WHERE ov.village_code = v.code) AS reached
      FROM region v
      WHERE v.level = 'village' AND ${inRegionSql('v.code', region)} AND ${kindFilter}
    )
    SELECT
      (SELECT count(*)::int FROM s) AS total,
      (SELECT count(*)::int FROM s WHERE reached) AS reached,
      (SELECT json_agg(json_build_object('code', code, 'name', name) ORDER BY code)
         FROM (SELECT code, name FROM s WHERE NOT reached ORDER BY code LIMIT 5000) n) AS not_reached,
      ${
        childLen === null
          ? sql`NULL::json`
          : sql`(SELECT json_agg(json_build_object('code', c.code, 'name', c.name, 'total', g.total, 'reached', g.reached) ORDER BY c.code)
                   FROM (SELECT left(code, ${childLen}) AS code, count(*)::int AS total, count(*) FILTER (WHERE reached)::int AS reached FROM s GROUP BY 1) g
                   JOIN region c ON c.code = g.code)`
      } AS children`.execute(db);
  const t = res.rows[0] ?? { total: 0, reached: 0, not_reached: null, children: null };
  return {
    regionCode: region,
    kind,
    villagesTotal: t.total,
    villagesReached: t.reached,
    pct: pct(t.reached, t.total),
    notReached: t.not_reached ?? [],
    byChild: (t.children ?? []).map((c) => ({ code: c.code, name: c.name, villagesTotal: c.total, villagesReached: c.reached, pct: pct(c.reached, c.total) })),
  };
}

/**
 * Just the desa reach figures of a subtree, cheap enough for every coverage read (the dashboard and
 * monev report): two counts over index ranges, no per-village probe.
 */
export async function reachCounts(db: Db, region: string) {
  const res = await sql<{ total: number; reached: number }>`
    SELECT (SELECT count(*)::int FROM region v WHERE v.level = 'village' AND v.kind = 'desa' AND ${inRegionSql('v.code', region)}) AS total,
           (SELECT count(DISTINCT ov.village_code)::int FROM outreach_village ov JOIN region v ON v.code = ov.village_code AND v.kind = 'desa'
            WHERE ${inRegionSql('ov.village_code', region)}) AS reached`.execute(db);
  const t = res.rows[0] ?? { total: 0, reached: 0 };
  return { villagesTotal: t.total, villagesReached: t.reached, pct: pct(t.reached, t.total) };
}

/** Percentage with one decimal; 0 when there is nothing to reach. */
const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

export async function listEvents(db: Db, region: string, page: number, pageSize: number): Promise<Omit<OutreachEventPage, 'page' | 'pageSize'>> {
  const q = db.selectFrom('outreach_event as o').where((eb) => inRegion(eb, 'o.region_code', region));
  const [items, total] = await Promise.all([
    q
      .select([
        'o.id',
        'o.held_on as heldOn',
        'o.title',
        'o.organiser',
        'o.audiences',
        'o.attendance',
        'o.enrolments_after as enrolmentsAfter',
        'o.region_code as region',
        'o.notes',
        'o.created_by as createdBy',
        (eb) => eb.selectFrom('outreach_village as ov').select((x) => x.fn.countAll<number>().as('n')).whereRef('ov.event_id', '=', 'o.id').as('villageCount'),
      ])
      .orderBy('o.held_on', 'desc')
      .orderBy('o.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((i) => ({ ...i, villageCount: Number(i.villageCount) })), total: Number(total.n) };
}

/** Stores an event and the villages it reached; answers it as the list shows it. */
export async function insertEvent(tx: Tx, values: Insertable<Database['outreach_event']>, villages: string[]): Promise<OutreachEvent> {
  const e = await tx.insertInto('outreach_event').values(values).returningAll().executeTakeFirstOrThrow();
  await tx.insertInto('outreach_village').values(villages.map((v) => ({ event_id: e.id, village_code: v }))).execute();
  return {
    id: e.id,
    heldOn: e.held_on,
    title: e.title,
    organiser: e.organiser,
    audiences: e.audiences,
    attendance: e.attendance,
    enrolmentsAfter: e.enrolments_after,
    region: e.region_code,
    notes: e.notes,
    createdBy: e.created_by,
    villageCount: villages.length,
  };
}
