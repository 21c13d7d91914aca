import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../access/plugin.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { codeParams } from '../coverage/schemas.js';
import { childBoundaries, importBoundaries } from './service.js';

const MAX_BYTES = 100 * 1024 * 1024;
const byCode = (req: { params: unknown }) => (req.params as { code?: string }).code;
const wrongFile = () => new AppError(422, 'GEOJSON_FILE_TYPE', { id: 'Unggah berkas .geojson atau .json (kolom "file").', en: 'Upload a .geojson or .json file (field "file").' }, 'file');

export function boundaryRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/boundaries/import',
    {
      config: { access: { permission: 'boundary:write' } },
      schema: {
        tags: ['coverage'],
        summary: 'Upload official region boundaries (GeoJSON FeatureCollection, property "code" = Kemendagri code; multipart "file", optional field "source")',
        consumes: ['multipart/form-data'],
        response: { 200: z.object({ regions: z.number() }) },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw wrongFile();
      let source = 'Batas wilayah resmi (unggahan admin)';
      let file: { text: string; name: string } | undefined;
      for await (const part of req.parts({ limits: { fileSize: MAX_BYTES } })) {
        if (part.type === 'field' && part.fieldname === 'source' && String(part.value).trim()) source = String(part.value).trim().slice(0, 300);
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || !/\.(geo)?json$/i.test(part.filename)) throw wrongFile();
          file = { text: (await part.toBuffer()).toString('utf8'), name: part.filename };
        }
      }
      if (!file) throw wrongFile();
      return importBoundaries(db, userOf(req), file.text, file.name, source);
    },
  );

  r.get(
    '/api/coverage/:code/map',
    {
      config: { access: { permission: 'coverage:read', region: byCode } },
      schema: { tags: ['coverage'], summary: 'Uploaded boundaries of the region’s children (GeoJSON; feature name = Kemendagri code); empty when none', params: codeParams },
    },
    async (req) => childBoundaries(db, req.params.code),
  );
}
