import { z } from 'zod'
import { previousShareLinkSecrets, publicBaseUrl, shareLinkSecret } from './share-link-secrets.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const redisUrl = z
  .string()
  .trim()
  .refine((value) => /^rediss?:\/\/.+/.test(value), 'must be a redis:// or rediss:// URL')

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback)

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgresql:// connection URL')

/**
 * The service's configuration, read from the environment once at boot.
 * Empty strings count as unset, so `FOO=` in an env file means "use the default".
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** PostgreSQL server; when unset the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: postgresUrl.optional(),
  /** Folder of the embedded database (`memory://` keeps it in memory, for tests). */
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Comma-separated allowlist of browser origins; empty = no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }).max(200))),
  /** Registered as an admin key of the default organization when no API key exists yet. */
  BOOTSTRAP_ADMIN_KEY: z.string().trim().min(32, 'must be at least 32 characters').max(200).optional(),
  BOOTSTRAP_ORG_NAME: z.string().trim().min(1).max(200).default('default'),
  /** Requests per minute per API key; every request counts, invalid ones too. */
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000, 600),
  /** Failed authentications per minute per client address before it gets 429s (no database work). */
  AUTH_FAILURES_PER_MINUTE: int(1, 1_000_000, 30),
  AUTH_CACHE_TTL_MS: int(0, 60_000, 5_000),
  /** Redis shared by every instance for rate-limit counters; unset: counters per instance. */
  REDIS_URL: redisUrl.optional(),
  /** Worker threads computing plans (default: one per core, at least one). */
  PLAN_WORKERS: int(0, 256, 0),
  /** Plan computations waiting for a worker before new ones are turned away (503). */
  PLAN_QUEUE_SIZE: int(0, 10_000, 16),
  /** Plan computations one API key may have running or queued at once (beyond: 429). */
  PLAN_CONCURRENCY_PER_KEY: int(1, 1_000, 2),
  /** Deadline of one plan computation, ms (beyond: 503, and the worker is replaced). */
  PLAN_DEADLINE_MS: int(100, 600_000, 30_000),
  /** PostgreSQL: time to open a connection or get one from the pool, ms. */
  DB_CONNECT_TIMEOUT_MS: int(100, 120_000, 5_000),
  /** PostgreSQL: longest a statement may run (server-side statement_timeout and client-side guard), ms. */
  DB_STATEMENT_TIMEOUT_MS: int(100, 600_000, 8_000),
  /** PostgreSQL connections per instance. */
  DB_POOL_SIZE: int(1, 1_000, 10),
  /** Event-loop delay beyond which requests are answered 503 (under pressure), ms; 0 turns the check off. */
  MAX_EVENT_LOOP_DELAY_MS: int(0, 60_000, 1_000),
  /** Heap in use beyond which requests are answered 503, MiB; 0 turns the check off. */
  MAX_HEAP_USED_MB: int(0, 1_000_000, 0),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** How long a shutdown may wait for in-flight requests before the process exits anyway. */
  SHUTDOWN_GRACE_MS: int(0, 600_000, 10_000),
  /**
   * Signs share links (HMAC-SHA256), 32+ bytes. Required when NODE_ENV=production; otherwise, unset, each
   * process signs with a random secret of its own (links stop working when it restarts).
   */
  SHARE_LINK_SECRET: shareLinkSecret.optional(),
  /** Earlier signing secrets as `<secret>@<until>`, comma-separated: their links verify until `until`. */
  SHARE_LINK_PREVIOUS_SECRETS: previousShareLinkSecrets,
  /** Where clients reach the service (share links are absolute); unset: the request's own scheme and host. */
  PUBLIC_BASE_URL: publicBaseUrl.optional(),
  /** Trust X-Forwarded-* from a load balancer in front of the service. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /**
   * Seed the sample portfolio of docs/demo.md into the bootstrap key's organization on its first start.
   * Unset: on for the embedded database (no DATABASE_URL), off with DATABASE_URL (see {@link loadConfig}).
   */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
})

export type Config = Readonly<Omit<z.output<typeof envSchema>, 'SEED_DEMO'> & { SEED_DEMO: boolean }>

/** Thrown when the environment does not describe a valid configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/**
 * Parses the configuration once: every problem is reported together, and the result is frozen.
 * @param source the environment to read (defaults to `process.env`)
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {}
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key]
    if (value !== undefined && value.trim() !== '') cleaned[key] = value
  }
  const parsed = envSchema.safeParse(cleaned)
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  // A production instance never signs with a secret nobody configured: its links would die with the process
  // and be refused by every other instance.
  if (source.NODE_ENV === 'production' && cleaned.SHARE_LINK_SECRET === undefined) {
    problems.push('SHARE_LINK_SECRET: required when NODE_ENV=production (e.g. `openssl rand -base64 48`)')
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems)
  const { SEED_DEMO, ...config } = parsed.data
  return Object.freeze({ ...config, SEED_DEMO: SEED_DEMO ?? config.DATABASE_URL === undefined })
}
