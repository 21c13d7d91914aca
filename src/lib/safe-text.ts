import type { FastifyRequest } from 'fastify';
import { errors } from './errors.js';
import { describeIssue } from './validation-messages.js';
import { UNSAFE } from './text-safety.js';

export { isSafeText } from './text-safety.js';

/** The path (part.key.0.key) of the first string, or object key, holding unsafe text. */
export function findUnsafeText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSAFE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}.${index}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE.test(key)) return path;
      const found = findUnsafeText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

const refuse = (field: string) => errors.validationFailed([describeIssue({ code: 'invalid_characters', path: field.split('.').slice(1) }, field.split('.')[0]!)]);

/**
 * A preValidation hook for every route: 422 VALIDATION_FAILED naming the field, as a schema failure
 * would, for unsafe text in the JSON body, the query string, the path parameters and the file name of
 * a multipart upload (checked as the route reads the part, before it stores anything).
 */
export async function rejectUnsafeText(req: FastifyRequest): Promise<void> {
  for (const [part, value] of [['body', req.body], ['querystring', req.query], ['params', req.params]] as const) {
    const field = findUnsafeText(value, part);
    if (field) throw refuse(field);
  }
  if (!req.isMultipart()) return;
  const checked = <P extends { type?: string; filename?: string } | undefined>(part: P): P => {
    if (part && part.type === 'file' && UNSAFE.test(part.filename ?? '')) throw refuse('file');
    return part;
  };
  const file = req.file.bind(req);
  const parts = req.parts.bind(req);
  req.file = (async (options?: Parameters<typeof file>[0]) => checked(await file(options))) as typeof req.file;
  req.parts = ((options?: Parameters<typeof parts>[0]) =>
    (async function* () {
      for await (const part of parts(options)) yield checked(part);
    })()) as typeof req.parts;
}
