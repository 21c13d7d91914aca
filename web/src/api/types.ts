/**
 * Shapes of the Semesta API (see /api/docs), as the server's own schemas define them (type-only: nothing
 * of the server reaches the bundle). Domain lists and types come from src/domain directly.
 */
export type { Me } from '../../../src/modules/auth/schemas';
export type { ImportCounts, ImportProblems, ImportStatus, ImportView } from '../../../src/modules/imports/schemas';
export type { RegionDetail, RegionSummary } from '../../../src/modules/regions/schemas';
export type { CreatedWorker, Issue, NewWorker, Worker, WorkerFilter, WorkerPage } from '../../../src/modules/workers/schemas';
