import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { type UploadSpec, withUpload } from '../../lib/upload.js';
import { importResultSchema } from './schemas.js';
import { importDenominators } from './service.js';

/** Denominator files are a few thousand rows at most; anything larger is refused. */
const DENOMINATOR_FILE: UploadSpec<'xlsx' | 'csv'> = {
  extensions: ['xlsx', 'csv'],
  maxBytes: 20 * 1024 * 1024,
  wrongType: { code: 'DENOMINATOR_FILE_TYPE', text: { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' } },
  tooLarge: { code: 'DENOMINATOR_FILE_TOO_LARGE', text: { id: 'Berkas melebihi 20 MB.', en: 'The file exceeds 20 MB.' } },
};

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
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      const user = userOf(req);
      return withUpload(req, join(tmpdir(), 'semesta-denominators'), DENOMINATOR_FILE, (file) => importDenominators(db, user, { path: file.path, kind: file.ext, filename: file.filename }));
    },
  );
}
