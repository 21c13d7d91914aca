import { sql } from 'kysely';
import { inRegionSql } from '../../access/subtree.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/tx.js';
import { NATIONAL } from '../../domain/region-code.js';

/** All SQL of the boundaries capability. */

/** Stores one GeoJSON geometry per region; an earlier upload for the same region is replaced. */
export async function saveBoundaries(tx: Tx, rows: { code: string; geometry: string }[], source: string, username: string): Promise<void> {
  await sql`
    INSERT INTO region_boundary (region_code, geometry, source, updated_by)
    SELECT code, geometry::jsonb, ${source}, ${username}
    FROM unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.geometry)}::text[]) AS t (code, geometry)
    ON CONFLICT (region_code) DO UPDATE SET geometry = excluded.geometry, source = excluded.source, updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
}

/** The uploaded boundaries of a region's children (one level down), in code order. */
export async function childBoundaryRows(db: Db, code: string) {
  const depth = code === NATIONAL ? 1 : code.split('.').length + 1;
  const { rows } = await sql<{ code: string; name: string; geometry: unknown; source: string }>`
    SELECT b.region_code AS code, g.name, b.geometry, b.source FROM region_boundary b JOIN region g ON g.code = b.region_code
    WHERE ${inRegionSql('b.region_code', code)}
      AND array_length(string_to_array(b.region_code, '.'), 1) = ${depth}
    ORDER BY b.region_code`.execute(db);
  return rows;
}
