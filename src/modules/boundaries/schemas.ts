import { z } from 'zod';
import { text } from '../../lib/schemas.js';

/** The boundaries contract: the upload's answer and the map of a region's children. */

export const boundaryImportResultSchema = z.object({
  regions: z.number(),
  /** the file's size and what is kept and served after rounding and simplification (decision 62) */
  bytes: z.object({ uploaded: z.number(), stored: z.number() }),
});
export type BoundaryImportResult = z.infer<typeof boundaryImportResultSchema>;

/** GET /api/coverage/:code/map — a GeoJSON FeatureCollection whose feature names are Kemendagri codes. */
export const boundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  sources: z.array(text()),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ name: text(), regionName: text() }),
      geometry: z.unknown(),
    }),
  ),
});
export type BoundaryCollection = z.infer<typeof boundaryCollectionSchema>;
