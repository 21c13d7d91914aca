import { z } from 'zod';
import { isPeriod } from '../domain/coverage.js';
import { isRegionCode } from '../domain/region-code.js';

/**
 * The request shapes every capability shares, defined once: an id in the path, a calendar date,
 * a month, a region code and paging. Capability-specific shapes live in each module's schemas.ts.
 */

/** `/things/:id` — a positive integer id. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A month as YYYY-MM. */
export const periodSchema = z.string().trim().refine(isPeriod, { message: 'bulan YYYY-MM, mis. 2025-06 / a month YYYY-MM, e.g. 2025-06' });

/** A Kemendagri code or ID; rejected with 422 before any access decision is made on it. */
export const regionCodeSchema = z
  .string()
  .trim()
  .refine(isRegionCode, { message: 'kode wilayah Kemendagri seperti 32, 32.02, 32.02.01 atau 32.02.01.2001 / a code such as 32.02' });

/** `page` (from 1) and `pageSize` query fields, with a route's own default and maximum page size. */
export const paginationQuery = (defaultSize = 50, maxSize = 200) =>
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
  });

/** `{ items, total }` — the list envelope. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
