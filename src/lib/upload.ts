import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, type Bilingual } from './errors.js';

/** What an upload route accepts: its file types and size, and the errors it answers with (stable codes per route). */
export interface UploadSpec<Ext extends string> {
  /** lower-case extensions without the dot, e.g. ['xlsx', 'csv'] */
  extensions: readonly Ext[];
  maxBytes: number;
  /** 422 when the request holds no "file" part or the file type is not accepted */
  wrongType: { code: string; text: Bilingual };
  /** 413 when the file is larger than maxBytes */
  tooLarge: { code: string; text: Bilingual };
  /** other multipart fields to keep (trimmed text, at most 300 characters) */
  fields?: readonly string[];
}

export interface SavedUpload<Ext extends string> {
  /** where the file was stored; the caller owns it (delete it when done) */
  path: string;
  filename: string;
  ext: Ext;
  size: number;
  fields: Record<string, string>;
}

const problem = (status: number, e: { code: string; text: Bilingual }) => new AppError(status, e.code, e.text, 'file');

function extensionOf<Ext extends string>(filename: string, allowed: readonly Ext[]): Ext | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return allowed.find((a) => a === ext || (a === 'jpeg' && ext === 'jpg'));
}

/**
 * The one way a route receives a file: the multipart field "file" streamed to `dir` (bounded by
 * `maxBytes`, never held in memory), with its extension checked. A file cut short is deleted before
 * the 413 is thrown, so no partial upload stays on disk.
 */
export async function receiveUpload<Ext extends string>(req: FastifyRequest, dir: string, spec: UploadSpec<Ext>): Promise<SavedUpload<Ext>> {
  if (!req.isMultipart()) throw problem(422, spec.wrongType);
  const fields: Record<string, string> = {};
  let saved: SavedUpload<Ext> | undefined;
  try {
    // a route naming more fields than the app-wide multipart limit (5) may receive exactly those
    const fieldLimit = spec.fields && spec.fields.length > 5 ? { fields: spec.fields.length } : {};
    for await (const part of req.parts({ limits: { fileSize: spec.maxBytes, ...fieldLimit } })) {
      if (part.type === 'field') {
        if (spec.fields?.includes(part.fieldname) && String(part.value).trim()) fields[part.fieldname] = String(part.value).trim().slice(0, 300);
        continue;
      }
      const ext = part.fieldname === 'file' && !saved ? extensionOf(part.filename, spec.extensions) : undefined;
      if (!ext) {
        part.file.resume();
        throw problem(422, spec.wrongType);
      }
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${randomUUID()}.${ext}`);
      saved = { path, filename: part.filename.slice(0, 200), ext, size: 0, fields };
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) throw problem(413, spec.tooLarge);
      saved.size = part.file.bytesRead;
    }
  } catch (err) {
    if (saved) await rm(saved.path, { force: true });
    // @fastify/multipart ends an over-long stream with this error (or marks it truncated, above)
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw problem(413, spec.tooLarge);
    throw err;
  }
  if (!saved) throw problem(422, spec.wrongType);
  return saved;
}

/** receiveUpload, then `use` the file, which is deleted afterwards whatever happens (for uploads handled in the request). */
export async function withUpload<Ext extends string, T>(
  req: FastifyRequest,
  dir: string,
  spec: UploadSpec<Ext>,
  use: (file: SavedUpload<Ext>) => Promise<T>,
): Promise<T> {
  const file = await receiveUpload(req, dir, spec);
  try {
    return await use(file);
  } finally {
    await rm(file.path, { force: true });
  }
}
