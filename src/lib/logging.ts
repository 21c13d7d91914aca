/**
 * What the log may hold (UU 27/2022): no bodies, cookies or tokens, no NIK. Three layers:
 *  - requests are logged with their URL's `nik` parameters redacted (the worker search takes `?nik=`);
 *  - database errors are logged as their SQLSTATE code and constraint name only — their `detail` says
 *    "Key (nik)=(3202…) already exists" or "Failing row contains (…)", and the message can quote input;
 *  - every line leaving the logger has any remaining standalone 16-digit number masked.
 */
export interface LogSink {
  write(line: string): unknown;
}

const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;

export function loggerOptions(config: { logLevel: string }, sink: LogSink = process.stdout) {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; host?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }),
      // Every `{ err }` logged, whoever logs it.
      err: loggableError,
    },
    stream: { write: (line: string) => sink.write(scrubLine(line)) },
  };
}

/** Masks 16-digit numbers inside the strings of one JSON log line (numbers, like a response time's fraction, are left alone). */
function scrubLine(line: string): string {
  if (!/\d{16}/.test(line)) return line;
  try {
    return `${JSON.stringify(JSON.parse(line, (_key, value: unknown) => (typeof value === 'string' ? value.replace(SIXTEEN_DIGITS, '[NIK]') : value)))}\n`;
  } catch {
    return line.replace(SIXTEEN_DIGITS, '[NIK]');
  }
}

/** `?nik=…` (any case, also `nikList`-like names starting with nik) becomes `?nik=[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]nik[^=&]*=)[^&#]*/gi, '$1[redacted]').replace(SIXTEEN_DIGITS, '[NIK]');
}

interface DatabaseErrorLike {
  code: string;
  constraint?: string;
  severity?: string;
}

const isDatabaseError = (err: unknown): err is DatabaseErrorLike =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code) && 'severity' in err;

/** An error as it may be logged: a database error reduced to its code and constraint; others by type, message and stack. */
export function loggableError(err: unknown): unknown {
  if (isDatabaseError(err)) return { type: 'DatabaseError', code: err.code, ...(err.constraint ? { constraint: err.constraint } : {}) };
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  return { type: err.constructor.name, message: err.message, stack: err.stack, ...(typeof code === 'string' ? { code } : {}) };
}
