import { z } from 'zod';
import { text } from '../../lib/schemas.js';
import { CASE_STEPS } from '../../domain/compliance-case.js';
import { BILL_STATUSES, PAYER_TYPES } from '../../domain/funding.js';
import { ROLES } from '../../domain/roles.js';
import { SEGMENTS, STATUSES } from '../../domain/worker.js';
import { NUMERATOR_SOURCES } from '../../domain/numerator.js';

/**
 * The contract of GET /api/home: each role's first page after login. One response, sections by role
 * (a section a role does not get is absent); every figure is computed inside the caller's own region.
 */

const regionRef = z.object({ code: text(), name: text() });

/** A village's share of one programme's bill for a month (the whole bill when the village owns the programme). */
const villageBill = z.object({
  billId: z.number(),
  month: text().describe('YYYY-MM'),
  dueDate: text(),
  workerCount: z.number().describe('bill lines of the village’s workers'),
  amount: z.number(),
  paidAmount: z.number(),
  status: z.enum(BILL_STATUSES),
  /** the payments that paid these lines: the proof (reference, date, amount of the payment) */
  payments: z.array(z.object({ reference: text().describe('empty: paid from credit already held'), paidOn: text(), amount: z.number(), appliedAmount: z.number() })),
});

const programmeBills = z.object({
  programId: z.number(),
  programName: text(),
  payerType: z.enum(PAYER_TYPES),
  owner: regionRef,
  /** the village owns the programme (its bill is all the village’s); otherwise the figures are the village’s lines of a bigger bill */
  ownedHere: z.boolean(),
  thisMonth: villageBill.nullable().describe('null: not billed yet'),
  lastMonth: villageBill.nullable(),
});

const coverageFigures = z.object({
  period: text(),
  activeParticipants: z.number(),
  numeratorSource: z.enum(NUMERATOR_SOURCES),
  employedPopulation: z.number().nullable(),
  coveragePct: z.number().nullable(),
  targetPct: z.number().nullable(),
  targetYear: z.number().nullable(),
  gapWorkers: z.number().nullable(),
  gapRupiahPerMonth: z.number().nullable(),
  gapRupiahPerYear: z.number().nullable(),
  /** what changed this month */
  newEnrolments: z.number(),
  lapses: z.number(),
  ended: z.number(),
  monthOnMonth: z.object({ activeChange: z.number(), pctPointChange: z.number().nullable() }).nullable(),
});

const importWaiting = z.object({
  id: z.number(),
  kind: text(),
  filename: text(),
  status: text(),
  createdAt: text(),
  createdBy: text(),
  valid: z.number(),
  rejected: z.number(),
});

const programmeLoad = z.object({
  programId: z.number(),
  name: text(),
  enrolled: z.number(),
  quota: z.number(),
  quotaUsed: z.number().describe('0..1+'),
  budget: z.number(),
  committed: z.number(),
  budgetUsed: z.number().describe('0..1+'),
});

const caseRow = z.object({ id: z.number(), employerId: z.number(), employerName: text(), regionName: text(), step: z.enum(CASE_STEPS), deadline: text().nullable(), overdue: z.boolean() });

const lapseRow = z.object({ enrolmentId: z.number(), name: text(), village: regionRef, programName: text(), unpaidMonths: z.number(), lapseDate: text() });

const auditRow = z.object({ id: text(), at: text(), actor: text(), action: text(), entityType: text(), entityId: text(), regionCode: text().nullable() });

export const homeSchema = z.object({
  role: z.enum(ROLES),
  region: regionRef.extend({ level: text() }),
  today: text().describe('YYYY-MM-DD on the WIB calendar'),
  month: text().describe('this month (WIB), YYYY-MM'),
  // village operator
  bills: z.array(programmeBills).optional(),
  workersByStatus: z.array(z.object({ status: z.enum(STATUSES), count: z.number() })).optional(),
  todo: z
    .object({
      rejectedRows: z.number().describe('rejected rows of imports not yet saved'),
      importsWaiting: z.number(),
      lapsesComing: z.number().describe('enrolments that lapse within 30 days if their bills stay unpaid'),
      awaitingKpj: z.number(),
    })
    .optional(),
  // regency / province operator (and the national monitor)
  coverage: coverageFigures.nullable().optional(),
  imports: z.array(importWaiting).optional(),
  programmesNear: z.array(programmeLoad).optional().describe('programmes at 90 % or more of their quota or budget, fullest first'),
  overdueCases: z.object({ total: z.number(), items: z.array(caseRow) }).optional(),
  // BPJS branch
  awaitingKpj: z
    .object({
      total: z.number(),
      items: z.array(z.object({ enrolmentId: z.number(), personId: z.number(), name: text(), nikMasked: text(), village: regionRef, segment: z.enum(SEGMENTS), submittedAt: text() })),
    })
    .optional()
    .describe('enrolments waiting for a KPJ, oldest first'),
  lapsesDue: z.object({ days: z.number(), total: z.number(), items: z.array(lapseRow) }).optional(),
  unpaidBills: z
    .object({
      total: z.number(),
      outstanding: z.number(),
      items: z.array(z.object({ billId: z.number(), programId: z.number(), programName: text(), owner: regionRef, month: text(), dueDate: text(), outstanding: z.number(), overdue: z.boolean() })),
    })
    .optional(),
  // labour inspector
  employersUnregistered: z
    .array(z.object({ id: z.number(), name: text(), regionName: text(), employeesDeclared: z.number(), workersRegistered: z.number(), notRegistered: z.number(), openCaseId: z.number().nullable() }))
    .optional()
    .describe('employers with the most workers not registered first'),
  // monitors
  ranking: z
    .object({
      highest: z.array(z.object({ code: text(), name: text(), coveragePct: z.number(), targetPct: z.number().nullable() })),
      lowest: z.array(z.object({ code: text(), name: text(), coveragePct: z.number(), targetPct: z.number().nullable() })),
      withoutData: z.number().describe('children without an employed-population figure (no percentage)'),
    })
    .optional(),
  staleRegions: z.object({ afterMonths: z.number(), items: z.array(z.object({ code: text(), name: text(), lastPeriod: text().nullable() })) }).optional(),
  // auditor
  nikViews: z.array(auditRow).optional(),
  exports: z.array(auditRow).optional(),
  recentChanges: z.array(auditRow).optional(),
});
export type Home = z.infer<typeof homeSchema>;
export type HomeProgrammeBills = z.infer<typeof programmeBills>;
export type HomeVillageBill = z.infer<typeof villageBill>;
