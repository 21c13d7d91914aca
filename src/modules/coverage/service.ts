import type { Db } from '../../db/client.js';
import {
  addMonths,
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
import { describeNumerator, type OfficialFigure, officialFigures, type OfficialReport } from '../../domain/numerator.js';
import { isRegionCode, levelOf, NATIONAL, parentOf } from '../../domain/region-code.js';
import { SEGMENTS, type Segment } from '../../domain/worker.js';
import type { Bilingual } from '../../lib/errors.js';
import { errors } from '../../lib/errors.js';
import { contribution } from '../../domain/contribution.js';
import { rateAt } from '../../domain/rates.js';
import { LAPSED_STATUS } from '../../domain/lapse.js';
import { loadSnapshot } from '../funding/rates/queries.js';
import { countWorkers } from '../workers/queries.js';
import { reachCounts } from '../outreach/queries.js';
import { findRegion } from '../regions/queries.js';
import { desaIn, officialMonth } from './official-month.js';
import {
  breakdown,
  fundedBpu,
  measuresAround,
  officialForTrend,
  officialInRegion,
  staleRegencies,
  childRegions,
  type Denominator,
  denominators,
  denominatorsOf,
  type Measures,
  monthlyEvents,
  regionWithVersions,
  settingValue,
  targets,
  villagesReached,
} from './queries.js';
import type { Coverage, CoverageChild, CoverageTrendPoint, Reconciliation, ReconciliationRow } from './schemas.js';

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

/** Active participants of the region by segment, group and payer. */
async function breakdownsOf(db: Db, s: ReportScope): Promise<Coverage['breakdown']> {
  const by = (key: 'segment' | 'group' | 'payer') => breakdown(db, s.code, s.level, s.period, key, s.segments);
  const [segment, group, payer] = await Promise.all([by('segment'), by('group'), by('payer')]);
  return { segment, group, payer };
}

const NO_EVENTS: Measures = { active: 0, started: 0, lapsed: 0, ended: 0 };

type Numerator = Pick<
  Coverage,
  'activeParticipants' | 'numeratorSource' | 'officialParticipants' | 'registryParticipants' | 'officialReported' | 'registryShare'
>;

/** The numerator of one region: the official figure where there is one, else the registry's count. */
function numeratorOf(f: OfficialFigure, registry: number): Numerator {
  return {
    activeParticipants: f.total ?? registry,
    numeratorSource: f.source,
    officialParticipants: f.total,
    registryParticipants: registry,
    officialReported: f.reported,
    registryShare: f.total ? Math.round((registry / f.total) * 10000) / 10000 : null,
  };
}

function childFigures(
  kid: Pick<CoverageChild, 'code' | 'name' | 'level'>,
  m: Measures,
  official: OfficialFigure,
  den: Denominator | undefined,
  targetPct: number | null,
): CoverageChild {
  const n = numeratorOf(official, m.active);
  return {
    code: kid.code,
    name: kid.name,
    level: kid.level,
    ...n,
    employedPopulation: den?.total ?? null,
    coveragePct: coveragePct(n.activeParticipants, den?.total ?? null),
    targetPct,
    ...flowsOf(official, m),
  };
}

/**
 * New and inactive participants of the month: BPJS TK's own (the optional Peserta Baru / Peserta
 * Nonaktif columns) over the same figures as the numerator when all of them carry it, else the
 * registry's new enrolments and lapses; each labelled like the numerator.
 */
function flowsOf(f: OfficialFigure, m: Pick<Measures, 'started' | 'lapsed'>): Pick<CoverageChild, 'newEnrolments' | 'newEnrolmentsSource' | 'lapses' | 'lapsesSource'> {
  const official = f.source !== 'registry';
  return {
    newEnrolments: official && f.newCount !== null ? f.newCount : m.started,
    newEnrolmentsSource: official && f.newCount !== null ? f.source : 'registry',
    lapses: official && f.inactiveCount !== null ? f.inactiveCount : m.lapsed,
    lapsesSource: official && f.inactiveCount !== null ? f.source : 'registry',
  };
}

/** Change from the month before, when both months count the same way (same source, same reporting regions). */
function monthOnMonth(now: Numerator, nowPct: number | null, before: Numerator, beforePct: number | null): Coverage['monthOnMonth'] {
  if (now.numeratorSource !== before.numeratorSource) return null;
  if (now.officialReported?.reported !== before.officialReported?.reported || now.officialReported?.of !== before.officialReported?.of) return null;
  return {
    activeChange: now.activeParticipants - before.activeParticipants,
    pctPointChange: nowPct === null || beforePct === null ? null : Math.round((nowPct - beforePct) * 100) / 100,
  };
}

/** Coverage by segment and of formal (PU) and informal (BPU) workers, with the numerator's source. */
function indicatorsOf(official: OfficialFigure, registry: Coverage['breakdown']['segment'], segments: Segment[], den: Denominator | null, ucj: number | null): Coverage['indicators'] {
  const bySegment = segments.map((segment) => ({
    segment,
    official: official.source === 'registry' ? null : (official.byKey.get(segment) ?? null),
    registry: registry.find((r) => r.key === segment)?.active ?? 0,
  }));
  const used = (segment: Segment) => {
    const s = bySegment.find((b) => b.segment === segment);
    return s ? (official.source === 'registry' ? s.registry : s.official) : null;
  };
  const pctOf = (n: number | null, d: number | null | undefined) => (n === null ? null : coveragePct(n, d ?? null));
  return { ucj, formalPct: pctOf(used('PU'), den?.formal), informalPct: pctOf(used('BPU'), den?.informal), bySegment };
}

/** Everything the dashboard, the monev report, the DHIS2 export and the ranking show for one region and month. */
export async function coverageReport(db: Db, code: string, period: Period): Promise<Coverage> {
  const year = yearOf(period);
  const before = addMonths(period, -1);
  const parentCode = code === NATIONAL ? null : parentOf(code);
  // Two waves of statements: what needs only the code and period, then what needs the definition's
  // segments and the data versions (official-month.ts). The official figures come from a month's
  // figures derived once per data version.
  const [region, def, kids, rate, dens, tgts, densBefore, reached, lapsedNow] = await Promise.all([
    regionWithVersions(db, code),
    coverageDefinition(db),
    childRegions(db, code),
    gapRate(db, period),
    denominators(db, [code, ...(parentCode ? [parentCode] : []), NATIONAL], year, code),
    targets(db, [code], year, code),
    yearOf(before) === year ? null : denominators(db, [code], yearOf(before)),
    isRegionCode(code) && levelOf(code) === 'village' ? reachCounts(db, code) : villagesReached(db, code),
    // the worker list's own count (person_count), so the page and the list filtered by "lapsed" agree
    countWorkers(db, { region: code, status: LAPSED_STATUS }),
  ]);
  if (!region) throw errors.regionNotFound(code);
  const s: ReportScope = { code, level: levelNo(region.level), parentCode, period, segments: def.segments };
  const [m, byKey, off, offBefore, desa] = await Promise.all([
    measuresAround(db, { code, level: s.level, parentCode, national: code !== NATIONAL && parentCode !== NATIONAL, children: s.level < 4 }, period, def.segments),
    breakdownsOf(db, s),
    officialMonth(db, period, def.segments, region.versions),
    officialMonth(db, before, def.segments, region.versions),
    s.level < LEVEL_NUMBER.village ? desaIn(db, code, region.versions) : null,
  ]);
  const official = off.figure;
  const national = code === NATIONAL ? null : parentCode === NATIONAL ? m.parent : m.national;

  const pctOf = (c: string, figures: Measures | null) => (figures ? coveragePct(numeratorOf(official(c), figures.active).activeParticipants, dens.get(c)?.total ?? null) : null);
  const den = dens.get(code) ?? null;
  const tgt = tgts.get(code) ?? null;
  const own = official(code);
  const n = numeratorOf(own, m.own.active);
  const pct = coveragePct(n.activeParticipants, den?.total ?? null);
  const nBefore = numeratorOf(offBefore.figure(code), m.own.active - m.own.started + m.own.lapsed + m.own.ended);
  const denBefore = densBefore ? (densBefore.get(code) ?? null) : den;
  const gap = targetGap(n.activeParticipants, den?.total ?? null, tgt?.pct ?? null, rate.rupiah);
  const latest = own.source === 'registry' ? null : off.latest(code);
  const flows = flowsOf(own, m.own);
  // above the village the desa count is the region tree's (kept per region version); a village's is outreach's own count
  const villagesTotal = typeof reached === 'number' ? (desa ?? 0) : reached.villagesTotal;
  const villagesReachedN = typeof reached === 'number' ? reached : reached.villagesReached;
  return {
    region: { code: region.code, name: region.name, level: region.level },
    period,
    ...n,
    registryByPayer: byKey.payer.map((p) => ({ payer: p.key, active: p.active })),
    dataAsOf: latest,
    employedPopulation: den?.total ?? null,
    coveragePct: pct,
    targetPct: tgt?.pct ?? null,
    ...flows,
    registryNewEnrolments: m.own.started,
    registryLapses: m.own.lapsed,
    lapsedNow: lapsedNow.total,
    ended: m.own.ended,
    denominator: den ? { year: den.year, source: den.source, formal: den.formal, informal: den.informal } : null,
    target: tgt ? { year: tgt.year, source: tgt.source } : null,
    targetYear: tgt?.year ?? null,
    gap: gap ? { ...gap, ratePerWorker: rate.rupiah, rateBasis: rate.basis } : null,
    gapWorkers: gap?.workers ?? null,
    gapRupiahPerMonth: gap?.rupiahPerMonth ?? null,
    gapRupiahPerYear: gap ? gap.rupiahPerMonth * 12 : null,
    monthOnMonth: monthOnMonth(n, pct, nBefore, coveragePct(nBefore.activeParticipants, denBefore?.total ?? null)),
    indicators: indicatorsOf(own, byKey.segment, def.segments, den, pct),
    parent: parentCode ? { code: parentCode, name: region.parentName ?? 'Indonesia', coveragePct: pctOf(parentCode, m.parent) } : null,
    national: code === NATIONAL ? null : { coveragePct: pctOf(NATIONAL, national) },
    villagesReached: { villagesTotal, villagesReached: villagesReachedN, pct: villagesTotal === 0 ? 0 : Math.round((villagesReachedN / villagesTotal) * 1000) / 10 },
    breakdown: byKey,
    definition: { segments: def.segments, text: def.text, numerator: describeNumerator(own, latest?.source ?? null) },
    children: kids.map((k) => childFigures(k, m.children.get(k.code) ?? NO_EVENTS, official(k.code), dens.get(k.code), tgts.get(k.code)?.pct ?? null)),
  };
}

/** Month-by-month figures from `from` to `to`; each month has its own numerator and its own year's denominator. */
export async function coverageTrend(db: Db, code: string, from: Period, to: Period): Promise<CoverageTrendPoint[]> {
  const region = await regionOrThrow(db, code);
  const level = levelNo(region.level);
  const def = await coverageDefinition(db);
  const [events, dens, off] = await Promise.all([
    monthlyEvents(db, code, level, to, def.segments),
    denominatorsOf(db, code),
    officialForTrend(db, code, level, from, to, def.segments),
  ]);
  const byMonth = new Map(events.map((e) => [e.month, e]));
  const officialByMonth = new Map<Period, OfficialReport[]>();
  for (const r of off.reports) {
    const list = officialByMonth.get(r.month);
    if (list) list.push(r);
    else officialByMonth.set(r.month, [r]);
  }
  let registry = events.filter((e) => e.month < from).reduce((s, e) => s + e.net, 0);
  return monthsBetween(from, to).map((period) => {
    const e = byMonth.get(period);
    registry += e?.net ?? 0;
    const official = officialFigures(officialByMonth.get(period) ?? [], off.childCount)(code);
    const n = numeratorOf(official, registry);
    const measures = { started: e?.started ?? 0, lapsed: e?.lapsed ?? 0 };
    const den = dens.filter((d) => d.year <= yearOf(period)).at(-1) ?? null;
    return {
      period,
      activeParticipants: n.activeParticipants,
      numeratorSource: n.numeratorSource,
      officialParticipants: n.officialParticipants,
      officialReported: n.officialReported,
      registryParticipants: registry,
      coveragePct: coveragePct(n.activeParticipants, den?.total ?? null),
      employedPopulation: den?.total ?? null,
      ...flowsOf(official, measures),
      registryNewEnrolments: measures.started,
      registryLapses: measures.lapsed,
    };
  });
}

/** Official data older than this many months before the period is stale. */
export const STALE_AFTER_MONTHS = 2;

const RECONCILIATION_TEXT = {
  id:
    'Peserta BPU di register Semesta yang aktif pada akhir bulan dan dibiayai program wilayah ini (atau wilayah di atas/di bawahnya), ' +
    'dibandingkan dengan angka BPU resmi BPJS TK. Ditandai bila register lebih banyak daripada angka resmi yang lengkap: ada yang ditagih ' +
    `tetapi belum terdaftar di BPJS TK, atau data resmi terlambat. Data resmi dianggap usang bila lebih dari ${STALE_AFTER_MONTHS} bulan sebelum periode.`,
  en:
    'Registry BPU participants active at the end of the month and funded by a programme of this region (or of a region above or inside it), ' +
    'set beside BPJS TK’s official BPU figure. Flagged when the registry holds more than a complete official figure: someone is billed who is ' +
    `not registered with BPJS TK, or the feed is late. Official data more than ${STALE_AFTER_MONTHS} months before the period is stale.`,
};

/** Registry BPU funded by each child region's programmes against BPJS TK's BPU, and the regencies whose official data is late. */
export async function coverageReconciliation(db: Db, code: string, period: Period): Promise<Reconciliation> {
  const region = await regionOrThrow(db, code);
  const level = levelNo(region.level);
  const [kids, off, funded, stale] = await Promise.all([
    childRegions(db, code),
    officialInRegion(db, code, level, period, ['BPU']),
    fundedBpu(db, code, level, period),
    staleRegencies(db, code, level, period, addMonths(period, -STALE_AFTER_MONTHS)),
  ]);
  const official = officialFigures(off.reports, off.childCount);
  const row = (r: { code: string; name: string; level: string }, registry: number): ReconciliationRow => {
    const f = official(r.code);
    return {
      code: r.code,
      name: r.name,
      level: r.level,
      registryFundedBpu: registry,
      officialBpu: f.total,
      officialSource: f.source,
      officialReported: f.reported,
      difference: f.total === null ? null : registry - f.total,
      flagged: f.source === 'official' && registry > f.total!,
    };
  };
  const total = level === LEVEL_NUMBER.village ? (funded.get(code) ?? 0) : [...funded.values()].reduce((a, b) => a + b, 0);
  return {
    region: row(region, total),
    period,
    children: kids.map((k) => row(k, funded.get(k.code) ?? 0)),
    stale: { afterMonths: STALE_AFTER_MONTHS, regions: stale },
    definition: RECONCILIATION_TEXT,
  };
}
