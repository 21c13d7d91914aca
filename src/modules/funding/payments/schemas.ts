import { z } from 'zod';
import { isoDate, text, trimmedText } from '../../../lib/schemas.js';

/** The contract of payments: by hand, from a bank statement, and an enrolment's month-by-month cover. */

export const paymentBody = z.object({
  amount: z.number().int().positive().max(9_000_000_000_000_000),
  paidOn: isoDate,
  reference: trimmedText().max(200).optional(),
  billId: z.number().int().positive().optional(),
  month: text().optional().describe('YYYY-MM: the bill this pays; a month not billed yet keeps the money as credit for it'),
});
export type NewPayment = z.infer<typeof paymentBody>;

export const paymentResult = z.object({
  id: z.number(),
  fundingProgramId: z.number(),
  amount: z.number(),
  paidOn: text(),
  reference: text(),
  billId: z.number().nullable(),
  linesPaid: z.number().describe('bill lines (worker-months) this payment completed'),
  credit: z.number().describe('money of the programme not yet applied to a line'),
  lapsed: z.number(),
  reactivated: z.number(),
  blocked: z.number(),
});
export type PaymentResult = z.infer<typeof paymentResult>;

const paymentItem = z.object({ id: z.number(), amount: z.number(), paidOn: text(), reference: text(), billId: z.number().nullable(), source: text(), sourceFile: text().nullable(), createdBy: text() });
export type PaymentItem = z.infer<typeof paymentItem>;

export const paymentList = z.object({ items: z.array(paymentItem) });

export const coverView = z.object({
  enrolmentId: z.number(),
  status: text(),
  segment: text(),
  fundingProgramId: z.number().nullable(),
  months: z.array(z.object({ month: text(), dueDate: text(), amount: z.number(), paidAt: text().nullable(), covered: z.boolean() })),
  arrears: z.number(),
  history: z.array(z.object({ status: text(), changedAt: text(), changedBy: text(), reason: text().nullable() })),
});
export type EnrolmentCover = z.infer<typeof coverView>;
