import { SIZE_CLASS_LABELS, SIZE_CLASSES, type SizeClass } from '../../../domain/compliance.js';
import { inSubtree } from '../../../domain/region-code.js';
import { PROGRAMS, type RegionLookup } from '../../../domain/worker.js';
import type { SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseList, parseRupiah } from '../../../lib/spreadsheet/values.js';
import type { ImportProblem, StagedRow } from '../../imports/kind.js';

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

/** "Kecil", "small", "KECIL " → small. */
export function parseSizeClass(value: unknown): SizeClass | null {
  const t = cellText(value).toLowerCase();
  return SIZE_CLASSES.find((c) => c === t || SIZE_CLASS_LABELS[c].id === t) ?? null;
}

const problem = (column: string, code: string, id: string, en: string): ImportProblem => ({ column, code, id, en });

/** A whole, non-negative count ("1.250" as written in Indonesian counts too). */
function count(value: unknown, column: string, problems: ImportProblem[]): number | null {
  const n = parseRupiah(value);
  if (n === null) return null;
  if (n === 'invalid' || !Number.isInteger(n) || n < 0) {
    problems.push(problem(column, 'NUMBER_INVALID', `"${cellText(value)}" bukan bilangan bulat ≥ 0.`, `"${cellText(value)}" is not a whole number ≥ 0.`));
    return null;
  }
  return n;
}

/** Parses and checks one employer row with the rules of the employer form (src/modules/employers/service.ts). */
export function stageEmployer(row: SheetRow, regions: RegionLookup, scope: string): StagedEmployer {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const name = cellText(c.name);
  const npp = cellText(c.npp) || null;
  const nib = cellText(c.nib) || null;
  const sizeClass = parseSizeClass(c.sizeClass);
  const villageCode = cellText(c.villageCode);
  const programs = parseList(c.programs);

  if (!name) problems.push(problem('Nama Perusahaan', 'NAME_REQUIRED', 'Nama perusahaan wajib diisi.', 'The employer name is required.'));
  else if (name.length > 200) problems.push(problem('Nama Perusahaan', 'NAME_TOO_LONG', 'Nama perusahaan paling banyak 200 karakter.', 'The employer name has at most 200 characters.'));
  if (!sizeClass) {
    const allowed = SIZE_CLASSES.map((s) => SIZE_CLASS_LABELS[s].id).join(', ');
    problems.push(problem('Skala Usaha', 'SIZE_CLASS_INVALID', `Skala usaha harus salah satu dari: ${allowed}.`, `Size class must be one of: ${SIZE_CLASSES.join(', ')}.`));
  }
  if (!regions.villageExists(villageCode)) {
    problems.push(problem('Kode Desa', 'VILLAGE_UNKNOWN', `Kode desa "${villageCode}" tidak ada; contoh: 32.02.01.2002.`, `Village code "${villageCode}" does not exist; e.g. 32.02.01.2002.`));
  } else if (!inSubtree(scope, villageCode)) {
    problems.push(problem('Kode Desa', 'OUT_OF_SCOPE', `Desa ${villageCode} berada di luar wilayah kerja Anda (${scope}).`, `Village ${villageCode} is outside your region (${scope}).`));
  }
  const employeesDeclared = count(c.employeesDeclared, 'Jumlah Pekerja (WLKP)', problems);
  const workersRegistered = count(c.workersRegistered, 'Pekerja Terdaftar BPJS', problems);
  if (!npp && (workersRegistered ?? 0) > 0) {
    problems.push(problem('NPP', 'REGISTERED_WITHOUT_NPP', 'Pekerja terdaftar hanya bisa diisi bila perusahaan punya NPP.', 'Registered workers need an NPP.'));
  }
  const wage = (value: unknown, column: string) => {
    const n = parseRupiah(value);
    if (n === 'invalid') problems.push(problem(column, 'INCOME_INVALID', `"${cellText(value)}" bukan angka rupiah.`, `"${cellText(value)}" is not a rupiah amount.`));
    return typeof n === 'number' ? n : null;
  };
  const wageReported = wage(c.wageReported, 'Upah Dilaporkan (Rp)');
  const wageActual = wage(c.wageActual, 'Upah Sebenarnya (Rp)');
  const unknown = programs.filter((p) => !(PROGRAMS as readonly string[]).includes(p));
  if (unknown.length) {
    problems.push(problem('Program', 'PROGRAM_INVALID', `Program tidak dikenal: ${unknown.join(', ')}; pilih dari ${PROGRAMS.join(', ')}.`, `Unknown programme: ${unknown.join(', ')}; choose from ${PROGRAMS.join(', ')}.`));
  }
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: problems.length ? 'rejected' : 'valid',
    problems,
    name,
    npp,
    nib,
    sector: cellText(c.sector),
    sizeClass,
    villageCode,
    address: cellText(c.address),
    employeesDeclared,
    workersRegistered,
    wageReported,
    wageActual,
    programs: programs.filter((p) => !unknown.includes(p)),
  };
}
