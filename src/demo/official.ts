/**
 * Loads the national official-data demo (official-plan.ts): employed population and targets of every
 * regency, province and the country for every year up to this one, and BPJS TK participation of every
 * regency/city per month and segment from 2024-01 to this month (WIB). Idempotent and catching up: a
 * later start adds the months since the last one; demo denominators and targets (updated_by
 * system:demo) are rewritten, an administrator's figures and any real participation figure are kept.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { type Actor, audited, type Tx } from '../db/tx.js';
import { addMonths, currentPeriod, monthStart, type Period, yearOf } from '../domain/coverage.js';
import { OFFICIAL_FROM, OfficialDemo, type ParticipationRow } from './official-plan.js';
import { todayWib } from '../domain/wib.js';

export const OFFICIAL_DEMO_SOURCE = 'BPJS TK (DATA DEMO SINTETIS)';
const DENOMINATOR_SOURCE = (year: number) => `BPS Sakernas Agustus ${year} — DATA DEMO SINTETIS (angka rekaan berskala nyata)`;
const TARGET_SOURCE = 'DATA DEMO SINTETIS';
const BATCH = 20_000;

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export async function loadDemoOfficial(db: Db, actor: Actor, now = new Date()): Promise<{ months: number; rows: number }> {
  const regencies = await db.selectFrom('region').select(['code', 'name']).where('level', '=', 'regency').orderBy('code').execute();
  if (regencies.length === 0) return { months: 0, rows: 0 };
  const demo = new OfficialDemo(regencies);
  const to = currentPeriod(now);
  const years = Array.from({ length: yearOf(to) - yearOf(OFFICIAL_FROM) + 1 }, (_, i) => yearOf(OFFICIAL_FROM) + i);
  const last = await sql<{ m: string | null }>`
    SELECT to_char(max(month), 'YYYY-MM') AS m FROM participation_report WHERE received_by = ${actor.username}`.execute(db);
  const from = last.rows[0]?.m ? addMonths(last.rows[0].m, 1) : OFFICIAL_FROM;

  return audited(db, actor, async (tx) => {
    await upsertDenominators(tx, actor, demo, years);
    await upsertTargets(tx, actor, demo, years);
    const rows = from <= to ? await insertParticipation(tx, actor, demo.participation(from, to), now) : 0;
    const months = rows ? (yearOf(to) - yearOf(from)) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1 : 0;
    return {
      result: { months, rows },
      audit: rows ? [{ action: 'generate', entityType: 'participation_demo', entityId: `${from}..${to}`, regionCode: null, before: null, after: { from, to, rows, source: OFFICIAL_DEMO_SOURCE } }] : [],
    };
  });
}

async function upsertDenominators(tx: Tx, actor: Actor, demo: OfficialDemo, years: number[]) {
  const rows = demo.denominators(years);
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`
    INSERT INTO employed_population (region_code, year, total, formal, informal, source, updated_by)
    SELECT code, year, total, formal, informal, source, ${actor.username}
    FROM unnest(${col((r) => r.code)}::text[], ${col((r) => r.year)}::int[], ${col((r) => r.total)}::bigint[], ${col((r) => r.formal)}::bigint[],
                ${col((r) => r.informal)}::bigint[], ${col((r) => DENOMINATOR_SOURCE(r.year))}::text[]) AS t(code, year, total, formal, informal, source)
    ON CONFLICT (region_code, year) DO UPDATE
      SET total = excluded.total, formal = excluded.formal, informal = excluded.informal, source = excluded.source, updated_at = now()
      WHERE employed_population.updated_by = ${actor.username}`.execute(tx);
}

async function upsertTargets(tx: Tx, actor: Actor, demo: OfficialDemo, years: number[]) {
  const rows = demo.targets(years);
  await sql`
    INSERT INTO coverage_target (region_code, year, target_pct, source, updated_by)
    SELECT code, year, pct, source, ${actor.username}
    FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.pct)}::numeric[],
                ${rows.map((r) => r.source ?? TARGET_SOURCE)}::text[]) AS t(code, year, pct, source)
    ON CONFLICT (region_code, year) DO UPDATE
      SET target_pct = excluded.target_pct, source = excluded.source, updated_at = now()
      WHERE coverage_target.updated_by = ${actor.username}`.execute(tx);
}

/** Batched INSERT … SELECT unnest; a key that already has a current figure (a real one) keeps it. */
async function insertParticipation(tx: Tx, actor: Actor, rows: Iterable<ParticipationRow>, now: Date): Promise<number> {
  let batch: ParticipationRow[] = [];
  let inserted = 0;
  const today = todayWib(now);
  const flush = async () => {
    if (batch.length === 0) return;
    const col = <T>(f: (r: ParticipationRow) => T) => batch.map(f);
    const res = await sql`
      INSERT INTO participation_report (region_code, month, segment, active, new_count, inactive_count, source, received_at, received_by)
      SELECT code, month, segment, active, new_count, inactive_count, source, received_at, ${actor.username}
      FROM unnest(${col((r) => r.code)}::text[], ${col((r) => monthStart(r.period))}::date[], ${col((r) => r.segment)}::text[],
                  ${col((r) => r.active)}::int[], ${col((r) => r.newCount)}::int[], ${col((r) => r.inactiveCount)}::int[],
                  ${col((r) => sourceOf(r.period, today))}::text[], ${col((r) => receivedAt(r.period, now))}::timestamptz[])
        AS t(code, month, segment, active, new_count, inactive_count, source, received_at)
      ON CONFLICT (month, region_code, segment) WHERE superseded_at IS NULL DO NOTHING`.execute(tx);
    inserted += Number(res.numAffectedRows ?? 0);
    batch = [];
  };
  for (const r of rows) {
    batch.push(r);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return inserted;
}

const lastDay = (p: Period) => new Date(Date.UTC(yearOf(p), Number(p.slice(5)), 0)).toISOString().slice(0, 10);

/** "BPJS TK (DATA DEMO SINTETIS), data per 30/06/2025" — this month's figure is as of today. */
function sourceOf(p: Period, today: string): string {
  const asOf = lastDay(p) < today ? lastDay(p) : today;
  return `${OFFICIAL_DEMO_SOURCE}, data per ${ddmmyyyy(asOf)}`;
}

/** Received ten days after the month's end, or now for the months that are not that old yet. */
function receivedAt(p: Period, now: Date): string {
  const t = Date.parse(`${lastDay(p)}T10:00:00+07:00`) + 10 * 86_400_000;
  return new Date(Math.min(t, now.getTime())).toISOString();
}
