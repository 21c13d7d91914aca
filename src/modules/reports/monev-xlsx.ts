import ExcelJS from 'exceljs';
import type { CoverageBreakdownRow } from '../coverage/schemas.js';
import {
  flowSourceLabel,
  groupLabel,
  levelName,
  type MonevData,
  monthName,
  numeratorLabel,
  payerLabel,
  regionTitle,
  reportTitle,
  segmentLabel,
  sourcesOf,
  villagesText,
  regionName,
  wibStamp,
} from './monev-data.js';

const INT = '#,##0';
const PCT = '0.0"%"';
const RP = '"Rp"#,##0';

/** The monev workbook: summary, child regions, breakdowns, trend, definitions and sources. */
export async function monevWorkbook(d: MonevData): Promise<Buffer> {
  const c = d.coverage;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semesta';
  wb.created = d.generatedAt;

  const sum = wb.addWorksheet('Ringkasan');
  sum.columns = [{ width: 42 }, { width: 24 }, { width: 60 }];
  sum.addRow([reportTitle]).font = { bold: true, size: 14 };
  sum.addRow([`${levelName(c.region.level)}: ${regionTitle(c)} — ${monthName(c.period)}`]).font = { bold: true };
  sum.addRow([`Dibuat ${wibStamp(d.generatedAt)}${d.demo ? ' — DATA DEMO SINTETIS' : ''}`]);
  sum.addRow([]);
  const line = (label: string, value: number | string | null, fmt?: string, note?: string) => {
    const row = sum.addRow([label, value ?? '–', note ?? '']);
    if (fmt && typeof value === 'number') row.getCell(2).numFmt = fmt;
    row.getCell(2).alignment = { horizontal: 'right' };
  };
  line('Cakupan (%)', c.coveragePct, PCT, c.coveragePct === null ? 'tanpa penduduk bekerja, cakupan tidak dihitung' : undefined);
  line('Target (%)', c.targetPct, PCT, c.target?.source);
  line('Tahun target', c.targetYear, undefined, c.target && c.targetYear! < Number(c.period.slice(0, 4)) ? 'belum ada target tahun ini: dipakai target terakhir' : undefined);
  if (c.parent) line(`Cakupan induk: ${c.parent.code === 'ID' ? 'Indonesia' : regionName(c.parent.name)} (%)`, c.parent.coveragePct, PCT);
  if (c.national) line('Cakupan nasional (%)', c.national.coveragePct, PCT);
  line('Peserta aktif', c.activeParticipants, INT, 'pembilang cakupan');
  line('Sumber pembilang', numeratorLabel(c), undefined, c.definition.numerator.id);
  line('Peserta resmi BPJS TK', c.officialParticipants, INT, c.dataAsOf ? `${c.dataAsOf.source} (diterima ${wibStamp(new Date(c.dataAsOf.receivedAt))})` : 'belum ada data resmi');
  line('Terdaftar di Semesta', c.registryParticipants, INT);
  line('Terdaftar ÷ resmi (%)', c.registryShare === null ? null : Math.round(c.registryShare * 10000) / 100, PCT);
  line('Penduduk bekerja', c.employedPopulation, INT, c.denominator ? `${c.denominator.source} (${c.denominator.year})` : undefined);
  if (c.denominator?.formal != null) line('— formal', c.denominator.formal, INT);
  if (c.denominator?.informal != null) line('— informal', c.denominator.informal, INT);
  line('Cakupan formal: PU ÷ penduduk bekerja formal (%)', c.indicators.formalPct, PCT);
  line('Cakupan informal: BPU ÷ penduduk bekerja informal (%)', c.indicators.informalPct, PCT);
  line('Perubahan peserta dari bulan lalu', c.monthOnMonth?.activeChange ?? null, INT, c.monthOnMonth ? undefined : 'tidak sebanding (sumber pembilang berbeda)');
  line('Perubahan cakupan dari bulan lalu (poin %)', c.monthOnMonth?.pctPointChange ?? null, '0.00');
  line('Kepesertaan baru (bulan ini)', c.newEnrolments, INT, `sumber: ${flowSourceLabel(c.newEnrolmentsSource)}`);
  line('Tidak aktif / menunggak (bulan ini)', c.lapses, INT, `sumber: ${flowSourceLabel(c.lapsesSource)}`);
  line('Nonaktif (menunggak) saat ini', c.lapsedNow, INT, 'sama dengan daftar pekerja berstatus Nonaktif (menunggak)');
  line('Berakhir (bulan ini)', c.ended, INT);
  line('Kesenjangan ke target (pekerja)', c.gap?.workers ?? null, INT);
  line('Kesenjangan ke target (Rp per bulan)', c.gap?.rupiahPerMonth ?? null, RP, c.gap ? c.gap.rateBasis.id : undefined);
  line('Kesenjangan ke target (Rp per tahun)', c.gapRupiahPerYear, RP);
  line('Desa terjangkau sosialisasi', c.villagesReached.villagesReached, INT, villagesText(c.villagesReached));
  line('Jumlah desa', c.villagesReached.villagesTotal, INT);
  line('Desa terjangkau sosialisasi (%)', c.villagesReached.pct, PCT);

  const kids = wb.addWorksheet('Wilayah');
  kids.columns = [
    { header: 'No', width: 5 },
    { header: 'Kode', width: 16 },
    { header: 'Wilayah', width: 36 },
    { header: 'Cakupan (%)', width: 13, style: { numFmt: PCT } },
    { header: 'Peserta aktif', width: 15, style: { numFmt: INT } },
    { header: 'Penduduk bekerja', width: 17, style: { numFmt: INT } },
    { header: 'Target (%)', width: 11, style: { numFmt: PCT } },
    { header: 'Kepesertaan baru', width: 17, style: { numFmt: INT } },
    { header: 'Tidak aktif', width: 12, style: { numFmt: INT } },
    { header: 'Sumber pembilang', width: 40 },
    { header: 'Resmi BPJS TK', width: 15, style: { numFmt: INT } },
    { header: 'Terdaftar di Semesta', width: 19, style: { numFmt: INT } },
    { header: 'Sumber kepesertaan baru', width: 26 },
    { header: 'Sumber tidak aktif', width: 26 },
  ];
  kids.getRow(1).font = { bold: true };
  const ranked = [...c.children].sort((a, b) => (b.coveragePct ?? -1) - (a.coveragePct ?? -1) || b.activeParticipants - a.activeParticipants || a.code.localeCompare(b.code));
  ranked.forEach((k, i) =>
    kids.addRow([i + 1, k.code, regionName(k.name), k.coveragePct, k.activeParticipants, k.employedPopulation, k.targetPct, k.newEnrolments, k.lapses, numeratorLabel(k), k.officialParticipants, k.registryParticipants, flowSourceLabel(k.newEnrolmentsSource), flowSourceLabel(k.lapsesSource)]),
  );
  const add = (f: (k: (typeof ranked)[number]) => number) => ranked.reduce((s, k) => s + f(k), 0);
  const total = kids.addRow(['', '', 'Jumlah', null, add((k) => k.activeParticipants), null, null, add((k) => k.newEnrolments), add((k) => k.lapses), '', null, add((k) => k.registryParticipants)]);
  total.font = { bold: true };
  kids.views = [{ state: 'frozen', ySplit: 1 }];

  const br = wb.addWorksheet('Rincian');
  br.columns = [{ width: 34 }, { width: 15 }, { width: 17 }, { width: 12 }];
  const block = (title: string, rows: CoverageBreakdownRow[], label: (k: string) => string) => {
    br.addRow([title]).font = { bold: true };
    br.addRow(['', 'Peserta aktif', 'Kepesertaan baru', 'Tidak aktif']).font = { italic: true };
    for (const r of rows) {
      const row = br.addRow([label(r.key), r.active, r.started, r.lapsed]);
      for (const i of [2, 3, 4]) row.getCell(i).numFmt = INT;
    }
    const t = br.addRow(['Jumlah', rows.reduce((s, r) => s + r.active, 0), rows.reduce((s, r) => s + r.started, 0), rows.reduce((s, r) => s + r.lapsed, 0)]);
    t.font = { bold: true };
    for (const i of [2, 3, 4]) t.getCell(i).numFmt = INT;
    br.addRow([]);
  };
  br.addRow(['Peserta aktif per segmen: resmi BPJS TK dan terdaftar di Semesta']).font = { bold: true };
  br.addRow(['', 'Resmi BPJS TK', 'Terdaftar di Semesta']).font = { italic: true };
  for (const b of c.indicators.bySegment) {
    const row = br.addRow([segmentLabel(b.segment), b.official ?? '–', b.registry]);
    for (const i of [2, 3]) row.getCell(i).numFmt = INT;
  }
  br.addRow([]);
  block('Terdaftar di Semesta, menurut segmen', c.breakdown.segment, segmentLabel);
  block('Terdaftar di Semesta, menurut kelompok', c.breakdown.group, groupLabel);
  block('Terdaftar di Semesta, menurut pembayar', c.breakdown.payer, payerLabel);

  const tr = wb.addWorksheet('Tren');
  tr.columns = [
    { header: 'Bulan', width: 10 },
    { header: 'Peserta aktif', width: 15, style: { numFmt: INT } },
    { header: 'Penduduk bekerja', width: 17, style: { numFmt: INT } },
    { header: 'Cakupan (%)', width: 13, style: { numFmt: PCT } },
    { header: 'Kepesertaan baru', width: 17, style: { numFmt: INT } },
    { header: 'Tidak aktif', width: 12, style: { numFmt: INT } },
    { header: 'Sumber pembilang', width: 40 },
    { header: 'Terdaftar di Semesta', width: 19, style: { numFmt: INT } },
    { header: 'Sumber kepesertaan baru', width: 26 },
    { header: 'Sumber tidak aktif', width: 26 },
  ];
  tr.getRow(1).font = { bold: true };
  for (const p of d.trend) {
    tr.addRow([monthName(p.period), p.activeParticipants, p.employedPopulation, p.coveragePct, p.newEnrolments, p.lapses, numeratorLabel(p), p.registryParticipants, flowSourceLabel(p.newEnrolmentsSource), flowSourceLabel(p.lapsesSource)]);
  }

  const src = wb.addWorksheet('Definisi dan Sumber');
  src.columns = [{ width: 30 }, { width: 110 }];
  for (const [k, v] of sourcesOf(d)) {
    const row = src.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
