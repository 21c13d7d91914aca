/**
 * The compliance case workflow (PP 86/2013; DOMAIN.md "Employer compliance") as one state machine:
 *
 *   open → warning_1 → warning_2 → referred_skk → sanction_recommended
 *     every non-final step may also go → resolved (the employer complied) or → closed (no further action)
 *
 * Steps are never skipped: a second warning needs a first, the prosecutor's office (Kejaksaan, by SKK) gets a
 * case only after two warnings, and a sanction recommendation (no public services, TMP2T) only after referral.
 * Pure: the service loads the case, asks `checkTransition`, and writes the step.
 */
import type { Bilingual } from './bilingual.js';

export const CASE_STEPS = ['open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved', 'closed'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export const FINAL_STEPS: readonly CaseStep[] = ['resolved', 'closed'];

const NEXT: Record<CaseStep, readonly CaseStep[]> = {
  open: ['warning_1', 'resolved', 'closed'],
  warning_1: ['warning_2', 'resolved', 'closed'],
  warning_2: ['referred_skk', 'resolved', 'closed'],
  referred_skk: ['sanction_recommended', 'resolved', 'closed'],
  sanction_recommended: ['resolved', 'closed'],
  resolved: [],
  closed: [],
};

export const STEP_LABELS: Record<CaseStep, Bilingual> = {
  open: { id: 'Dibuka', en: 'Open' },
  warning_1: { id: 'Surat Peringatan 1', en: 'Warning letter 1' },
  warning_2: { id: 'Surat Peringatan 2', en: 'Warning letter 2' },
  referred_skk: { id: 'Diserahkan ke Kejaksaan (SKK)', en: 'Referred to the prosecutor (SKK)' },
  sanction_recommended: { id: 'Rekomendasi sanksi TMP2T', en: 'Sanction recommended (no public services)' },
  resolved: { id: 'Selesai (patuh)', en: 'Resolved (complied)' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

/**
 * Working days the employer (or the officer) has at each step. Warnings: up to 10 working days each
 * (PP 86/2013, DOMAIN.md). The other steps are working targets for the officer, not legal limits.
 */
export const DEFAULT_STEP_DEADLINE_WORKING_DAYS: Record<CaseStep, number | null> = {
  open: 10,
  warning_1: 10,
  warning_2: 10,
  referred_skk: 30,
  sanction_recommended: 30,
  resolved: null,
  closed: null,
};

export function allowedNext(from: CaseStep): readonly CaseStep[] {
  return NEXT[from];
}

export function isFinal(step: CaseStep): boolean {
  return FINAL_STEPS.includes(step);
}

export type TransitionCheck = { ok: true } | { ok: false; allowed: readonly CaseStep[]; message: Bilingual };

export function checkTransition(from: CaseStep, to: CaseStep): TransitionCheck {
  if (NEXT[from].includes(to)) return { ok: true };
  const allowed = NEXT[from];
  const names = (lang: 'id' | 'en') => allowed.map((s) => STEP_LABELS[s][lang]).join(', ');
  return {
    ok: false,
    allowed,
    message: isFinal(from)
      ? {
          id: `Kasus sudah ${STEP_LABELS[from].id.toLowerCase()}; tidak ada langkah berikutnya.`,
          en: `The case is already ${STEP_LABELS[from].en.toLowerCase()}; there is no next step.`,
        }
      : {
          id: `Dari tahap "${STEP_LABELS[from].id}" tidak bisa ke "${STEP_LABELS[to].id}". Langkah yang boleh: ${names('id')}.`,
          en: `A case at "${STEP_LABELS[from].en}" cannot move to "${STEP_LABELS[to].en}". Allowed next steps: ${names('en')}.`,
        },
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `start` plus `days` working days (Monday–Friday, skipping `holidays`, ISO dates), as YYYY-MM-DD. */
export function addWorkingDays(start: string, days: number, holidays: ReadonlySet<string> = new Set()): string {
  const d = new Date(`${start}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && !holidays.has(iso(d))) left--;
  }
  return iso(d);
}

/** The deadline of a step entered on `date`, or null for final steps. */
export function stepDeadline(step: CaseStep, date: string, holidays?: ReadonlySet<string>, days = DEFAULT_STEP_DEADLINE_WORKING_DAYS[step]): string | null {
  return days === null ? null : addWorkingDays(date, days, holidays);
}

/** A case is overdue when its current step has a deadline that has passed and the case is not finished. */
export function isOverdue(step: CaseStep, deadline: string | null, today: string): boolean {
  return !isFinal(step) && deadline !== null && deadline < today;
}
