import { describe, expect, it } from 'vitest';
import { describeNumerator, officialFigures, type OfficialReport } from './numerator.js';

const r = (code: string, pu: number, bpu = 0): OfficialReport => ({ code, counts: { PU: pu, BPU: bpu } });

describe('official numerator rule', () => {
  // a province of three regencies; regency 99.01 of two districts
  const kids = new Map([
    ['ID', 38],
    ['99', 3],
    ['99.01', 2],
  ]);

  it('no figure anywhere: registry', () => {
    expect(officialFigures([], kids)('99')).toMatchObject({ source: 'registry', total: null, reported: null });
  });

  it('own figure first, even when the children reported too', () => {
    const f = officialFigures([r('99', 500, 100), r('99.01', 1), r('99.02', 2)], kids);
    expect(f('99')).toMatchObject({ source: 'official', total: 600, reported: null });
    expect([...f('99').byKey]).toEqual([
      ['PU', 500],
      ['BPU', 100],
    ]);
    expect(f('99.02')).toMatchObject({ source: 'official', total: 2 });
  });

  it('children summed when all reported, partial (k of n) when some did, recursively through districts', () => {
    const all = officialFigures([r('99.01.01', 10, 1), r('99.01.02', 20), r('99.02', 30), r('99.03', 40, 4)], kids);
    expect(all('99.01')).toMatchObject({ source: 'official', total: 31 });
    expect(all('99')).toMatchObject({ source: 'official', total: 105, reported: null });
    expect(all('99').byKey.get('BPU')).toBe(5);
    // one district missing: its regency is partial, so the province has 2 of 3 complete, and sums what exists
    const some = officialFigures([r('99.01.01', 10), r('99.02', 30), r('99.03', 40)], kids);
    expect(some('99.01')).toMatchObject({ source: 'partial', total: 10, reported: { reported: 1, of: 2 } });
    expect(some('99')).toMatchObject({ source: 'partial', total: 80, reported: { reported: 2, of: 3 } });
    expect(some('ID')).toMatchObject({ source: 'partial', total: 80, reported: { reported: 0, of: 38 } });
  });

  it('a district is the lowest official unit: villages are never summed', () => {
    expect(officialFigures([r('99.01.01.2001', 5)], kids)('99.01.01')).toMatchObject({ source: 'registry' });
  });

  it('says which count it is', () => {
    const some = officialFigures([r('99.02', 30)], kids);
    expect(describeNumerator(some('99'), null).id).toContain('1 dari 3');
    expect(describeNumerator(some('99.02'), 'BPJS TK Kanwil').id).toContain('Sumber: BPJS TK Kanwil');
    expect(describeNumerator(some('99.01'), null).en).toContain('registered in Semesta');
  });
});
