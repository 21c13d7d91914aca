import { z } from 'zod';
import { FUNDED_SEGMENTS, PAYER_TYPES, PROGRAM_STATUSES } from '../../../domain/funding.js';
import { PROGRAMS } from '../../../domain/worker.js';
import { isoDate, regionCodeSchema, text, trimmedText } from '../../../lib/schemas.js';

/** The contract of funding programmes: `/api/funding-programs` and its legal-basis document. */

/** The social-security programmes a funding basis pays for (JKK and JKM always). */
export const programsSchema = z.array(z.enum(PROGRAMS)).min(1);
const fiscalYearSchema = z.number().int().min(2015).max(2100);

export const programBody = z.object({
  name: trimmedText().min(3).max(200),
  payerType: z.enum(PAYER_TYPES),
  regionCode: regionCodeSchema,
  fiscalYear: fiscalYearSchema,
  budget: z.number().int().min(0).max(9_000_000_000_000_000),
  quota: z.number().int().min(0).max(100_000_000),
  segment: z.enum(FUNDED_SEGMENTS),
  programs: programsSchema,
  basisIncome: z.number().int().min(1).max(10_000_000_000).optional().describe('declared income (BPU) or wage (PU) used when an enrolment has none; default Rp1,000,000'),
  riskGroup: z.number().int().min(1).max(5).optional().describe('PU: JKK risk group (government: 1)'),
  legalKind: trimmedText().max(60).optional().describe('Perda, Perkada, Pergub, Perbup, Perwal, Perdes, SK…'),
  legalNumber: trimmedText().max(200).optional(),
  legalDate: isoDate.nullish(),
});
export type NewFundingProgram = z.infer<typeof programBody>;

export const programPatch = programBody
  .omit({ payerType: true, regionCode: true })
  .partial()
  .extend({ status: z.enum(PROGRAM_STATUSES).optional() });
export type FundingProgramPatch = z.infer<typeof programPatch>;

export const programListQuery = z.object({ region: regionCodeSchema.optional(), year: z.coerce.number().int().min(2015).max(2100).optional() });

export const programView = z.object({
  id: z.number(),
  name: text(),
  payerType: z.enum(PAYER_TYPES),
  regionCode: text(),
  fiscalYear: z.number(),
  budget: z.number(),
  quota: z.number(),
  segment: z.enum(FUNDED_SEGMENTS),
  programs: z.array(text()),
  basisIncome: z.number(),
  riskGroup: z.number(),
  legalKind: text(),
  legalNumber: text(),
  legalDate: text().nullable(),
  document: z.object({ name: text(), type: text(), size: z.number() }).nullable(),
  status: text(),
  monthlyCost: z.number().describe('what one funded worker costs a month under this basis today'),
});
export type FundingProgram = z.infer<typeof programView>;

export const programList = z.object({ items: z.array(programView) });
