import { z } from 'zod';
import { REGION_LEVELS, VILLAGE_KINDS } from '../../domain/region-code.js';
import { regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

export const regionSummarySchema = z.object({
  code: text(),
  name: text(),
  level: z.enum(REGION_LEVELS),
  kind: z.enum(VILLAGE_KINDS).optional(),
});
export type RegionSummary = z.infer<typeof regionSummarySchema>;

export const regionDetailSchema = regionSummarySchema.extend({ parentCode: text().nullable(), ancestors: z.array(regionSummarySchema) });
export type RegionDetail = z.infer<typeof regionDetailSchema>;

export const regionSearchQuery = z.object({
  q: trimmedText().min(2).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const regionCodeParams = z.object({ code: regionCodeSchema });
