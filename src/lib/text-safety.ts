/** Pure, so that schemas shared with the web app can use it (no Fastify types). */
/**
 * Text PostgreSQL cannot store: NUL (refused in text and jsonb) and a UTF-16 surrogate without its
 * partner (not a character, so not encodable as UTF-8). Issue 12 found both reaching the database as
 * 500s from any text field, query or file name — the login included.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
export const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store this text (no NUL, no unpaired surrogate). */
export const isSafeText = (value: string): boolean => !UNSAFE.test(value);

