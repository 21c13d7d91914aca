import { describe, expect, it } from 'vitest';
import { checkPolygonal, type Position, simplifyLine, simplifyPolygonal, simplifyRing } from './geometry.js';

/** A surveyed-looking ring: a wobbly circle of `n` points around (106.9, -7.0), ~0.1° across, closed. */
const surveyed = (n: number): Position[] => {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.05 * (1 + 0.1 * Math.sin(7 * a) + 0.00001 * Math.sin(997 * a));
    ring.push([106.9 + r * Math.cos(a) + 1e-9 * i, -7 + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
};

/** The largest distance from any original point to the simplified ring (in degrees). */
const maxDeviation = (original: Position[], simplified: Position[]) => {
  let worst = 0;
  for (const p of original) {
    let best = Infinity;
    for (let i = 0; i + 1 < simplified.length; i++) {
      const [a, b] = [simplified[i]!, simplified[i + 1]!];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]));
    }
    worst = Math.max(worst, best);
  }
  return worst;
};

describe('map geometry', () => {
  it('keeps a straight line to its ends and a corner that matters', () => {
    expect(simplifyLine([[0, 0], [1, 0.00001], [2, 0]], 1e-4)).toEqual([[0, 0], [2, 0]]);
    expect(simplifyLine([[0, 0], [1, 1], [2, 0]], 1e-4)).toEqual([[0, 0], [1, 1], [2, 0]]);
  });

  it('shrinks a dense surveyed ring many-fold, stays closed and within tolerance plus rounding', () => {
    const ring = surveyed(100_000);
    const simple = simplifyRing(ring);
    expect(simple[0]).toEqual(simple.at(-1));
    expect(simple.length).toBeGreaterThanOrEqual(4);
    const before = JSON.stringify(ring).length;
    const after = JSON.stringify(simple).length;
    console.log(`geometry: ${ring.length} points, ${before} bytes → ${simple.length} points, ${after} bytes (${(before / after).toFixed(0)}×)`);
    expect(after * 20).toBeLessThan(before);
    expect(maxDeviation(ring.filter((_, i) => i % 13 === 0), simple)).toBeLessThan(1e-4 + 1e-5);
  }, 30_000);

  it('never collapses a tiny ring below four positions', () => {
    const tiny: Position[] = [[1, 1], [1.000001, 1], [1.000001, 1.000001], [1, 1]];
    expect(simplifyRing(tiny).length).toBeGreaterThanOrEqual(4);
    const g = simplifyPolygonal({ type: 'MultiPolygon', coordinates: [[tiny], [surveyed(1000)]] });
    expect(g.type).toBe('MultiPolygon');
  });

  it('names what is wrong with a geometry', () => {
    expect(checkPolygonal('Polygon', [surveyed(10)])).toBeUndefined();
    expect(checkPolygonal('Point', [1, 2])).toMatch(/Polygon/);
    expect(checkPolygonal('Polygon', [[[1, 2], [3, 4]]])).toMatch(/4/);
    expect(checkPolygonal('Polygon', [[['a', 2], [1, 2], [1, 3], ['a', 2]]])).toMatch(/angka/);
    expect(checkPolygonal('Polygon', [[[500, 2], [1, 2], [1, 3], [500, 2]]])).toMatch(/bumi/);
    expect(checkPolygonal('MultiPolygon', [])).toMatch(/kosong/);
  });
});
