import ExcelJS from 'exceljs';
import { GROUP_LABELS, PROGRAMS, SEGMENTS } from '../../../domain/worker.js';
import { WORKER_COLUMNS } from './columns.js';

const ROWS_WITH_LISTS = 5000;

/** The template offices fill in: headers in the agreed order, NIK as text, one sample row, pick lists. */
export async function workerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  const ws = wb.addWorksheet('Data Pekerja', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = WORKER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  // NIK as text: typed as a number, Excel keeps 15 digits and shows 3.20202E+15.
  ws.getColumn('nik').numFmt = '@';
  ws.getColumn('villageCode').numFmt = '@';
  ws.getColumn('phone').numFmt = '@';
  ws.getColumn('birthDate').numFmt = '@';
  ws.addRow({
    nik: '3202011505900001',
    name: 'CONTOH — Asep Supriatna (hapus baris ini)',
    birthDate: '15/05/1990',
    sex: 'L',
    villageCode: '32.02.01.2002',
    address: 'Kp. Cimanggu RT 01/02',
    phone: '081234567890',
    occupation: 'Petani',
    segment: 'BPU',
    group: GROUP_LABELS.PEKERJA_RENTAN,
    programs: 'JKK,JKM',
    income: 1000000,
    fundingSource: 'APBD Kab. Sukabumi 2025',
  });
  const list = (key: string, values: string[], prompt: string) => {
    const col = ws.getColumn(key).letter;
    for (let r = 2; r <= ROWS_WITH_LISTS; r++) {
      ws.getCell(`${col}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        errorTitle: 'Nilai tidak dikenal',
        error: prompt,
      };
    }
  };
  list('sex', ['L', 'P'], 'Isi L (laki-laki) atau P (perempuan).');
  list('segment', [...SEGMENTS], `Pilih salah satu: ${SEGMENTS.join(', ')}.`);
  list('group', Object.values(GROUP_LABELS), 'Pilih kelompok dari daftar.');

  const help = wb.addWorksheet('Petunjuk');
  help.getColumn(1).width = 110;
  [
    'PETUNJUK PENGISIAN — Semesta',
    '1. Satu baris per orang. Jangan ubah judul kolom; urutan kolom boleh berbeda.',
    '2. NIK 16 digit, diketik sebagai teks (kolom sudah diformat Teks). Jangan ditempel dari kolom berformat Angka.',
    '3. Tanggal Lahir: dd/mm/yyyy, mis. 15/05/1990. Harus sama dengan tanggal lahir pada NIK.',
    '4. Jenis Kelamin: L atau P, harus sesuai NIK (perempuan: tanggal pada NIK ditambah 40).',
    '5. Kode Desa: kode Kemendagri desa/kelurahan domisili, mis. 32.02.01.2002 (lihat menu Wilayah).',
    `6. Segmen: ${SEGMENTS.join(', ')}. Kelompok: ${Object.values(GROUP_LABELS).join(', ')}.`,
    `7. Program: daftar dipisah koma dari ${PROGRAMS.join(', ')}; JKK dan JKM wajib. Contoh: JKK,JKM.`,
    '8. Penghasilan (Rp): angka tanpa titik atau dengan titik ribuan, mis. 1000000 atau 1.000.000.',
    '9. Hapus baris contoh sebelum mengunggah. Baris yang salah dilaporkan dalam laporan kesalahan (.xlsx) untuk diperbaiki dan diunggah ulang.',
  ].forEach((line, i) => {
    help.addRow([line]).font = i === 0 ? { bold: true, size: 13 } : {};
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
