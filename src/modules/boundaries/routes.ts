import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../access/plugin.js';
import { access } from '../../access/rules.js';
import type { Db } from '../../db/client.js';
import { type UploadSpec, withUpload } from '../../lib/upload.js';
import { codeParams } from '../coverage/schemas.js';
import { boundaryCollectionSchema, boundaryImportResultSchema } from './schemas.js';
import { childBoundaries, importBoundaries } from './service.js';

/** A boundary file larger than this is refused (issue 12: a 60 MB file was accepted and served to every user of a province). */
export const BOUNDARY_MAX_MB = 20;
const GEOJSON_FILE: UploadSpec<'geojson' | 'json'> = {
  extensions: ['geojson', 'json'],
  maxBytes: BOUNDARY_MAX_MB * 1024 * 1024,
  wrongType: { code: 'GEOJSON_FILE_TYPE', text: { id: 'Unggah berkas .geojson atau .json (kolom "file").', en: 'Upload a .geojson or .json file (field "file").' } },
  tooLarge: {
    code: 'BOUNDARY_FILE_TOO_LARGE',
    text: {
      id: `Berkas batas wilayah paling besar ${BOUNDARY_MAX_MB} MB. Sederhanakan geometrinya (mis. mapshaper, toleransi ±10 m) atau unggah per kabupaten/kota.`,
      en: `A boundary file may be at most ${BOUNDARY_MAX_MB} MB. Simplify its geometry (e.g. mapshaper, about 10 m tolerance) or upload one regency/city at a time.`,
    },
  },
  fields: ['source'],
};
const DEFAULT_SOURCE = 'Batas wilayah resmi (unggahan admin)';

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
        response: { 200: boundaryImportResultSchema },
      },
    },
    async (req) => {
      const user = userOf(req);
      return withUpload(req, join(tmpdir(), 'semesta-boundaries'), GEOJSON_FILE, async (file) =>
        importBoundaries(db, user, await readFile(file.path, 'utf8'), file.filename, file.fields.source ?? DEFAULT_SOURCE),
      );
    },
  );

  const map = {
    tags: ['coverage'],
    summary: 'Uploaded boundaries of the region’s children (GeoJSON; feature name = Kemendagri code); empty when none',
    params: codeParams,
    response: { 200: boundaryCollectionSchema },
  };
  r.get(
    '/api/coverage/:code/map',
    { config: { access: access(map, 'coverage:read', { region: (v) => v.params.code }) }, schema: map },
    async (req) => childBoundaries(db, req.params.code),
  );
}
