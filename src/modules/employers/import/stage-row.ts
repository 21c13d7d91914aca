import type { SizeClass } from '../../../domain/compliance.js';
import { checkEmployer, parseSizeClass } from '../../../domain/employer.js';
import { inSubtree } from '../../../domain/region-code.js';
import type { RegionLookup } from '../../../domain/worker.js';
import type { SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseList, parseRupiah } from '../../../lib/spreadsheet/values.js';
import type { ImportProblem, StagedRow } from '../../imports/kind.js';
import { EMPLOYER_COLUMNS } from './columns.js';

/** One employer row after validation, as it is staged in employer_import_row. */
export interface StagedEmployer extends StagedRow {
  name: string;
  npp: string | null;
  nib: string | null;
  sector: string;
  sizeClass: SizeClass | null;
  villageCode: string;
  address: string;
  employeesDeclared: number | null;
  workersRegistered: number | null;
  wageReported: number | null;
  wageActual: number | null;
  programs: string[];
}

/** The column a problem with a given field is reported against (the field names are the column keys). */
const columnOf = (field: string) => EMPLOYER_COLUMNS.find((c) => c.key === field)?.header ?? field;

/** Parses one row and checks it with the employer form's own rule (src/domain/employer.ts), plus scope. */
export function stageEmployer(row: SheetRow, regions: RegionLookup, scope: string): StagedEmployer {
  const c = row.cells;
  const amount = (v: unknown) => (v === null || cellText(v) === '' ? null : parseRupiah(v));
  const parsed = {
    name: cellText(c.name),
    npp: cellText(c.npp) || null,
    nib: cellText(c.nib) || null,
    sizeClass: parseSizeClass(cellText(c.sizeClass)),
    villageCode: cellText(c.villageCode),
    employeesDeclared: amount(c.employeesDeclared),
    workersRegistered: amount(c.workersRegistered),
    wageReported: amount(c.wageReported),
    wageActual: amount(c.wageActual),
    programs: parseList(c.programs),
  };
  const problems: ImportProblem[] = checkEmployer(parsed, (code) => regions.villageExists(code)).map((p) => ({
    column: columnOf(p.field),
    code: p.code,
    id: p.message.id,
    en: p.message.en,
  }));
  if (regions.villageExists(parsed.villageCode) && !inSubtree(scope, parsed.villageCode)) {
    problems.push({
      column: columnOf('villageCode'),
      code: 'OUT_OF_SCOPE',
      id: `Desa ${parsed.villageCode} berada di luar wilayah kerja Anda (${scope}).`,
      en: `Village ${parsed.villageCode} is outside your region (${scope}).`,
    });
  }
  const num = (v: number | null | 'invalid') => (typeof v === 'number' ? v : null);
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: problems.length ? 'rejected' : 'valid',
    problems,
    ...parsed,
    sizeClass: parsed.sizeClass ?? null,
    sector: cellText(c.sector),
    address: cellText(c.address),
    employeesDeclared: num(parsed.employeesDeclared),
    workersRegistered: num(parsed.workersRegistered),
    wageReported: num(parsed.wageReported),
    wageActual: num(parsed.wageActual),
  };
}
