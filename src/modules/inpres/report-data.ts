import type { Db } from '../../db/client.js';
import { ACTION_STATUS_LABELS, DUTY_LABELS, DUTY_STATUS_LABELS, semesterName, semesterSpan } from '../../domain/inpres.js';
import { regionTitle, wibStamp } from '../../domain/wib.js';
import { GROUP_LABELS } from '../../domain/worker.js';
import { errors } from '../../lib/errors.js';
import { holdsDemoData } from '../reports/queries.js';
import type { ChildScore, Scorecard } from './schemas.js';
import { childrenScores, scorecard, WEIGHTS_NOTE } from './service.js';

/**
 * What a semester report shows: exactly the API's figures — GET /api/inpres/:code and its /children
 * for the semester's year as of the semester's last month (the same service calls).
 */
export interface InpresReportData {
  semester: string;
  card: Scorecard;
  children: ChildScore[];
  generatedAt: Date;
  demo: boolean;
}

export async function inpresReportData(db: Db, code: string, semester: string): Promise<InpresReportData> {
  const span = semesterSpan(semester);
  if (!span) throw errors.invalid('querystring.semester', 'SEMESTER_INVALID', { id: 'Semester YYYY-S1 atau YYYY-S2.', en: 'A semester YYYY-S1 or YYYY-S2.' });
  const [card, children, demo] = await Promise.all([scorecard(db, code, span.year, span.lastMonth), childrenScores(db, code, span.year, span.lastMonth), holdsDemoData(db)]);
  return { semester, card, children, generatedAt: new Date(), demo };
}

export const reportTitle = 'Laporan Semester Pelaksanaan Inpres 2/2021 — Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan';
export const dutyName = (code: keyof typeof DUTY_LABELS) => DUTY_LABELS[code].id;
export const statusName = (s: keyof typeof DUTY_STATUS_LABELS) => DUTY_STATUS_LABELS[s].id;
export const actionStatusName = (s: keyof typeof ACTION_STATUS_LABELS) => ACTION_STATUS_LABELS[s].id;
export const groupName = (g: keyof typeof GROUP_LABELS) => GROUP_LABELS[g];
export const titleOf = (d: InpresReportData) => `${d.card.region.code === 'ID' ? 'Indonesia' : `${regionTitle(d.card.region.name)} (${d.card.region.code})`} — ${semesterName(d.semester)}`;
export { regionTitle, wibStamp };

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
export const score = (v: number) => nf.format(v);

/** Duties not met (not met or no data) of the region and of each child. */
export function dutiesNotMet(d: InpresReportData): { code: string; name: string; duty: string; status: string }[] {
  const own = d.card.duties.filter((x) => x.status === 'not_met' || x.status === 'no_data').map((x) => ({ code: d.card.region.code, name: d.card.region.name, duty: dutyName(x.code), status: statusName(x.status) }));
  const kids = d.children.flatMap((c) => c.duties.filter((x) => x.status === 'not_met' || x.status === 'no_data').map((x) => ({ code: c.code, name: c.name, duty: dutyName(x.code), status: statusName(x.status) })));
  return [...own, ...kids];
}

/** Where each figure comes from, as both formats print it. */
export function sourcesOf(d: InpresReportData): [string, string][] {
  return [
    ['Dasar', 'Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan (25 Maret 2021).'],
    ['Regulasi', 'Register regulasi Semesta: Perda, Perkada (Pergub/Perbup/Perwal), Perdes yang ditandatangani dan berlaku sampai akhir semester, dengan dokumen PDF.'],
    ['Anggaran', 'Program pendanaan Semesta (APBD, Dana Desa, BHP) tahun anggaran ini beserta tagihan dan pembayarannya sampai akhir semester, ditambah alokasi yang dinyatakan tanpa program. Dana Desa desa-desa dijumlahkan ke atas.'],
    ['Kepesertaan', 'Cakupan dan target dari modul cakupan (data resmi BPJS TK bila ada, selain itu register Semesta) pada bulan terakhir semester; kelompok sasaran: ukuran yang dinyatakan daerah, tercakup = peserta aktif register Semesta per kelompok.'],
    ['Kepatuhan', 'Kasus kepatuhan yang dibuka pada tahun ini sampai akhir semester, yang diteruskan ke Kejaksaan atau direkomendasikan sanksi, yang selesai; desa terjangkau sosialisasi.'],
    ['Perizinan dan integrasi data', 'Regulasi yang menjadikan kepesertaan syarat perizinan berusaha; bulan data resmi BPJS TK yang diterima tahun ini.'],
    ['Desa Sadar Jamsostek', 'Desa yang seluruh perangkat desa dan BPD yang dinyatakan adalah peserta aktif.'],
    ['Bobot nilai', `${Object.entries(d.card.weights).map(([k, v]) => `${dutyName(k as keyof typeof DUTY_LABELS)} ${v}`).join(', ')}. ${WEIGHTS_NOTE}`],
    ['Dibuat', `${wibStamp(d.generatedAt)} oleh Semesta${d.demo ? ' — DATA DEMO SINTETIS, bukan data sebenarnya' : ''}`],
  ];
}
