import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { checkPolygonal, type Polygonal, simplifyPolygonal } from '../../domain/geometry.js';
import { isRegionCode, NATIONAL } from '../../domain/region-code.js';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { findRegions } from '../regions/queries.js';
import { childBoundaryRows, saveBoundaries } from './queries.js';
import type { BoundaryCollection, BoundaryImportResult } from './schemas.js';

/**
 * Official boundaries as GeoJSON: a FeatureCollection whose features carry the Kemendagri code in
 * properties `code` (or `kode`, `kode_wilayah`, `kdepum`) and a Polygon/MultiPolygon geometry.
 * All or nothing; every bad feature is named by its position.
 */
const CODE_KEYS = ['code', 'kode', 'kode_wilayah', 'kdepum', 'KDEPUM', 'KODE', 'CODE'];

interface Feature {
  type?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

export async function importBoundaries(db: Db, user: SessionUser, text: string, filename: string, source: string): Promise<BoundaryImportResult> {
  let fc: { type?: unknown; features?: unknown };
  try {
    fc = JSON.parse(text) as typeof fc;
  } catch {
    throw new AppError(422, 'GEOJSON_INVALID', { id: 'Berkas bukan JSON yang sah.', en: 'The file is not valid JSON.' }, 'file');
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0) {
    throw new AppError(422, 'GEOJSON_INVALID', { id: 'Berkas harus GeoJSON FeatureCollection yang berisi fitur.', en: 'The file must be a GeoJSON FeatureCollection with features.' }, 'file');
  }
  const issues: FieldIssue[] = [];
  const rows: { code: string; geometry: string }[] = [];
  const seen = new Set<string>();
  (fc.features as Feature[]).forEach((f, i) => {
    const n = i + 1;
    const bad = (code: string, id: string, en: string) => issues.push({ field: `features[${i}]`, code, message: `Fitur ${n}: ${id}`, messageEn: `Feature ${n}: ${en}` });
    const raw = CODE_KEYS.map((k) => f.properties?.[k]).find((v) => v !== undefined && v !== null);
    const code = String(raw ?? '').trim();
    if (!isRegionCode(code) || code === NATIONAL) return bad('REGION_CODE_INVALID', `kode wilayah "${code}" tidak sah (isi properti "code", mis. 32.02.01).`, `region code "${code}" is not valid (set property "code", e.g. 32.02.01).`);
    if (seen.has(code)) return bad('DUPLICATE_REGION', `kode ${code} muncul lebih dari sekali.`, `code ${code} appears more than once.`);
    seen.add(code);
    const type = f.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') return bad('GEOMETRY_INVALID', 'geometri harus Polygon atau MultiPolygon.', 'geometry must be a Polygon or MultiPolygon.');
    if (!Array.isArray(f.geometry?.coordinates)) return bad('GEOMETRY_INVALID', 'koordinat tidak ada.', 'coordinates are missing.');
    const wrong = checkPolygonal(type, f.geometry.coordinates);
    if (wrong) {
      const [id, en] = wrong.split(' / ');
      return bad('GEOMETRY_INVALID', `${id}.`, `${en ?? id}.`);
    }
    // stored as the map draws it: 5 decimals, Douglas–Peucker at ≈ 11 m (decision 62)
    rows.push({ code, geometry: JSON.stringify(simplifyPolygonal({ type, coordinates: f.geometry.coordinates } as Polygonal)) });
  });
  if (rows.length > 0) {
    const known = new Set((await findRegions(db, rows.map((r) => r.code))).map((r) => r.code));
    rows.forEach((r) => {
      if (!known.has(r.code)) issues.push({ field: 'features', code: 'REGION_NOT_FOUND', message: `Kode wilayah ${r.code} tidak dikenal.`, messageEn: `Unknown region code ${r.code}.` });
    });
  }
  if (issues.length > 0) {
    throw new AppError(422, 'GEOJSON_INVALID', { id: `${issues.length} fitur bermasalah; tidak ada yang disimpan.`, en: `${issues.length} features have problems; nothing was saved.` }, 'file', issues.slice(0, 500));
  }
  return audited(db, user, async (tx) => {
    await saveBoundaries(tx, rows, source, user.username);
    return {
      result: { regions: rows.length, bytes: { uploaded: Buffer.byteLength(text), stored: rows.reduce((n, r) => n + Buffer.byteLength(r.geometry), 0) } },
      audit: [{ action: 'import_boundaries', entityType: 'region_boundary', entityId: filename, regionCode: null, before: null, after: { regions: rows.length, source, codes: rows.length <= 50 ? rows.map((r) => r.code) : undefined } }],
    };
  });
}

/** The uploaded boundaries of a region's children, as a FeatureCollection whose feature names are the codes. */
export async function childBoundaries(db: Db, code: string): Promise<BoundaryCollection> {
  const rows = await childBoundaryRows(db, code);
  return {
    type: 'FeatureCollection',
    sources: [...new Set(rows.map((x) => x.source))],
    features: rows.map((x) => ({ type: 'Feature', properties: { name: x.code, regionName: x.name }, geometry: x.geometry })),
  };
}
