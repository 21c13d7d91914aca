import { describe, expect, it } from 'vitest';
import { commonRegion } from './outreach.js';

describe('commonRegion', () => {
  it('finds the smallest region holding all villages', () => {
    expect(commonRegion(['32.02.01.2001'])).toBe('32.02.01.2001');
    expect(commonRegion(['32.02.01.2001', '32.02.01.2005'])).toBe('32.02.01');
    expect(commonRegion(['32.02.01.2001', '32.02.05.2003'])).toBe('32.02');
    expect(commonRegion(['32.02.01.2001', '32.13.28.2007'])).toBe('32');
    expect(commonRegion(['32.02.01.2001', '17.01.01.2001'])).toBe('ID');
    expect(commonRegion([])).toBe('ID');
  });
});
