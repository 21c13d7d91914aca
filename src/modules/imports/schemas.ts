import { z } from 'zod';
import { text } from '../../lib/schemas.js';

/** The life of an import job: validating → validated → committing → committed, or failed at any step. */
export const IMPORT_STATUSES = ['validating', 'validated', 'committing', 'committed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const bilingual = z.object({ id: text(), en: text() });

/** Valid rows per funding programme named in the file, and whether they would overrun it (issue #4). */
export const fundingLoadSchema = z.object({
  id: z.number(),
  name: text(),
  rows: z.number(),
  overQuota: z.boolean(),
  overBudget: z.boolean(),
  message: bilingual.optional(),
});
export type FundingLoad = z.infer<typeof fundingLoadSchema>;

/** Extra preview figures a kind may show beside the counts. */
export const importPreviewSchema = z.object({
  fundingPrograms: z.array(fundingLoadSchema).optional(),
  /** official participation files: valid rows whose region, month and segment already have a current figure */
  replacing: z.number().optional(),
  /** DTSEN extracts (issue 16): valid rows whose NIK is already in the registry (they are linked, not refused) */
  alreadyRegistered: z.number().optional(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The preview: rows per outcome, rejections per reason, valid rows carrying warnings; empty while the file is read. */
export const importCountsSchema = z
  .object({
    total: z.number(),
    valid: z.number(),
    rejected: z.number(),
    duplicateInFile: z.number(),
    alreadyRegistered: z.number(),
    doubleFunded: z.number(),
    withWarnings: z.number(),
    rejectedByReason: z.record(text(), z.number()),
  })
  .partial()
  .extend(importPreviewSchema.shape);
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importViewSchema = z.object({
  id: z.number(),
  filename: text(),
  status: z.enum(IMPORT_STATUSES),
  /** 0..1 of the current phase (validating or committing) */
  progress: z.number(),
  counts: importCountsSchema,
  error: z.object({ code: text(), message: text(), messageEn: text() }).optional(),
  /** what was saved: {people, enrolments} for workers, {employers} for employers */
  committed: z.record(text(), z.number()).optional(),
});
export type ImportView = z.infer<typeof importViewSchema>;

export const uploadedSchema = z.object({ id: z.number() });

export const commitBody = z.object({ confirmOverCapacity: z.boolean().optional() }).nullish();
/** a permitted role confirms going over a funding programme's quota or budget */
export type CommitOptions = NonNullable<z.infer<typeof commitBody>>;

/** The rows to fix, a page at a time in file order (keyset on the row number), as the preview lists them. */
export const problemsQuery = z.object({
  afterRow: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const importProblemsSchema = z.object({
  items: z.array(
    z.object({
      rowNumber: z.number(),
      /** valid rows appear only when they carry a warning */
      outcome: z.enum(['valid', 'rejected', 'duplicate_in_file', 'already_registered', 'double_funded']),
      problems: z.array(z.object({ column: text(), code: text(), message: text(), messageEn: text(), warning: z.boolean() })),
    }),
  ),
  /** pass as afterRow for the next page; null on the last one */
  nextAfterRow: z.number().nullable(),
});
export type ImportProblems = z.infer<typeof importProblemsSchema>;
