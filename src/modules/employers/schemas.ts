import { z } from 'zod';
import { CASE_STEPS } from '../../domain/compliance-case.js';
import { COMPLIANCE_STATUSES, FINDING_CODES, SIZE_CLASSES } from '../../domain/compliance.js';
import { PROGRAMS } from '../../domain/worker.js';
import { paginationQuery, regionCodeSchema, text, trimmedText } from '../../lib/schemas.js';

/** The employer and UMK contract (issue 6): every request and response shape of /api/employers and /api/umk. */

/** A finding as the API speaks: message (Indonesian) and messageEn, like every other message. Compliance cases show them too. */
export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  message: text(),
  messageEn: text(),
  facts: z.record(text(), z.unknown()),
});

export const employerSchema = z.object({
  id: z.number(),
  name: text(),
  /** the employer's village code */
  region: text(),
  regionName: text(),
  npp: text().nullable(),
  nib: text().nullable(),
  sector: text(),
  sizeClass: z.enum(SIZE_CLASSES),
  address: text(),
  employeesDeclared: z.number(),
  workersRegistered: z.number(),
  wageReported: z.number().nullable(),
  wageActual: z.number().nullable(),
  programs: z.array(text()),
  statuses: z.array(z.enum(COMPLIANCE_STATUSES)),
  findings: z.array(findingSchema),
  openCaseId: z.number().nullable(),
  openCaseStep: z.enum(CASE_STEPS).nullable(),
});

export const regionQuery = z.object({ region: regionCodeSchema.optional() });

/** The list's filter; the export takes the same one, without paging. */
export const employerFilterQuery = regionQuery.extend({
  status: z.enum(COMPLIANCE_STATUSES).optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  q: trimmedText().min(2).max(100).optional(),
});
export const employerListQuery = employerFilterQuery.extend(paginationQuery(50, 200).shape);
export const employerPageSchema = z.object({ items: z.array(employerSchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const employerSummarySchema = z.object({ region: text(), total: z.number(), byStatus: z.record(text(), z.number()) });

const rupiah = z.number().int().min(0).max(1_000_000_000);
export const employerBody = z.object({
  name: trimmedText().min(1).max(200),
  npp: trimmedText().max(40).nullish(),
  nib: trimmedText().regex(/^\d{13}$/, '13 digit').nullish().or(z.literal('')),
  sector: trimmedText().max(120).optional(),
  sizeClass: z.enum(SIZE_CLASSES),
  villageCode: regionCodeSchema,
  address: trimmedText().max(500).optional(),
  employeesDeclared: z.number().int().min(0).max(1_000_000),
  workersRegistered: z.number().int().min(0).max(1_000_000),
  wageReported: rupiah.nullish(),
  wageActual: rupiah.nullish(),
  programs: z.array(z.enum(PROGRAMS)).max(4),
});
export const employerPatchBody = employerBody.partial();

export const umkSchema = z.object({ regencyCode: text(), regencyName: text(), year: z.number(), amount: z.number(), legalBasis: text() });
export const umkListSchema = z.object({ items: z.array(umkSchema) });
export const umkParams = z.object({ regencyCode: regionCodeSchema, year: z.coerce.number().int().min(2000).max(2100) });
export const umkBody = z.object({ amount: z.number().int().min(1).max(1_000_000_000), legalBasis: trimmedText().max(200).optional() });
export const umkSavedSchema = z.object({ saved: z.number(), reassessed: z.number() });

export type Finding = z.infer<typeof findingSchema>;
export type Employer = z.infer<typeof employerSchema>;
export type EmployerPage = z.infer<typeof employerPageSchema>;
/** The filter as the queries take it: the region defaults to the user's own. */
export type EmployerFilter = Omit<z.infer<typeof employerFilterQuery>, 'region'> & { region: string };
export type EmployerSummary = z.infer<typeof employerSummarySchema>;
export type EmployerInput = z.infer<typeof employerBody>;
export type EmployerPatch = z.infer<typeof employerPatchBody>;
export type Umk = z.infer<typeof umkSchema>;
/** One UMK to set: from PUT /api/umk/:regencyCode/:year or a row of the UMK file. */
export type UmkInput = z.infer<typeof umkParams> & z.infer<typeof umkBody>;
export type UmkSaved = z.infer<typeof umkSavedSchema>;
