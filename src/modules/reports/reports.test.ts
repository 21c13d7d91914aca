import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { injectAs, login, useTestApp } from '../../../test/app.js';

/** The monev reports carry exactly the API's figures (demo data, Kab. Sukabumi, 2025-06). */
const t = useTestApp({ demoWorkers: true });

const cellsOf = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('monev reports', () => {
  it('workbook totals equal GET /api/coverage', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const api = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    expect(api.activeParticipants).toBeGreaterThan(0);
    const res = await injectAs(t.app, s, { url: '/api/reports/monev/32.02.xlsx?period=2025-06' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('monev-cakupan-3202-2025-06.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Wilayah', 'Rincian', 'Tren', 'Definisi dan Sumber']);

    const summary = new Map(cellsOf(wb.getWorksheet('Ringkasan')!).map((r) => [r[0], r[1]]));
    expect(summary.get('Peserta aktif')).toBe(api.activeParticipants);
    expect(summary.get('Cakupan (%)')).toBe(api.coveragePct);
    expect(summary.get('Penduduk bekerja')).toBe(api.employedPopulation);
    expect(summary.get('Target (%)')).toBe(api.targetPct);
    expect(summary.get('Kepesertaan baru (bulan ini)')).toBe(api.newEnrolments);
    expect(summary.get('Kesenjangan ke target (Rp per bulan)')).toBe(api.gap?.rupiahPerMonth ?? '–');

    const kids = cellsOf(wb.getWorksheet('Wilayah')!).slice(1);
    const total = kids.pop()!;
    expect(kids).toHaveLength(api.children.length);
    for (const row of kids) {
      const child = api.children.find((c: { code: string }) => c.code === row[1]);
      expect([row[3] ?? null, row[4]], String(row[1])).toEqual([child.coveragePct, child.activeParticipants]);
    }
    // The children's row sums their own figures (each with its own numerator source); the region's figure can be
    // official while its districts fall back to the registry, so the sum is checked against the children, and the
    // registry column — which partitions exactly — against the region's registry count.
    expect(total[4]).toBe(api.children.reduce((sum: number, c: { activeParticipants: number }) => sum + c.activeParticipants, 0));
    expect(total[11]).toBe(api.registryParticipants);

    // The breakdowns are of the participants registered in Semesta.
    const totals = cellsOf(wb.getWorksheet('Rincian')!).filter((r) => r[0] === 'Jumlah').map((r) => r[1]);
    expect(totals).toEqual([api.registryParticipants, api.registryParticipants, api.registryParticipants]);

    const trend = cellsOf(wb.getWorksheet('Tren')!).slice(1);
    expect(trend.at(-1)![1]).toBe(api.activeParticipants);
    expect(trend.at(-1)![0]).toBe('Juni 2025'); // months by their Indonesian names
    // region names in title case, never the Kemendagri capitals; the lapse stock is the worker list's
    expect(kids.every((r) => String(r[2]) !== String(r[2]).toUpperCase())).toBe(true);
    expect(summary.get('Nonaktif (menunggak) saat ini')).toBe(api.lapsedNow);
    expect(cellsOf(wb.getWorksheet('Ringkasan')!).map((r) => String(r[0])).join(' ')).toContain('Kabupaten Sukabumi (32.02)');
    const sources = cellsOf(wb.getWorksheet('Definisi dan Sumber')!).map((r) => String(r[1]));
    expect(sources.join(' ')).toContain('penduduk bekerja');
  });

  it('PDF carries the same headline figures, titled in Indonesian', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    const api = (await injectAs(t.app, s, { url: '/api/coverage/32.02?period=2025-06' })).json();
    const res = await injectAs(t.app, s, { url: '/api/reports/monev/32.02.pdf?period=2025-06' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'monev-'));
    writeFileSync(join(dir, 'r.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Monitoring dan Evaluasi Cakupan');
    expect(text).toContain('Juni 2025');
    const nf = new Intl.NumberFormat('id-ID');
    expect(text).toContain(nf.format(api.activeParticipants));
    expect(text).toContain(`${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(api.coveragePct)}%`);
  });

  it('refuses a region outside the user’s scope', async () => {
    const s = await login(t.app, 'kab.sukabumi');
    expect((await injectAs(t.app, s, { url: '/api/reports/monev/32.13.pdf?period=2025-06' })).statusCode).toBe(403);
    expect((await injectAs(t.app, s, { url: '/api/reports/monev/ID.xlsx?period=2025-06' })).statusCode).toBe(403);
  });
});
