import { monthName as domainMonthName, regionTitle as titleCase, wibStamp } from '../../domain/wib.js';
import type { Db } from '../../db/client.js';
import { addMonths, PAYER_LABELS, type Payer, type Period } from '../../domain/coverage.js';
import { GROUP_LABELS, type Group } from '../../domain/worker.js';
import type { Coverage, CoverageTrendPoint } from '../coverage/schemas.js';
import { coverageReport, coverageTrend } from '../coverage/service.js';
import { holdsDemoData } from './queries.js';

/**
 * What a monev report shows: exactly the API's figures (the same service call), plus a year of trend.
 * Formatting helpers for Indonesian readers (1.234.567 · Rp16.800 · 41,0% · 05/07/2025).
 */
export interface MonevData {
  coverage: Coverage;
  trend: CoverageTrendPoint[];
  generatedAt: Date;
  demo: boolean;
}

export async function monevData(db: Db, code: string, period: Period): Promise<MonevData> {
  const [coverage, trend, demo] = await Promise.all([
    coverageReport(db, code, period),
    coverageTrend(db, code, addMonths(period, -11), period),
    holdsDemoData(db),
  ]);
  return { coverage, trend, generatedAt: new Date(), demo };
}

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const pf = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const num = (v: number | null) => (v === null ? '–' : nf.format(v));
export const pct = (v: number | null) => (v === null ? '–' : `${pf.format(v)}%`);
export const rupiah = (v: number) => `Rp${nf.format(v)}`;

/** dd/mm/yyyy hh:mm WIB (src/domain/wib.ts) */
export { wibStamp };

export const monthName = (period: Period) => domainMonthName(period);

const LEVEL_ID: Record<string, string> = { country: 'Nasional', province: 'Provinsi', regency: 'Kabupaten/Kota', district: 'Kecamatan', village: 'Desa/Kelurahan' };
export const levelName = (level: string) => LEVEL_ID[level] ?? level;
export const regionTitle = (c: Coverage) => (c.region.code === 'ID' ? 'Indonesia' : `${titleCase(c.region.name)} (${c.region.code})`);
/** A region name as reports print it: title case (src/domain/wib.ts). */
export const regionName = (name: string) => titleCase(name);

const SEGMENT_ID: Record<string, string> = { PU: 'PU (penerima upah)', BPU: 'BPU (bukan penerima upah)', JAKON: 'Jakon (jasa konstruksi)', PMI: 'PMI (pekerja migran)' };
export const segmentLabel = (k: string) => SEGMENT_ID[k] ?? k;
export const groupLabel = (k: string) => GROUP_LABELS[k as Group] ?? k;
export const payerLabel = (k: string) => PAYER_LABELS[k as Payer]?.id ?? k;

export const reportTitle = 'Laporan Monitoring dan Evaluasi Cakupan Jaminan Sosial Ketenagakerjaan';

/** Which count the numerator is, in a few words: "data resmi BPJS TK", "sebagian …", "register Semesta". */
export function numeratorLabel(c: Pick<Coverage, 'numeratorSource' | 'officialReported'>): string {
  if (c.numeratorSource === 'official') return 'data resmi BPJS TK';
  if (c.numeratorSource === 'partial') return `sebagian data resmi BPJS TK (${c.officialReported!.reported} dari ${c.officialReported!.of} wilayah melapor)`;
  return 'register Semesta (belum ada data resmi)';
}

/** Where a month's new or inactive participants come from, in words (the numerator's own label names no flows). */
export function flowSourceLabel(source: Coverage['newEnrolmentsSource']): string {
  if (source === 'official') return 'data resmi BPJS TK';
  if (source === 'partial') return 'sebagian data resmi BPJS TK';
  return 'register Semesta';
}

/** "378 dari 381 desa (99,2%)" — as GET /api/outreach/reach counts them. */
export const villagesText = (v: Coverage['villagesReached']) => `${num(v.villagesReached)} dari ${num(v.villagesTotal)} desa (${pct(v.pct)})`;

export const targetText = (c: Coverage) => (c.targetPct === null ? 'belum ada' : `${pct(c.targetPct)} (target ${c.targetYear})`);

export const gapText = (c: Coverage) =>
  c.gapWorkers === null ? '–' : `${num(c.gapWorkers)} pekerja · ${rupiah(c.gapRupiahPerMonth!)}/bulan · ${rupiah(c.gapRupiahPerYear!)}/tahun`;

/** The headline figures as label and text, in the order both formats show them. */
export function headlineOf(c: Coverage): [string, string][] {
  return [
    ['Cakupan', c.coveragePct === null ? '– (tanpa penduduk bekerja)' : pct(c.coveragePct)],
    ['Target', targetText(c)],
    ...(c.parent ? ([[`Induk (${c.parent.code === 'ID' ? 'Indonesia' : titleCase(c.parent.name)})`, pct(c.parent.coveragePct)]] as [string, string][]) : []),
    ...(c.national ? ([['Nasional', pct(c.national.coveragePct)]] as [string, string][]) : []),
    ['Peserta aktif', num(c.activeParticipants)],
    ['Sumber pembilang', numeratorLabel(c)],
    ['Terdaftar di Semesta', `${num(c.registryParticipants)}${c.registryShare === null ? '' : ` (${pct(c.registryShare * 100)} dari angka resmi)`}`],
    ['Penduduk bekerja', num(c.employedPopulation)],
    ['Cakupan formal (PU) / informal (BPU)', `${pct(c.indicators.formalPct)} / ${pct(c.indicators.informalPct)}`],
    ['Perubahan dari bulan lalu', c.monthOnMonth ? `${c.monthOnMonth.activeChange >= 0 ? '+' : ''}${num(c.monthOnMonth.activeChange)} peserta` : '–'],
    ['Kepesertaan baru (bulan ini)', `${num(c.newEnrolments)} (${flowSourceLabel(c.newEnrolmentsSource)})`],
    ['Tidak aktif / menunggak (bulan ini)', `${num(c.lapses)} (${flowSourceLabel(c.lapsesSource)})`],
    ['Nonaktif (menunggak) saat ini', num(c.lapsedNow)],
    ['Kesenjangan ke target', gapText(c)],
    ['Desa terjangkau sosialisasi', villagesText(c.villagesReached)],
  ];
}

/** The sources and definitions block, shared by both formats. */
export function sourcesOf(d: MonevData): [string, string][] {
  const c = d.coverage;
  return [
    ['Definisi cakupan', c.definition.text.id],
    ['Definition (English)', c.definition.text.en],
    ['Peserta aktif', c.definition.numerator.id],
    ['Data resmi BPJS TK', c.dataAsOf ? `${c.dataAsOf.source} (diterima ${wibStamp(new Date(c.dataAsOf.receivedAt))})` : 'Belum ada data resmi BPJS TK untuk wilayah dan bulan ini.'],
    ['Terdaftar di Semesta', 'Register Semesta (by name by address), kepesertaan berstatus aktif pada akhir bulan; dihitung dari data per desa per bulan. Rincian menurut kelompok dan pembayar berasal dari register.'],
    ['Penduduk bekerja', c.denominator ? `${c.denominator.source} (tahun ${c.denominator.year})` : 'Belum ada data penduduk bekerja untuk wilayah ini — cakupan tidak dihitung.'],
    ['Target', c.target ? `${c.target.source} (tahun ${c.target.year}${c.target.year < Number(c.period.slice(0, 4)) ? '; belum ada target tahun ini, dipakai target terakhir' : ''})` : 'Belum ada target.'],
    ['Kesenjangan (Rp)', c.gap ? `${rupiah(c.gap.ratePerWorker)} per pekerja per bulan, × 12 per tahun — ${c.gap.rateBasis.id}` : '–'],
    ['Desa terjangkau sosialisasi', `${villagesText(c.villagesReached)}: desa (tanpa kelurahan) yang dijangkau kegiatan sosialisasi, dihitung seperti GET /api/outreach/reach.`],
    ['Kode dan nama wilayah', 'Kemendagri, dari paket idn-area-data (lisensi ODbL).'],
    ['Dibuat', `${wibStamp(d.generatedAt)} oleh Semesta${d.demo ? ' — DATA DEMO SINTETIS, bukan data sebenarnya' : ''}`],
  ];
}
