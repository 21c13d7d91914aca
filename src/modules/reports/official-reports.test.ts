import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { injectAs, login, type Session, useTestApp } from '../../../test/app.js';
import type { Segment } from '../../domain/worker.js';

/**
 * One source of truth (issue 11): the monev PDF (its extracted text), the workbook, the DHIS2 export and
 * the ranking show exactly GET /api/coverage's headline figures, for an official, a partial and a
 * registry numerator. The expected texts are formatted here from the API's JSON, independently of the
 * report code. Needs pdftotext (poppler-utils; .ci/run installs it).
 */
const t = useTestApp({ demoWorkers: true });
const PERIOD = '2025-06';
let admin: Session;

const nf = (v: number) => new Intl.NumberFormat('id-ID').format(v);
const pct1 = (v: number) => `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)}%`;
const squash = (s: string) => s.replace(/\s+/g, ' ');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'monev-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return squash(execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }));
}

const cellsOf = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

type Api = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The numerator's source as the reports word it. */
function sourceText(api: Api): string {
  if (api.numeratorSource === 'official') return 'data resmi BPJS TK';
  if (api.numeratorSource === 'partial') return `sebagian data resmi BPJS TK (${api.officialReported.reported} dari ${api.officialReported.of} wilayah melapor)`;
  return 'register Semesta (belum ada data resmi)';
}

const flowText = (source: string) => (source === 'official' ? 'data resmi BPJS TK' : source === 'partial' ? 'sebagian data resmi BPJS TK' : 'register Semesta');

async function download(code: string, ext: 'pdf' | 'xlsx') {
  const res = await injectAs(t.app, admin, { url: `/api/reports/monev/${code}.${ext}?period=${PERIOD}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

describe('monev reports and DHIS2 carry the API’s headline figures', () => {
  beforeAll(async () => {
    admin = await login(t.app, 'nasional');
    // This file sets the official scenario itself: the demo's national official figures are cleared first.
    await t.db.deleteFrom('participation_report').execute();
    // Kab. Sukabumi reports itself (below its target, so there is a gap); the rest of Jawa Barat does not
    const counts: Record<Segment, number> = { PU: 120, BPU: 80, JAKON: 40, PMI: 10 };
    await t.db
      .insertInto('participation_report')
      .values((Object.keys(counts) as Segment[]).map((segment) => ({ region_code: '32.02', month: `${PERIOD}-01`, segment, active: counts[segment], source: 'BPJS TK Kanwil Jawa Barat, data per 30/06/2025', received_by: 'test' })))
      .execute();
  });

  for (const [code, source] of [
    ['32.02', 'official'],
    ['32', 'partial'],
    ['17', 'registry'],
  ] as const) {
    it(`${code} (${source}): PDF text, workbook, DHIS2 and ranking equal GET /api/coverage`, async () => {
      const api: Api = (await injectAs(t.app, admin, { url: `/api/coverage/${code}?period=${PERIOD}` })).json();
      expect(api.numeratorSource).toBe(source);
      if (source === 'official') expect(api.gapWorkers).toBeGreaterThan(0);

      // PDF: each headline label followed by its value
      const text = pdfText(await download(code, 'pdf'));
      const expected = [
        `Cakupan ${api.coveragePct === null ? '– (tanpa penduduk bekerja)' : pct1(api.coveragePct)}`,
        `Target ${api.targetPct === null ? 'belum ada' : `${pct1(api.targetPct)} (target ${api.targetYear})`}`,
        `Peserta aktif ${nf(api.activeParticipants)}`,
        `Sumber pembilang ${sourceText(api)}`,
        `Terdaftar di Semesta ${nf(api.registryParticipants)}${api.registryShare === null ? '' : ` (${pct1(api.registryShare * 100)} dari angka resmi)`}`,
        `Penduduk bekerja ${api.employedPopulation === null ? '–' : nf(api.employedPopulation)}`,
        `Kepesertaan baru (bulan ini) ${nf(api.newEnrolments)} (${flowText(api.newEnrolmentsSource)})`,
        `Tidak aktif / menunggak (bulan ini) ${nf(api.lapses)} (${flowText(api.lapsesSource)})`,
        `Kesenjangan ke target ${api.gapWorkers === null ? '–' : `${nf(api.gapWorkers)} pekerja · Rp${nf(api.gapRupiahPerMonth)}/bulan · Rp${nf(api.gapRupiahPerYear)}/tahun`}`,
        `Desa terjangkau sosialisasi ${nf(api.villagesReached.villagesReached)} dari ${nf(api.villagesReached.villagesTotal)} desa (${pct1(api.villagesReached.pct)})`,
      ];
      for (const line of expected) expect(text, line).toContain(line);
      expect(text).not.toContain('belum tersedia');

      // workbook: the same figures as numbers
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await download(code, 'xlsx')) as unknown as ArrayBuffer);
      const summary = new Map(cellsOf(wb.getWorksheet('Ringkasan')!).map((r) => [r[0], r[1]]));
      const notes = new Map(cellsOf(wb.getWorksheet('Ringkasan')!).map((r) => [r[0], r[2]]));
      expect([summary.get('Kepesertaan baru (bulan ini)'), notes.get('Kepesertaan baru (bulan ini)')]).toEqual([api.newEnrolments, `sumber: ${flowText(api.newEnrolmentsSource)}`]);
      expect([summary.get('Tidak aktif / menunggak (bulan ini)'), notes.get('Tidak aktif / menunggak (bulan ini)')]).toEqual([api.lapses, `sumber: ${flowText(api.lapsesSource)}`]);
      const dash = (v: unknown) => v ?? '–';
      expect({
        active: summary.get('Peserta aktif'),
        source: summary.get('Sumber pembilang'),
        official: summary.get('Peserta resmi BPJS TK'),
        registry: summary.get('Terdaftar di Semesta'),
        employed: summary.get('Penduduk bekerja'),
        coverage: summary.get('Cakupan (%)'),
        target: summary.get('Target (%)'),
        targetYear: summary.get('Tahun target'),
        gapWorkers: summary.get('Kesenjangan ke target (pekerja)'),
        gapMonth: summary.get('Kesenjangan ke target (Rp per bulan)'),
        gapYear: summary.get('Kesenjangan ke target (Rp per tahun)'),
        villagesReached: summary.get('Desa terjangkau sosialisasi'),
        villagesTotal: summary.get('Jumlah desa'),
        villagesPct: summary.get('Desa terjangkau sosialisasi (%)'),
      }).toEqual({
        active: api.activeParticipants,
        source: sourceText(api),
        official: dash(api.officialParticipants),
        registry: api.registryParticipants,
        employed: dash(api.employedPopulation),
        coverage: dash(api.coveragePct),
        target: dash(api.targetPct),
        targetYear: dash(api.targetYear),
        gapWorkers: dash(api.gapWorkers),
        gapMonth: dash(api.gapRupiahPerMonth),
        gapYear: dash(api.gapRupiahPerYear),
        villagesReached: api.villagesReached.villagesReached,
        villagesTotal: api.villagesReached.villagesTotal,
        villagesPct: api.villagesReached.pct,
      });

      // the ranking: every child with its numerator and source
      const kids = cellsOf(wb.getWorksheet('Wilayah')!).slice(1, -1);
      expect(kids).toHaveLength(api.children.length);
      for (const row of kids) {
        const child = api.children.find((c: { code: string }) => c.code === row[1]);
        expect([row[3] ?? null, row[4], row[9], row[10] ?? null, row[11]], String(row[1])).toEqual([child.coveragePct, child.activeParticipants, sourceText(child), child.officialParticipants, child.registryParticipants]);
      }
      // the trend ends on the same numerator
      expect(cellsOf(wb.getWorksheet('Tren')!).at(-1)![1]).toBe(api.activeParticipants);

      // DHIS2: the numerator, its segments and both counts
      const set = (await injectAs(t.app, admin, { url: `/api/coverage/${code}/dhis2/dataValueSets.json?period=${PERIOD}` })).json() as { dataValues: { dataElement: string; orgUnit: string; categoryOptionCombo?: string; value: string }[] };
      const value = (orgUnit: string, de: string, coc?: string) => set.dataValues.find((v) => v.orgUnit === orgUnit && v.dataElement === de && v.categoryOptionCombo === coc)?.value;
      expect(value(code, 'UCJ_ACTIVE_PARTICIPANTS')).toBe(String(api.activeParticipants));
      expect(value(code, 'UCJ_REGISTRY_PARTICIPANTS')).toBe(String(api.registryParticipants));
      expect(value(code, 'UCJ_OFFICIAL_PARTICIPANTS')).toBe(api.officialParticipants === null ? undefined : String(api.officialParticipants));
      for (const b of api.indicators.bySegment) {
        const used = source === 'registry' ? b.registry : b.official;
        expect(value(code, 'UCJ_ACTIVE_PARTICIPANTS', `UCJ_SEGMENT_${b.segment}`), b.segment).toBe(used === null ? undefined : String(used));
      }
      for (const child of api.children) expect(value(child.code, 'UCJ_ACTIVE_PARTICIPANTS')).toBe(String(child.activeParticipants));
    });
  }
});
