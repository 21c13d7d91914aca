import { z } from 'zod';
import { SEXES } from '../../domain/nik.js';
import { GROUPS, PROGRAMS, SEGMENTS, STATUSES } from '../../domain/worker.js';
import { auditEntrySchema } from '../audit/schemas.js';
import { text } from '../../lib/schemas.js';

/** One month an enrolment was billed: the bill line, and the payment that paid it (when one did). */
export const coverMonthSchema = z.object({
  month: text().describe('YYYY-MM'),
  billId: z.number(),
  dueDate: text(),
  amount: z.number(),
  /** the day the payment covering this line was made (null: not paid) */
  paidOn: text().nullable(),
  /** the payment's reference (bank line, receipt); empty when paid from credit without one */
  paymentReference: text().nullable(),
  paymentId: z.number().nullable(),
});

export const fileEnrolmentSchema = z.object({
  id: z.number(),
  segment: z.enum(SEGMENTS),
  group: z.enum(GROUPS),
  programs: z.array(z.enum(PROGRAMS)),
  status: z.enum(STATUSES),
  kpj: text().nullable(),
  startDate: text(),
  endDate: text().nullable(),
  createdAt: text(),
  declaredIncome: z.number().nullable(),
  fundingSource: text(),
  fundingProgram: z.object({ id: z.number(), name: text(), regionCode: text() }).nullable(),
  history: z.array(z.object({ status: z.enum(STATUSES), changedAt: text(), changedBy: text(), reason: text().nullable() })),
  /** the most recent billed months, oldest first (at most FILE_MONTHS) */
  months: z.array(coverMonthSchema),
  /** billed months before the ones shown */
  olderMonths: z.number(),
  /** unpaid amount of months already due */
  arrears: z.number(),
});

export const workerFileSchema = z.object({
  id: z.number(),
  /** masked (••••••••••••0001); the full NIK only through GET /api/workers/:id/nik (audited) */
  nik: text(),
  name: text(),
  /** null for roles without worker:nik (decision 60) */
  birthDate: text().nullable(),
  sex: z.enum(SEXES).nullable(),
  villageCode: text(),
  villageName: text(),
  address: text(),
  phone: text().nullable(),
  occupation: text().nullable(),
  createdAt: text(),
  enrolments: z.array(fileEnrolmentSchema),
});
export type WorkerFile = z.infer<typeof workerFileSchema>;
export type FileEnrolment = z.infer<typeof fileEnrolmentSchema>;

export const personAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  beforeId: z.coerce.number().int().positive().optional(),
});
export const personAuditSchema = z.object({ items: z.array(auditEntrySchema), nextBeforeId: text().nullable() });
export type PersonAudit = z.infer<typeof personAuditSchema>;
