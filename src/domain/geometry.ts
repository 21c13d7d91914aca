/**
 * Boundary geometry for the coverage maps (issue 12 item 14): a region polygon as drawn at a map's
 * zoom, not as surveyed. Coordinates are rounded to 5 decimals (≈ 1.1 m) and each ring is simplified
 * with Douglas–Peucker at a tolerance in degrees (1e-4 ≈ 11 m, well below a pixel of a regency map).
 * Pure; the caller has checked the GeoJSON shape with `checkPolygonal`.
 */

export type Position = [number, number];
export type Ring = Position[];
export type Polygonal = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export const MAP_PRECISION = 5;
export const MAP_TOLERANCE = 1e-4;

/** Why a geometry is not a usable Polygon/MultiPolygon, or undefined. Positions must be [lon, lat] numbers on Earth. */
export function checkPolygonal(type: unknown, coordinates: unknown): string | undefined {
  const ring = (r: unknown): string | undefined => {
    if (!Array.isArray(r) || r.length < 4) return 'setiap ring butuh minimal 4 titik / every ring needs at least 4 positions';
    for (const p of r) {
      if (!Array.isArray(p) || p.length < 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'titik harus [bujur, lintang] berupa angka / a position must be [longitude, latitude] numbers';
      if (Math.abs(p[0] as number) > 180 || Math.abs(p[1] as number) > 90) return 'koordinat di luar bumi / coordinates outside the Earth';
    }
    return undefined;
  };
  const polygon = (rings: unknown): string | undefined => (!Array.isArray(rings) || rings.length === 0 ? 'poligon tanpa ring / a polygon without rings' : rings.map(ring).find(Boolean));
  if (type === 'Polygon') return polygon(coordinates);
  if (type === 'MultiPolygon') return !Array.isArray(coordinates) || coordinates.length === 0 ? 'MultiPolygon kosong / an empty MultiPolygon' : coordinates.map(polygon).find(Boolean);
  return 'geometri harus Polygon atau MultiPolygon / geometry must be a Polygon or MultiPolygon';
}

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Squared distance from p to the segment a–b (planar: fine at a region's scale). */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open line, iterative (a ring of a million points must not overflow the stack). */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i]!, points[first]!, points[last]!);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** A closed ring simplified and rounded; it stays closed with at least 4 positions (else the rounded original is kept). */
export function simplifyRing(ring: readonly Position[], tolerance = MAP_TOLERANCE, digits = MAP_PRECISION): Ring {
  const rounded = ring.map(([x, y]) => [round(x, digits), round(y, digits)] as Position).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
  // split the closed ring at its farthest point from the start, so both halves have fixed ends
  let far = 0;
  let farD = -1;
  rounded.forEach((p, i) => {
    const d = (p[0] - rounded[0]![0]) ** 2 + (p[1] - rounded[0]![1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  });
  const out = [...simplifyLine(rounded.slice(0, far + 1), tolerance), ...simplifyLine(rounded.slice(far), tolerance).slice(1)];
  if (out.length >= 4) return out;
  return rounded.length >= 4 ? rounded : ring.map(([x, y]) => [x, y] as Position);
}

/** The geometry as the map draws it. */
export function simplifyPolygonal(g: Polygonal, tolerance = MAP_TOLERANCE, digits = MAP_PRECISION): Polygonal {
  const polygon = (rings: Ring[]) => rings.map((r) => simplifyRing(r, tolerance, digits));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: polygon(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon) };
}
