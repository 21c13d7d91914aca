import type { ImportKindKey } from '../../db/column-types.js';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import type { Permission } from '../../domain/roles.js';
import type { ColumnSpec, SheetRow } from '../../lib/spreadsheet/read-rows.js';
import type { Tx } from '../../db/tx.js';
import type { CommitOptions, ImportPreview } from './schemas.js';

/**
 * What one kind of spreadsheet import (workers, employers…) brings to the shared machinery in this
 * folder. The machinery owns the job: upload, streamed reading, progress, preview counts, atomic commit
 * with its audit row, crash recovery and the error report. A kind owns its columns, row checks, staging
 * table and the set-based SQL that classifies and commits its rows.
 */
interface ImportKindParts {
  key: ImportKindKey;
  /** where its routes live, e.g. /api/imports */
  basePath: string;
  /** the synchronous upload route this kind replaced: it answers 308 to `basePath` (decision 99) */
  movedFrom?: string;
  /**
   * The upload belongs to a parent record (issue 18: POST /api/cohorts/{id}/imports): its capability
   * registers that route and calls `startImport` with the parent's id; the machinery registers the other four.
   */
  uploadUnderParent?: boolean;
  /** what is imported, for summaries and file names: { id: 'pekerja', en: 'workers' } */
  label: { id: string; en: string };
  permissions: { read: Permission; write: Permission };
  columns: ColumnSpec[];
  /** column keys written as text in reports and templates (identity numbers, codes, phones) */
  textColumns: string[];
  /** column keys that name a row in the warnings sheet */
  identityColumns: string[];
  /** its staging table: import_id, row_number, raw, outcome, problems, plus its parsed columns */
  stagingTable:
    | 'import_row'
    | 'employer_import_row'
    | 'registration_import_row'
    | 'participation_import_row'
    | 'denominator_import_row'
    | 'umk_import_row'
    | 'payment_import_row'
    | 'dtsen_import_row';
  /** set-based: duplicates within the file, clashes with what is already stored */
  classify(db: Db | Tx, importId: number): Promise<void>;
  /** run again inside the commit transaction: what is stored may have changed since validation */
  reclassify(tx: Tx, importId: number): Promise<void>;
  /** extra preview figures shown beside the counts (e.g. rows per funding programme and its capacity) */
  preview?(db: Db, importId: number): Promise<ImportPreview>;
  /** checks before a commit starts; throws an AppError (e.g. 409 over quota) the user can act on */
  beforeCommit?(db: Db, user: SessionUser, importId: number, options: CommitOptions): Promise<void>;
  /** moves the valid rows in, set-based; returns counts of what was saved */
  commit(tx: Tx, importId: number, user: SessionUser): Promise<Record<string, number>>;
  /** a staged row that was kept without its raw cells, given back as cells by column key */
  parsedCells(row: Record<string, unknown>): Record<string, unknown>;
  template(): Promise<Buffer>;
  /** a unique-key violation at commit that means "stored data changed since validation" */
  staleConstraint: RegExp;
  /** the tables its commit fills in bulk: analysed after a commit of ANALYZE_MIN_ROWS rows or more */
  bulkTables?: readonly string[];
}

/** A kind as it declares itself: its parsing typed by its own staged row and per-file lookups. */
export interface ImportKindSpec<Row extends StagedRow, Ctx> extends ImportKindParts {
  /** lookups loaded once per file (region index, reference lists) */
  context(db: Db): Promise<Ctx>;
  /** parses and checks one row with the same rules as the single-entry form */
  stage(row: SheetRow, ctx: Ctx, scope: string): Row;
  insertStaged(db: Db, importId: number, rows: Row[]): Promise<void>;
}

/**
 * A kind as the machinery uses it: its row type stays behind `stageFile`, so kinds with different
 * rows form one list (src/import-kinds.ts). Build one with `defineImportKind`.
 */
export interface ImportKind extends ImportKindParts {
  /** parses, checks and stages every row of a file, whose rows are checked against `scope` (the uploader's region) */
  stageFile(db: Db, importId: number, scope: string, rows: AsyncIterable<SheetRow>): Promise<void>;
}

const BATCH = 5000;

export function defineImportKind<Row extends StagedRow, Ctx>(spec: ImportKindSpec<Row, Ctx>): ImportKind {
  return {
    ...spec,
    async stageFile(db, importId, scope, rows) {
      const ctx = await spec.context(db);
      let batch: Row[] = [];
      // One batch is written while the next is parsed: the database and Node each keep a core busy.
      let writing: Promise<void> = Promise.resolve();
      const write = async (staged: Row[]) => {
        await writing; // the previous batch's failure surfaces here
        writing = spec.insertStaged(db, importId, staged);
        writing.catch(() => undefined); // awaited at the next batch or the end, not unhandled meanwhile
      };
      for await (const row of rows) {
        batch.push(spec.stage(row, ctx, scope));
        if (batch.length >= BATCH) {
          await write(batch);
          batch = [];
        }
      }
      await write(batch);
      await writing;
    },
  };
}

/** One spreadsheet row after validation, as staged. */
export interface StagedRow {
  rowNumber: number;
  /** the cells as uploaded, by column key, so the error report can give them back unchanged */
  raw: Record<string, unknown>;
  outcome: 'valid' | 'rejected';
  problems: ImportProblem[];
}

export interface ImportProblem {
  column: string;
  code: string;
  id: string;
  en: string;
  warning?: boolean;
}
