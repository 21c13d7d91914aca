import ExcelJS from 'exceljs';
import { SIZE_CLASS_LABELS, SIZE_CLASSES } from '../../../domain/compliance.js';
import { PROGRAMS } from '../../../domain/worker.js';
import { EMPLOYER_COLUMNS } from './columns.js';

const ROWS_WITH_LISTS = 2000;

/** The template labour offices fill in (or paste a WLKP export into): headers, one sample row, a pick list. */
export async function employerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  const ws = wb.addWorksheet('Data Perusahaan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EMPLOYER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  for (const key of ['npp', 'nib', 'villageCode']) ws.getColumn(key).numFmt = '@';
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
  const col = ws.getColumn('sizeClass').letter;
  const sizes = SIZE_CLASSES.map((s) => SIZE_CLASS_LABELS[s].id);
  for (let r = 2; r <= ROWS_WITH_LISTS; r++) {
    ws.getCell(`${col}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${sizes.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Nilai tidak dikenal',
      error: `Pilih salah satu: ${sizes.join(', ')}.`,
    };
  }
  const help = wb.addWorksheet('Petunjuk');
  help.getColumn(1).width = 110;
  [
    'PETUNJUK PENGISIAN — Semesta (data perusahaan)',
    '1. Satu baris per perusahaan. Jangan ubah judul kolom; urutan kolom boleh berbeda.',
    '2. NPP (nomor pendaftaran BPJS Ketenagakerjaan): kosongkan bila perusahaan belum terdaftar. NIB: nomor induk berusaha dari OSS.',
    `3. Skala Usaha: ${sizes.join(', ')}.`,
    '4. Kode Desa: kode Kemendagri desa/kelurahan lokasi usaha, mis. 32.02.01.2002.',
    '5. Jumlah Pekerja (WLKP): pekerja yang dilaporkan ke Disnaker. Pekerja Terdaftar BPJS: hanya bila ada NPP.',
    '6. Upah (Rp): angka, mis. 3600000 atau 3.600.000; boleh kosong.',
    `7. Program: daftar dipisah koma dari ${PROGRAMS.join(', ')} yang sudah didaftarkan.`,
    '8. Perusahaan yang NPP/NIB-nya sudah ada tidak diimpor ulang; ubah datanya di halaman perusahaan.',
  ].forEach((line, i) => {
    help.addRow([line]).font = i === 0 ? { bold: true, size: 13 } : {};
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
