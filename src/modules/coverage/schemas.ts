import { z } from 'zod';
import { currentPeriod } from '../../domain/coverage.js';
import { NUMERATOR_SOURCES } from '../../domain/numerator.js';
import { SEGMENTS } from '../../domain/worker.js';
import type { Bilingual } from '../../lib/errors.js';
import { periodSchema, regionCodeSchema, text } from '../../lib/schemas.js';

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

const bilingual: z.ZodType<Bilingual> = z.object({ id: text(), en: text() });

/** Figures of one segment, group or payer. */
export const breakdownRowSchema = z.object({ key: text(), active: z.number(), started: z.number(), lapsed: z.number(), ended: z.number() });

/** Which count the numerator is, with both counts beside it (the region's and each child's). */
const numeratorFields = {
  numeratorSource: z
    .enum(NUMERATOR_SOURCES)
    .describe(
      'official: BPJS TK’s figure (the region’s own, or the sum of its children’s when all reported); partial: the official sum of the ' +
        'children that reported (see officialReported; nothing estimated for the others); registry: no official figure, the registry’s count',
    ),
  officialParticipants: z.number().nullable().describe('the official (or partial official) count; null when numeratorSource is registry'),
  registryParticipants: z.number().describe('active participants registered in Semesta (“terdaftar di Semesta”), always'),
  officialReported: z
    .object({ reported: z.number(), of: z.number() })
    .nullable()
    .describe('children with a complete official figure, of all children (“k dari n melapor”); null unless partial'),
  registryShare: z.number().nullable().describe('registryParticipants ÷ officialParticipants as a ratio (0.25 = 25 %); null without an official count'),
};

export const childSchema = z.object({
  code: text(),
  name: text(),
  level: text(),
  activeParticipants: z.number().describe('the numerator used (see numeratorSource)'),
  ...numeratorFields,
  employedPopulation: z.number().nullable(),
  coveragePct: z.number().nullable(),
  targetPct: z.number().nullable(),
  newEnrolments: z.number().describe('new participants in the month: BPJS TK’s (Peserta Baru) where the official figure carries it, else the registry’s new enrolments (see newEnrolmentsSource)'),
  newEnrolmentsSource: z.enum(NUMERATOR_SOURCES).describe('official/partial: from the official figures used for the numerator; registry: the registry’s count'),
  lapses: z.number().describe('participants who became inactive in the month: BPJS TK’s (Peserta Nonaktif) where the official figure carries it, else the registry’s lapses (see lapsesSource)'),
  lapsesSource: z.enum(NUMERATOR_SOURCES),
});

export const coverageSchema = z.object({
  region: z.object({ code: text(), name: text(), level: text() }),
  period: text(),
  activeParticipants: z.number().describe('the numerator used: active at the end of the month (see numeratorSource and definition.numerator)'),
  ...numeratorFields,
  registryByPayer: z.array(z.object({ payer: text(), active: z.number() })).describe('registry participants by payer (what APBD-funded programmes add)'),
  dataAsOf: z
    .object({ source: text(), receivedAt: text() })
    .nullable()
    .describe('the most recently received official figure of the region or inside it for the period (source as sent, time received); null when the numerator is the registry’s'),
  employedPopulation: z.number().nullable().describe('null: no BPS figure for this region up to the period’s year'),
  coveragePct: z.number().nullable().describe('null where there is no denominator — never a guess'),
  targetPct: z.number().nullable(),
  newEnrolments: z.number().describe('new participants in the month: BPJS TK’s (Peserta Baru) where the official figure carries it, else the registry’s new enrolments (see newEnrolmentsSource)'),
  newEnrolmentsSource: z.enum(NUMERATOR_SOURCES).describe('official/partial: from the official figures used for the numerator; registry: the registry’s count'),
  lapses: z.number().describe('participants who became inactive in the month: BPJS TK’s (Peserta Nonaktif) where the official figure carries it, else the registry’s lapses (see lapsesSource)'),
  lapsesSource: z.enum(NUMERATOR_SOURCES),
  registryNewEnrolments: z.number().describe('the registry’s new enrolments in the month, whatever newEnrolments is'),
  registryLapses: z.number().describe('the registry’s lapses in the month, whatever lapses is'),
  lapsedNow: z
    .number()
    .describe('people in the region whose enrolment is lapsed today (src/domain/lapse.ts) — the same count as the worker list filtered by status lapsed'),
  ended: z.number(),
  denominator: z.object({ year: z.number(), source: text(), formal: z.number().nullable(), informal: z.number().nullable() }).nullable(),
  target: z.object({ year: z.number(), source: text() }).nullable().describe('the target used: of the period’s year, or the latest earlier one'),
  targetYear: z.number().nullable().describe('the year of the target used (the period’s, or the latest earlier year with a target)'),
  gap: z.object({ workers: z.number(), rupiahPerMonth: z.number(), ratePerWorker: z.number(), rateBasis: bilingual }).nullable(),
  gapWorkers: z.number().nullable().describe('workers still needed to reach the target; null without denominator or target'),
  gapRupiahPerMonth: z.number().nullable().describe('gapWorkers × the monthly rate per worker (gap.ratePerWorker)'),
  gapRupiahPerYear: z.number().nullable().describe('gapRupiahPerMonth × 12'),
  monthOnMonth: z
    .object({ activeChange: z.number(), pctPointChange: z.number().nullable() })
    .nullable()
    .describe('change from the month before; null when the two months’ numerators are not comparable (different source or reporting regions)'),
  indicators: z.object({
    ucj: z.number().nullable().describe('coverage of all workers (= coveragePct)'),
    formalPct: z.number().nullable().describe('PU ÷ formal employed × 100; null without the formal split'),
    informalPct: z.number().nullable().describe('BPU ÷ informal employed × 100; null without the informal split'),
    bySegment: z.array(z.object({ segment: z.enum(SEGMENTS), official: z.number().nullable(), registry: z.number() })),
  }),
  parent: z.object({ code: text(), name: text(), coveragePct: z.number().nullable() }).nullable(),
  national: z.object({ coveragePct: z.number().nullable() }).nullable(),
  villagesReached: z
    .object({ villagesTotal: z.number(), villagesReached: z.number(), pct: z.number() })
    .describe('desa of the region reached by outreach (sosialisasi) events, as GET /api/outreach/reach counts them'),
  breakdown: z.object({ segment: z.array(breakdownRowSchema), group: z.array(breakdownRowSchema), payer: z.array(breakdownRowSchema) }),
  definition: z.object({ segments: z.array(z.enum(SEGMENTS)), text: bilingual, numerator: bilingual.describe('which count the numerator is, in words') }),
  children: z.array(childSchema),
});

export const trendPointSchema = z.object({
  period: text(),
  activeParticipants: z.number().describe('the numerator used that month'),
  numeratorSource: z.enum(NUMERATOR_SOURCES),
  officialParticipants: z.number().nullable(),
  officialReported: z.object({ reported: z.number(), of: z.number() }).nullable(),
  registryParticipants: z.number(),
  coveragePct: z.number().nullable(),
  employedPopulation: z.number().nullable(),
  newEnrolments: z.number().describe('new participants in the month: BPJS TK’s (Peserta Baru) where the official figures used carry it, else the registry’s'),
  newEnrolmentsSource: z.enum(NUMERATOR_SOURCES),
  lapses: z.number().describe('participants who became inactive in the month: BPJS TK’s (Peserta Nonaktif) where the official figures used carry it, else the registry’s'),
  lapsesSource: z.enum(NUMERATOR_SOURCES),
  registryNewEnrolments: z.number(),
  registryLapses: z.number(),
});
export const trendSchema = z.array(trendPointSchema);

const reconciliationRowSchema = z.object({
  code: text(),
  name: text(),
  level: text(),
  registryFundedBpu: z.number().describe('registry BPU participants active at the end of the month funded by a programme of this region, above or inside it'),
  officialBpu: z.number().nullable().describe('BPJS TK’s BPU figure (official or partial); null without one'),
  officialSource: z.enum(NUMERATOR_SOURCES),
  officialReported: z.object({ reported: z.number(), of: z.number() }).nullable(),
  difference: z.number().nullable().describe('registryFundedBpu − officialBpu'),
  flagged: z.boolean().describe('the registry holds more funded BPU participants than a complete official BPU figure'),
});

export const reconciliationSchema = z.object({
  region: reconciliationRowSchema,
  period: text(),
  children: z.array(reconciliationRowSchema),
  stale: z.object({
    afterMonths: z.number().describe('official data older than this many months before the period counts as stale'),
    regions: z
      .array(z.object({ code: text(), name: text(), lastPeriod: text().nullable().describe('latest month with official data; null: never reported') }))
      .describe('regencies whose official data is missing or stale'),
  }),
  definition: bilingual,
});

/** GET /api/coverage/:code — everything the dashboard and the monev report show for one region and month. */
export type Coverage = z.infer<typeof coverageSchema>;
export type CoverageChild = z.infer<typeof childSchema>;
export type CoverageBreakdownRow = z.infer<typeof breakdownRowSchema>;
/** One month of GET /api/coverage/:code/trend. */
export type CoverageTrendPoint = z.infer<typeof trendPointSchema>;
/** GET /api/coverage/:code/reconciliation — registry and official BPU side by side, and where official data is late. */
export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type ReconciliationRow = z.infer<typeof reconciliationRowSchema>;
