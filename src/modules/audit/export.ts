import ExcelJS from 'exceljs';
import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../db/tx.js';
import { auditActionLabel, auditEntityLabel } from '../../domain/audit-labels.js';
import { maskPersonalData } from '../../domain/nik.js';
import { can } from '../../domain/roles.js';
import { formatDateId, wibStamp } from '../../domain/wib.js';
import { listAudit } from './queries.js';
import type { AuditExportFilter } from './schemas.js';

/** At most this many rows in one file (newest first); the file says so when the filter matched more. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;
/** Excel refuses a cell longer than 32,767 characters. */
const CELL_MAX = 32_000;
const HEADERS = ['No', 'Waktu (WIB)', 'Pengguna', 'Tindakan', 'Jenis Data', 'ID Data', 'Kode Wilayah', 'Sebelum', 'Sesudah'];

const cell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > CELL_MAX ? `${s.slice(0, CELL_MAX)}… (dipotong)` : s;
};

/**
 * The audit rows a filter selects as a workbook: newest first, at most AUDIT_EXPORT_MAX_ROWS, payloads
 * masked for roles without worker:nik exactly as the viewer shows them. The export is itself audited
 * (who took which filter, how many rows) before the file is built.
 */
export async function auditWorkbook(db: Db, user: SessionUser, filter: AuditExportFilter): Promise<{ file: Buffer; rows: number; truncated: boolean }> {
  const items = await listAudit(db, user.regionCode, { ...filter, limit: AUDIT_EXPORT_MAX_ROWS + 1 });
  const truncated = items.length > AUDIT_EXPORT_MAX_ROWS;
  const rows = truncated ? items.slice(0, AUDIT_EXPORT_MAX_ROWS) : items;
  const region = filter.region ?? user.regionCode;
  await recordAudit(db, user, {
    action: 'export',
    entityType: 'audit_log',
    entityId: region,
    regionCode: region === 'ID' ? null : region,
    before: null,
    after: { filter, rows: rows.length, truncated },
  });
  const masked = !can(user.role, 'worker:nik');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Jejak Audit');
  const scope = [
    filter.actor && `pengguna ${filter.actor}`,
    filter.action && `tindakan "${auditActionLabel(filter.action).id}"`,
    filter.entityType && `jenis data ${auditEntityLabel(filter.entityType).id}`,
    filter.entityId && `ID ${filter.entityId}`,
    `wilayah ${region}`,
    filter.from && `sejak ${formatDateId(filter.from)}`,
    filter.to && `sampai ${formatDateId(filter.to)}`,
  ].filter(Boolean);
  ws.addRow([`Jejak audit Semesta — ${scope.join(', ')}; diunduh ${wibStamp(new Date())} oleh ${user.username}`]).font = { bold: true };
  ws.addRow([
    truncated
      ? `Hanya ${AUDIT_EXPORT_MAX_ROWS.toLocaleString('id-ID')} catatan terbaru; persempit saringan (tanggal, tindakan) untuk catatan yang lebih lama.`
      : `${rows.length.toLocaleString('id-ID')} catatan, terbaru lebih dulu.${masked ? ' NIK disamarkan; tanggal lahir dan jenis kelamin tidak ditampilkan.' : ''}`,
  ]);
  ws.addRow([]);
  ws.addRow(HEADERS).font = { bold: true };
  rows.forEach((e, i) =>
    ws.addRow([
      i + 1,
      wibStamp(e.at),
      e.actor,
      auditActionLabel(e.action).id,
      auditEntityLabel(e.entityType).id,
      e.entityId,
      e.regionCode ?? 'Nasional',
      cell(masked ? maskPersonalData(e.before) : e.before),
      cell(masked ? maskPersonalData(e.after) : e.after),
    ]),
  );
  ws.columns.forEach((c, k) => (c.width = [6, 20, 18, 32, 20, 14, 16, 50, 50][k]));
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows: rows.length, truncated };
}
