import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { injectAs, type Session, type TestContext } from './app.js';

/** A real .xlsx written by ExcelJS: a header row, then the rows as given. */
export async function workbook(headers: unknown[], rows: unknown[][], sheet = 'Data'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Upload and poll one import kind's routes (`base`, e.g. /api/imports) as a signed-in user. */
export function importRoutes(t: TestContext, base: string) {
  return {
    async upload(s: Session, file: Buffer, filename: string): Promise<number> {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), filename);
      const res = await injectAs(t.app, s, { method: 'POST', url: base, payload: form as never });
      expect(res.statusCode, res.body).toBe(202);
      return res.json().id as number;
    },
    /** polls every 100 ms, `tries` times (30 s by default) */
    async waitFor(s: Session, id: number, statuses: string[], tries = 300) {
      for (let i = 0; i < tries; i++) {
        const view = (await injectAs(t.app, s, { url: `${base}/${id}` })).json();
        if (statuses.includes(view.status)) return view;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`import ${id} never reached ${statuses}`);
    },
  };
}
