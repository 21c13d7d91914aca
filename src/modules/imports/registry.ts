import { employerImport } from '../employers/import/kind.js';
import { participationImport } from '../participation/import-kind.js';
import { workerImport } from '../workers/import/kind.js';
import { registrationImport } from '../workers/registrations/kind.js';
import type { ImportKind } from './kind.js';

/** Every kind of spreadsheet import the application accepts; each gets its routes under its basePath. */
export const IMPORT_KINDS = [workerImport, employerImport, registrationImport, participationImport] as unknown as readonly ImportKind[];
