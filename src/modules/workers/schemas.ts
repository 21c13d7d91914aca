import { z } from 'zod';
import { SEXES } from '../../domain/nik.js';
import { GROUPS, PROGRAMS, SEGMENTS, STATUSES } from '../../domain/worker.js';
import { isoDate, listOf, paginationQuery, regionCodeSchema } from '../../lib/schemas.js';

/** A field problem as the API reports it (also a warning on a saved worker). */
export const issueSchema = z.object({ field: z.string(), code: z.string(), message: z.string(), messageEn: z.string() });
export type Issue = z.infer<typeof issueSchema>;

export const enrolmentBody = z.object({
  segment: z.enum(SEGMENTS),
  group: z.enum(GROUPS),
  programs: z.array(z.enum(PROGRAMS)).min(1),
  declaredIncome: z.number().int().min(0).nullish(),
  fundingSource: z.string().trim().max(200).optional(),
  // funding (issue 4): the payer as a reference; over quota/budget needs confirmOverCapacity by a permitted role
  fundingProgramId: z.number().int().positive().optional(),
  confirmOverCapacity: z.boolean().optional(),
});

/** Registration by name by address (NIK, domicile village), optionally with a first enrolment. */
export const newWorkerBody = z.object({
  nik: z.string().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  villageCode: regionCodeSchema,
  address: z.string().trim().max(500).default(''),
  phone: z.string().trim().max(20).optional(),
  occupation: z.string().trim().max(120).optional(),
  enrolment: enrolmentBody.optional(),
});
export type NewWorker = z.infer<typeof newWorkerBody>;

/** A person with their latest enrolment, the row of every worker list. */
export const workerSchema = z.object({
  id: z.number(),
  /** masked (••••••••••••0001) unless revealed */
  nik: z.string(),
  nikMasked: z.boolean(),
  name: z.string(),
  /** null for roles without worker:nik: the birth date and sex are digits 7–12 of the NIK (decision 60) */
  birthDate: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  villageCode: z.string(),
  villageName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  occupation: z.string().nullable(),
  enrolmentId: z.number().nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  group: z.enum(GROUPS).nullable(),
  programs: z.array(z.enum(PROGRAMS)).nullable(),
  status: z.enum(STATUSES).nullable(),
  fundingSource: z.string().nullable(),
  fundingProgramId: z.number().nullable().optional(),
  declaredIncome: z.number().nullable(),
  kpj: z.string().nullable(),
});
export type Worker = z.infer<typeof workerSchema>;

export const createdWorkerSchema = workerSchema.extend({ warnings: z.array(issueSchema) });
export type CreatedWorker = z.infer<typeof createdWorkerSchema>;

/** Filters of the worker list (and of its Excel export); no region means the caller's own. */
export const workerFilterQuery = z.object({
  region: regionCodeSchema.optional(),
  q: z.string().trim().min(2).max(100).optional(),
  nik: z.string().trim().regex(/^\d{16}$/).optional(),
  segment: z.enum(SEGMENTS).optional(),
  group: z.enum(GROUPS).optional(),
  status: z.enum(STATUSES).optional(),
  payer: z.string().trim().min(1).max(200).optional(),
});
export type WorkerFilter = z.infer<typeof workerFilterQuery>;

export const workerListQuery = workerFilterQuery.extend(paginationQuery(50, 200).shape);

export const workerPageSchema = listOf(workerSchema).extend({ page: z.number(), pageSize: z.number() });
export type WorkerPage = z.infer<typeof workerPageSchema>;

export const revealedNikSchema = z.object({ id: z.number(), nik: z.string() });

export const statusChangeBody = z.object({
  to: z.enum(STATUSES),
  kpj: z.string().trim().max(30).optional(),
  /** the day protection starts (active) or stops (ended); today (WIB) when absent */
  date: isoDate.optional(),
  note: z.string().trim().max(500).optional(),
});
export type StatusChange = z.infer<typeof statusChangeBody>;

export const enrolmentStatusSchema = z.object({ id: z.number(), status: z.enum(STATUSES), kpj: z.string().nullable(), startDate: z.string(), endDate: z.string().nullable() });
export type EnrolmentStatusView = z.infer<typeof enrolmentStatusSchema>;
