import { z } from 'zod';
import { isPeriod } from '../domain/coverage.js';
import { isRegionCode } from '../domain/region-code.js';
import { isSafeText } from './text-safety.js';

/**
 * The request shapes every capability shares, defined once: an id in the path, a calendar date,
 * a month, a region code and paging. Capability-specific shapes live in each module's schemas.ts.
 */

/**
 * The one string type of every route schema (request and response): a string PostgreSQL can store —
 * NUL and unpaired surrogates are refused with 422 INVALID_CHARACTERS naming the field, as the edge hook
 * does for raw requests (`safe-text.ts`), so text parsed later (multipart fields, pushed rows) holds too.
 * Bare `z.string()` is refused in schema files by `test/schema-strings.test.ts`.
 */
export const text = () => z.string().refine(isSafeText, { message: 'NUL atau karakter Unicode tidak utuh / NUL or a broken Unicode character', params: { code: 'invalid_characters' } });

/** `text()` with surrounding white space removed (names, free text typed by people). */
export const trimmedText = () => text().trim();

/** The largest id a PostgreSQL `integer` column holds: a larger one is a 422, not a database error (a 500). */
export const INT4_MAX = 2_147_483_647;
/** A positive id of a stored thing, in JSON (`coerce` for query strings and paths). */
export const dbId = () => z.number().int().positive().max(INT4_MAX);
export const dbIdCoerced = () => z.coerce.number().int().positive().max(INT4_MAX);

/** `/things/:id` — a positive integer id. */
export const idParams = z.object({ id: dbIdCoerced() });

/** A calendar day as YYYY-MM-DD: 2025-02-30 is refused here, not by the database (a 500). */
export const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'tanggal tidak ada di kalender / not a calendar date');

/** A month as YYYY-MM. */
export const periodSchema = trimmedText().refine(isPeriod, { message: 'bulan YYYY-MM, mis. 2025-06 / a month YYYY-MM, e.g. 2025-06' });

/** A Kemendagri code or ID; rejected with 422 before any access decision is made on it. */
export const regionCodeSchema = trimmedText()
  .refine(isRegionCode, { message: 'kode wilayah Kemendagri seperti 32, 32.02, 32.02.01 atau 32.02.01.2001 / a code such as 32.02' });

/** `page` (from 1) and `pageSize` query fields, with a route's own default and maximum page size. */
export const paginationQuery = (defaultSize = 50, maxSize = 200) =>
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
  });

/** `{ items, total }` — the list envelope. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });
