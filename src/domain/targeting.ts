/**
 * DTSEN targeting (issue 16; docs/decisions.md 87–90): who of the unified socio-economic data's poorest
 * deciles to cover next, and what it costs. Pure: no I/O.
 */
import type { Bilingual } from './bilingual.js';
import { type Calc, contribution } from './contribution.js';
import type { RateSnapshot } from './rates.js';

/** DTSEN ranks households by welfare in ten deciles; 1 is the poorest. */
export const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** Inpres 8/2025 and BPJS TK's plan aim at the bottom 40%: deciles 1–4. */
export const DEFAULT_MAX_DECILE = 4;
/** Working age (BPS): 15–64 by default, configurable per request. */
export const WORKING_AGE = { min: 15, max: 64 } as const;

/**
 * Where a candidate stands in the registry, from the status of their person's latest enrolment:
 * open (none, or lapsed/ended: on the list), pending (submitted or registered: funded, awaiting BPJS TK),
 * active.
 */
export const CANDIDATE_STATES = ['open', 'pending', 'active'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const TARGETING_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type TargetingJobStatus = (typeof TARGETING_JOB_STATUSES)[number];

/** Why a chosen candidate was not enrolled by a bulk job. */
export const SKIP_REASONS = ['NOT_ON_LIST', 'ALREADY_COVERED', 'REGISTERED_ELSEWHERE', 'OUTSIDE_PROGRAM_REGION', 'DECEASED'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export const SKIP_LABELS: Record<SkipReason, Bilingual> = {
  NOT_ON_LIST: { id: 'Tidak ada pada daftar prioritas wilayah ini (di luar filter atau sudah terdaftar).', en: 'Not on this region’s priority list (outside the filter or already enrolled).' },
  ALREADY_COVERED: { id: 'Sudah memiliki kepesertaan terbuka yang didanai pihak lain; tidak boleh didanai dua kali.', en: 'Already has an open enrolment funded by another payer; cannot be funded twice.' },
  REGISTERED_ELSEWHERE: { id: 'NIK ini terdaftar di wilayah lain.', en: 'This NIK is registered in another region.' },
  OUTSIDE_PROGRAM_REGION: { id: 'Desa calon peserta di luar wilayah program pendanaan.', en: 'The candidate’s village is outside the funding programme’s region.' },
  DECEASED: { id: 'Orang ini tercatat meninggal dunia (klaim kematian); tidak dapat didaftarkan lagi.', en: 'This person is recorded as deceased (a death claim); they cannot be enrolled again.' },
};

/** The standard package a DTSEN candidate is priced and enrolled with: BPU, JKK + JKM, on the minimum declared income. */
export const STANDARD_PACKAGE = { segment: 'BPU', programs: ['JKK', 'JKM'], group: 'PEKERJA_RENTAN' } as const;

/** One candidate's monthly contribution under the standard BPU package on `date`, from the contribution engine. */
export function standardMonthlyCost(s: RateSnapshot, date: string, declaredIncome = 1_000_000): Calc<number> {
  const r = contribution(s, { segment: 'BPU', date, declaredIncome, programs: [...STANDARD_PACKAGE.programs] });
  return r.ok ? { ok: true, value: r.value.total } : r;
}

/** What covering `count` candidates costs a month and a year, in whole rupiah. */
export function coverCost(count: number, unitMonthly: number): { costPerMonth: number; costPerYear: number } {
  const costPerMonth = count * unitMonthly;
  return { costPerMonth, costPerYear: costPerMonth * 12 };
}

/**
 * Age as DTSEN counts it: the age reached in the current year (year − birth year). Counts by birth year
 * then answer any age range exactly, with the same rule the list filters by.
 */
export function birthYearRange(currentYear: number, minAge: number, maxAge: number): { from: number; to: number } {
  return { from: currentYear - maxAge, to: currentYear - minAge };
}

export interface AgeRangeProblem {
  field: string;
  message: Bilingual;
}

/** The list's filters, checked: deciles 1..maxDecile within 1–10, an age range with min ≤ max. */
export function checkFilter(f: { minDecile: number; maxDecile: number; minAge: number; maxAge: number }): AgeRangeProblem | undefined {
  if (f.minDecile > f.maxDecile) {
    return { field: 'querystring.minDecile', message: { id: `Desil terendah (${f.minDecile}) melebihi desil tertinggi (${f.maxDecile}).`, en: `The lowest decile (${f.minDecile}) exceeds the highest (${f.maxDecile}).` } };
  }
  if (f.minAge > f.maxAge) {
    return { field: 'querystring.minAge', message: { id: `Usia terendah (${f.minAge}) melebihi usia tertinggi (${f.maxAge}).`, en: `The lowest age (${f.minAge}) exceeds the highest (${f.maxAge}).` } };
  }
  return undefined;
}

/** A "Desil" cell: a whole number 1–10, also written "Desil 3" or "3.0"; anything else is refused. */
export function parseDecile(v: unknown): number | undefined {
  const text = typeof v === 'number' ? String(v) : String(v ?? '').trim().replace(/^desil\s*/i, '');
  if (!/^\d{1,2}(\.0+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined;
}

/** A "Tahun Data" cell: a year from 2015 (DTKS, DTSEN's predecessor) up to the current year. */
export function parseDataYear(v: unknown, currentYear: number): number | undefined {
  const text = typeof v === 'number' ? String(v) : String(v ?? '').trim();
  if (!/^\d{4}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 2015 && n <= currentYear ? n : undefined;
}

/** The enrolment source a bulk job writes: "DTSEN 2025" (the extract's data year). */
export const dtsenSource = (dataYear: number) => `DTSEN ${dataYear}`;

/**
 * Which extract's decile stands: the higher data year; for the same year the later import (replaces).
 * Mirrors the commit's SQL (ON CONFLICT … WHERE excluded.data_year >= current data_year).
 */
export function replacesDecile(current: { dataYear: number }, incoming: { dataYear: number }): boolean {
  return incoming.dataYear >= current.dataYear;
}
