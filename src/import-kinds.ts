import { employerImport } from './modules/employers/import/kind.js';
import type { ImportKind } from './modules/imports/kind.js';
import { participationImport } from './modules/participation/import-kind.js';
import { workerImport } from './modules/workers/import/kind.js';
import { registrationImport } from './modules/workers/registrations/kind.js';
import { dtsenImport } from './modules/targeting/import-kind.js';

/** Every kind of spreadsheet import the application accepts: app.ts gives each its routes, start-up recovers their jobs. */
export const IMPORT_KINDS: readonly ImportKind[] = [workerImport, employerImport, registrationImport, participationImport, dtsenImport];
