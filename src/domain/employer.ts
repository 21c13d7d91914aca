/**
 * What makes an employer record acceptable, for the form and the spreadsheet import alike (as
 * checkWorker does for workers). Pure: region existence comes in through the lookup; values arrive parsed.
 */
import { SIZE_CLASSES, type SizeClass } from './compliance.js';
import type { FieldProblem } from './worker.js';
import { PROGRAMS } from './worker.js';

export interface EmployerCandidate {
  name: string;
  npp: string | null;
  nib: string | null;
  sizeClass: SizeClass | undefined;
  villageCode: string;
  employeesDeclared: number | null | 'invalid';
  workersRegistered: number | null | 'invalid';
  wageReported: number | null | 'invalid';
  wageActual: number | null | 'invalid';
  programs: string[];
}

const at = (field: string, code: string, id: string, en: string): FieldProblem => ({ field, code, message: { id, en } });

/** "Menengah", "medium", "UMKM Kecil" → the size class; undefined when unrecognised. */
export function parseSizeClass(text: string): SizeClass | undefined {
  const t = text.trim().toLowerCase();
  const names: Record<string, SizeClass> = { mikro: 'micro', micro: 'micro', kecil: 'small', small: 'small', menengah: 'medium', medium: 'medium', besar: 'large', large: 'large' };
  if ((SIZE_CLASSES as readonly string[]).includes(t)) return t as SizeClass;
  return Object.entries(names).find(([k]) => t.split(/[^a-z]+/).includes(k))?.[1];
}

export function checkEmployer(e: EmployerCandidate, villageExists: (code: string) => boolean): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!e.name.trim()) p.push(at('name', 'NAME_REQUIRED', 'Nama perusahaan wajib diisi.', 'Employer name is required.'));
  else if (e.name.length > 200) p.push(at('name', 'NAME_TOO_LONG', 'Nama perusahaan paling panjang 200 huruf.', 'Employer name is at most 200 characters.'));
  if (e.npp !== null && e.npp.length > 40) p.push(at('npp', 'NPP_TOO_LONG', 'NPP paling panjang 40 karakter.', 'NPP is at most 40 characters.'));
  if (e.nib !== null && !/^\d{13}$/.test(e.nib)) p.push(at('nib', 'NIB_INVALID', `NIB "${e.nib}" harus 13 digit.`, `NIB "${e.nib}" must be 13 digits.`));
  if (!e.sizeClass) p.push(at('sizeClass', 'SIZE_CLASS_INVALID', 'Skala usaha harus mikro, kecil, menengah atau besar.', 'Size must be micro, small, medium or large.'));
  if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(e.villageCode)) {
    p.push(at('villageCode', 'VILLAGE_CODE_FORMAT', `Kode desa "${e.villageCode}" harus seperti 32.02.01.2001.`, `Village code "${e.villageCode}" must look like 32.02.01.2001.`));
  } else if (!villageExists(e.villageCode)) {
    p.push(at('villageCode', 'VILLAGE_UNKNOWN', `Kode desa ${e.villageCode} tidak ada.`, `Village code ${e.villageCode} does not exist.`));
  }
  const count = (field: string, v: number | null | 'invalid', required: boolean, label: [string, string]) => {
    if (v === 'invalid' || (v !== null && (!Number.isInteger(v) || v < 0))) p.push(at(field, 'COUNT_INVALID', `${label[0]} harus bilangan bulat 0 atau lebih.`, `${label[1]} must be a whole number, 0 or more.`));
    else if (v === null && required) p.push(at(field, 'COUNT_REQUIRED', `${label[0]} wajib diisi.`, `${label[1]} is required.`));
  };
  count('employeesDeclared', e.employeesDeclared, true, ['Jumlah pekerja yang dilaporkan', 'Employees declared']);
  count('workersRegistered', e.workersRegistered, false, ['Jumlah pekerja terdaftar', 'Workers registered']);
  for (const [field, v, label] of [
    ['wageReported', e.wageReported, ['Upah dilaporkan', 'Reported wage']],
    ['wageActual', e.wageActual, ['Upah sebenarnya', 'Actual wage']],
  ] as const) {
    if (v === 'invalid') p.push(at(field, 'WAGE_INVALID', `${label[0]} harus angka rupiah.`, `${label[1]} must be an amount in rupiah.`));
  }
  if (typeof e.workersRegistered === 'number' && e.workersRegistered > 0 && !e.npp) {
    p.push(at('workersRegistered', 'REGISTERED_WITHOUT_NPP', 'Pekerja terdaftar hanya bisa diisi bila perusahaan punya NPP.', 'Registered workers need an NPP.'));
  }
  const unknown = e.programs.filter((x) => !(PROGRAMS as readonly string[]).includes(x));
  if (unknown.length) p.push(at('programs', 'PROGRAMS_INVALID', `Program harus dari JKK, JKM, JHT, JP (tertulis: ${unknown.join(', ')}).`, `Programmes must be among JKK, JKM, JHT, JP (got: ${unknown.join(', ')}).`));
  if (e.programs.length && !e.npp) p.push(at('programs', 'PROGRAMS_WITHOUT_NPP', 'Program terdaftar hanya bisa diisi bila perusahaan punya NPP.', 'Registered programmes need an NPP.'));
  return p;
}
