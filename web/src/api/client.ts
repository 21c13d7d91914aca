/**
 * Thin fetch wrapper for the Semesta API.
 *
 * - Cookies only for our own origin (`credentials: 'same-origin'`); the session cookie is HTTP-only.
 * - Every write (non-GET) carries the CSRF token handed out by login and /api/auth/me.
 * - A FormData body is sent as multipart (the browser writes the content type and boundary).
 * - Errors arrive as `{error:{code, message, messageEn, field?, issues?}}` and are thrown as ApiError.
 * - A 401 on anything but the sign-in itself means the session ended: the registered handler is told.
 */

export interface FieldIssue {
  field: string;
  code: string;
  /** Indonesian. */
  message: string;
  messageEn: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** `message` (inherited from Error) is the Indonesian text for people; this is the English one. */
  readonly messageEn: string;
  readonly field: string | undefined;
  readonly issues: FieldIssue[];
  /** extra facts some errors carry, e.g. `{canConfirm}` on FUNDING_CAPACITY_EXCEEDED */
  readonly details: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    messageEn: string;
    field?: string | undefined;
    issues?: FieldIssue[] | undefined;
    details?: Record<string, unknown> | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageEn = init.messageEn;
    this.field = init.field;
    this.issues = init.issues ?? [];
    this.details = init.details ?? {};
  }

  /** The message in the language the user chose. */
  messageIn(lang: string): string {
    return lang.startsWith('en') ? this.messageEn : this.message;
  }
}

let csrfToken: string | undefined;
let onUnauthorized: ((path: string) => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any request other than the sign-in answers 401 (session expired or revoked). */
export function setUnauthorizedHandler(handler: ((path: string) => void) | undefined): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal | undefined;
}

const NO_SESSION_PATHS = new Set(['/api/auth/login']);

/** `path?a=1&b=2`, leaving out empty values (also for plain links such as Excel downloads). */
export function withQuery(path: string, query: Record<string, string | number | undefined> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // FormData (file uploads) sets its own multipart content type with the boundary: never set it here.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  const url = withQuery(path, options.query);

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.',
      messageEn: 'Cannot reach the server. Check your internet connection and try again.',
    });
  }

  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const error = parseError(res.status, data);
    if (res.status === 401 && !NO_SESSION_PATHS.has(path)) onUnauthorized?.(path);
    throw error;
  }
  return data as T;
}

function parseError(status: number, data: unknown): ApiError {
  const e = (data as { error?: Partial<Record<string, unknown>> } | undefined)?.error;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const issues = Array.isArray(e.issues) ? (e.issues as FieldIssue[]) : undefined;
    return new ApiError({
      status,
      code: e.code,
      message: typeof e.message === 'string' ? e.message : fallback(status).id,
      messageEn: typeof e.messageEn === 'string' ? e.messageEn : fallback(status).en,
      field: typeof e.field === 'string' ? e.field : undefined,
      issues,
      details: e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
    });
  }
  const f = fallback(status);
  return new ApiError({ status, code: `HTTP_${status}`, message: f.id, messageEn: f.en });
}

function fallback(status: number): { id: string; en: string } {
  if (status >= 500 || status === 0)
    return {
      id: `Server sedang bermasalah (kode ${status}). Coba lagi beberapa saat lagi.`,
      en: `The server has a problem (status ${status}). Try again in a moment.`,
    };
  return { id: `Permintaan gagal (kode ${status}).`, en: `The request failed (status ${status}).` };
}
