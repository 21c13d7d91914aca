import { z } from 'zod';
import { currentPeriod } from '../../domain/coverage.js';
import { periodSchema, regionCodeSchema } from '../../lib/schemas.js';

export const codeParams = z.object({ code: regionCodeSchema });
export const periodQuery = z.object({ period: periodSchema.default(() => currentPeriod()) });

const bilingual = z.object({ id: z.string(), en: z.string() });
const breakdownRow = z.object({ key: z.string(), active: z.number(), started: z.number(), lapsed: z.number(), ended: z.number() });

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
  breakdown: z.object({ segment: z.array(breakdownRow), group: z.array(breakdownRow), payer: z.array(breakdownRow) }),
  definition: z.object({ segments: z.array(z.string()), text: bilingual }),
  children: z.array(childSchema),
});

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

export const trendSchema = z.array(
  z.object({
    period: z.string(),
    activeParticipants: z.number(),
    coveragePct: z.number().nullable(),
    employedPopulation: z.number().nullable(),
    newEnrolments: z.number(),
    lapses: z.number(),
  }),
);

export { regionCodeSchema };
