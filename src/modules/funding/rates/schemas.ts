import { z } from 'zod';
import { BENEFIT_TYPES } from '../../../domain/contribution.js';
import { RATE_KEYS, RATE_UNITS } from '../../../domain/rates.js';
import { PROGRAMS, SEGMENTS } from '../../../domain/worker.js';
import { isoDate, text, trimmedText } from '../../../lib/schemas.js';

/** The contract of the calculator and the rate table: `/api/calc/*` and `/api/rates`. */

const rupiah = z.coerce.number().int().min(0).max(9_000_000_000_000_000);
const program = `(${PROGRAMS.join('|')})`;
const programList = z
  .string()
  .regex(new RegExp(`^${program}(,${program})*$`), PROGRAMS.join(','))
  .describe('comma-separated programmes, e.g. JKK,JKM');

export const contributionQuery = z.object({
  segment: z.enum(SEGMENTS),
  date: isoDate.optional().describe('the date the rates are read at (default today, WIB)'),
  declaredIncome: rupiah.optional().describe('BPU: declared monthly income'),
  wage: rupiah.optional().describe('PU: monthly wage (basic + fixed allowances); JAKON: monthly wages when known'),
  dailyWage: rupiah.optional().describe('PU daily workers instead of wage: the base is the daily wage × 25'),
  riskGroup: z.coerce.number().int().min(1).max(5).optional().describe('PU: JKK risk group 1..5 (government services: 1)'),
  programs: programList.optional().describe('PU/BPU: default JKK,JKM'),
  contractValue: rupiah.optional().describe('JAKON: contract value before VAT'),
  months: z.coerce.number().int().min(0).max(120).optional().describe('PMI: placement months (6, 12, 24, or more with extra months)'),
  prePlacement: z.enum(['true', 'false']).optional().describe('PMI: add the pre-placement amount'),
});
export type ContributionQuery = z.infer<typeof contributionQuery>;

const lineSchema = z.object({
  program: text(),
  employer: z.number(),
  worker: z.number(),
  amount: z.number(),
  basis: z.array(text()),
  note: text().optional(),
});

export const contributionAnswer = z.object({
  segment: text(),
  date: text(),
  total: z.number(),
  lines: z.array(lineSchema),
  dailyWageDays: z.number().optional().describe('PU daily workers: the monthly wage is the daily wage × this many days (rate PU_DAILY_WAGE_DAYS on `date`)'),
});
export type ContributionAnswer = z.infer<typeof contributionAnswer>;

export const benefitQuery = z.object({
  type: z.enum(BENEFIT_TYPES),
  contributionMonths: z.coerce.number().int().min(0).max(1200).optional(),
  wage: rupiah.optional(),
  date: isoDate.optional(),
});
export type BenefitQuery = z.infer<typeof benefitQuery>;

const bilingual = z.object({ id: text(), en: text() });

export const benefitAnswer = z.object({
  type: text(),
  date: text(),
  total: z.number(),
  parts: z.array(z.object({ name: text(), amount: z.number(), conditional: z.boolean().optional(), eligible: z.boolean().optional(), condition: bilingual.optional(), basis: text() })),
});
export type BenefitAnswer = z.infer<typeof benefitAnswer>;

/** The API's one error shape (src/lib/errors.ts), documented for the 422 answers. */
export const apiError = z
  .object({
    error: z.object({
      code: text().describe('VALIDATION_FAILED, RATE_NOT_CONFIGURED, REQUIRED…'),
      message: text().describe('Indonesian'),
      messageEn: text(),
      field: text().optional().describe('e.g. querystring.declaredIncome'),
      issues: z.array(z.object({ field: text(), code: text(), message: text(), messageEn: text() })).optional(),
      details: z.record(text(), z.unknown()).optional(),
    }),
  })
  .describe('invalid input: a missing or out-of-range value, or no rate in effect on the date');

export const rateSchema = z.object({
  key: z.enum(RATE_KEYS),
  effectiveFrom: text(),
  value: z.number(),
  unit: z.enum(RATE_UNITS),
  legalBasis: text(),
  unconfirmed: z.boolean(),
});
export type Rate = z.infer<typeof rateSchema>;

export const rateList = z.object({ items: z.array(rateSchema) });

export const newRateBody = z.object({
  key: z.enum(RATE_KEYS),
  effectiveFrom: isoDate,
  value: z.number().int().min(0).max(9_000_000_000_000),
  legalBasis: trimmedText().min(3).max(500),
  unconfirmed: z.boolean().optional(),
});
export type NewRate = z.infer<typeof newRateBody>;
