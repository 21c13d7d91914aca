import { z } from 'zod';
import { isoDate } from '../../../lib/schemas.js';

/** The contract of payments: by hand, from a bank statement, and an enrolment's month-by-month cover. */

export const paymentBody = z.object({
  amount: z.number().int().positive().max(9_000_000_000_000_000),
  paidOn: isoDate,
  reference: z.string().trim().max(200).optional(),
  billId: z.number().int().positive().optional(),
  month: z.string().optional().describe('YYYY-MM: the bill this pays; a month not billed yet keeps the money as credit for it'),
});
export type NewPayment = z.infer<typeof paymentBody>;

export const paymentResult = z.object({
  id: z.number(),
  fundingProgramId: z.number(),
  amount: z.number(),
  paidOn: z.string(),
  reference: z.string(),
  billId: z.number().nullable(),
  linesPaid: z.number().describe('bill lines (worker-months) this payment completed'),
  credit: z.number().describe('money of the programme not yet applied to a line'),
  lapsed: z.number(),
  reactivated: z.number(),
  blocked: z.number(),
});
export type PaymentResult = z.infer<typeof paymentResult>;

const paymentItem = z.object({ id: z.number(), amount: z.number(), paidOn: z.string(), reference: z.string(), billId: z.number().nullable(), source: z.string(), sourceFile: z.string().nullable(), createdBy: z.string() });
export type PaymentItem = z.infer<typeof paymentItem>;

export const paymentList = z.object({ items: z.array(paymentItem) });

export const importedPayments = z.object({
  rows: z.number(),
  recorded: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ row: z.number(), message: z.string(), messageEn: z.string() })),
  amount: z.number(),
  linesPaid: z.number(),
  lapsed: z.number(),
  reactivated: z.number(),
});
export type ImportedPayments = z.infer<typeof importedPayments>;

export const coverView = z.object({
  enrolmentId: z.number(),
  status: z.string(),
  segment: z.string(),
  fundingProgramId: z.number().nullable(),
  months: z.array(z.object({ month: z.string(), dueDate: z.string(), amount: z.number(), paidAt: z.string().nullable(), covered: z.boolean() })),
  arrears: z.number(),
  history: z.array(z.object({ status: z.string(), changedAt: z.string(), changedBy: z.string(), reason: z.string().nullable() })),
});
export type EnrolmentCover = z.infer<typeof coverView>;
