import { describe, expect, it } from 'vitest';
import { formatDateTimeWib, formatMonth, isKpj } from './home-format';

describe('home formats', () => {
  it('month names in Indonesian and English', () => {
    expect(formatMonth('2025-06', 'id')).toBe('Juni 2025');
    expect(formatMonth('2025-06', 'en')).toBe('June 2025');
    expect(formatMonth('bad', 'id')).toBe('–');
  });
  it('timestamps on the WIB clock, across midnight', () => {
    expect(formatDateTimeWib('2026-03-15T17:30:00Z')).toBe('16/03/2026 00.30 WIB');
    expect(formatDateTimeWib('2026-03-15T16:59:00Z')).toBe('15/03/2026 23.59 WIB');
  });
  it('a KPJ is 11 digits', () => {
    expect(isKpj('12345678901')).toBe(true);
    expect(isKpj('1234567890')).toBe(false);
    expect(isKpj('1234567890a')).toBe(false);
  });
});
