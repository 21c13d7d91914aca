import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { importDenominators } from './service.js';

const wrongFile = () =>
  new AppError(422, 'DENOMINATOR_FILE_TYPE', { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' }, 'file');

/** Denominator files are a few thousand rows at most; anything larger is refused. */
const MAX_BYTES = 20 * 1024 * 1024;

export function denominatorRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/denominators/import',
    {
      config: { access: { permission: 'denominator:write' } },
      schema: {
        tags: ['coverage'],
        summary: 'Import employed population (penduduk bekerja) and yearly targets per region (.xlsx/.csv, multipart "file"); all or nothing',
        description:
          'Columns: Kode Wilayah, Tahun, Penduduk Bekerja, Formal (optional), Informal (optional), Target Persen (optional), Sumber. ' +
          'Every row must lie in your region. Any bad row rejects the file with 422 DENOMINATOR_IMPORT_INVALID and `details.rows` ' +
          '[{row, field, code, message, messageEn}].',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ rows: z.number(), denominators: z.number(), targets: z.number() }) },
      },
    },
    async (req) => {
      const user = userOf(req);
      if (!req.isMultipart()) throw wrongFile();
      const part = await req.file({ limits: { fileSize: MAX_BYTES } });
      if (!part || part.fieldname !== 'file') throw wrongFile();
      const kind = /\.xlsx$/i.test(part.filename) ? 'xlsx' : /\.csv$/i.test(part.filename) ? 'csv' : undefined;
      if (!kind) throw wrongFile();
      const path = join(tmpdir(), `semesta-denominators-${randomUUID()}.${kind}`);
      try {
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) {
          throw new AppError(413, 'DENOMINATOR_FILE_TOO_LARGE', { id: 'Berkas melebihi 20 MB.', en: 'The file exceeds 20 MB.' }, 'file');
        }
        return await importDenominators(db, user, { path, kind, filename: part.filename });
      } finally {
        await rm(path, { force: true });
      }
    },
  );
}
