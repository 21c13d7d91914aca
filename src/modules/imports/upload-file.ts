import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { receiveUpload, type UploadSpec } from '../../lib/upload.js';

/** The import upload: .xlsx or .csv up to UPLOAD_MAX_MB (config). */
const uploadSpec = (maxBytes: number): UploadSpec<'xlsx' | 'csv'> => {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return {
    extensions: ['xlsx', 'csv'],
    maxBytes,
    wrongType: { code: 'IMPORT_FILE_TYPE', text: { id: 'Unggah berkas .xlsx atau .csv (kolom "file").', en: 'Upload an .xlsx or .csv file (field "file").' } },
    tooLarge: { code: 'IMPORT_FILE_TOO_LARGE', text: { id: `Berkas melebihi ${mb} MB; pecah menjadi beberapa berkas.`, en: `The file exceeds ${mb} MB; split it into several files.` } },
  };
};

/** An import file received as every kind receives it (also for uploads under a parent record). */
export const receiveImportFile = (req: FastifyRequest, config: Config) => receiveUpload(req, join(config.dataDir, 'uploads'), uploadSpec(config.uploadMaxBytes));
