import { z } from 'zod';
import { ACTION_STATUSES, ALLOCATION_SOURCES, DUTIES, DUTY_STATUSES, REGULATION_TYPES, REQUIREMENTS, SEMESTER_PATTERN } from '../../domain/inpres.js';
import { GROUPS } from '../../domain/worker.js';
import { INT4_MAX, isoDate, paginationQuery, periodSchema, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The contract of Inpres 2/2021 accountability (issue 15): regulations, allocations, groups, meetings, scorecards, weights. */

const yearSchema = z.coerce.number().int().min(2015).max(2100);

// ── regulations ──

/** The multipart fields of POST /api/regulations (beside the PDF in "file"), validated after the upload is received. */
export const regulationFields = z.object({
  regionCode: regionCodeSchema,
  type: z.enum(REGULATION_TYPES),
  number: trimmedText().min(1).max(120),
  title: trimmedText().min(3).max(300),
  signedOn: isoDate,
  inForceOn: isoDate.optional(),
  groups: text()
    .default('')
    .transform((s) => [...new Set(s.split(',').map((g) => g.trim().toUpperCase()).filter(Boolean))])
    .pipe(z.array(z.enum(GROUPS)))
    .describe('comma list of registry group codes, e.g. PEKERJA_RENTAN,NON_ASN'),
  requires: text()
    .default('')
    .transform((s) => [...new Set(s.split(',').map((g) => g.trim().toUpperCase()).filter(Boolean))])
    .pipe(z.array(z.enum(REQUIREMENTS)))
    .describe('comma list: BUDGET_LINE, LICENSING, VILLAGE_BUDGET'),
});
export type RegulationFields = z.infer<typeof regulationFields>;
export const REGULATION_FIELD_NAMES = Object.keys(regulationFields.shape);

export const regulationCreated = z.object({ id: z.number() });

export const regulationListQuery = z.object({ region: regionCodeSchema }).extend(paginationQuery(50, 200).shape);

export const regulationSchema = z.object({
  id: z.number(),
  regionCode: text(),
  regionName: text(),
  type: z.enum(REGULATION_TYPES),
  number: text(),
  title: text(),
  signedOn: text(),
  inForceOn: text().nullable(),
  groups: z.array(z.enum(GROUPS)),
  requires: z.array(z.enum(REQUIREMENTS)),
  document: z.object({ name: text(), size: z.number() }),
});
export type Regulation = z.infer<typeof regulationSchema>;
export const regulationList = z.object({ items: z.array(regulationSchema), total: z.number() });

// ── region-scoped requests ──

export const inpresParams = z.object({ code: regionCodeSchema });
export const scorecardQuery = z.object({
  year: yearSchema.default(() => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4))),
  asOf: periodSchema.optional().describe('the month the figures are taken at (default: the year’s last month, or this month for the current year)'),
});
export const yearQuery = z.object({ year: yearSchema });

export const targetGroupsBody = z.object({
  year: z.number().int().min(2015).max(2100),
  groups: z
    .array(z.object({ group: z.enum(GROUPS), size: z.number().int().min(0).max(INT4_MAX), source: trimmedText().min(1).max(300) }))
    .min(1)
    .max(GROUPS.length)
    .refine((g) => new Set(g.map((x) => x.group)).size === g.length, { message: 'setiap kelompok sekali / each group once' }),
});
export type TargetGroupsInput = z.infer<typeof targetGroupsBody>;
export const targetGroupsSaved = z.object({ items: z.array(z.object({ group: z.enum(GROUPS), size: z.number(), source: text() })) });

export const allocationBody = z.object({
  fiscalYear: z.number().int().min(2015).max(2100),
  source: z.enum(ALLOCATION_SOURCES),
  amount: z.number().int().min(0).max(9_000_000_000_000_000),
  note: trimmedText().max(300).default(''),
});
export type AllocationInput = z.infer<typeof allocationBody>;
export const allocationSchema = z.object({ id: z.number(), regionCode: text(), fiscalYear: z.number(), source: z.enum(ALLOCATION_SOURCES), amount: z.number(), note: text() });
export const allocationList = z.object({ items: z.array(allocationSchema), total: z.number() });

export const AGENCY_SUGGESTIONS = ['Bappeda', 'BPKAD', 'Inspektorat', 'Kejaksaan', 'Disnaker', 'BPJS Ketenagakerjaan', 'DPMD', 'BKD', 'DPMPTSP', 'Bagian Hukum'] as const;

export const meetingBody = z.object({
  heldOn: isoDate,
  title: trimmedText().min(3).max(200),
  place: trimmedText().min(1).max(200),
  agencies: z.array(trimmedText().min(1).max(120)).max(30).default([]),
  actions: z.array(z.object({ decision: trimmedText().min(3).max(500), ownerAgency: trimmedText().min(1).max(120), dueOn: isoDate })).max(50).default([]),
});
export type MeetingInput = z.infer<typeof meetingBody>;

export const actionSchema = z.object({
  id: z.number(),
  meetingId: z.number(),
  regionCode: text(),
  decision: text(),
  ownerAgency: text(),
  dueOn: text(),
  status: z.enum(ACTION_STATUSES),
  doneOn: text().nullable(),
  overdue: z.boolean().describe('not done or dropped, and its due date has passed (WIB)'),
});
export type Action = z.infer<typeof actionSchema>;

export const meetingSchema = z.object({
  id: z.number(),
  regionCode: text(),
  heldOn: text(),
  title: text(),
  place: text(),
  agencies: z.array(text()),
  actions: z.array(actionSchema),
});
export type Meeting = z.infer<typeof meetingSchema>;
export const meetingListQuery = paginationQuery(20, 100);
export const meetingList = z.object({ items: z.array(meetingSchema), total: z.number() });

export const actionPatch = z.object({ status: z.enum(ACTION_STATUSES), doneOn: isoDate.optional() });

// ── weights ──

export const weightsSchema = z.object(Object.fromEntries(DUTIES.map((d) => [d, z.number().int().min(0).max(100)])) as Record<(typeof DUTIES)[number], z.ZodNumber>);
export const weightsView = z.object({
  weights: weightsSchema,
  isDefault: z.boolean(),
  note: text().describe('how the defaults were chosen; never the Paritrana Award’s weights (not published)'),
});

// ── scorecard ──

export const evidenceSchema = z.object({
  label: text(),
  value: text().describe('formatted for Indonesian readers'),
  figure: z.number().nullable().describe('the number behind the value, when there is one'),
  href: text().nullable().describe('the list behind the number (an SPA path)'),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const dutySchema = z.object({
  code: z.enum(DUTIES),
  status: z.enum(DUTY_STATUSES),
  score: z.number().describe('points earned: weight × the share of the duty done'),
  weight: z.number(),
  evidence: z.array(evidenceSchema),
});

export const targetGroupSchema = z.object({
  group: z.enum(GROUPS),
  size: z.number(),
  covered: z.number().describe('active participants of the group living in the region (registry)'),
  pct: z.number().nullable(),
  source: text(),
});
export type TargetGroup = z.infer<typeof targetGroupSchema>;

export const scorecardSchema = z.object({
  region: z.object({ code: text(), name: text(), level: text() }),
  year: z.number(),
  asOf: text().describe('the month the figures are taken at'),
  duties: z.array(dutySchema),
  targetGroups: z.array(targetGroupSchema),
  score: z.number().describe('0–100 with the weights in force'),
  rank: z.object({ position: z.number(), of: z.number() }).nullable().describe('among the region’s siblings; null for the country'),
  desaSadar: z.object({ villagesDeclared: z.number(), villagesSadar: z.number() }).describe('villages with declared officials, and those whose declared perangkat desa + BPD are all active (Desa Sadar Jamsostek)'),
  budget: z.object({
    allocated: z.number(),
    fromPrograms: z.number(),
    declared: z.number(),
    billed: z.number(),
    paid: z.number(),
    villagesBudgeted: z.number().describe('desa with a Dana Desa/BHP programme or declared allocation for the year'),
    villagesTotal: z.number(),
    villageAllocation: z.number().describe('Dana Desa/BHP money of those villages for employment social security'),
  }),
  overdueActions: z.array(actionSchema),
  weights: weightsSchema,
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const childScoreSchema = z.object({
  code: text(),
  name: text(),
  score: z.number(),
  position: z.number(),
  duties: z.array(z.object({ code: z.enum(DUTIES), status: z.enum(DUTY_STATUSES) })),
  hasPerda: z.boolean().describe('a binding regulation (Perda, Perkada or Perdes) in force'),
  budgeted: z.boolean().describe('money allocated for the year'),
  desaSadar: z.number(),
  overdueActions: z.number(),
});
export type ChildScore = z.infer<typeof childScoreSchema>;
export const childrenSchema = z.array(childScoreSchema);

// ── semester report ──

export const semesterQuery = z.object({
  semester: trimmedText().regex(SEMESTER_PATTERN, 'semester YYYY-S1 atau YYYY-S2, mis. 2025-S1 / a semester such as 2025-S1'),
});
