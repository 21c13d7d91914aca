import { z } from 'zod';
import { CLAIM_STEPS, CLAIM_TYPES, INELIGIBLE_REASONS } from '../../domain/claims.js';
import { dbId, dbIdCoerced, idParams, isoDate, paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The claims contract (issue 17): every request and response shape of /api/claims. */

const stepEnum = z.enum(CLAIM_STEPS);
const typeEnum = z.enum(CLAIM_TYPES);

export const heirInput = z.object({
  name: trimmedText().min(1).max(200),
  relation: trimmedText().min(1).max(60),
  nik: trimmedText()
    .regex(/^\d{16}$/, 'NIK 16 digit / a 16-digit NIK')
    .optional(),
  phone: trimmedText()
    .regex(/^[+\d][\d\s-]{5,19}$/, 'nomor telepon / a phone number')
    .optional(),
  bankAccount: trimmedText()
    .regex(/^[\d\s-]{5,30}$/, 'nomor rekening / an account number')
    .optional(),
});

export const newClaimBody = z.object({
  personId: dbId(),
  type: typeEnum,
  incidentDate: isoDate,
  description: trimmedText().max(2000),
  incidentPlace: trimmedText().max(200).optional(),
  /** a JKK traffic accident needs the police report */
  trafficAccident: z.boolean().optional(),
  /** who reported it (default: the signed-in user) and when (default: today, WIB) */
  reportedBy: trimmedText().min(1).max(120).optional(),
  reportedOn: isoDate.optional(),
  heirs: z.array(heirInput).max(10).optional(),
});

export const estimatePartSchema = z.object({
  name: text(),
  label: text(),
  labelEn: text(),
  amount: z.number(),
  basis: text(),
  conditional: z.boolean(),
  eligible: z.boolean().optional(),
  condition: text().optional(),
  conditionEn: text().optional(),
});
export const estimateSchema = z.object({ total: z.number(), wage: z.number(), parts: z.array(estimatePartSchema) });

export const eligibilitySchema = z.object({
  eligible: z.boolean(),
  /** why not (Indonesian, with the dates); null when covered */
  reason: text().nullable(),
  reasonEn: text().nullable(),
  reasonCode: z.enum(INELIGIBLE_REASONS).nullable(),
  coveringEnrolmentId: z.number().nullable(),
  contributionMonths: z.number(),
  estimate: estimateSchema,
});

export const heirSchema = z.object({
  id: z.number(),
  name: text(),
  relation: text(),
  /** masked (••••••••••••0001) unless revealed through …/heirs/:heirId */
  nik: text().nullable(),
  phone: text().nullable(),
  bankAccount: text().nullable(),
  masked: z.boolean(),
});

export const checklistItemSchema = z.object({
  code: text(),
  label: text(),
  labelEn: text(),
  required: z.boolean(),
  /** the latest file for the item; null while not ticked */
  document: z.object({ id: z.number(), filename: text(), contentType: text(), sizeBytes: z.number(), uploadedBy: text(), uploadedAt: z.date() }).nullable(),
});

export const claimStepSchema = z.object({ id: z.number(), fromStep: stepEnum.nullable(), step: stepEnum, stepDate: text(), note: text(), by: text(), at: z.date() });

export const claimSummarySchema = z.object({
  id: z.number(),
  personId: z.number(),
  personName: text(),
  /** masked for roles without worker:nik */
  personNik: text(),
  region: text(),
  regionName: text(),
  type: typeEnum,
  typeLabel: text(),
  typeLabelEn: text(),
  incidentDate: text(),
  reportedOn: text(),
  step: stepEnum,
  stepLabel: text(),
  stepLabelEn: text(),
  stepDate: text(),
  eligible: z.boolean(),
  estimateTotal: z.number(),
  paidAmount: z.number().nullable(),
  /** JKK first reported later than 2 × 24 hours after the incident */
  lateReport: z.boolean(),
  /** the current step has waited longer than its target */
  overdue: z.boolean(),
  allowedNext: z.array(stepEnum),
});
export const claimPageSchema = z.object({ items: z.array(claimSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const claimDetailSchema = claimSummarySchema.extend(eligibilitySchema.shape).extend({
  incidentPlace: text(),
  description: text(),
  trafficAccident: z.boolean(),
  reportedBy: text(),
  group: text().nullable(),
  payerType: text().nullable(),
  paidOn: text().nullable(),
  rejectionReason: text().nullable(),
  handover: z.object({ by: text(), on: text(), place: text(), note: text() }).nullable(),
  heirs: z.array(heirSchema),
  checklist: z.array(checklistItemSchema),
  /** files not on the checklist (hand-over photo, other) */
  otherDocuments: z.array(checklistItemSchema.shape.document.unwrap().extend({ item: text() })),
  missingDocuments: z.array(text()),
  steps: z.array(claimStepSchema),
  createdBy: text(),
  createdAt: z.date(),
});

/** 201 of POST /api/claims: the contract's fields first ({id, step, eligible, reason, coveringEnrolmentId, estimate}), then the rest of the case. */
export const createdClaimSchema = claimDetailSchema;

const flag = z.enum(['true', 'false']);
export const claimListQuery = z
  .object({
    region: regionCodeSchema.optional(),
    step: stepEnum.optional(),
    type: typeEnum.optional(),
    overdue: flag.optional(),
    personId: dbIdCoerced().optional(),
  })
  .extend(paginationQuery(50, 200).shape);

export const eligibilityQuery = z.object({ personId: dbIdCoerced(), type: typeEnum, incidentDate: isoDate });

export const transitionBody = z.object({
  to: stepEnum,
  note: trimmedText().max(2000).optional(),
  /** paid: the amount BPJS TK paid (may differ from the estimate) */
  paidAmount: z.number().int().min(0).max(10_000_000_000).optional(),
  /** when the step happened; default today (WIB) */
  date: isoDate.optional(),
  /** rejected: the death was not real — the person may be enrolled again (nothing is reopened by itself) */
  deathRefuted: z.boolean().optional(),
});

export const handoverBody = z.object({
  by: trimmedText().min(1).max(120),
  place: trimmedText().min(1).max(200),
  date: isoDate,
  note: trimmedText().max(1000).optional(),
});

export const documentItemParams = idParams.extend({ item: trimmedText().regex(/^[A-Z_]{2,40}$/, 'kode butir daftar dokumen / a checklist item code') });
export const documentParams = idParams.extend({ documentId: idParams.shape.id });
export const heirParams = idParams.extend({ heirId: idParams.shape.id });
export const revealedHeirSchema = z.object({ id: z.number(), nik: text().nullable(), phone: text().nullable(), bankAccount: text().nullable() });

export const impactParams = z.object({ regionCode: regionCodeSchema });
export const impactQuery = z.object({ year: z.coerce.number().int().min(2015).max(2100).optional() });

const countRow = { claims: z.number(), paid: z.number(), paidTotal: z.number(), families: z.number() };
export const impactSchema = z.object({
  regionCode: text(),
  year: z.number(),
  claims: z.number(),
  paidTotal: z.number(),
  /** families that received money: paid cases, one per deceased or injured person */
  families: z.number(),
  byType: z.array(z.object({ type: typeEnum, label: text(), ...countRow })),
  byStep: z.array(z.object({ step: stepEnum, label: text(), claims: z.number() })),
  byGroup: z.array(z.object({ group: text(), label: text(), ...countRow })),
  /** per payer: what was paid out to the families, beside the contributions that payer paid the same year */
  byPayer: z.array(z.object({ payerType: text(), label: text(), ...countRow, contributionsPaid: z.number() })),
  uncovered: z.object({ incidents: z.number(), forgoneBenefit: z.number() }),
});

export type NewClaim = z.infer<typeof newClaimBody>;
export type ClaimSummary = z.infer<typeof claimSummarySchema>;
export type ClaimDetail = z.infer<typeof claimDetailSchema>;
export type ClaimListQuery = z.infer<typeof claimListQuery>;
export type ClaimTransition = z.infer<typeof transitionBody>;
export type Handover = z.infer<typeof handoverBody>;
export type EligibilityView = z.infer<typeof eligibilitySchema>;
export type Impact = z.infer<typeof impactSchema>;
export type ChecklistItemView = z.infer<typeof checklistItemSchema>;
