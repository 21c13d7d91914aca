import { describe, expect, it } from 'vitest';
import { checkMove, MANUAL_MOVES, normalizeKpj } from './enrolment-status.js';
import { STATUSES } from './worker.js';

describe('enrolment status moves', () => {
  it('allows exactly the listed moves and refuses every other one, naming the allowed ones', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const problem = checkMove(from, to, '12345678901');
        if (MANUAL_MOVES[from].includes(to)) expect(problem, `${from} → ${to}`).toBeNull();
        else expect(problem?.code, `${from} → ${to}`).toBe('STATUS_MOVE_NOT_ALLOWED');
      }
    }
    expect(checkMove('registered', 'submitted', null)?.message.id).toMatch(/yang boleh: active, ended/);
    expect(checkMove('ended', 'active', null)?.message.en).toBe('Status "ended" cannot change to "active".');
  });

  it('needs a KPJ to become registered; any KPJ given must have 11 digits', () => {
    expect(checkMove('submitted', 'registered', null)?.code).toBe('KPJ_REQUIRED');
    expect(checkMove('submitted', 'active', null)).toBeNull(); // a BPU may pay with the NIK
    expect(checkMove('submitted', 'active', '123')?.code).toBe('KPJ_INVALID');
    expect(checkMove('submitted', 'ended', null)).toBeNull();
  });

  it('reads KPJ typed with spaces, dots or as a number', () => {
    expect(normalizeKpj('123 4567 8901')).toBe('12345678901');
    expect(normalizeKpj(12345678901)).toBe('12345678901');
    expect(normalizeKpj('12.345.678.901')).toBe('12345678901');
    expect(normalizeKpj(' KPJ-1 ')).toBe('KPJ-1');
  });
});
