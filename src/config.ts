import { z } from 'zod';

/** Environment read and validated once at start-up; every bad value is reported by name. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: z.enum(['true', 'false', '1', '0']).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Demo mode seeds synthetic data and the documented demo accounts. Default: on for the embedded database only. */
  demo: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** behind a reverse proxy: take the client address from X-Forwarded-For (else it could be forged) */
  trustProxy: boolean;
  loginRateLimit: number;
  /** the largest upload any route accepts (routes for small files set lower limits of their own) */
  uploadMaxBytes: number;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Konfigurasi tidak valid / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demo: e.DEMO === undefined ? e.DATABASE_URL === undefined : e.DEMO === 'true' || e.DEMO === '1',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    logLevel: e.LOG_LEVEL,
  };
}
