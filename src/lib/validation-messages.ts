import type { FieldIssue } from './errors.js';

/** Turns a schema-validation issue into a bilingual sentence that names the field. */
interface IssueLike {
  code?: string;
  message?: string;
  path?: readonly PropertyKey[];
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
  expected?: unknown;
  values?: unknown[];
  format?: string;
}

export function fieldOf(issue: IssueLike, part: string): string {
  const path = issue.path ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
  return [part, ...path.map(String)].filter(Boolean).join('.');
}

export function describeIssue(issue: IssueLike, part: string): FieldIssue {
  const field = fieldOf(issue, part);
  const name = field.split('.').slice(1).join('.') || field;
  let id: string;
  let en: string;
  // text() (src/lib/schemas.ts) reports unsafe characters as a custom issue carrying this code
  const kind = issue.code === 'custom' && issue.params?.code === 'invalid_characters' ? 'invalid_characters' : issue.code;
  let code = (kind ?? 'invalid').toUpperCase();
  switch (kind) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message ?? '')) {
        code = 'REQUIRED';
        id = `Kolom "${name}" wajib diisi.`;
        en = `Field "${name}" is required.`;
      } else {
        id = `Kolom "${name}" harus berupa ${issue.expected ?? 'nilai yang benar'}.`;
        en = `Field "${name}" must be a ${issue.expected ?? 'valid value'}.`;
      }
      break;
    case 'too_small':
      id = `Kolom "${name}" terlalu pendek atau terlalu kecil (minimal ${issue.minimum}).`;
      en = `Field "${name}" is too short or too small (minimum ${issue.minimum}).`;
      break;
    case 'too_big':
      id = `Kolom "${name}" terlalu panjang atau terlalu besar (maksimal ${issue.maximum}).`;
      en = `Field "${name}" is too long or too large (maximum ${issue.maximum}).`;
      break;
    case 'invalid_value':
      id = `Kolom "${name}" harus salah satu dari: ${(issue.values ?? []).join(', ')}.`;
      en = `Field "${name}" must be one of: ${(issue.values ?? []).join(', ')}.`;
      break;
    case 'invalid_format':
      id = `Format kolom "${name}" tidak sesuai.`;
      en = `Field "${name}" has the wrong format.`;
      break;
    case 'custom':
      id = `Kolom "${name}" tidak valid: ${issue.message ?? ''}.`;
      en = `Field "${name}" is invalid: ${issue.message ?? ''}.`;
      break;
    case 'invalid_characters':
      id = `Kolom "${name}" berisi karakter yang tidak diizinkan (NUL atau karakter Unicode yang tidak utuh).`;
      en = `Field "${name}" contains characters that are not allowed (NUL or a broken Unicode character).`;
      break;
    case 'unrecognized_keys':
      id = `Kolom tidak dikenal di "${part}".`;
      en = `Unknown field in "${part}".`;
      break;
    default:
      id = `Kolom "${name}" tidak valid.`;
      en = `Field "${name}" is invalid${issue.message ? `: ${issue.message}` : ''}.`;
  }
  return { field, code, message: id, messageEn: en };
}
