import { z } from 'zod';
import { currentPeriod } from '../../domain/coverage.js';
import { SEGMENTS } from '../../domain/worker.js';
import type { Bilingual } from '../../lib/errors.js';
import { periodSchema, regionCodeSchema } from '../../lib/schemas.js';

/** The coverage contract: requests and responses of /api/coverage (and the reports and exports built on it). */

// ── requests ──

/** `/…/:code` — a region code, `ID` = national. */
export const codeParams = z.object({ code: regionCodeSchema });
/** `?period=YYYY-MM`, this month by default. */
export const periodQuery = z.object({ period: periodSchema.default(() => currentPeriod()) });

/** `?from&to` — default: the 12 months up to `to` (this month by default); at most 120 months. */
export const trendQuery = z
  .object({ from: periodSchema.optional(), to: periodSchema.optional() })
  .transform((q, ctx) => {
    const to = q.to ?? currentPeriod();
    const [y, m] = to.split('-').map(Number) as [number, number];
    const from = q.from ?? `${m === 12 ? y : y - 1}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}`;
    if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from harus sebelum to / from must not be after to' });
    const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
    if (months > 120) ctx.addIssue({ code: 'custom', path: ['from'], message: 'paling banyak 120 bulan / at most 120 months' });
    return { from, to };
  });

// ── responses ──

const bilingual: z.ZodType<Bilingual> = z.object({ id: z.string(), en: z.string() });

/** Figures of one segment, group or payer. */
export const breakdownRowSchema = z.object({ key: z.string(), active: z.number(), started: z.number(), lapsed: z.number(), ended: z.number() });

export const childSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  activeParticipants: z.number(),
  employedPopulation: z.number().nullable(),
  coveragePct: z.number().nullable(),
  targetPct: z.number().nullable(),
  newEnrolments: z.number(),
  lapses: z.number(),
});

export const coverageSchema = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  period: z.string(),
  activeParticipants: z.number().describe('active at the end of the month (see definition)'),
  employedPopulation: z.number().nullable().describe('null: no BPS figure for this region up to the period’s year'),
  coveragePct: z.number().nullable().describe('null where there is no denominator — never a guess'),
  targetPct: z.number().nullable(),
  newEnrolments: z.number(),
  lapses: z.number(),
  ended: z.number(),
  denominator: z.object({ year: z.number(), source: z.string(), formal: z.number().nullable(), informal: z.number().nullable() }).nullable(),
  target: z.object({ year: z.number(), source: z.string() }).nullable(),
  gap: z.object({ workers: z.number(), rupiahPerMonth: z.number(), ratePerWorker: z.number(), rateBasis: bilingual }).nullable(),
  parent: z.object({ code: z.string(), name: z.string(), coveragePct: z.number().nullable() }).nullable(),
  national: z.object({ coveragePct: z.number().nullable() }).nullable(),
  villagesReached: z
    .object({ villagesTotal: z.number(), villagesReached: z.number(), pct: z.number() })
    .describe('desa of the region reached by outreach (sosialisasi) events, as GET /api/outreach/reach counts them'),
  breakdown: z.object({ segment: z.array(breakdownRowSchema), group: z.array(breakdownRowSchema), payer: z.array(breakdownRowSchema) }),
  definition: z.object({ segments: z.array(z.enum(SEGMENTS)), text: bilingual }),
  children: z.array(childSchema),
});

export const trendPointSchema = z.object({
  period: z.string(),
  activeParticipants: z.number(),
  coveragePct: z.number().nullable(),
  employedPopulation: z.number().nullable(),
  newEnrolments: z.number(),
  lapses: z.number(),
});
export const trendSchema = z.array(trendPointSchema);

/** GET /api/coverage/:code — everything the dashboard and the monev report show for one region and month. */
export type Coverage = z.infer<typeof coverageSchema>;
export type CoverageChild = z.infer<typeof childSchema>;
export type CoverageBreakdownRow = z.infer<typeof breakdownRowSchema>;
/** One month of GET /api/coverage/:code/trend. */
export type CoverageTrendPoint = z.infer<typeof trendPointSchema>;
