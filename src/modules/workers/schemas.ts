import { z } from 'zod';
import { SEXES } from '../../domain/nik.js';
import { GROUPS, PROGRAMS, SEGMENTS, STATUSES } from '../../domain/worker.js';
import { dbId, isoDate, listOf, paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** A field problem as the API reports it (also a warning on a saved worker). */
export const issueSchema = z.object({ field: text(), code: text(), message: text(), messageEn: text() });
export type Issue = z.infer<typeof issueSchema>;

export const enrolmentBody = z.object({
  segment: z.enum(SEGMENTS),
  group: z.enum(GROUPS),
  programs: z.array(z.enum(PROGRAMS)).min(1),
  declaredIncome: z.number().int().min(0).nullish(),
  fundingSource: trimmedText().max(200).optional(),
  // funding (issue 4): the payer as a reference; over quota/budget needs confirmOverCapacity by a permitted role
  fundingProgramId: dbId().optional(),
  confirmOverCapacity: z.boolean().optional(),
});

/** Registration by name by address (NIK, domicile village), optionally with a first enrolment. */
export const newWorkerBody = z.object({
  nik: text().min(1).max(40),
  name: trimmedText().min(1).max(200),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  villageCode: regionCodeSchema,
  address: trimmedText().max(500).default(''),
  phone: trimmedText().max(20).optional(),
  occupation: trimmedText().max(120).optional(),
  enrolment: enrolmentBody.optional(),
});
export type NewWorker = z.infer<typeof newWorkerBody>;

/** A person with their latest enrolment, the row of every worker list. */
export const workerSchema = z.object({
  id: z.number(),
  /** masked (••••••••••••0001) unless revealed */
  nik: text(),
  nikMasked: z.boolean(),
  name: text(),
  /** null for roles without worker:nik: the birth date and sex are digits 7–12 of the NIK (decision 60) */
  birthDate: text().nullable(),
  sex: z.enum(SEXES).nullable(),
  villageCode: text(),
  villageName: text(),
  address: text(),
  phone: text().nullable(),
  occupation: text().nullable(),
  enrolmentId: z.number().nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  group: z.enum(GROUPS).nullable(),
  programs: z.array(z.enum(PROGRAMS)).nullable(),
  status: z.enum(STATUSES).nullable(),
  fundingSource: text().nullable(),
  fundingProgramId: z.number().nullable().optional(),
  declaredIncome: z.number().nullable(),
  kpj: text().nullable(),
});
export type Worker = z.infer<typeof workerSchema>;

export const createdWorkerSchema = workerSchema.extend({ warnings: z.array(issueSchema) });
export type CreatedWorker = z.infer<typeof createdWorkerSchema>;

/** Filters of the worker list (and of its Excel export); no region means the caller's own. */
export const workerFilterQuery = z.object({
  region: regionCodeSchema.optional(),
  q: trimmedText().min(2).max(100).optional(),
  nik: trimmedText().regex(/^\d{16}$/).optional(),
  segment: z.enum(SEGMENTS).optional(),
  group: z.enum(GROUPS).optional(),
  status: z.enum(STATUSES).optional(),
  payer: trimmedText().min(1).max(200).optional(),
  /** people whose latest enrolment covers this programme */
  program: z.enum(PROGRAMS).optional(),
});
export type WorkerFilter = z.infer<typeof workerFilterQuery>;

/**
 * `cursor` (the previous page's nextCursor) reads the next page by key, at the cost of page 1 whatever
 * the depth; `page` alone still works (offset) for old clients and deep links.
 */
export const workerListQuery = workerFilterQuery.extend(paginationQuery(50, 200).shape).extend({
  cursor: text().max(600).optional(),
});

export const workerPageSchema = listOf(workerSchema).extend({
  page: z.number(),
  pageSize: z.number(),
  /** true when `total` is an estimate (a name, payer or programme filter over a large region): shown as "± perkiraan" */
  totalEstimated: z.boolean(),
  /** the cursor of the next page; null on the last page */
  nextCursor: text().nullable(),
});
export type WorkerPage = z.infer<typeof workerPageSchema>;

export const revealedNikSchema = z.object({ id: z.number(), nik: text() });

export const statusChangeBody = z.object({
  to: z.enum(STATUSES),
  kpj: trimmedText().max(30).optional(),
  /** the day protection starts (active) or stops (ended); today (WIB) when absent */
  date: isoDate.optional(),
  note: trimmedText().max(500).optional(),
});
export type StatusChange = z.infer<typeof statusChangeBody>;

export const enrolmentStatusSchema = z.object({ id: z.number(), status: z.enum(STATUSES), kpj: text().nullable(), startDate: text(), endDate: text().nullable() });
export type EnrolmentStatusView = z.infer<typeof enrolmentStatusSchema>;
