import { z } from 'zod';
import { text } from '../../lib/schemas.js';

/** The DHIS2 export contract: a dataValueSets payload (GET /api/coverage/:code/dhis2/dataValueSets.json). */

export const dataValueSchema = z.object({
  dataElement: text(),
  /** YYYYMM */
  period: text(),
  /** Kemendagri code, ID = Indonesia */
  orgUnit: text(),
  /** absent: DHIS2's default (total) */
  categoryOptionCombo: text().optional(),
  value: text(),
});

export const dataValueSetSchema = z.object({
  dataSet: text(),
  period: text(),
  completeDate: text(),
  dataValues: z.array(dataValueSchema),
});

export type DataValue = z.infer<typeof dataValueSchema>;
export type DataValueSet = z.infer<typeof dataValueSetSchema>;
