import { describe, expect, it } from 'vitest';
import { checkFigure, crossCheck, type ParticipationRegions } from './participation.js';

const KNOWN = new Set(['32', '32.02', '32.02.01', '32.02.02', '32.13']);
const regions: ParticipationRegions = { exists: (c) => KNOWN.has(c), districtCount: (c) => (c === '32.02' ? 2 : 0) };
const opts = { scope: 'ID', currentMonth: '2025-07' };
const ok = { regionCode: '32.02', period: '2025-06', segment: 'PU', active: 10 };
const codes = (r: ReturnType<typeof checkFigure>) => ('problems' in r ? r.problems.map((p) => `${p.field}:${p.code}`) : []);
const names = (i: number) => ({ id: `baris ${i + 2}`, en: `row ${i + 2}` });

describe('checkFigure', () => {
  it('accepts a province, regency or district figure with optional counts', () => {
    expect(checkFigure({ ...ok, segment: ' bpu ', new: 2, inactive: null }, regions, opts)).toEqual({
      figure: { regionCode: '32.02', period: '2025-06', segment: 'BPU', active: 10, newCount: 2, inactiveCount: null },
    });
    expect('figure' in checkFigure({ ...ok, regionCode: '32.02.01', period: '2025-07' }, regions, opts)).toBe(true);
  });

  it('reports every problem of a row', () => {
    expect(codes(checkFigure({ regionCode: '32.99', period: '2025-08', segment: 'X', active: -1, new: 1.5, inactive: 'x' }, regions, opts))).toEqual([
      'regionCode:REGION_NOT_FOUND',
      'period:PERIOD_IN_FUTURE',
      'segment:SEGMENT_UNKNOWN',
      'active:COUNT_NEGATIVE',
      'new:COUNT_NOT_WHOLE',
      'inactive:COUNT_NOT_NUMBER',
    ]);
    expect(codes(checkFigure({ ...ok, regionCode: 'ID' }, regions, opts))).toEqual(['regionCode:REGION_LEVEL_NOT_ACCEPTED']);
    expect(codes(checkFigure({ ...ok, regionCode: '32.02.01.2001' }, regions, opts))).toEqual(['regionCode:REGION_LEVEL_NOT_ACCEPTED']);
    expect(codes(checkFigure({ ...ok, period: '2025-6' }, regions, opts))).toEqual(['period:PERIOD_INVALID']);
    expect(codes(checkFigure({ ...ok, active: undefined }, regions, opts))).toEqual(['active:REQUIRED']);
    expect(codes(checkFigure(ok, regions, { ...opts, scope: '32.13' }))).toEqual(['regionCode:FORBIDDEN_REGION']);
  });
});

describe('crossCheck', () => {
  const f = (regionCode: string, active: number, segment = 'PU' as const) => ({ regionCode, period: '2025-06', segment, active });

  it('names every repeat of a key after the first', () => {
    expect(crossCheck([f('32.02', 1), f('32.02', 2), f('32.02', 3, 'BPU' as never), f('32.02', 4)], regions, names).map((p) => [p.index, p.duplicateOf, p.problem.text.id])).toEqual([
      [1, 0, 'Wilayah, periode dan segmen yang sama sudah ada di baris 2.'],
      [3, 0, 'Wilayah, periode dan segmen yang sama sudah ada di baris 2.'],
    ]);
  });

  it('holds a regency total to its districts: equal when all are sent, not below their sum when some are', () => {
    expect(crossCheck([f('32.02', 30), f('32.02.01', 10), f('32.02.02', 20)], regions, names)).toEqual([]);
    expect(crossCheck([f('32.02', 31), f('32.02.01', 10), f('32.02.02', 20)], regions, names).map((p) => p.index)).toEqual([0, 1, 2]);
    expect(crossCheck([f('32.02', 30), f('32.02.01', 10)], regions, names)).toEqual([]);
    expect(crossCheck([f('32.02', 5), f('32.02.01', 10)], regions, names).map((p) => p.problem.code)).toEqual(['REGENCY_TOTAL_MISMATCH', 'REGENCY_TOTAL_MISMATCH']);
    // a province beside its regencies is not summed (BPJS TK may report province-level participants)
    expect(crossCheck([f('32', 1), f('32.02', 30)], regions, names)).toEqual([]);
  });
});
