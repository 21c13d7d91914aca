/**
 * Coverage (UCJ) arithmetic and definitions. Pure: no I/O.
 *
 * "Active in month M" = an enrolment with status active, lapsed or ended whose start date is on or
 * before the last day of M and which had not stopped by then (stop = end_date, or for lapsed/ended
 * without one the date of its last update). Counted per enrolment (kepesertaan), as BPJS TK counts
 * participations per segment. The same rule is coded once in SQL (0006_coverage.sql, coverage_stop
 * and coverage_events_sql) and documented in docs/coverage.md.
 */
import type { Bilingual } from './bilingual.js';
import { SEGMENTS, type Segment } from './worker.js';
import { monthWib } from './wib.js';

/** A reporting month, 'YYYY-MM'. */
export type Period = string;

export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD_RE.test(text);
}

/** First day of the month, as an ISO date: '2025-06' → '2025-06-01'. */
export function monthStart(period: Period): string {
  return `${period}-01`;
}

export function yearOf(period: Period): number {
  return Number(period.slice(0, 4));
}

export function addMonths(period: Period, n: number): Period {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to` inclusive (empty when from > to). */
export function monthsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** The current month in Indonesian western time (WIB), where most monev happens. */
export function currentPeriod(now = new Date()): Period {
  return monthWib(now) as Period;
}

/** Coverage % with one decimal kept to two places; null when there is no denominator (never a guess). */
export function coveragePct(active: number, employed: number | null): number | null {
  if (employed === null || employed <= 0) return null;
  return Math.round((active / employed) * 10000) / 100;
}

/** Workers still needed to reach the target, and what covering them costs per month. */
export function targetGap(
  active: number,
  employed: number | null,
  targetPct: number | null,
  ratePerWorker: number,
): { workers: number; rupiahPerMonth: number } | null {
  if (employed === null || targetPct === null) return null;
  const workers = Math.max(0, Math.ceil((employed * targetPct) / 100 - active));
  return { workers, rupiahPerMonth: workers * ratePerWorker };
}

export interface CoverageDefinition {
  /** Segments counted as active participants. */
  segments: Segment[];
  text: Bilingual;
}

const SEGMENT_NAMES: Record<Segment, string> = { PU: 'PU', BPU: 'BPU', JAKON: 'Jakon', PMI: 'PMI' };

export function describeDefinition(segments: readonly Segment[]): Bilingual {
  const list = segments.map((s) => SEGMENT_NAMES[s]).join(', ');
  return {
    id:
      `Cakupan (UCJ) = peserta aktif (${list}) pada akhir bulan ÷ penduduk bekerja (BPS Sakernas; angka tahun periode, ` +
      `atau tahun terakhir sebelumnya) × 100. Dihitung per kepesertaan. Tanpa angka penduduk bekerja, cakupan tidak dihitung.`,
    en:
      `Coverage (UCJ) = active participants (${list}) at the end of the month ÷ employed population (BPS Sakernas; the ` +
      `period's year, or the latest year before it) × 100. Counted per enrolment. Without an employed-population figure no coverage is computed.`,
  };
}

export const DEFAULT_DEFINITION: CoverageDefinition = { segments: [...SEGMENTS], text: describeDefinition(SEGMENTS) };

/**
 * Monthly cost per worker used for the gap in rupiah until the contribution engine exists:
 * the standard government-funded BPU package (JKK Rp10,000 + JKM Rp6,800), DOMAIN.md.
 */
export const DEFAULT_GAP_RATE = {
  rupiah: 16_800,
  basis: {
    id: 'Paket standar BPU dibiayai pemerintah: JKK Rp10.000 + JKM Rp6.800 per pekerja per bulan',
    en: 'Standard government-funded BPU package: JKK Rp10,000 + JKM Rp6,800 per worker per month',
  } as Bilingual,
};

/** Payer types the rollups carry (coverage_payer_of() in SQL derives them: the funding programme's payer type, else a guess from the payer text). */
export const PAYERS = ['APBD', 'APBN', 'DANA_DESA', 'CSR', 'EMPLOYER', 'SELF', 'OTHER', 'UNSPECIFIED'] as const;
export type Payer = (typeof PAYERS)[number];

export const PAYER_LABELS: Record<Payer, Bilingual> = {
  APBD: { id: 'APBD', en: 'Regional budget (APBD)' },
  APBN: { id: 'APBN', en: 'State budget (APBN)' },
  DANA_DESA: { id: 'Dana Desa', en: 'Village fund' },
  CSR: { id: 'CSR', en: 'CSR' },
  EMPLOYER: { id: 'Pemberi kerja', en: 'Employer' },
  SELF: { id: 'Mandiri', en: 'Self-paid' },
  OTHER: { id: 'Lainnya', en: 'Other' },
  UNSPECIFIED: { id: 'Tidak diisi', en: 'Not stated' },
};

/** Rollup level numbers as stored (coverage_rollup.level) and the code width at each. */
export const LEVEL_NUMBER = { country: 0, province: 1, regency: 2, district: 3, village: 4 } as const;
export const CODE_WIDTH = [2, 2, 5, 8, 13] as const;
