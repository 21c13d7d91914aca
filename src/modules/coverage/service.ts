import type { Db } from '../../db/client.js';
import {
  type CoverageDefinition,
  coveragePct,
  DEFAULT_DEFINITION,
  DEFAULT_GAP_RATE,
  describeDefinition,
  LEVEL_NUMBER,
  monthsBetween,
  type Period,
  targetGap,
  yearOf,
} from '../../domain/coverage.js';
import { NATIONAL, parentOf } from '../../domain/region-code.js';
import { SEGMENTS, type Segment } from '../../domain/worker.js';
import type { Bilingual } from '../../lib/errors.js';
import { errors } from '../../lib/errors.js';
import { contribution } from '../../domain/contribution.js';
import { rateAt } from '../../domain/rates.js';
import { loadSnapshot } from '../funding/rates/queries.js';
import { reachCounts } from '../outreach/queries.js';
import { findRegion, findRegions } from '../regions/queries.js';
import {
  breakdown,
  type BreakdownRow,
  childMeasures,
  childRegions,
  type Denominator,
  denominators,
  denominatorsOf,
  type Measures,
  monthlyEvents,
  regionMeasures,
  targets,
} from './queries.js';

/** app_setting keys an administrator may change (until there is a screen for them). */
export const DEFINITION_SETTING = 'coverage.definition';
export const GAP_RATE_SETTING = 'coverage.gap_rate';

export async function coverageDefinition(db: Db): Promise<CoverageDefinition> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', DEFINITION_SETTING).executeTakeFirst();
  const v = row?.value as { segments?: string[]; text?: Bilingual } | undefined;
  const segments = (v?.segments ?? []).filter((s): s is Segment => (SEGMENTS as readonly string[]).includes(s));
  if (segments.length === 0) return DEFAULT_DEFINITION;
  return { segments, text: v?.text ?? describeDefinition(segments) };
}

/**
 * What one more covered worker costs a month, for the gap in rupiah: an administrator's setting if
 * there is one, else the government-funded BPU package (JKK + JKM at the lowest declared income)
 * priced by the contribution engine with the rates in force in the period.
 */
export async function gapRate(db: Db, period: Period): Promise<typeof DEFAULT_GAP_RATE> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', GAP_RATE_SETTING).executeTakeFirst();
  const v = row?.value as { rupiah?: number; basis?: Bilingual } | undefined;
  if (v?.rupiah && Number.isInteger(v.rupiah) && v.rupiah > 0) return { rupiah: v.rupiah, basis: v.basis ?? DEFAULT_GAP_RATE.basis };
  const date = `${period}-01`;
  const rates = await loadSnapshot(db);
  let income: number;
  try {
    income = rateAt(rates, 'BPU_MIN_INCOME', date).value;
  } catch {
    return DEFAULT_GAP_RATE; // a period before any rate was in force
  }
  const pkg = contribution(rates, { segment: 'BPU', date, declaredIncome: income, programs: ['JKK', 'JKM'] });
  if (!pkg.ok) return DEFAULT_GAP_RATE;
  const part = (p: string) => pkg.value.lines.find((l) => l.program === p)?.amount ?? 0;
  const rp = (n: number, lang: 'id-ID' | 'en-US') => `Rp${n.toLocaleString(lang)}`;
  return {
    rupiah: pkg.value.total,
    basis: {
      id: `Paket BPU dibiayai pemerintah per pekerja per bulan: JKK ${rp(part('JKK'), 'id-ID')} + JKM ${rp(part('JKM'), 'id-ID')} (penghasilan ${rp(income, 'id-ID')}, tarif berlaku ${period})`,
      en: `Government-funded BPU package per worker per month: JKK ${rp(part('JKK'), 'en-US')} + JKM ${rp(part('JKM'), 'en-US')} (income ${rp(income, 'en-US')}, rates in force in ${period})`,
    },
  };
}

export interface ChildFigures {
  code: string;
  name: string;
  level: string;
  activeParticipants: number;
  employedPopulation: number | null;
  coveragePct: number | null;
  targetPct: number | null;
  newEnrolments: number;
  lapses: number;
}

export interface CoverageReport {
  region: { code: string; name: string; level: string };
  period: Period;
  activeParticipants: number;
  employedPopulation: number | null;
  coveragePct: number | null;
  targetPct: number | null;
  newEnrolments: number;
  lapses: number;
  ended: number;
  denominator: { year: number; source: string; formal: number | null; informal: number | null } | null;
  target: { year: number; source: string } | null;
  gap: { workers: number; rupiahPerMonth: number; ratePerWorker: number; rateBasis: Bilingual } | null;
  parent: { code: string; name: string; coveragePct: number | null } | null;
  national: { coveragePct: number | null } | null;
  /** desa reached by outreach (sosialisasi) events */
  villagesReached: { villagesTotal: number; villagesReached: number; pct: number };
  breakdown: { segment: BreakdownRow[]; group: BreakdownRow[]; payer: BreakdownRow[] };
  definition: { segments: Segment[]; text: Bilingual };
  children: ChildFigures[];
}

const levelNo = (level: string) => LEVEL_NUMBER[level as keyof typeof LEVEL_NUMBER];

export async function regionOrThrow(db: Db, code: string) {
  const region = await findRegion(db, code);
  if (!region) throw errors.regionNotFound(code);
  return region;
}

/** Everything the dashboard and the monev report show for one region and month. */
export async function coverageReport(db: Db, code: string, period: Period): Promise<CoverageReport> {
  const region = await regionOrThrow(db, code);
  const level = levelNo(region.level);
  const year = yearOf(period);
  const def = await coverageDefinition(db);
  const segs = def.segments;
  const parentCode = code === NATIONAL ? null : parentOf(code);

  const [own, kids, childM, bySegment, byGroup, byPayer, parentM, nationalM, rate] = await Promise.all([
    regionMeasures(db, code, level, period, segs),
    childRegions(db, code),
    level < 4 ? childMeasures(db, code, level, period, segs) : Promise.resolve(new Map<string, Measures>()),
    breakdown(db, code, level, period, 'segment', segs),
    breakdown(db, code, level, period, 'group', segs),
    breakdown(db, code, level, period, 'payer', segs),
    parentCode ? regionMeasures(db, parentCode, level - 1, period, segs) : Promise.resolve(null),
    code !== NATIONAL && parentCode !== NATIONAL ? regionMeasures(db, NATIONAL, 0, period, segs) : Promise.resolve(null),
    gapRate(db, period),
  ]);
  const reached = await reachCounts(db, code);
  const codes = [code, ...(parentCode ? [parentCode] : []), NATIONAL, ...kids.map((k) => k.code)];
  const [dens, tgts, parentRegion] = await Promise.all([
    denominators(db, codes, year),
    targets(db, [code, ...kids.map((k) => k.code)], year),
    parentCode ? findRegions(db, [parentCode]) : Promise.resolve([]),
  ]);

  const pctOf = (c: string, m: Measures | null) => (m ? coveragePct(m.active, dens.get(c)?.total ?? null) : null);
  const den = dens.get(code) ?? null;
  const tgt = tgts.get(code) ?? null;
  const gap = targetGap(own.active, den?.total ?? null, tgt?.pct ?? null, rate.rupiah);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    period,
    activeParticipants: own.active,
    employedPopulation: den?.total ?? null,
    coveragePct: pctOf(code, own),
    targetPct: tgt?.pct ?? null,
    newEnrolments: own.started,
    lapses: own.lapsed,
    ended: own.ended,
    denominator: den ? presentDenominator(den) : null,
    target: tgt ? { year, source: tgt.source } : null,
    gap: gap ? { ...gap, ratePerWorker: rate.rupiah, rateBasis: rate.basis } : null,
    parent: parentCode ? { code: parentCode, name: parentRegion[0]?.name ?? 'Indonesia', coveragePct: pctOf(parentCode, parentM) } : null,
    national: code === NATIONAL ? null : { coveragePct: pctOf(NATIONAL, parentCode === NATIONAL ? parentM : nationalM) },
    villagesReached: reached,
    breakdown: { segment: bySegment, group: byGroup, payer: byPayer },
    definition: { segments: def.segments, text: def.text },
    children: kids.map((k) => {
      const m = childM.get(k.code) ?? { active: 0, started: 0, lapsed: 0, ended: 0 };
      return {
        code: k.code,
        name: k.name,
        level: k.level,
        activeParticipants: m.active,
        employedPopulation: dens.get(k.code)?.total ?? null,
        coveragePct: pctOf(k.code, m),
        targetPct: tgts.get(k.code)?.pct ?? null,
        newEnrolments: m.started,
        lapses: m.lapsed,
      };
    }),
  };
}

const presentDenominator = (d: Denominator) => ({ year: d.year, source: d.source, formal: d.formal, informal: d.informal });

export interface TrendPoint {
  period: Period;
  activeParticipants: number;
  coveragePct: number | null;
  employedPopulation: number | null;
  newEnrolments: number;
  lapses: number;
}

/** Month-by-month figures from `from` to `to`; each month divides by its own year's denominator. */
export async function coverageTrend(db: Db, code: string, from: Period, to: Period): Promise<TrendPoint[]> {
  const region = await regionOrThrow(db, code);
  const def = await coverageDefinition(db);
  const [events, dens] = await Promise.all([monthlyEvents(db, code, levelNo(region.level), to, def.segments), denominatorsOf(db, code)]);
  const byMonth = new Map(events.map((e) => [e.month, e]));
  let active = events.filter((e) => e.month < from).reduce((s, e) => s + e.net, 0);
  return monthsBetween(from, to).map((period) => {
    const e = byMonth.get(period);
    active += e?.net ?? 0;
    const den = dens.filter((d) => d.year <= yearOf(period)).at(-1) ?? null;
    return {
      period,
      activeParticipants: active,
      coveragePct: coveragePct(active, den?.total ?? null),
      employedPopulation: den?.total ?? null,
      newEnrolments: e?.started ?? 0,
      lapses: e?.lapsed ?? 0,
    };
  });
}
