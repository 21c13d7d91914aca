import { z } from 'zod';

/** The boundaries contract: the upload's answer and the map of a region's children. */

export const boundaryImportResultSchema = z.object({ regions: z.number() });
export type BoundaryImportResult = z.infer<typeof boundaryImportResultSchema>;

/** GET /api/coverage/:code/map — a GeoJSON FeatureCollection whose feature names are Kemendagri codes. */
export const boundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  sources: z.array(z.string()),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ name: z.string(), regionName: z.string() }),
      geometry: z.unknown(),
    }),
  ),
});
export type BoundaryCollection = z.infer<typeof boundaryCollectionSchema>;
