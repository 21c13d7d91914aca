import { defineImportKind } from '../../imports/kind.js';
import { regionIndex } from '../../regions/region-index.js';
import { EMPLOYER_COLUMNS } from './columns.js';
import { type StagedEmployer, stageEmployer } from './stage-row.js';
import { classifyEmployerDuplicates, classifyKnownEmployers, commitEmployers, insertStagedEmployers } from './staging.js';
import { employerTemplate } from './template.js';

/** Employers from the labour office's lists (issue #6), through the same machinery as workers. */
export const employerImport = defineImportKind<StagedEmployer, Awaited<ReturnType<typeof regionIndex>>>({
  key: 'employers',
  basePath: '/api/employer-imports',
  label: { id: 'perusahaan', en: 'employers' },
  permissions: { read: 'employer:read', write: 'employer:write' },
  columns: EMPLOYER_COLUMNS,
  textColumns: ['npp', 'nib', 'villageCode'],
  identityColumns: ['name', 'nib'],
  stagingTable: 'employer_import_row',
  bulkTables: ['employer'],
  context: (db) => regionIndex(db),
  stage: stageEmployer,
  insertStaged: insertStagedEmployers,
  async classify(db, importId) {
    await classifyEmployerDuplicates(db, importId);
    await classifyKnownEmployers(db, importId);
  },
  reclassify: classifyKnownEmployers,
  commit: (tx, importId) => commitEmployers(tx, importId),
  parsedCells: (r) => ({
    name: r.name,
    npp: r.npp,
    nib: r.nib,
    sector: r.sector,
    sizeClass: r.size_class,
    villageCode: r.village_code,
    address: r.address,
    employeesDeclared: r.employees_declared,
    workersRegistered: r.workers_registered,
    wageReported: r.wage_reported,
    wageActual: r.wage_actual,
    programs: Array.isArray(r.programs) ? r.programs.join(',') : null,
  }),
  template: employerTemplate,
  staleConstraint: /employer_(npp|nib)_key/,
});
