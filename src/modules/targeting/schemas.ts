import { z } from 'zod';
import { DEFAULT_MAX_DECILE, SKIP_REASONS, TARGETING_JOB_STATUSES, WORKING_AGE } from '../../domain/targeting.js';
import { dbId, dbIdCoerced, regionCodeSchema, text } from '../../lib/schemas.js';

export const regionParams = z.object({ regionCode: regionCodeSchema });
export const jobParams = z.object({ jobId: dbIdCoerced() });

const decile = () => z.coerce.number().int().min(1).max(10);
const age = () => z.coerce.number().int().min(0).max(120);

/**
 * The priority list's filters: deciles (default 1–4), age reached this year (default 15–64), and
 * whether to show candidates already funded elsewhere (an enrolment submitted or registered):
 * exclude (default), include, only. A district or village is asked for by its code in the path.
 */
export const filterFields = {
  minDecile: decile().default(1),
  maxDecile: decile().default(DEFAULT_MAX_DECILE),
  minAge: age().default(WORKING_AGE.min),
  maxAge: age().default(WORKING_AGE.max),
  fundedElsewhere: z.enum(['exclude', 'include', 'only']).default('exclude'),
};
export const filterQuery = z.object(filterFields);
export type FilterQuery = z.infer<typeof filterQuery>;

/** Pages are bounded: page × pageSize at most 20,000 rows in (the export has them all). */
export const listQuery = z.object({
  ...filterFields,
  page: z.coerce.number().int().min(1).max(200).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;

export const candidateSchema = z.object({
  candidateId: z.number(),
  name: text(),
  /** ••••••••••••0001: the full NIK only through the audited reveal */
  nikMasked: text(),
  villageCode: text(),
  villageName: text().nullable(),
  decile: z.number(),
  dataYear: z.number(),
  occupation: text().nullable(),
  workStatus: text().nullable(),
  /** on the list means not covered; with fundedElsewhere=include|only, covered (an open enrolment) shows as true */
  covered: z.boolean(),
  /** an enrolment submitted or registered by some payer, not yet active */
  fundedElsewhere: z.boolean(),
  /** the NIK is in the registry (the candidate is linked to that person) */
  registered: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const decileCountSchema = z.object({ decile: z.number(), count: z.number() });
export const targetingListSchema = z.object({
  items: z.array(candidateSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  byDecile: z.array(decileCountSchema),
  /** the same counts per child region (districts of a regency, villages of a district) */
  byArea: z.array(z.object({ code: text(), name: text(), count: z.number() })),
  /** one candidate a month under the standard BPU package (JKK + JKM on the minimum declared income) */
  unitCostPerMonth: z.number(),
  costPerMonth: z.number(),
  costPerYear: z.number(),
});
export type TargetingList = z.infer<typeof targetingListSchema>;

export const enrolBody = z.object({
  fundingProgramId: dbId(),
  minDecile: z.number().int().min(1).max(10).optional(),
  maxDecile: z.number().int().min(1).max(10).optional(),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  /** a selection from the list; without it, everyone the filter lists */
  candidateIds: z.array(dbId()).min(1).max(200_000).optional(),
  /** a role with funding:override confirms going over the programme's quota or budget */
  confirmOverCapacity: z.boolean().optional(),
});
export type EnrolBody = z.infer<typeof enrolBody>;

export const enrolStartedSchema = z.object({ jobId: z.number(), selected: z.number() });

export const skippedSchema = z.object({ candidateId: z.number(), reason: z.enum(SKIP_REASONS), message: text(), messageEn: text() });
export const targetingJobSchema = z.object({
  id: z.number(),
  status: z.enum(TARGETING_JOB_STATUSES),
  /** 0..1 */
  progress: z.number(),
  enrolled: z.number(),
  /** the first 1,000 candidates not enrolled, with the reason; skippedTotal counts them all */
  skipped: z.array(skippedSchema),
  skippedTotal: z.number(),
  fundingProgramId: z.number(),
  regionCode: text(),
  error: z.object({ code: text(), message: text(), messageEn: text() }).optional(),
});
export type TargetingJobView = z.infer<typeof targetingJobSchema>;

export const dtsenCoverageSchema = z.object({
  regionCode: text(),
  maxDecile: z.number(),
  /** DTSEN candidates of deciles 1..maxDecile with an open enrolment (submitted, registered or active) */
  covered: z.number(),
  notCovered: z.number(),
  unitCostPerMonth: z.number(),
  /** what covering the rest costs with the standard BPU package */
  costPerMonth: z.number(),
  costPerYear: z.number(),
});
export type DtsenCoverage = z.infer<typeof dtsenCoverageSchema>;

export const revealedCandidateNikSchema = z.object({ candidateId: z.number(), nik: text() });
