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
import type { ImportKind } from './kind.js';
import { IMPORT_KINDS } from './registry.js';
import { importReport } from './report.js';
import { commitImport, getImport, newUploadPath, startImport } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const viewSchema = z.object({
  id: z.number(),
  filename: z.string(),
  status: z.enum(['validating', 'validated', 'committing', 'committed', 'failed']),
  progress: z.number(),
  counts: z.record(z.string(), z.unknown()),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
  committed: z.record(z.string(), z.number()).optional(),
});
const present = (v: z.infer<typeof viewSchema> & { regionCode?: string; kind?: string }) => {
  const { regionCode: _r, kind: _k, ...rest } = v;
  return rest;
};
const idParams = z.object({ id: z.coerce.number().int().positive() });
const commitBody = z.object({ confirmOverCapacity: z.boolean().optional() }).nullish();

const wrongFile = () =>
  new AppError(422, 'IMPORT_FILE_TYPE', { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' }, 'file');

/** The same five routes for every import kind, under its basePath (workers: /api/imports). */
export function importRoutes(app: FastifyInstance, deps: { db: Db; config: Config }) {
  for (const kind of IMPORT_KINDS) kindRoutes(app, deps, kind);
}

function kindRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }, kind: ImportKind) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = kind.basePath;
  const read = { access: { permission: kind.permissions.read } };
  const write = { access: { permission: kind.permissions.write } };
  const tags = ['imports'];

  r.get(
    `${base}/template.xlsx`,
    { config: read, schema: { tags, summary: `The ${kind.label.en} import template (.xlsx) with a sample row and pick lists` } },
    async (_req, reply) => {
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="template-impor-${kind.label.id}.xlsx"`);
      return reply.send(await kind.template());
    },
  );

  r.post(
    base,
    {
      config: write,
      schema: {
        tags,
        summary: `Upload ${kind.label.en} (.xlsx or .csv, multipart field "file"); validation runs in the background`,
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      if (!req.isMultipart()) throw wrongFile();
      const part = await req.file();
      if (!part || part.fieldname !== 'file') throw wrongFile();
      const fileKind = /\.xlsx$/i.test(part.filename) ? 'xlsx' : /\.csv$/i.test(part.filename) ? 'csv' : undefined;
      if (!fileKind) throw wrongFile();
      const path = newUploadPath(config.dataDir, fileKind);
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        await rm(path, { force: true });
        const mb = config.uploadMaxBytes / 1024 / 1024;
        throw new AppError(413, 'IMPORT_FILE_TOO_LARGE', { id: `Berkas melebihi ${mb} MB; pecah menjadi beberapa berkas.`, en: `The file exceeds ${mb} MB; split it into several files.` }, 'file');
      }
      const view = await startImport(db, user, kind, { path, filename: part.filename, kind: fileKind });
      return reply.code(202).send({ id: view.id });
    },
  );

  r.get(
    `${base}/:id`,
    {
      config: read,
      schema: { tags, summary: `Status, progress (0..1) and preview counts of a ${kind.label.en} import`, params: idParams, response: { 200: viewSchema } },
    },
    async (req) => present(await getImport(db, userOf(req), kind, req.params.id)),
  );

  r.post(
    `${base}/:id/commit`,
    {
      config: write,
      schema: {
        tags,
        summary: `Save all valid ${kind.label.en} rows, atomically (all or none)`,
        description: 'Answers 409 FUNDING_CAPACITY_EXCEEDED when the rows would overrun a funding programme; a permitted role may repeat with confirmOverCapacity.',
        params: idParams,
        body: commitBody,
        response: { 202: viewSchema },
      },
    },
    async (req, reply) => reply.code(202).send(present(await commitImport(db, userOf(req), kind, req.params.id, req.body ?? {}))),
  );

  r.get(
    `${base}/:id/report.xlsx`,
    {
      config: read,
      schema: { tags, summary: 'The rows that were not imported, as uploaded, with a column of messages', params: idParams },
    },
    async (req, reply) => {
      const view = await getImport(db, userOf(req), kind, req.params.id);
      reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="laporan-impor-${kind.label.id}-${view.id}.xlsx"`);
      return reply.send(await importReport(db, kind, view.id));
    },
  );
}
