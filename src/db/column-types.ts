import type { Segment } from '../domain/worker.js';

/**
 * Unions for the enum-like columns that no src/domain module owns (the machinery's own states).
 * Each equals a CHECK list in src/db/migrations; `npm run db:types` puts them on the generated columns,
 * next to the domain's unions (roles, segments, statuses…).
 */
export type RegionKind = 'desa' | 'kelurahan';
export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';
export type ImportKindKey = 'workers' | 'employers' | 'registrations' | 'participation' | 'denominators' | 'umk' | 'payments' | 'cohort_workers' | 'dtsen';
export type ImportRowOutcome = 'valid' | 'rejected' | 'duplicate_in_file' | 'already_registered';
/** a worker row may also name a second payer for a programme already funded */
/** a DTSEN row links to a registered person rather than being refused as already registered (issue 16) */
export type DtsenImportRowOutcome = 'valid' | 'rejected' | 'duplicate_in_file';
export type WorkerImportRowOutcome = ImportRowOutcome | 'double_funded';
export type ProgramSegment = Extract<Segment, 'PU' | 'BPU'>;
export type ProgramStatus = 'active' | 'closed';
export type PaymentSource = 'manual' | 'import';
/** coverage_rollup breakdown: per segment, per segment × group, per segment × payer */
export type RollupDim = 'S' | 'G' | 'P';
