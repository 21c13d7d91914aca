import { SIZE_CLASS_LABELS, SIZE_CLASSES } from '../../../domain/compliance.js';
import { PROGRAMS } from '../../../domain/worker.js';
import { pickList, templateBook, withInstructions } from '../../imports/template-kit.js';
import { EMPLOYER_COLUMNS } from './columns.js';

const ROWS_WITH_LISTS = 2000;

/** The template labour offices fill in (or paste a WLKP export into): headers, one sample row, a pick list. */
export async function employerTemplate(): Promise<Buffer> {
  const { wb, ws } = templateBook('Data Perusahaan', EMPLOYER_COLUMNS, ['npp', 'nib', 'villageCode']);
  ws.addRow({
    name: 'CONTOH — PT Maju Jaya (hapus baris ini)',
    npp: '',
    nib: '9120001234567',
    sector: 'Industri pengolahan',
    sizeClass: SIZE_CLASS_LABELS.medium.id,
    villageCode: '32.02.01.2002',
    address: 'Jl. Raya Cibadak No. 10',
    employeesDeclared: 120,
    workersRegistered: 0,
    wageReported: '',
    wageActual: 3600000,
    programs: '',
  });
  const sizes = SIZE_CLASSES.map((s) => SIZE_CLASS_LABELS[s].id);
  pickList(ws, 'sizeClass', sizes, `Pilih salah satu: ${sizes.join(', ')}.`, ROWS_WITH_LISTS);
  return withInstructions(wb, [
    'PETUNJUK PENGISIAN — Semesta (data perusahaan)',
    '1. Satu baris per perusahaan. Jangan ubah judul kolom; urutan kolom boleh berbeda.',
    '2. NPP (nomor pendaftaran BPJS Ketenagakerjaan): kosongkan bila perusahaan belum terdaftar. NIB: nomor induk berusaha dari OSS.',
    `3. Skala Usaha: ${sizes.join(', ')}.`,
    '4. Kode Desa: kode Kemendagri desa/kelurahan lokasi usaha, mis. 32.02.01.2002.',
    '5. Jumlah Pekerja (WLKP): pekerja yang dilaporkan ke Disnaker. Pekerja Terdaftar BPJS: hanya bila ada NPP.',
    '6. Upah (Rp): angka, mis. 3600000 atau 3.600.000; boleh kosong.',
    `7. Program: daftar dipisah koma dari ${PROGRAMS.join(', ')} yang sudah didaftarkan.`,
    '8. Perusahaan yang NPP/NIB-nya sudah ada tidak diimpor ulang; ubah datanya di halaman perusahaan.',
  ]);
}
