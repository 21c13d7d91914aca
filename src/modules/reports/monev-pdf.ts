import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import {
  groupLabel,
  headlineOf,
  levelName,
  type MonevData,
  monthName,
  num,
  numeratorLabel,
  payerLabel,
  pct,
  regionTitle,
  reportTitle,
  segmentLabel,
  sourcesOf,
  regionName,
  wibStamp,
} from './monev-data.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** Renders an ECharts option to an SVG string on the server (no DOM). */
function chartSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'Helvetica' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // svg-to-pdfkit ignores paint-order, so the white halo ECharts gives labels would cover their text.
  return svg.replace(/ stroke="[^"]*" stroke-width="[^"]*" paint-order="stroke"/g, '');
}

const GREEN = '#0b7a53';
const idNum = (v: number) => new Intl.NumberFormat('id-ID').format(v);
const idPct = (v: number) => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(v)}%`;

/** The monev PDF: the same figures as the workbook, with the trend and ranking charts, A4 portrait. */
export function monevPdf(d: MonevData): Promise<Buffer> {
  const c = d.coverage;
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${reportTitle} — ${regionTitle(c)} — ${monthName(c.period)}`, Author: 'Semesta' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const W = doc.page.width - 80;

  doc.font('Helvetica-Bold').fontSize(15).fillColor('#000').text(reportTitle);
  doc.font('Helvetica').fontSize(12).text(`${levelName(c.region.level)}: ${regionTitle(c)} — ${monthName(c.period)}`);
  doc.fontSize(9).fillColor('#555').text(`Dibuat ${wibStamp(d.generatedAt)}. Pembilang: ${numeratorLabel(c)}${c.dataAsOf ? ` — ${c.dataAsOf.source}` : ''}; penduduk bekerja: ${c.denominator ? `${c.denominator.source} (${c.denominator.year})` : 'belum ada'}.`);
  if (d.demo) doc.fillColor('#a15c00').text('DATA DEMO SINTETIS — bukan data sebenarnya.');
  doc.moveDown(0.6);

  // Headline figures, two columns
  const rows = headlineOf(c);
  doc.fontSize(9.5);
  let y = doc.y;
  for (let i = 0; i < rows.length; i += 2) {
    // a pair of cells side by side; the taller value (a long gap text wraps) sets the row's height
    let h = 0;
    rows.slice(i, i + 2).forEach(([k, v], j) => {
      const x = 40 + j * (W / 2);
      doc.fillColor('#555').font('Helvetica').text(k, x, y, { width: W / 2 - 10 });
      doc.fillColor('#000').font('Helvetica-Bold').text(v, x, y + 12, { width: W / 2 - 10 });
      h = Math.max(h, doc.y - y);
    });
    y += h + 6;
  }
  doc.x = 40;
  doc.y = y + 4;

  // Trend chart
  const hasPct = d.trend.some((p) => p.coveragePct !== null);
  const trendSvg = chartSvg(
    {
      grid: { left: 60, right: hasPct ? 50 : 10, top: 30, bottom: 25 },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: 'category', data: d.trend.map((p) => p.period), axisLabel: { fontSize: 9 } },
      yAxis: [{ type: 'value', axisLabel: { fontSize: 9, formatter: idNum } }, ...(hasPct ? [{ type: 'value', axisLabel: { fontSize: 9, formatter: idPct } }] : [])],
      series: [
        { name: 'Peserta aktif', type: 'bar', data: d.trend.map((p) => p.activeParticipants), itemStyle: { color: '#9fd3bd' } },
        ...(hasPct ? [{ name: 'Cakupan', type: 'line', yAxisIndex: 1, data: d.trend.map((p) => p.coveragePct), itemStyle: { color: GREEN } }] : []),
      ],
    },
    515,
    190,
  );
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text('Tren 12 bulan');
  SVGtoPDF(doc, trendSvg, 40, doc.y + 2, { width: W, height: 190 });
  doc.y += 196;

  // Ranked children chart
  const ranked = [...c.children].sort((a, b) => (b.coveragePct ?? -1) - (a.coveragePct ?? -1) || b.activeParticipants - a.activeParticipants || a.code.localeCompare(b.code));
  const withPct = ranked.some((k) => k.coveragePct !== null);
  if (ranked.length > 0) {
    const shown = ranked.slice(0, 25);
    const h = Math.min(380, shown.length * 14 + 30);
    if (doc.y + h + 40 > doc.page.height - 40) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(`Peringkat wilayah di bawahnya${ranked.length > shown.length ? ` (${shown.length} teratas dari ${ranked.length})` : ''}`);
    const svg = chartSvg(
      {
        grid: { left: 150, right: 50, top: 5, bottom: 20 },
        xAxis: { type: 'value', axisLabel: { fontSize: 8, formatter: withPct ? idPct : idNum } },
        yAxis: { type: 'category', inverse: true, data: shown.map((k) => regionName(k.name)), axisLabel: { fontSize: 8, width: 140, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            data: shown.map((k, i) => ({ value: withPct ? k.coveragePct : k.activeParticipants, itemStyle: { color: i === 0 ? GREEN : i === shown.length - 1 ? '#c0392b' : '#4aa37c' } })),
            label: { show: true, position: 'right', fontSize: 8, formatter: (p: { value: number | null }) => (p.value === null ? '–' : withPct ? idPct(p.value) : idNum(p.value)) },
          },
        ],
      },
      515,
      h,
    );
    SVGtoPDF(doc, svg, 40, doc.y + 2, { width: W, height: h });
    doc.y += h + 6;
  }

  // Child table (all children)
  if (ranked.length > 0) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text('Tabel wilayah di bawahnya');
    const cols = [22, 130, 50, 70, 75, 70, 50, 48];
    const head = ['No', 'Wilayah', 'Cakupan', 'Peserta aktif', 'Sumber', 'Pend. bekerja', 'Baru', 'Tidak aktif'];
    const sourceShort = (k: (typeof ranked)[number]) =>
      k.numeratorSource === 'official' ? 'resmi' : k.numeratorSource === 'partial' ? `sebagian ${k.officialReported!.reported}/${k.officialReported!.of}` : 'register';
    const rowAt = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - 60) doc.addPage();
      const y = doc.y;
      let x = 40;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor('#000');
      cells.forEach((cell, i) => {
        doc.text(cell, x, y, { width: cols[i]! - 4, align: i >= 2 ? 'right' : 'left', lineBreak: false, ellipsis: true });
        x += cols[i]!;
      });
      doc.x = 40;
      doc.y = y + 13;
    };
    rowAt(head, true);
    ranked.forEach((k, i) => rowAt([String(i + 1), regionName(k.name), pct(k.coveragePct), num(k.activeParticipants), sourceShort(k), num(k.employedPopulation), num(k.newEnrolments), num(k.lapses)]));
    rowAt(['', 'Jumlah', '', num(ranked.reduce((s, k) => s + k.activeParticipants, 0)), '', '', num(ranked.reduce((s, k) => s + k.newEnrolments, 0)), num(ranked.reduce((s, k) => s + k.lapses, 0))], true);
  }

  // Breakdowns and sources
  if (doc.y > doc.page.height - 250) doc.addPage();
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(11).text('Peserta aktif per segmen: resmi BPJS TK / terdaftar di Semesta', 40);
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(c.indicators.bySegment.map((b) => `${segmentLabel(b.segment)}: ${num(b.official)} / ${num(b.registry)}`).join(' · '), 40, undefined, { width: W });
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(11).text('Rincian peserta terdaftar di Semesta', 40);
  for (const [title, list, label] of [
    ['Segmen', c.breakdown.segment, segmentLabel],
    ['Kelompok', c.breakdown.group, groupLabel],
    ['Pembayar', c.breakdown.payer, payerLabel],
  ] as const) {
    doc.font('Helvetica-Bold').fontSize(9).text(title, 40);
    doc.font('Helvetica').fontSize(9).text(list.map((r) => `${label(r.key)}: ${num(r.active)}`).join(' · ') || '–', 40, undefined, { width: W });
  }
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(11).text('Definisi dan sumber', 40);
  for (const [k, v] of sourcesOf(d)) {
    doc.font('Helvetica-Bold').fontSize(8.5).text(`${k}: `, 40, undefined, { continued: true, width: W });
    doc.font('Helvetica').text(v);
  }
  doc.end();
  return done;
}
