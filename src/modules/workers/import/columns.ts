import type { ColumnSpec } from '../../../lib/spreadsheet/read-rows.js';

/** The worker import columns, in the template's order (issue #3); aliases are what offices actually write. */
export const WORKER_COLUMNS: ColumnSpec[] = [
  { key: 'nik', header: 'NIK', aliases: ['No NIK', 'Nomor NIK', 'No KTP'] },
  { key: 'name', header: 'Nama', aliases: ['Nama Lengkap', 'Nama Pekerja'] },
  { key: 'birthDate', header: 'Tanggal Lahir', aliases: ['Tgl Lahir', 'Tgl. Lahir'] },
  { key: 'sex', header: 'Jenis Kelamin (L/P)', aliases: ['Jenis Kelamin', 'JK', 'L/P'] },
  { key: 'villageCode', header: 'Kode Desa', aliases: ['Kode Kelurahan', 'Kode Desa/Kelurahan', 'Kode Wilayah'] },
  { key: 'address', header: 'Alamat' },
  { key: 'phone', header: 'No HP', aliases: ['No. HP', 'Nomor HP', 'HP', 'Telepon'] },
  { key: 'occupation', header: 'Pekerjaan' },
  { key: 'segment', header: 'Segmen' },
  { key: 'group', header: 'Kelompok' },
  { key: 'programs', header: 'Program' },
  { key: 'income', header: 'Penghasilan (Rp)', aliases: ['Penghasilan', 'Upah', 'Gaji'] },
  { key: 'fundingSource', header: 'Sumber Dana', aliases: ['Pembayar', 'Sumber Pendanaan'] },
];

/** Which column a problem with a given input field is reported against. */
export const FIELD_COLUMN: Record<string, string> = {
  nik: 'NIK',
  name: 'Nama',
  birthDate: 'Tanggal Lahir',
  sex: 'Jenis Kelamin (L/P)',
  villageCode: 'Kode Desa',
  address: 'Alamat',
  phone: 'No HP',
  occupation: 'Pekerjaan',
  'enrolment.segment': 'Segmen',
  'enrolment.group': 'Kelompok',
  'enrolment.programs': 'Program',
  'enrolment.declaredIncome': 'Penghasilan (Rp)',
  'enrolment.fundingSource': 'Sumber Dana',
};
