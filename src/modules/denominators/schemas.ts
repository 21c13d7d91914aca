import { z } from 'zod';

/** The denominators contract: POST /api/denominators/import answers how many rows, figures and targets were saved. */
export const importResultSchema = z.object({ rows: z.number(), denominators: z.number(), targets: z.number() });
export type DenominatorImportResult = z.infer<typeof importResultSchema>;
