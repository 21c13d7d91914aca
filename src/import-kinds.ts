import { denominatorImport } from './modules/denominators/import-kind.js';
import { employerImport } from './modules/employers/import/kind.js';
import { umkImport } from './modules/employers/umk-import.js';
import type { ImportKind } from './modules/imports/kind.js';
import { paymentImport } from './modules/funding/payments/statement-import.js';
import { participationImport } from './modules/participation/import-kind.js';
import { workerImport } from './modules/workers/import/kind.js';
import { registrationImport } from './modules/workers/registrations/kind.js';
import { cohortWorkerImport } from './modules/projects/cohort-import.js';
import { dtsenImport } from './modules/targeting/import-kind.js';

/** Every kind of spreadsheet import the application accepts: app.ts gives each its routes, start-up recovers their jobs. */
export const IMPORT_KINDS: readonly ImportKind[] = [
  workerImport,
  employerImport,
  registrationImport,
  participationImport,
  denominatorImport,
  umkImport,
  paymentImport,
  cohortWorkerImport,
  dtsenImport,
];
