import { normalizeKpj, KPJ_PATTERN } from '../../../domain/enrolment-status.js';
import { normalizeNik } from '../../../domain/nik.js';
import type { ColumnSpec, SheetRow } from '../../../lib/spreadsheet/read-rows.js';
import { cellText, parseDate } from '../../../lib/spreadsheet/values.js';
import { defineImportKind, type ImportProblem } from '../../imports/kind.js';
import { templateBook, withInstructions } from '../../imports/template-kit.js';
import { activateRegistered, classifyRegistrations, classifyRegistrationsAgainstRegistry, insertStagedRegistrations, type StagedRegistration } from './staging.js';

/**
 * BPJS TK's list of the participants it registered (NIK → KPJ, active from): the branch officer turns
 * a region's submitted list into active participants in one upload (issue #3, "KPJ once known").
 */
const COLUMNS: ColumnSpec[] = [
  { key: 'nik', header: 'NIK', aliases: ['No NIK', 'Nomor NIK', 'No KTP'] },
  { key: 'kpj', header: 'KPJ', aliases: ['No KPJ', 'Nomor KPJ', 'Nomor Peserta', 'No Peserta'] },
  { key: 'activeFrom', header: 'Tanggal Aktif', aliases: ['Tgl Aktif', 'Tanggal Kepesertaan', 'Tanggal Efektif'], optional: true },
];


function stage(row: SheetRow): StagedRegistration {
  const c = row.cells;
  const problems: ImportProblem[] = [];
  const nik = normalizeNik(typeof c.nik === 'number' ? c.nik : cellText(c.nik));
  if ('error' in nik) problems.push({ column: 'NIK', code: nik.error.code, id: nik.error.message.id, en: nik.error.message.en });
  const kpj = normalizeKpj(c.kpj);
  if (!KPJ_PATTERN.test(kpj)) problems.push({ column: 'KPJ', code: 'KPJ_INVALID', id: `Nomor KPJ "${kpj}" harus 11 digit.`, en: `KPJ "${kpj}" must be 11 digits.` });
  const date = cellText(c.activeFrom) ? parseDate(c.activeFrom) : null;
  if (date && 'error' in date) {
    problems.push({ column: 'Tanggal Aktif', code: 'DATE_INVALID', id: `Tanggal aktif "${cellText(c.activeFrom)}" tidak terbaca; tulis dd/mm/yyyy.`, en: `Active date "${cellText(c.activeFrom)}" is unreadable; write dd/mm/yyyy.` });
  }
  return {
    rowNumber: row.rowNumber,
    raw: row.cells,
    outcome: problems.length ? 'rejected' : 'valid',
    problems,
    nik: 'nik' in nik ? nik.nik : null,
    kpj,
    activeFrom: date && 'date' in date ? date.date : null,
  };
}

export const registrationImport = defineImportKind<StagedRegistration, null>({
  key: 'registrations',
  basePath: '/api/registration-imports',
  label: { id: 'pendaftaran-bpjs', en: 'BPJS TK registrations' },
  permissions: { read: 'worker:read', write: 'worker:write' },
  columns: COLUMNS,
  textColumns: ['nik', 'kpj'],
  identityColumns: ['nik', 'kpj'],
  stagingTable: 'registration_import_row',
  bulkTables: ['enrolment', 'enrolment_status_history'],
  context: async () => null,
  stage: (row) => stage(row),
  insertStaged: insertStagedRegistrations,
  classify: classifyRegistrations,
  reclassify: classifyRegistrationsAgainstRegistry,
  commit: activateRegistered,
  parsedCells: (r) => ({ nik: r.nik, kpj: r.kpj, activeFrom: typeof r.active_from === 'string' ? r.active_from.split('-').reverse().join('/') : null }),
  async template() {
    const { wb, ws } = templateBook('Pendaftaran BPJS TK', COLUMNS, ['nik', 'kpj', 'activeFrom']);
    ws.addRow({ nik: '3202011505900001', kpj: '24012345678', activeFrom: '01/07/2025' });
    return withInstructions(wb, [
      'PETUNJUK — daftar peserta yang sudah didaftarkan BPJS Ketenagakerjaan',
      '1. Satu baris per orang: NIK (16 digit, sebagai teks), KPJ (11 digit) dan tanggal mulai aktif (dd/mm/yyyy, boleh kosong).',
      '2. Semua kepesertaan orang itu yang masih menunggu pendaftaran (diajukan/terdaftar) menjadi aktif dengan KPJ ini.',
      '3. Hapus baris contoh sebelum mengunggah.',
    ]);
  },
  staleConstraint: /$^/,
});
