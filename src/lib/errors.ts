/**
 * The one error shape of the API:
 *   { "error": { "code": "REGION_NOT_FOUND", "message": "…Indonesian…", "messageEn": "…", "field": "code",
 *                "issues": [{ "field", "code", "message", "messageEn" }] } }
 * `code` is stable and meant for programs; the messages are for people and may be reworded.
 */
import type { Bilingual } from '../domain/bilingual.js';

export type { Bilingual };

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    messageEn: string;
    field?: string;
    issues?: FieldIssue[];
    details?: Record<string, unknown>;
  };
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly text: Bilingual,
    public readonly field?: string,
    public readonly issues?: FieldIssue[],
    public readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.text.id,
        messageEn: this.text.en,
        ...(this.field ? { field: this.field } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const errors = {
  unauthenticated: () =>
    new AppError(401, 'UNAUTHENTICATED', {
      id: 'Sesi Anda tidak aktif. Silakan masuk kembali.',
      en: 'You are not signed in. Please sign in again.',
    }),
  tokenInvalid: () =>
    new AppError(401, 'UNAUTHENTICATED', {
      id: 'Token API tidak ada, tidak dikenal atau sudah dicabut. Kirim header "Authorization: Bearer <token>" dengan token yang aktif.',
      en: 'The API token is missing, unknown or revoked. Send "Authorization: Bearer <token>" with an active token.',
    }),
  tokenScope: (scope: string) =>
    new AppError(403, 'FORBIDDEN_SCOPE', {
      id: `Token API ini tidak berhak "${scope}".`,
      en: `This API token lacks the "${scope}" scope.`,
    }),
  badCredentials: () =>
    new AppError(401, 'INVALID_CREDENTIALS', {
      id: 'Nama pengguna atau kata sandi salah.',
      en: 'Wrong username or password.',
    }),
  csrf: () =>
    new AppError(403, 'CSRF_TOKEN_INVALID', {
      id: 'Token keamanan (x-csrf-token) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
      en: 'Security token (x-csrf-token) missing or wrong. Reload the page and try again.',
    }),
  forbiddenRole: () =>
    new AppError(403, 'FORBIDDEN_ROLE', {
      id: 'Peran Anda tidak memiliki hak untuk tindakan ini.',
      en: 'Your role is not allowed to do this.',
    }),
  forbiddenRegion: (code: string) =>
    new AppError(
      403,
      'FORBIDDEN_REGION',
      {
        id: `Wilayah ${code} berada di luar wilayah kerja Anda.`,
        en: `Region ${code} is outside your assigned region.`,
      },
      undefined,
      undefined,
      { regionCode: code },
    ),
  regionNotFound: (code: string, field = 'code') =>
    new AppError(
      404,
      'REGION_NOT_FOUND',
      { id: `Kode wilayah ${code} tidak dikenal.`, en: `Unknown region code ${code}.` },
      field,
    ),
  notFound: (what: Bilingual) =>
    new AppError(404, 'NOT_FOUND', { id: `${what.id} tidak ditemukan.`, en: `${what.en} not found.` }),
  routeNotFound: (method: string, url: string) =>
    new AppError(404, 'ROUTE_NOT_FOUND', {
      id: `Alamat ${method} ${url} tidak ada.`,
      en: `There is no ${method} ${url}.`,
    }),
  conflict: (code: string, text: Bilingual, field?: string) => new AppError(409, code, text, field),
  /** 422 VALIDATION_FAILED: schema failures and input refused at the edge, the first issue in the message. */
  validationFailed: (issues: FieldIssue[]) => {
    const first = issues[0];
    return new AppError(
      422,
      'VALIDATION_FAILED',
      {
        id: first ? `Data tidak valid: ${first.message}` : 'Data tidak valid.',
        en: first ? `Invalid input: ${first.messageEn}` : 'Invalid input.',
      },
      first?.field,
      issues,
    );
  },
  invalid: (field: string, code: string, text: Bilingual) =>
    new AppError(422, code, text, field, [{ field, code, message: text.id, messageEn: text.en }]),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError(429, 'TOO_MANY_ATTEMPTS', {
      id: `Terlalu banyak percobaan. Coba lagi dalam ${retryAfterSeconds} detik.`,
      en: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
    }),
  payloadTooLarge: () =>
    new AppError(413, 'PAYLOAD_TOO_LARGE', {
      id: 'Data yang dikirim terlalu besar.',
      en: 'The request is too large.',
    }),
  badRequest: (text: Bilingual) => new AppError(400, 'BAD_REQUEST', text),
  internal: () =>
    new AppError(500, 'INTERNAL', {
      id: 'Terjadi kesalahan pada server. Coba lagi; jika berulang, hubungi admin dengan waktu kejadian.',
      en: 'Something went wrong on the server. Try again; if it persists, tell the admin the time it happened.',
    }),
};
