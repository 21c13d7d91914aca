import { z } from 'zod';
import { FUNDED_SEGMENTS, PAYER_TYPES } from '../../../domain/funding.js';
import { dbIdCoerced, isoDate, regionCodeSchema, text } from '../../../lib/schemas.js';
import { programsSchema } from '../programs/schemas.js';

/** The contract of planning: a programme's budget, the early warning of lapses, and the coverage plan. */

export const budgetQuery = z.object({ asOf: isoDate.optional() });

export const budgetView = z.object({
  programId: z.number(),
  fiscalYear: z.number(),
  asOf: text(),
  budget: z.number(),
  quota: z.number(),
  enrolled: z.number(),
  quotaUsed: z.number().describe('enrolled ÷ quota (0..1+)'),
  monthlyCost: z.number(),
  remainingMonths: z.number(),
  committed: z.number(),
  billed: z.number(),
  paid: z.number(),
  outstanding: z.number(),
  credit: z.number(),
  available: z.number(),
  budgetUsed: z.number().describe('committed ÷ budget (0..1+)'),
});
export type Budget = z.infer<typeof budgetView>;

export const earlyWarningQuery = z.object({
  region: regionCodeSchema.optional(),
  programId: dbIdCoerced().optional(),
  days: z.coerce.number().int().min(0).max(366).default(30),
  asOf: isoDate.optional(),
});

export const earlyWarningView = z.object({
  asOf: text(),
  days: z.number(),
  lapseMonths: z.number(),
  items: z.array(
    z.object({
      enrolmentId: z.number(),
      name: text(),
      nikMasked: text().describe('always masked (last four digits)'),
      kpj: text().nullable(),
      villageCode: text(),
      villageName: text(),
      programId: z.number(),
      programName: text(),
      unpaidMonths: z.number(),
      lapseDate: text().describe('the day it lapses if nothing is paid (always after asOf: past ones are lapsed by the sweep)'),
    }),
  ),
  byProgram: z.array(z.object({ programId: z.number(), programName: text(), count: z.number() })),
});
export type EarlyWarning = z.infer<typeof earlyWarningView>;

export const planBody = z.object({
  region: regionCodeSchema,
  targetPercent: z.number().min(0).max(100),
  byMonth: text().describe('YYYY-MM'),
  employedPopulation: z.number().int().min(1).describe('coverage denominator (penduduk bekerja, BPS Sakernas) for the region'),
  mix: z
    .array(z.object({ segment: z.enum(FUNDED_SEGMENTS), programs: programsSchema, income: z.number().int().min(1), riskGroup: z.number().int().min(1).max(5).optional(), share: z.number().min(0).max(1) }))
    .min(1)
    .max(10),
  payers: z.array(z.object({ payerType: z.enum(PAYER_TYPES), share: z.number().min(0).max(1) })).min(1).max(10),
});
export type PlanRequest = z.infer<typeof planBody>;

export const planView = z.object({
  region: text(),
  asOf: text(),
  byMonth: text(),
  denominator: z.object({ employedPopulation: z.number(), source: text() }),
  currentPercent: z.number(),
  activeParticipants: z.number(),
  targetParticipants: z.number(),
  workersNeeded: z.number(),
  monthlyCost: z.number(),
  annualCost: z.number(),
  byMix: z.array(z.object({ label: text(), workers: z.number(), monthlyCost: z.number(), annualCost: z.number() })),
  byPayer: z.array(z.object({ payerType: z.enum(PAYER_TYPES), monthlyCost: z.number(), annualCost: z.number() })),
  monthsToTarget: z.number(),
  newWorkersPerMonth: z.number(),
  budgets: z.array(z.object({ programId: z.number(), name: text(), payerType: z.enum(PAYER_TYPES), regionCode: text(), budget: z.number(), committed: z.number(), available: z.number() })),
  budgetTotal: z.number(),
  availableTotal: z.number(),
});
export type PlanResult = z.infer<typeof planView>;
