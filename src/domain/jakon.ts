/**
 * Protection with an end date (issue 18): construction projects (Jakon) and election ad hoc cohorts.
 * Pure rules: the contribution of a project (from the contribution engine), its registration deadline in
 * working days, when a worker's cover starts and ends, what an extension bills, and the flags the village
 * and the regency see. DOMAIN.md "Jakon (construction)"; no I/O.
 */
import type { Bilingual } from './bilingual.js';
import { addWorkingDays } from './compliance-case.js';
import { contribution } from './contribution.js';
import { rateAt, type RateSnapshot } from './rates.js';

export const OWNER_TYPES = ['village', 'agency'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];
export const OWNER_TYPE_LABELS: Record<OwnerType, Bilingual> = {
  village: { id: 'Desa (Dana Desa)', en: 'Village (Dana Desa)' },
  agency: { id: 'Perangkat daerah', en: 'Regional agency' },
};

export const EXECUTORS = ['contractor', 'swakelola'] as const;
export type Executor = (typeof EXECUTORS)[number];
export const EXECUTOR_LABELS: Record<Executor, Bilingual> = {
  contractor: { id: 'Kontraktor', en: 'Contractor' },
  swakelola: { id: 'Swakelola (tim desa)', en: 'Own team (swakelola)' },
};

export const ORGANISERS = ['KPU', 'BAWASLU'] as const;
export type Organiser = (typeof ORGANISERS)[number];
export const ORGANISER_LABELS: Record<Organiser, string> = { KPU: 'KPU', BAWASLU: 'Bawaslu' };

/** Ad hoc bodies of KPU (PPK, PPS, KPPS, Pantarlih) and Bawaslu (Panwascam, PKD, PTPS). */
export const ADHOC_ROLES = ['PPK', 'PPS', 'KPPS', 'PANTARLIH', 'PANWASCAM', 'PKD', 'PTPS', 'LAINNYA'] as const;
export type AdhocRole = (typeof ADHOC_ROLES)[number];
export const ADHOC_ROLE_LABELS: Record<AdhocRole, string> = {
  PPK: 'PPK',
  PPS: 'PPS',
  KPPS: 'KPPS',
  PANTARLIH: 'Pantarlih',
  PANWASCAM: 'Panwascam',
  PKD: 'PKD',
  PTPS: 'PTPS',
  LAINNYA: 'Lainnya',
};
export function parseAdhocRole(text: string): AdhocRole | undefined {
  const key = text.trim().toUpperCase().replace(/[^A-Z]/g, '');
  if (!key) return undefined;
  return (ADHOC_ROLES as readonly string[]).includes(key) ? (key as AdhocRole) : key === 'LAINLAIN' || key === 'OTHER' ? 'LAINNYA' : undefined;
}

export const PROJECT_BILL_KINDS = ['initial', 'extension'] as const;
export type ProjectBillKind = (typeof PROJECT_BILL_KINDS)[number];

export interface JakonAmount {
  jkk: number;
  jkm: number;
  total: number;
}

export interface JakonProblem {
  field: string;
  code: string;
  message: Bilingual;
}

/**
 * The project's contribution, once per project, from the contribution engine: 1.74 % + 0.30 % of the
 * total wages when they are known, else the stepped rates on the contract value before VAT, at the
 * rates in effect on the SPK date.
 */
export function projectContribution(s: RateSnapshot, p: { spkDate: string; contractValue: number; wagesTotal?: number | null }): { ok: true; value: JakonAmount } | { ok: false; problems: JakonProblem[] } {
  const r = contribution(s, p.wagesTotal ? { segment: 'JAKON', date: p.spkDate, wage: p.wagesTotal } : { segment: 'JAKON', date: p.spkDate, contractValue: p.contractValue });
  if (!r.ok) return { ok: false, problems: r.problems.map((x) => ({ ...x, field: x.field === 'wage' ? 'wagesTotal' : x.field === 'date' ? 'spkDate' : x.field })) };
  const jkk = r.value.lines.find((l) => l.program === 'JKK')!.amount;
  const jkm = r.value.lines.find((l) => l.program === 'JKM')!.amount;
  return { ok: true, value: { jkk, jkm, total: jkk + jkm } };
}

/** Registration is due `days` working days after the SPK (work order) date, skipping weekends and national holidays. */
export function registrationDeadline(spkDate: string, holidays: ReadonlySet<string>, days: number): string {
  return addWorkingDays(spkDate, days, holidays);
}

/** The configured number of working days (rate JAKON_REGISTRATION_WORKING_DAYS on the SPK date). */
export const registrationWorkingDays = (s: RateSnapshot, spkDate: string): number => rateAt(s, 'JAKON_REGISTRATION_WORKING_DAYS', spkDate).value;

const problem = (field: string, code: string, id: string, en: string): JakonProblem => ({ field, code, message: { id, en } });

/** Dates of a project or cohort: end on or after start; a project's SPK no later than its start. */
export function checkPeriod(p: { startDate: string; endDate: string; spkDate?: string }): JakonProblem[] {
  const out: JakonProblem[] = [];
  if (p.endDate < p.startDate) {
    out.push(problem('endDate', 'END_BEFORE_START', 'Tanggal selesai (endDate) tidak boleh sebelum tanggal mulai.', 'The end date (endDate) cannot be before the start date.'));
  }
  if (p.spkDate !== undefined && p.spkDate > p.startDate) {
    out.push(problem('spkDate', 'SPK_AFTER_START', 'Tanggal SPK (spkDate) tidak boleh setelah tanggal mulai pekerjaan.', 'The work order date (spkDate) cannot be after the start date.'));
  }
  return out;
}

/**
 * The cover of a worker listed on `today`: from the start date, or from the day added when the project
 * or cohort has already started — never backdated. Null when the period is over (nothing to cover).
 */
export function coverStart(period: { startDate: string; endDate: string }, today: string): string | null {
  if (today > period.endDate) return null;
  return today > period.startDate ? today : period.startDate;
}

export type PeriodStatus = 'planned' | 'running' | 'ended';
export function periodStatus(period: { startDate: string; endDate: string }, today: string): PeriodStatus {
  if (today < period.startDate) return 'planned';
  return today > period.endDate ? 'ended' : 'running';
}

/**
 * What an extension bills: the contribution at the new contract value or wages minus what the project
 * was already billed; never negative (a smaller addendum is not refunded here).
 */
export function extensionDifference(newAmount: JakonAmount, billed: { jkk: number; jkm: number }): JakonAmount {
  const jkk = Math.max(0, newAmount.jkk - billed.jkk);
  const jkm = Math.max(0, newAmount.jkm - billed.jkm);
  return { jkk, jkm, total: jkk + jkm };
}

export interface ProjectFlags {
  /** not registered (no worker listed) by the deadline, or registered after it */
  late: boolean;
  /** a bill past its due date not fully paid */
  unpaid: boolean;
}

/** The flags of a project on `today`: late registration and unpaid bills. */
export function projectFlags(p: { registrationDeadline: string; registeredOn: string | null; billDue: string | null; outstanding: number }, today: string): ProjectFlags {
  const late = p.registeredOn ? p.registeredOn > p.registrationDeadline : today > p.registrationDeadline;
  const unpaid = p.outstanding > 0 && p.billDue !== null && today > p.billDue;
  return { late, unpaid };
}

/** The months (YYYY-MM) a period touches, first to last: what a cohort's monthly bills cover. */
export function periodMonths(startDate: string, endDate: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(startDate.slice(0, 4)), Number(startDate.slice(5, 7))];
  const last = endDate.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}
