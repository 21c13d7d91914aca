import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { importReport } from './report.js';
import { commitImport, getImport, newUploadPath, startImport } from './service.js';
import { importTemplate } from './template.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const viewSchema = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['validating', 'validated', 'committing', 'committed', 'failed']),
  progress: z.number(),
  counts: z.record(z.string(), z.unknown()),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
  committed: z.object({ people: z.number(), enrolments: z.number() }).optional(),
});
const present = (v: z.infer<typeof viewSchema> & { regionCode?: string }) => {
  const { regionCode: _r, ...rest } = v;
  return rest;
};
const idParams = z.object({ id: z.coerce.number().int().positive() });

const wrongFile = () =>
  new AppError(422, 'IMPORT_FILE_TYPE', { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' }, 'file');

export function importRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/imports/template.xlsx',
    { config: { access: { permission: 'worker:read' } }, schema: { tags: ['imports'], summary: 'The worker import template (.xlsx) with a sample row and pick lists' } },
    async (_req, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="template-impor-pekerja.xlsx"');
      return reply.send(await importTemplate());
    },
  );

  r.post(
    '/api/imports',
    {
      config: { access: { permission: 'worker:write' } },
      schema: {
        tags: ['imports'],
        summary: 'Upload workers (.xlsx or .csv, multipart field "file"); validation runs in the background',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      if (!req.isMultipart()) throw wrongFile();
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw wrongFile();
      const kind = /\.xlsx$/i.test(part.filename) ? 'xlsx' : /\.csv$/i.test(part.filename) ? 'csv' : undefined;
      if (!kind) throw wrongFile();
      const path = newUploadPath(config.dataDir, kind);
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        await rm(path, { force: true });
        throw new AppError(413, 'IMPORT_FILE_TOO_LARGE', { id: 'Berkas melebihi 200 MB; pecah menjadi beberapa berkas.', en: 'The file exceeds 200 MB; split it into several files.' }, 'file');
      }
      const view = await startImport(db, user, { path, filename: part.filename, kind });
      return reply.code(202).send({ id: view.id });
    },
  );

  r.get(
    '/api/imports/:id',
    {
      config: { access: { permission: 'worker:read' } },
      schema: { tags: ['imports'], summary: 'Status, progress (0..1) and preview counts of an import', params: idParams, response: { 200: viewSchema } },
    },
    async (req) => present(await getImport(db, userOf(req), req.params.id)),
  );

  r.post(
    '/api/imports/:id/commit',
    {
      config: { access: { permission: 'worker:write' } },
      schema: { tags: ['imports'], summary: 'Save all valid rows, atomically (all or none)', params: idParams, response: { 202: viewSchema } },
    },
    async (req, reply) => reply.code(202).send(present(await commitImport(db, userOf(req), req.params.id))),
  );

  r.get(
    '/api/imports/:id/report.xlsx',
    {
      config: { access: { permission: 'worker:read' } },
      schema: { tags: ['imports'], summary: 'The rows that were not imported, as uploaded, with a column of messages', params: idParams },
    },
    async (req, reply) => {
      const view = await getImport(db, userOf(req), req.params.id);
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="laporan-impor-${view.id}.xlsx"`);
      return reply.send(await importReport(db, view.id));
    },
  );
}
