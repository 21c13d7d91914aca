import { z } from 'zod';
import { ADHOC_ROLES, EXECUTORS, ORGANISERS, OWNER_TYPES } from '../../domain/jakon.js';
import { dbId, isoDate, listOf, paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';
import { issueSchema, newWorkerBody } from '../workers/schemas.js';

/** The contract of construction projects (Jakon) and election ad hoc cohorts (issue 18). */

const rupiah = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const newProjectBody = z.object({
  name: trimmedText().min(3).max(200),
  /** the location: a village (Kemendagri code) */
  villageCode: regionCodeSchema,
  /** contract value before VAT, rupiah */
  contractValue: rupiah,
  spkDate: isoDate.describe('work order (SPK) date, YYYY-MM-DD'),
  startDate: isoDate,
  endDate: isoDate,
  fundingProgramId: dbId(),
  /** total wages of the project when known: then 1,74% + 0,30% of them instead of the stepped rates */
  wagesTotal: rupiah.optional(),
  /** village (Dana Desa) or a regional agency; from the programme's payer when absent */
  ownerType: z.enum(OWNER_TYPES).optional(),
  ownerName: trimmedText().max(200).optional(),
  executor: z.enum(EXECUTORS).default('swakelola'),
  contractorName: trimmedText().max(200).optional(),
});
export type NewProject = z.infer<typeof newProjectBody>;

export const amountSchema = z.object({ jkk: z.number(), jkm: z.number(), total: z.number() });

export const createdProjectSchema = z.object({ id: z.number(), contribution: amountSchema, registrationDeadline: text() });

export const projectBillSchema = z.object({
  id: z.number(),
  kind: z.enum(['initial', 'extension']),
  jkk: z.number(),
  jkm: z.number(),
  amount: z.number(),
  paidAmount: z.number(),
  dueDate: text(),
  coversUntil: text(),
  status: z.enum(['unpaid', 'partial', 'paid']),
});

export const projectSchema = z.object({
  id: z.number(),
  name: text(),
  villageCode: text(),
  villageName: text(),
  ownerType: z.enum(OWNER_TYPES),
  ownerName: text(),
  executor: z.enum(EXECUTORS),
  contractorName: text(),
  contractValue: z.number(),
  wagesTotal: z.number().nullable(),
  spkDate: text(),
  startDate: text(),
  endDate: text(),
  fundingProgramId: z.number(),
  fundingProgramName: text(),
  registrationDeadline: text(),
  registeredOn: text().nullable(),
  contribution: amountSchema,
  billed: z.number(),
  paid: z.number(),
  outstanding: z.number(),
  status: z.enum(['planned', 'running', 'ended']),
  late: z.boolean(),
  unpaid: z.boolean(),
  workers: z.number(),
  /** workers whose protection holds today (WIB) */
  coveredToday: z.number(),
});
export type ProjectView = z.infer<typeof projectSchema>;

export const projectDetailSchema = projectSchema.extend({
  bills: z.array(projectBillSchema),
  payments: z.array(z.object({ id: z.number(), amount: z.number(), paidOn: text(), reference: text(), createdBy: text() })),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const regionListQuery = z.object({ region: regionCodeSchema.optional() }).extend(paginationQuery(50, 200).shape);

export const projectList = listOf(projectSchema);

/** A worker of a project: like POST /api/workers, without `enrolment` (the project decides it). */
export const projectWorkerBody = newWorkerBody.omit({ enrolment: true });
export type ProjectWorker = z.infer<typeof projectWorkerBody>;

export const engagedWorkerSchema = z.object({
  personId: z.number(),
  enrolmentId: z.number(),
  nik: text(),
  name: text(),
  villageCode: text(),
  startDate: text(),
  endDate: text().nullable(),
  status: text(),
  role: text().nullable(),
  pollingStation: text().nullable(),
});
export const addedWorkerSchema = engagedWorkerSchema.extend({ warnings: z.array(issueSchema) });
export const engagedWorkerList = listOf(engagedWorkerSchema);

export const projectPaymentBody = z.object({
  amount: rupiah,
  paidOn: isoDate,
  reference: trimmedText().max(100).optional(),
});
export type ProjectPayment = z.infer<typeof projectPaymentBody>;
export const projectPaymentResult = z.object({ id: z.number(), amount: z.number(), applied: z.number(), credit: z.number(), outstanding: z.number() });

export const projectExtensionBody = z.object({
  endDate: isoDate,
  /** the addendum's contract value (before VAT), when it changed */
  contractValue: rupiah.optional(),
  wagesTotal: rupiah.optional(),
});
export type ProjectExtension = z.infer<typeof projectExtensionBody>;
export const extensionResult = z.object({ endDate: text(), enrolmentsMoved: z.number(), billed: amountSchema.nullable() });

export const newCohortBody = z.object({
  name: trimmedText().min(3).max(200),
  organiser: z.enum(ORGANISERS),
  /** the organiser's region (KPU/Bawaslu of a province or regency) */
  regionCode: regionCodeSchema,
  election: trimmedText().max(120).optional(),
  stage: trimmedText().max(120).optional(),
  startDate: isoDate,
  endDate: isoDate,
  /** a BPU programme paying JKK + JKM for the period, owned by the region or one above it */
  fundingProgramId: dbId(),
});
export type NewCohort = z.infer<typeof newCohortBody>;

export const cohortSchema = z.object({
  id: z.number(),
  name: text(),
  organiser: z.enum(ORGANISERS),
  regionCode: text(),
  regionName: text(),
  election: text(),
  stage: text(),
  startDate: text(),
  endDate: text(),
  months: z.number(),
  fundingProgramId: z.number(),
  fundingProgramName: text(),
  status: z.enum(['planned', 'running', 'ended']),
  workers: z.number(),
  coveredToday: z.number(),
  /** one worker's month (JKK + JKM at the programme's basis income) */
  monthlyCost: z.number(),
  /** what the cohort costs for its months at that rate */
  cost: z.number(),
});
export type CohortView = z.infer<typeof cohortSchema>;
/** One cohort with what the programme's monthly runs billed for its workers, month by month, and what is paid. */
export const cohortDetailSchema = cohortSchema.extend({
  billed: z.number(),
  paid: z.number(),
  bills: z.array(z.object({ month: text(), workers: z.number(), amount: z.number(), paid: z.number() })),
});
export const cohortList = listOf(cohortSchema);
export const createdCohortSchema = z.object({ id: z.number() });

export const cohortExtensionBody = z.object({ endDate: isoDate });

export const workerListQuery = paginationQuery(50, 200);

export const adhocRoleSchema = z.enum(ADHOC_ROLES);
