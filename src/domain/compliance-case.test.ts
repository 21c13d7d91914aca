import { describe, expect, it } from 'vitest';
import { addWorkingDays, allowedNext, CASE_STEPS, type CaseStep, checkTransition, isFinal, isOverdue, stepDeadline } from './compliance-case.js';

/** The whole table, written out: every pair of steps is either here or forbidden. */
const ALLOWED: [CaseStep, CaseStep][] = [
  ['open', 'warning_1'],
  ['open', 'resolved'],
  ['open', 'closed'],
  ['warning_1', 'warning_2'],
  ['warning_1', 'resolved'],
  ['warning_1', 'closed'],
  ['warning_2', 'referred_skk'],
  ['warning_2', 'resolved'],
  ['warning_2', 'closed'],
  ['referred_skk', 'sanction_recommended'],
  ['referred_skk', 'resolved'],
  ['referred_skk', 'closed'],
  ['sanction_recommended', 'resolved'],
  ['sanction_recommended', 'closed'],
];
const key = (a: CaseStep, b: CaseStep) => `${a}→${b}`;
const allowedSet = new Set(ALLOWED.map(([a, b]) => key(a, b)));

describe('case state machine', () => {
  for (const from of CASE_STEPS) {
    for (const to of CASE_STEPS) {
      const ok = allowedSet.has(key(from, to));
      it(`${ok ? 'allows' : 'forbids'} ${from} → ${to}`, () => {
        const r = checkTransition(from, to);
        expect(r.ok).toBe(ok);
        if (!r.ok) {
          expect(r.allowed).toEqual(allowedNext(from));
          expect(r.message.id.length).toBeGreaterThan(10);
          expect(r.message.en.length).toBeGreaterThan(10);
        }
      });
    }
  }

  it('has exactly the listed moves (49 pairs: 14 allowed, 35 forbidden)', () => {
    const all = CASE_STEPS.flatMap((a) => CASE_STEPS.map((b) => [a, b] as const));
    expect(all).toHaveLength(49);
    expect(all.filter(([a, b]) => checkTransition(a, b).ok)).toHaveLength(14);
  });

  it('reaches resolution from the start only through every enforcement step in order', () => {
    const path: CaseStep[] = ['open', 'warning_1', 'warning_2', 'referred_skk', 'sanction_recommended', 'resolved'];
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1]!, path[i]!).ok).toBe(true);
  });

  it('explains a refused move with the allowed steps, in both languages', () => {
    const r = checkTransition('open', 'referred_skk');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.allowed).toEqual(['warning_1', 'resolved', 'closed']);
    expect(r.message.id).toBe('Dari tahap "Dibuka" tidak bisa ke "Diserahkan ke Kejaksaan (SKK)". Langkah yang boleh: Surat Peringatan 1, Selesai (patuh), Ditutup.');
    const done = checkTransition('resolved', 'open');
    expect(done.ok).toBe(false);
    if (!done.ok) {
      expect(done.allowed).toEqual([]);
      expect(done.message.en).toBe('The case is already resolved (complied); there is no next step.');
    }
  });

  it('treats resolved and closed as final', () => {
    expect(CASE_STEPS.filter(isFinal)).toEqual(['resolved', 'closed']);
  });
});

describe('deadlines', () => {
  it('counts working days, skipping weekends', () => {
    // Monday 6 Jan 2025 + 10 working days = Monday 20 Jan 2025
    expect(addWorkingDays('2025-01-06', 10)).toBe('2025-01-20');
    // Friday + 1 = Monday
    expect(addWorkingDays('2025-01-10', 1)).toBe('2025-01-13');
    // from a Saturday, the first working day is Monday
    expect(addWorkingDays('2025-01-11', 1)).toBe('2025-01-13');
  });

  it('skips holidays it is given', () => {
    expect(addWorkingDays('2025-01-06', 10, new Set(['2025-01-08', '2025-01-09']))).toBe('2025-01-22');
  });

  it('gives each warning 10 working days and final steps none', () => {
    expect(stepDeadline('warning_1', '2025-01-06')).toBe('2025-01-20');
    expect(stepDeadline('warning_2', '2025-01-06')).toBe('2025-01-20');
    expect(stepDeadline('resolved', '2025-01-06')).toBeNull();
    expect(stepDeadline('warning_1', '2025-01-06', undefined, 5)).toBe('2025-01-13');
  });

  it('flags an unfinished case past its deadline as overdue', () => {
    expect(isOverdue('warning_1', '2025-01-20', '2025-01-21')).toBe(true);
    expect(isOverdue('warning_1', '2025-01-20', '2025-01-20')).toBe(false);
    expect(isOverdue('resolved', '2025-01-20', '2025-02-01')).toBe(false);
    expect(isOverdue('open', null, '2025-02-01')).toBe(false);
  });
});
