/**
 * The national official-data demo (issue 11), pure: for every regency/city a synthetic but
 * real-magnitude employed population per year (BPS-like, formal/informal split) and a coverage path
 * month by month, split into BPJS TK's four segments. Calibrated so the seed figures hold exactly in
 * the seed months (DOMAIN.md "Coverage"):
 *
 *   2024-11: national 39 % · Prov. Bengkulu 37 % · Kab. Kaur 75 % (highest in Bengkulu) · Kab. Lebong 17 % (lowest)
 *   2025-07: Kab. Sukabumi 41 %
 *
 * Everything else drifts upwards slowly (0.6–2.4 points a year) with a small seasonal wiggle that is
 * zero in the anchor month. Deterministic: the same region codes give the same figures everywhere.
 */
import { addMonths, monthsBetween, type Period, yearOf } from '../domain/coverage.js';
import { NATIONAL } from '../domain/region-code.js';
import type { Segment } from '../domain/worker.js';

export const OFFICIAL_FROM: Period = '2024-01';
export const ANCHOR: Period = '2024-11';
/** The seed figures the demo reproduces: [region, month, coverage %]. */
export const SEED_FIGURES: [code: string, period: Period, pct: number][] = [
  [NATIONAL, '2024-11', 39],
  ['17', '2024-11', 37],
  ['17.04', '2024-11', 75], // Kab. Kaur, highest in Bengkulu
  ['17.07', '2024-11', 17], // Kab. Lebong, lowest in Bengkulu
  ['32.02', '2025-07', 41], // Kab. Sukabumi
];
const [, , NATIONAL_PCT] = SEED_FIGURES[0]!;
const BENGKULU = '17';
const FIXED: Record<string, number> = { '17.04': 75, '17.07': 17 };
const SUKABUMI = { code: '32.02', period: '2025-07' as Period, pct: 41 };

/**
 * Employed population 2024 by province, millions (rounded, in the order of BPS Sakernas August 2024;
 * synthetic, scaled so the country has about 141.5 million).
 */
const PROVINCE_EMPLOYED: Record<string, number> = {
  '11': 2.55, '12': 7.65, '13': 2.75, '14': 3.25, '15': 1.85, '16': 4.45, '17': 1.07, '18': 4.75, '19': 0.74, '21': 1.05,
  '31': 5.05, '32': 25.0, '33': 19.6, '34': 2.25, '35': 23.0, '36': 5.75, '51': 2.75, '52': 2.85, '53': 2.85,
  '61': 2.65, '62': 1.38, '63': 2.15, '64': 1.85, '65': 0.36, '71': 1.25, '72': 1.55, '73': 4.35, '74': 1.35, '75': 0.6, '76': 0.7,
  '81': 0.78, '82': 0.6, '91': 0.55, '92': 0.3, '93': 0.28, '94': 0.6, '95': 0.75, '96': 0.3,
};
const NATIONAL_EMPLOYED_2024 = 141_500_000;
/** Seed regencies with an employed population of their real order of magnitude. */
const REGENCY_EMPLOYED: Record<string, number> = { '32.02': 1_250_000, '32.13': 760_000, '17.04': 62_000, '17.07': 54_000 };
/** Provinces where migrant workers (PMI) are a visible share. */
const MIGRANT_PROVINCES = new Set(['18', '32', '33', '35', '52', '53']);

export interface RegencyRef {
  code: string;
  name: string;
}

export interface DenominatorRow {
  code: string;
  year: number;
  total: number;
  formal: number;
  informal: number;
}

export interface TargetRow {
  code: string;
  year: number;
  pct: number;
  /** null: the demo's own synthetic target */
  source: string | null;
}

/** Targets the demo has always shown (the national one from the RPJMN), kept as they were. */
const KNOWN_TARGETS: Record<string, [pct: number, source: string | null]> = {
  'ID|2024': [30, null],
  'ID|2025': [32.15, 'RPJMN 2025–2029 (target nasional 2025)'],
  '17|2025': [40, null],
  '32.02|2025': [45, null],
  '32.13|2025': [40, null],
};

export interface ParticipationRow {
  code: string;
  period: Period;
  segment: Segment;
  active: number;
  newCount: number;
  inactiveCount: number;
}

/** A deterministic number in [0, 1) from a region code and a salt (FNV-1a, then murmur3's finaliser to spread near-equal codes). */
function unit(code: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${code}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const provinceOf = (code: string) => code.slice(0, 2);
const isCity = (r: RegencyRef) => /^KOTA\b/i.test(r.name);
const indexOf = (p: Period) => (yearOf(p) - yearOf(OFFICIAL_FROM)) * 12 + Number(p.slice(5)) - Number(OFFICIAL_FROM.slice(5));
const ANCHOR_INDEX = indexOf(ANCHOR);

interface Regency extends RegencyRef {
  province: string;
  employed2024: number;
  growth: number;
  formalShare: number;
  /** coverage % in the anchor month */
  anchor: number;
  /** points per month */
  slope: number;
  phase: number;
  shares: Record<Segment, number>;
}

export class OfficialDemo {
  readonly regencies: Regency[];

  constructor(refs: RegencyRef[]) {
    this.regencies = calibrate(sizes(refs));
  }

  coverage(r: Regency, p: Period): number {
    return coveragePath(r, p);
  }

  employed(r: Regency, year: number): number {
    return Math.round(r.employed2024 * (1 + r.growth) ** (year - 2024));
  }

  /** Employed population of every regency, province and the country, per year. */
  denominators(years: number[]): DenominatorRow[] {
    const out: DenominatorRow[] = [];
    for (const year of years) {
      const sums = new Map<string, DenominatorRow>();
      for (const r of this.regencies) {
        const total = this.employed(r, year);
        const formal = Math.round(total * r.formalShare);
        const row = { code: r.code, year, total, formal, informal: total - formal };
        out.push(row);
        for (const up of [r.province, NATIONAL]) {
          const s = sums.get(up) ?? { code: up, year, total: 0, formal: 0, informal: 0 };
          s.total += row.total;
          s.formal += row.formal;
          s.informal += row.informal;
          sums.set(up, s);
        }
      }
      out.push(...sums.values());
    }
    return out;
  }

  /**
   * A target per region and year, near the region's path so that a map shows every class (below, within
   * 5 points, at or above); the targets the demo always had (national RPJMN, seed regions) stay.
   */
  targets(years: number[]): TargetRow[] {
    const half = (v: number) => Math.round(v * 2) / 2;
    const out: TargetRow[] = [];
    const add = (code: string, year: number, pct: number) => {
      const known = KNOWN_TARGETS[`${code}|${year}`];
      out.push({ code, year, pct: known?.[0] ?? clampPct(half(pct)), source: known?.[1] ?? null });
    };
    const byProvince = new Map<string, Regency[]>();
    for (const r of this.regencies) byProvince.set(r.province, [...(byProvince.get(r.province) ?? []), r]);
    for (const year of years) {
      const mid = `${year}-06`;
      const pathOf = (rs: Regency[]) => rs.reduce((s, r) => s + this.employed(r, year) * this.coverage(r, mid), 0) / rs.reduce((s, r) => s + this.employed(r, year), 0);
      for (const r of this.regencies) add(r.code, year, this.coverage(r, mid) - 6 + 12 * unit(r.code, `target${year}`));
      for (const [code, rs] of byProvince) add(code, year, pathOf(rs) - 5 + 12 * unit(code, `target${year}`));
      add(NATIONAL, year, pathOf(this.regencies) - 6);
    }
    return out;
  }

  /** Every regency × month × segment from `from` to `to`, with new and inactive participants. */
  *participation(from: Period, to: Period): Generator<ParticipationRow> {
    for (const r of this.regencies) {
      let prev: Record<Segment, number> | null = from > OFFICIAL_FROM ? this.active(r, addMonths(from, -1)) : null;
      for (const period of monthsBetween(from, to)) {
        const now = this.active(r, period);
        for (const segment of SEGMENT_ORDER) {
          const active = now[segment];
          const change = prev ? active - prev[segment] : 0;
          const churn = Math.round(active * 0.012);
          yield { code: r.code, period, segment, active, newCount: churn + Math.max(change, 0), inactiveCount: churn + Math.max(-change, 0) };
        }
        prev = now;
      }
    }
  }

  /**
   * Active participants of a regency by segment in a month. Wage earners (PU) never exceed 92 % of the
   * formal employed; where coverage is high the rest is carried by BPU, Jakon and PMI in their proportions.
   */
  active(r: Regency, p: Period): Record<Segment, number> {
    const employed = this.employed(r, yearOf(p));
    const all = (employed * this.coverage(r, p)) / 100;
    const pu = Math.min(all * r.shares.PU, 0.92 * employed * r.formalShare);
    const rest = (all - pu) / (1 - r.shares.PU);
    return { PU: Math.round(pu), BPU: Math.round(rest * r.shares.BPU), JAKON: Math.round(rest * r.shares.JAKON), PMI: Math.round(rest * r.shares.PMI) };
  }
}

/** Coverage % of a regency in a month: the anchor value, the drift and a wiggle that is 0 at the anchor. */
function coveragePath(r: Regency, p: Period): number {
  const i = indexOf(p) - ANCHOR_INDEX;
  return Math.min(95, Math.max(1, r.anchor + r.slope * i + 0.3 * Math.sin(i * 0.9 + r.phase) - 0.3 * Math.sin(r.phase)));
}

const SEGMENT_ORDER: Segment[] = ['PU', 'BPU', 'JAKON', 'PMI'];
const clampPct = (v: number) => Math.min(95, Math.max(5, v));

/** Employed population, growth, formal share and segment mix of each regency. */
function sizes(refs: RegencyRef[]): Regency[] {
  const scale = NATIONAL_EMPLOYED_2024 / 1e6 / Object.values(PROVINCE_EMPLOYED).reduce((s, v) => s + v, 0);
  const out: Regency[] = [];
  const byProvince = new Map<string, RegencyRef[]>();
  for (const r of refs) byProvince.set(provinceOf(r.code), [...(byProvince.get(provinceOf(r.code)) ?? []), r]);
  for (const [province, rs] of byProvince) {
    const total = Math.round((PROVINCE_EMPLOYED[province] ?? 1) * scale * 1e6);
    const free = rs.filter((r) => !(r.code in REGENCY_EMPLOYED));
    const weight = (r: RegencyRef) => (0.4 + 1.6 * unit(r.code, 'size')) * (isCity(r) ? 0.6 : 1);
    const rest = total - rs.reduce((s, r) => s + (REGENCY_EMPLOYED[r.code] ?? 0), 0);
    const weights = free.reduce((s, r) => s + weight(r), 0);
    for (const r of rs) {
      const city = isCity(r);
      const formalShare = province === '31' ? 0.72 + 0.06 * unit(r.code, 'formal') : city ? 0.55 + 0.15 * unit(r.code, 'formal') : 0.28 + 0.17 * unit(r.code, 'formal');
      const pmi = MIGRANT_PROVINCES.has(province) && !city ? 0.02 + 0.03 * unit(r.code, 'pmi') : 0.002 + 0.008 * unit(r.code, 'pmi');
      const jakon = 0.08 + 0.06 * unit(r.code, 'jakon');
      const pu = 0.45 + 0.3 * formalShare + 0.08 * unit(r.code, 'pu');
      out.push({
        ...r,
        province,
        employed2024: REGENCY_EMPLOYED[r.code] ?? Math.round((rest * weight(r)) / weights),
        growth: 0.01 + 0.012 * unit(r.code, 'growth'),
        formalShare,
        anchor: 0,
        slope: 0.05 + 0.15 * unit(r.code, 'slope'),
        phase: 6.28 * unit(r.code, 'phase'),
        shares: { PU: pu, JAKON: jakon, PMI: pmi, BPU: 1 - pu - jakon - pmi },
      });
    }
  }
  return out;
}

/**
 * Anchor coverage of each regency: a raw value from its province and itself, then scaled so that the
 * seed figures hold. Bengkulu's other regencies share what Kaur and Lebong leave of the province's 37 %
 * (their raw values lie well between 17 and 75, so the extremes stay the extremes); Sukabumi is set
 * so its path passes 41 % in 2025-07; every other regency is scaled (and re-scaled where it had to be
 * clamped) so the country is at 39 %.
 */
function calibrate(rs: Regency[]): Regency[] {
  const e = (r: Regency) => r.employed2024;
  const raw = (r: Regency) => {
    if (r.province === BENGKULU) return 26 + 20 * unit(r.code, 'cov');
    const base = r.province === '31' ? 58 : 24 + 26 * unit(r.province, 'cov');
    return base * (0.7 + 0.6 * unit(r.code, 'cov')) * (isCity(r) ? 1.25 : 1);
  };
  for (const r of rs) r.anchor = FIXED[r.code] ?? raw(r);

  const bengkulu = rs.filter((r) => r.province === BENGKULU);
  const others = bengkulu.filter((r) => !(r.code in FIXED));
  const need = (37 / 100) * bengkulu.reduce((s, r) => s + e(r), 0) - bengkulu.filter((r) => r.code in FIXED).reduce((s, r) => s + (e(r) * r.anchor) / 100, 0);
  const k = need / others.reduce((s, r) => s + (e(r) * r.anchor) / 100, 0);
  for (const r of others) r.anchor *= k;

  const sukabumi = rs.find((r) => r.code === SUKABUMI.code);
  if (sukabumi) sukabumi.anchor += SUKABUMI.pct - coveragePath(sukabumi, SUKABUMI.period);

  const fixed = new Set([...bengkulu, ...(sukabumi ? [sukabumi] : [])]);
  const total = rs.reduce((s, r) => s + e(r), 0);
  let free = rs.filter((r) => !fixed.has(r));
  for (let round = 0; round < 5 && free.length > 0; round++) {
    const held = rs.filter((r) => !free.includes(r)).reduce((s, r) => s + e(r) * r.anchor, 0);
    const scale = (NATIONAL_PCT * total - held) / free.reduce((s, r) => s + e(r) * r.anchor, 0);
    for (const r of free) r.anchor *= scale;
    const clamped = free.filter((r) => r.anchor > 85 || r.anchor < 6);
    if (clamped.length === 0) break;
    for (const r of clamped) r.anchor = Math.min(85, Math.max(6, r.anchor));
    free = free.filter((r) => !clamped.includes(r));
  }
  return rs;
}
