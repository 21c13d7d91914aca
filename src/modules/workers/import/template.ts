import { GROUP_LABELS, PROGRAMS, SEGMENTS } from '../../../domain/worker.js';
import { pickList, templateBook, withInstructions } from '../../imports/template-kit.js';
import { WORKER_COLUMNS } from './columns.js';

const ROWS_WITH_LISTS = 5000;

/** The template offices fill in: headers in the agreed order, NIK as text, one sample row, pick lists. */
export async function workerTemplate(): Promise<Buffer> {
  const { wb, ws } = templateBook('Data Pekerja', WORKER_COLUMNS, ['nik', 'villageCode', 'phone', 'birthDate']);
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
  pickList(ws, 'sex', ['L', 'P'], 'Isi L (laki-laki) atau P (perempuan).', ROWS_WITH_LISTS);
  pickList(ws, 'segment', [...SEGMENTS], `Pilih salah satu: ${SEGMENTS.join(', ')}.`, ROWS_WITH_LISTS);
  pickList(ws, 'group', Object.values(GROUP_LABELS), 'Pilih kelompok dari daftar.', ROWS_WITH_LISTS);
  return withInstructions(wb, [
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
  ]);
}
