/**
 * How an enrolment's status may change by hand or from a BPJS TK registration list. Lapsing for unpaid
 * contributions and reactivation when arrears are paid belong to the funding rules (3 unpaid months),
 * not to a person's choice, so they are not offered here.
 */
import type { Bilingual } from './bilingual.js';
import type { EnrolmentStatus } from './worker.js';

export const MANUAL_MOVES: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  // registered: BPJS TK gave a participant number (KPJ); active: protection runs from the start date
  submitted: ['registered', 'active', 'ended'],
  registered: ['active', 'ended'],
  active: ['ended'],
  lapsed: ['ended'],
  ended: [],
};

/** KPJ, BPJS TK's participant number: 11 digits in common use (DOMAIN.md, unconfirmed), kept as text. */
export const KPJ_PATTERN = /^\d{11}$/;

/** "0123 4567 890" or a number cell → "01234567890"; anything else is returned trimmed for the error. */
export function normalizeKpj(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
  return /^[\d\s.-]+$/.test(text) ? text.replace(/[\s.-]/g, '') : text;
}

export type MoveProblem = { code: 'STATUS_MOVE_NOT_ALLOWED' | 'KPJ_REQUIRED' | 'KPJ_INVALID'; message: Bilingual };

/** Whether `from` → `to` is allowed, given the KPJ the enrolment will have; null when it is. */
export function checkMove(from: EnrolmentStatus, to: EnrolmentStatus, kpj: string | null): MoveProblem | null {
  if (!MANUAL_MOVES[from].includes(to)) {
    const next = MANUAL_MOVES[from];
    return {
      code: 'STATUS_MOVE_NOT_ALLOWED',
      message: {
        id: `Status "${from}" tidak bisa diubah menjadi "${to}"${next.length ? `; yang boleh: ${next.join(', ')}` : ''}.`,
        en: `Status "${from}" cannot change to "${to}"${next.length ? `; allowed: ${next.join(', ')}` : ''}.`,
      },
    };
  }
  // "registered" means BPJS TK gave a KPJ; "active" does not need one (a BPU may pay with the NIK).
  if (to === 'registered' && !kpj) {
    return { code: 'KPJ_REQUIRED', message: { id: 'Isi nomor KPJ dari BPJS Ketenagakerjaan.', en: 'Enter the KPJ number from BPJS Ketenagakerjaan.' } };
  }
  if (kpj && !KPJ_PATTERN.test(kpj)) {
    return { code: 'KPJ_INVALID', message: { id: `Nomor KPJ "${kpj}" harus 11 digit.`, en: `KPJ "${kpj}" must be 11 digits.` } };
  }
  return null;
}
