import type { ColumnSpec } from '../../../lib/spreadsheet/read-rows.js';

/**
 * The employer import columns, in the template's order; aliases are what labour offices write (WLKP
 * exports). Only name, NIB, size, village and headcount must be present: lists often lack the rest.
 */
export const EMPLOYER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: 'Nama Perusahaan', aliases: ['Nama Usaha', 'Perusahaan', 'Nama'] },
  { key: 'npp', optional: true, header: 'NPP', aliases: ['No NPP', 'Nomor NPP'] },
  { key: 'nib', header: 'NIB', aliases: ['No NIB', 'Nomor Induk Berusaha'] },
  { key: 'sector', optional: true, header: 'Sektor', aliases: ['Bidang Usaha', 'KBLI'] },
  { key: 'sizeClass', header: 'Skala Usaha', aliases: ['Skala', 'Ukuran Usaha'] },
  { key: 'villageCode', header: 'Kode Desa', aliases: ['Kode Kelurahan', 'Kode Desa/Kelurahan', 'Kode Wilayah'] },
  { key: 'address', optional: true, header: 'Alamat' },
  { key: 'employeesDeclared', header: 'Jumlah Pekerja (WLKP)', aliases: ['Jumlah Pekerja', 'Pekerja WLKP', 'Tenaga Kerja'] },
  { key: 'workersRegistered', optional: true, header: 'Pekerja Terdaftar BPJS', aliases: ['Terdaftar BPJS', 'Pekerja Terdaftar', 'Peserta'] },
  { key: 'wageReported', optional: true, header: 'Upah Dilaporkan (Rp)', aliases: ['Upah Dilaporkan', 'Upah Lapor'] },
  { key: 'wageActual', optional: true, header: 'Upah Sebenarnya (Rp)', aliases: ['Upah Sebenarnya', 'Upah Riil'] },
  { key: 'programs', optional: true, header: 'Program', aliases: ['Program Terdaftar'] },
];
