import { z } from 'zod';
import { CASE_STEPS } from '../../domain/compliance-case.js';
import { dbIdCoerced, idParams, isoDate, paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';
import { findingSchema } from '../employers/schemas.js';

/** The compliance case contract (issue 6): every request and response shape of /api/compliance-cases. */

const stepEnum = z.enum(CASE_STEPS);
const flag = z.enum(['true', 'false']);

export const caseListQuery = z
  .object({
    region: regionCodeSchema.optional(),
    step: stepEnum.optional(),
    open: flag.optional(),
    overdue: flag.optional(),
    employerId: dbIdCoerced().optional(),
  })
  .extend(paginationQuery(50, 200).shape);

export const caseSummarySchema = z.object({
  id: z.number(),
  employerId: z.number(),
  employerName: text(),
  employerNpp: text().nullable(),
  region: text(),
  regionName: text(),
  step: stepEnum,
  stepLabel: text(),
  stepLabelEn: text(),
  stepDate: text(),
  deadline: text().nullable(),
  overdue: z.boolean(),
  officer: text(),
  allowedNext: z.array(stepEnum),
  findings: z.array(findingSchema),
  openedBy: text(),
  openedAt: z.date(),
});
export const casePageSchema = z.object({ items: z.array(caseSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const caseStepSchema = z.object({
  id: z.number(),
  fromStep: stepEnum.nullable(),
  step: stepEnum,
  stepDate: text(),
  deadline: text().nullable(),
  officer: text(),
  note: text(),
  by: text(),
  at: z.date(),
  /** the step has a letter (GET …/letters/:stepId) */
  letter: z.boolean(),
});
export const caseDocumentSchema = z.object({ id: z.number(), filename: text(), contentType: text(), sizeBytes: z.number(), uploadedBy: text(), uploadedAt: z.date() });
export const caseDetailSchema = caseSummarySchema.extend({ steps: z.array(caseStepSchema), documents: z.array(caseDocumentSchema) });

export const openCaseBody = z.object({ employerId: z.number().int().positive(), officer: trimmedText().max(120).optional(), note: trimmedText().max(2000).optional() });

export const transitionBody = z.object({
  to: stepEnum,
  note: trimmedText().max(2000).optional(),
  officer: trimmedText().max(120).optional(),
  /** when the step happened (a letter is often signed before it is entered); default today */
  date: isoDate.optional(),
  /** working days allowed at this step, if not the default */
  deadlineDays: z.number().int().min(1).max(365).optional(),
});

/** `/api/compliance-cases/:id/letters/:stepId` and `…/documents/:documentId`: a case, and a thing reached through it. */
export const letterParams = idParams.extend({ stepId: idParams.shape.id });
export const documentParams = idParams.extend({ documentId: idParams.shape.id });

export type CaseListQuery = z.infer<typeof caseListQuery>;
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export type CasePage = z.infer<typeof casePageSchema>;
export type CaseStepView = z.infer<typeof caseStepSchema>;
export type CaseDocument = z.infer<typeof caseDocumentSchema>;
export type CaseDetail = z.infer<typeof caseDetailSchema>;
export type OpenCaseInput = z.infer<typeof openCaseBody>;
export type TransitionInput = z.infer<typeof transitionBody>;
