import { addMonths, dueDate } from './funding.js';
import type { Bilingual } from './bilingual.js';
import { addDays } from './wib.js';

/**
 * The one lapse rule (DOMAIN.md "Due dates, fines, lapse"; docs/decisions.md §80): a BPU enrolment whose
 * protection is running (`active`) lapses once `months` monthly contributions are unpaid past their due
 * date (the number of months is the date-effective rate BPU_LAPSE_MONTHS, 3 today). It lapses on the day
 * after the due date of its `months`-th unpaid month; from that day the sweep moves it to `lapsed`, and
 * paying the arrears makes it active again. Every figure of lapses — the coverage page, the worker list
 * filter, the reports (status `lapsed`) and the early warning (lapse date ahead) — is read from this rule.
 */
export const LAPSED_STATUS = 'lapsed' as const;
export const LAPSE_SEGMENT = 'BPU' as const;
/** The reason written in the status history when the rule lapses an enrolment. */
export const lapseReason = (months: number) => `unpaid_${months}_months`;

export interface LapseInput {
  /** the rule's number of unpaid months (BPU_LAPSE_MONTHS at the date) */
  months: number;
  /** due dates (YYYY-MM-DD) of the enrolment's billed, unpaid months, oldest first */
  unpaidDueDates: readonly string[];
  /** the first day of the programme's last billed month (YYYY-MM-01); null when nothing was billed yet */
  lastBilledMonth: string | null;
}

/**
 * The day the enrolment lapses if nothing more is paid: the day after the due date of the
 * `months`-th unpaid month — a billed one, or one still to bill after the programme's last bill
 * (each due the 15th of the month after, a weekend 15th moved to Monday). Null when nothing is billed.
 */
export function lapseDate(i: LapseInput): string | null {
  if (i.months < 1) throw new RangeError('months must be ≥ 1');
  if (i.unpaidDueDates.length >= i.months) return addDays(i.unpaidDueDates[i.months - 1]!, 1);
  if (!i.lastBilledMonth) return null;
  const nth = addMonths(i.lastBilledMonth, i.months - i.unpaidDueDates.length);
  return addDays(dueDate(nth), 1);
}

/** Whether an active enrolment has lapsed by `asOf`: `months` unpaid months whose due date has passed. */
export function hasLapsed(unpaidDueDates: readonly string[], months: number, asOf: string): boolean {
  return unpaidDueDates.filter((d) => d < asOf).length >= months;
}

export type LapseOutlook = 'lapsed' | 'within' | 'later';

/**
 * Where a lapse date stands against today and a window of `days`: `lapsed` (on or before today: the
 * sweep lapses it, it is never "about to lapse"), `within` (after today and at most `days` ahead), `later`.
 */
export function lapseOutlook(date: string, asOf: string, days: number): LapseOutlook {
  if (date <= asOf) return 'lapsed';
  return date <= addDays(asOf, days) ? 'within' : 'later';
}

export const LAPSED_LABEL: Bilingual = { id: 'Nonaktif (menunggak)', en: 'Lapsed (in arrears)' };
