import { z } from 'zod';
import { text } from '../../../lib/schemas.js';
import { BILL_STATUSES } from '../../../domain/funding.js';

/** The contract of monthly billing: `/api/funding-programs/:id/billing-runs` and `/bills`. */

export const billSchema = z.object({
  id: z.number(),
  fundingProgramId: z.number(),
  month: text(),
  dueDate: text(),
  workerCount: z.number(),
  amount: z.number(),
  paidAmount: z.number(),
  paidLines: z.number(),
  outstanding: z.number(),
  status: z.enum(BILL_STATUSES),
  /** false when this run found the month already billed (nothing was created) */
  created: z.boolean(),
});
export type Bill = z.infer<typeof billSchema>;

export const billingRunBody = z.object({ month: text().describe('YYYY-MM, e.g. 2025-06') });

export const billList = z.object({ items: z.array(billSchema.omit({ created: true })) });
export type BillList = z.infer<typeof billList>;
