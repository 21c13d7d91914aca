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
  childMeasures,
  childRegions,
  type Denominator,
  denominators,
  denominatorsOf,
  type Measures,
  monthlyEvents,
  regionMeasures,
  settingValue,
  targets,
} from './queries.js';
import type { Coverage, CoverageChild, CoverageTrendPoint } from './schemas.js';

/** app_setting keys an administrator may change (until there is a screen for them). */
export const DEFINITION_SETTING = 'coverage.definition';
export const GAP_RATE_SETTING = 'coverage.gap_rate';

export async function coverageDefinition(db: Db): Promise<CoverageDefinition> {
  const v = (await settingValue(db, DEFINITION_SETTING)) as { segments?: string[]; text?: Bilingual } | undefined;
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
  const v = (await settingValue(db, GAP_RATE_SETTING)) as { rupiah?: number; basis?: Bilingual } | undefined;
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

const levelNo = (level: string) => LEVEL_NUMBER[level as keyof typeof LEVEL_NUMBER];

export async function regionOrThrow(db: Db, code: string) {
  const region = await findRegion(db, code);
  if (!region) throw errors.regionNotFound(code);
  return region;
}

/** The region a report is about, with its place in the tree, for one month and coverage definition. */
interface ReportScope {
  code: string;
  level: number;
  parentCode: string | null;
  period: Period;
  segments: Segment[];
}

/** Monthly figures of the region, each child with any event, the parent and the country (null where not shown). */
async function measuresOf(db: Db, s: ReportScope) {
  const [own, children, parent, country] = await Promise.all([
    regionMeasures(db, s.code, s.level, s.period, s.segments),
    s.level < 4 ? childMeasures(db, s.code, s.level, s.period, s.segments) : Promise.resolve(new Map<string, Measures>()),
    s.parentCode ? regionMeasures(db, s.parentCode, s.level - 1, s.period, s.segments) : Promise.resolve(null),
    s.code !== NATIONAL && s.parentCode !== NATIONAL ? regionMeasures(db, NATIONAL, 0, s.period, s.segments) : Promise.resolve(null),
  ]);
  return { own, children, parent, national: s.code === NATIONAL ? null : s.parentCode === NATIONAL ? parent : country };
}

/** Active participants of the region by segment, group and payer. */
async function breakdownsOf(db: Db, s: ReportScope): Promise<Coverage['breakdown']> {
  const by = (key: 'segment' | 'group' | 'payer') => breakdown(db, s.code, s.level, s.period, key, s.segments);
  const [segment, group, payer] = await Promise.all([by('segment'), by('group'), by('payer')]);
  return { segment, group, payer };
}

const NO_EVENTS: Measures = { active: 0, started: 0, lapsed: 0, ended: 0 };

function childFigures(kid: Pick<CoverageChild, 'code' | 'name' | 'level'>, m: Measures, den: Denominator | undefined, targetPct: number | null): CoverageChild {
  return {
    code: kid.code,
    name: kid.name,
    level: kid.level,
    activeParticipants: m.active,
    employedPopulation: den?.total ?? null,
    coveragePct: coveragePct(m.active, den?.total ?? null),
    targetPct,
    newEnrolments: m.started,
    lapses: m.lapsed,
  };
}

/** Everything the dashboard and the monev report show for one region and month. */
export async function coverageReport(db: Db, code: string, period: Period): Promise<Coverage> {
  const region = await regionOrThrow(db, code);
  const def = await coverageDefinition(db);
  const s: ReportScope = { code, level: levelNo(region.level), parentCode: code === NATIONAL ? null : parentOf(code), period, segments: def.segments };
  const year = yearOf(period);

  const [m, kids, byKey, rate, reached] = await Promise.all([
    measuresOf(db, s),
    childRegions(db, code),
    breakdownsOf(db, s),
    gapRate(db, period),
    reachCounts(db, code),
  ]);
  const kidCodes = kids.map((k) => k.code);
  const [dens, tgts, parentRegion] = await Promise.all([
    denominators(db, [code, ...(s.parentCode ? [s.parentCode] : []), NATIONAL, ...kidCodes], year),
    targets(db, [code, ...kidCodes], year),
    s.parentCode ? findRegions(db, [s.parentCode]) : Promise.resolve([]),
  ]);

  const pctOf = (c: string, figures: Measures | null) => (figures ? coveragePct(figures.active, dens.get(c)?.total ?? null) : null);
  const den = dens.get(code) ?? null;
  const tgt = tgts.get(code) ?? null;
  const gap = targetGap(m.own.active, den?.total ?? null, tgt?.pct ?? null, rate.rupiah);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    period,
    activeParticipants: m.own.active,
    employedPopulation: den?.total ?? null,
    coveragePct: pctOf(code, m.own),
    targetPct: tgt?.pct ?? null,
    newEnrolments: m.own.started,
    lapses: m.own.lapsed,
    ended: m.own.ended,
    denominator: den ? { year: den.year, source: den.source, formal: den.formal, informal: den.informal } : null,
    target: tgt ? { year, source: tgt.source } : null,
    gap: gap ? { ...gap, ratePerWorker: rate.rupiah, rateBasis: rate.basis } : null,
    parent: s.parentCode ? { code: s.parentCode, name: parentRegion[0]?.name ?? 'Indonesia', coveragePct: pctOf(s.parentCode, m.parent) } : null,
    national: code === NATIONAL ? null : { coveragePct: pctOf(NATIONAL, m.national) },
    villagesReached: reached,
    breakdown: byKey,
    definition: { segments: def.segments, text: def.text },
    children: kids.map((k) => childFigures(k, m.children.get(k.code) ?? NO_EVENTS, dens.get(k.code), tgts.get(k.code)?.pct ?? null)),
  };
}

/** Month-by-month figures from `from` to `to`; each month divides by its own year's denominator. */
export async function coverageTrend(db: Db, code: string, from: Period, to: Period): Promise<CoverageTrendPoint[]> {
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
