import { GROUP_LABELS, type Group } from '../../../domain/worker.js';
import { defineImportKind } from '../../imports/kind.js';
import { regionIndex } from '../../regions/region-index.js';
import { WORKER_COLUMNS } from './columns.js';
import { stageWorker, type StagedWorker, type WorkerImportContext } from './stage-row.js';
import { payerIndex } from '../../../domain/payer.js';
import { checkFundingCapacity, fundingPreview } from './funding.js';
import { classifyAgainstRegistry, classifyKnownPeople, classifyRows, commitRows, insertStagedRows } from './staging.js';
import { workerTemplate } from './template.js';
import { activeFundingPrograms } from '../queries.js';

/** Workers "by name by address" from an office's spreadsheet (issue #3). */
export const workerImport = defineImportKind<StagedWorker, WorkerImportContext>({
  key: 'workers',
  basePath: '/api/imports',
  label: { id: 'pekerja', en: 'workers' },
  permissions: { read: 'worker:read', write: 'worker:write' },
  columns: WORKER_COLUMNS,
  textColumns: ['nik', 'villageCode', 'phone'],
  identityColumns: ['nik', 'name'],
  stagingTable: 'import_row',
  bulkTables: ['person', 'enrolment'],
  context: async (db) => ({ regions: await regionIndex(db), payers: payerIndex(await activeFundingPrograms(db)) }),
  stage: stageWorker,
  insertStaged: insertStagedRows,
  async classify(db, importId) {
    await classifyRows(db, importId);
    await classifyKnownPeople(db, importId);
  },
  reclassify: classifyAgainstRegistry,
  preview: fundingPreview,
  beforeCommit: checkFundingCapacity,
  commit: (tx, importId) => commitRows(tx, importId),
  parsedCells: (r) => ({
    nik: r.nik,
    name: r.name,
    birthDate: typeof r.birth_date === 'string' ? r.birth_date.split('-').reverse().join('/') : null,
    sex: r.sex,
    villageCode: r.village_code,
    address: r.address,
    phone: r.phone,
    occupation: r.occupation,
    segment: r.segment,
    group: typeof r.group_code === 'string' ? (GROUP_LABELS[r.group_code as Group] ?? r.group_code) : null,
    programs: Array.isArray(r.programs) ? r.programs.join(',') : null,
    income: r.declared_income,
    fundingSource: r.funding_source,
  }),
  template: workerTemplate,
  staleConstraint: /enrolment_open_/,
});
