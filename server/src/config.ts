/**
 * Configuration from the environment, parsed by one zod schema. A bad value stops the process with a
 * message that names the variable, before anything listens or opens a file.
 *
 * Every relay limit is a named variable derived from its key in `DEFAULT_LIMITS`
 * (`maxMessageBytes` → `MAX_MESSAGE_BYTES`), so a new limit gets its variable without an edit here.
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS, type Limits, limitProblems } from './relay/limits.js';

export interface HttpLimits {
  /** Largest HTTP request body; larger answers 413. */
  bodyLimit: number;
  /** Boards one IP may create per minute; more answers 429. */
  boardCreatesPerMinute: number;
  /** WebSocket upgrades one IP may start per minute; more answers 429 before any socket exists. */
  upgradesPerMinute: number;
}

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the embedded storage directory. */
  dataDir: string;
  storage: 'sqlite' | 'postgres';
  /** The SQLite journal copies updates into a shared mapping of its file when it can (else write(2)). */
  journalMmap: boolean;
  /** Set whenever `storage` is postgres; `?schema=name` picks the schema (default public). */
  databaseUrl: string | undefined;
  /** Set: several nodes share boards through Redis Streams (needs `storage` postgres). */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (several deployments can share one Redis). */
  redisKeyPrefix: string;
  /** Grants facilitator on any board id and creates the board on first use. */
  serviceToken: string | undefined;
  /** Origin used in board links (no trailing slash); the request's origin when unset. */
  publicUrl: string | undefined;
  /** Honour X-Forwarded-* (client IP for rate limits, protocol for links) behind a proxy. */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: HttpLimits;
  limits: Limits;
  pdfExport: PdfExportConfig;
}

/** Exports (every PDF; CSV/JSON/Markdown of large boards) render on worker threads, started on first use. */
export interface PdfExportConfig {
  /** Render threads (`EXPORT_WORKERS`, default 1): exports rendering at once. */
  workers: number;
  /** Exports that may wait for a free thread (`EXPORT_QUEUE`); more answer 503 EXPORT_BUSY. */
  queue: number;
  /** Old-generation heap of each render thread in MiB (`EXPORT_WORKER_HEAP_MB`); past it the
   * thread is stopped and that export answers 500 EXPORT_FAILED, the server carries on. */
  heapMb: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `maxMessageBytes` → `MAX_MESSAGE_BYTES`. */
export function limitEnvName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Every limit's variable name, e.g. `{ maxMessageBytes: 'MAX_MESSAGE_BYTES', … }`. */
export const LIMIT_ENV: Readonly<Record<keyof Limits, string>> = Object.fromEntries(
  Object.keys(DEFAULT_LIMITS).map((key) => [key, limitEnvName(key)]),
) as Record<keyof Limits, string>;

const count = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number (${what})`)
    .transform(Number)
    .refine(Number.isSafeInteger, 'number too large');

const optionalCount = (fallback: number, what: string) => count(what).default(fallback);

const flag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.url({ error: `expected a URL (${protocols.join(', ')})` }).refine(
    (value) => {
      const protocol = new URL(value).protocol.replace(/:$/, '');
      return protocols.includes(protocol);
    },
    `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  );

/**
 * The schemas are built when the environment is read, not when this module loads: the server reads
 * its configuration once, and ~200 zod schemas kept for the process's life would be ~0.3 MiB of
 * heap for nothing (measured: docs/benchmarks-history.md, seventh session).
 */
function envSchemas() {
  const env = z
    .object({
      PORT: count('0–65535')
        .refine((p) => p <= 65535, 'expected a port number 0–65535')
        .default(3000),
      HOST: z.string().min(1).default('0.0.0.0'),
      DATA_DIR: z.string().min(1).default('./data'),
      STORAGE: z.enum(['sqlite', 'postgres'], { error: 'expected sqlite or postgres' }).default('sqlite'),
      // The SQLite journal copies each update into a shared mapping of its file (no system call per
      // update) when its native part is built; false makes it append with write(2).
      JOURNAL_MMAP: flag().default(true),
      DATABASE_URL: url(['postgres', 'postgresql']).optional(),
      REDIS_URL: url(['redis', 'rediss']).optional(),
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'expected 1–64 letters, digits, ":", "_", "." or "-"')
        .default('tn:'),
      SERVICE_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
      PUBLIC_URL: url(['http', 'https']).optional(),
      TRUST_PROXY: flag().default(false),
      LOG_LEVEL: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'expected fatal, error, warn, info, debug, trace or silent',
        })
        .default('info'),
      MAX_BODY_BYTES: optionalCount(1024 * 1024, 'bytes'),
      BOARD_CREATES_PER_MINUTE: optionalCount(30, 'per IP'),
      WS_UPGRADES_PER_MINUTE: optionalCount(600, 'per IP'),
      EXPORT_WORKERS: count('export threads')
        .refine((n) => n >= 1 && n <= 16, 'expected 1–16 export threads')
        .default(1),
      EXPORT_QUEUE: count('exports waiting')
        .refine((n) => n <= 1000, 'at most 1000')
        .default(8),
      // 1 GiB: a 20,000-card record needs 256–512 MiB; a bigger board fails alone, not the server.
      EXPORT_WORKER_HEAP_MB: count('MiB')
        .refine((n) => n >= 32, 'expected at least 32 (MiB)')
        .default(1024),
    })
    .superRefine((env, ctx) => {
      // No default database: guessing one would put a deployment's boards somewhere unexpected.
      if (env.STORAGE === 'postgres' && env.DATABASE_URL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: 'required when STORAGE=postgres (e.g. postgres://user:password@host:5432/truenorth)',
        });
      }
      // REDIS_URL means several nodes; each would have its own SQLite file and its own boards.
      if (env.REDIS_URL !== undefined && env.STORAGE !== 'postgres') {
        ctx.addIssue({
          code: 'custom',
          path: ['REDIS_URL'],
          message:
            'several nodes need one shared database: set STORAGE=postgres and DATABASE_URL, or unset REDIS_URL for a single node with SQLite',
        });
      }
    });

  // Built from DEFAULT_LIMITS so every limit is a variable with its default.
  const limits = z.object(
    Object.fromEntries(
      Object.entries(DEFAULT_LIMITS).map(([key, fallback]) => [
        LIMIT_ENV[key as keyof Limits],
        optionalCount(fallback as number, `default ${fallback}`),
      ]),
    ),
  );
  return { env, limits };
}

/** Unset and empty variables are the same (compose files often write `VAR=`). */
function present(env: NodeJS.ProcessEnv, names: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

/** Never echoed back in an error message (they may hold passwords). */
const SECRET_VARS = new Set(['SERVICE_TOKEN', 'DATABASE_URL', 'REDIS_URL']);

function problemsOf(error: z.ZodError, env: Record<string, string>): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const got = env[name] === undefined || SECRET_VARS.has(name) ? '' : ` (got "${env[name]}")`;
    return `${name}: ${issue.message}${got}`;
  });
}

/** Parse the environment; throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const schemas = envSchemas();
  const base = present(env, schemas.env.keyof().options);
  const limitVars = present(env, Object.values(LIMIT_ENV));
  const parsed = schemas.env.safeParse(base);
  const parsedLimits = schemas.limits.safeParse(limitVars);
  const problems = [
    ...(parsed.success ? [] : problemsOf(parsed.error, base)),
    ...(parsedLimits.success ? [] : problemsOf(parsedLimits.error, limitVars)),
  ];
  if (!parsed.success || !parsedLimits.success) throw new ConfigError(problems);

  const e = parsed.data;
  const limits = Object.fromEntries(
    Object.keys(DEFAULT_LIMITS).map((key) => [key, parsedLimits.data[LIMIT_ENV[key as keyof Limits]]]),
  ) as unknown as Limits;
  // Cross-field rules live with the limits; report them under the variable's name.
  const limitErrors = limitProblems(limits).map((problem) =>
    problem.replace(/^(\w+):/, (_match, key: string) => `${LIMIT_ENV[key as keyof Limits] ?? key}:`),
  );
  if (limitErrors.length > 0) throw new ConfigError(limitErrors);

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    storage: e.STORAGE,
    journalMmap: e.JOURNAL_MMAP,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    serviceToken: e.SERVICE_TOKEN,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    http: {
      bodyLimit: e.MAX_BODY_BYTES,
      boardCreatesPerMinute: e.BOARD_CREATES_PER_MINUTE,
      upgradesPerMinute: e.WS_UPGRADES_PER_MINUTE,
    },
    limits,
    pdfExport: {
      workers: e.EXPORT_WORKERS,
      queue: e.EXPORT_QUEUE,
      heapMb: e.EXPORT_WORKER_HEAP_MB,
    },
  };
}
