import { z } from 'zod';

/** The DHIS2 export contract: a dataValueSets payload (GET /api/coverage/:code/dhis2/dataValueSets.json). */

export const dataValueSchema = z.object({
  dataElement: z.string(),
  /** YYYYMM */
  period: z.string(),
  /** Kemendagri code, ID = Indonesia */
  orgUnit: z.string(),
  /** absent: DHIS2's default (total) */
  categoryOptionCombo: z.string().optional(),
  value: z.string(),
});

export const dataValueSetSchema = z.object({
  dataSet: z.string(),
  period: z.string(),
  completeDate: z.string(),
  dataValues: z.array(dataValueSchema),
});

export type DataValue = z.infer<typeof dataValueSchema>;
export type DataValueSet = z.infer<typeof dataValueSetSchema>;
