import { describe, expect, it } from 'vitest';
import { descendantRange, inSubtree, isAncestor, isRegionCode, levelOf, lineage, parentOf, villageKind } from './region-code.js';

describe('region codes', () => {
  it('recognises Kemendagri codes at every level', () => {
    expect(['ID', '32', '32.02', '32.02.01', '32.02.01.2001'].every(isRegionCode)).toBe(true);
    expect(['', '3', '32.2', '32.02.1', '32.02.01.201', '32.02.01.2001.1', 'abc', '32-02'].some(isRegionCode)).toBe(false);
    expect(['ID', '32', '32.02', '32.02.01', '32.02.01.2001'].map(levelOf)).toEqual(['country', 'province', 'regency', 'district', 'village']);
    expect(() => levelOf('3x')).toThrow();
  });

  it('tells desa (2xxx) from kelurahan (1xxx)', () => {
    expect(villageKind('32.02.01.2002')).toBe('desa');
    expect(villageKind('32.02.01.1001')).toBe('kelurahan');
  });

  it('walks up the hierarchy', () => {
    expect(parentOf('32.02.01.2001')).toBe('32.02.01');
    expect(parentOf('32')).toBe('ID');
    expect(() => parentOf('ID')).toThrow();
    expect(lineage('32.13.28.2007')).toEqual(['32', '32.13', '32.13.28', '32.13.28.2007']);
    expect(lineage('ID')).toEqual([]);
  });

  it('decides subtree membership without confusing 32.1 with 32.13', () => {
    expect(inSubtree('32.02', '32.02')).toBe(true);
    expect(inSubtree('32.02', '32.02.01.2001')).toBe(true);
    expect(inSubtree('32.02', '32.13')).toBe(false);
    expect(inSubtree('32.1', '32.13')).toBe(false);
    expect(inSubtree('ID', '17.01')).toBe(true);
    expect(isAncestor('32', '32.02')).toBe(true);
    expect(isAncestor('32.02', '32.02')).toBe(false);
    expect(isAncestor('ID', '32')).toBe(true);
  });

  it('gives a byte-order range holding exactly the strict descendants', () => {
    const { from, to } = descendantRange('32.02');
    const codes = ['32.01.99', '32.02', '32.02.01', '32.02.47.2010', '32.020', '32.03', '32.02/'];
    const inRange = codes.filter((c) => Buffer.compare(Buffer.from(c), Buffer.from(from)) >= 0 && Buffer.compare(Buffer.from(c), Buffer.from(to)) < 0);
    expect(inRange).toEqual(['32.02.01', '32.02.47.2010']);
  });
});
