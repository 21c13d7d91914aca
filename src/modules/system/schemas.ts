import { z } from 'zod';
import { text } from '../../lib/schemas.js';

/** The database the server runs on, and whether the embedded one has outgrown what it was measured for. */
export const databaseStatusSchema = z.object({
  engine: z.enum(['postgres', 'pglite']),
  /** people in the registry, from the trigger-kept counts (never a count(*)) */
  people: z.number(),
  /** the embedded engine's measured ceiling (docs/benchmarks.md); null on PostgreSQL */
  ceiling: z.number().nullable(),
  overCeiling: z.boolean(),
  /** the notice to show national/admin users when overCeiling, Indonesian and English */
  notice: z.object({ message: text(), messageEn: text() }).nullable(),
});
export type DatabaseStatus = z.infer<typeof databaseStatusSchema>;
