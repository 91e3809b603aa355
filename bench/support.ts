/**
 * What the HTTP benchmarks share: the PostgreSQL database of a run's own (created on the server, dropped at the
 * end), the service's environment, the synthetic portfolio of `engine.bench.ts` as a client stores it, and the
 * figures' printing. Nothing here is timed.
 */
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { syntheticPlan } from './engine.bench.js'

/** The repository's root: the servers run from there (`node --import tsx src/server.ts`). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** The bootstrap admin key of the benchmarks' service. */
export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef0123456789'
/** The PostgreSQL server when DATABASE_URL names none: the project's machines run one there. */
export const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres'

// ---------------------------------------------------------------------------------------------------------------
// Figures

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
export const ms = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`
export const count = (n: number): string => n.toLocaleString('en-US')
/** The 1, 5 and 15 minute load averages: on a shared machine they say how far the figures can be trusted. */
export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

/** Rows printed as columns, each as wide as its widest cell. */
export function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  for (const row of rows)
    console.log(`    ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd())
}

// ---------------------------------------------------------------------------------------------------------------
// The database

/** `work` with a client connected to `url`, closed afterwards. */
export async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export interface OwnDatabase {
  url: string
  name: string
  server: string
  version: string
}

/**
 * A database of this run's own, `<prefix>_<time>_<random>`, on the server named by DATABASE_URL, else on
 * {@link DEFAULT_SERVER}. With `fallback`, a missing server (or `--pglite`) gives the reason there is none
 * instead, so the benchmark can run on PGlite and say so; a DATABASE_URL that does not work always throws.
 */
export async function ownDatabase(prefix: string): Promise<OwnDatabase>
export async function ownDatabase(
  prefix: string,
  options: { fallback: true },
): Promise<OwnDatabase | { reason: string }>
export async function ownDatabase(
  prefix: string,
  options: { fallback?: boolean } = {},
): Promise<OwnDatabase | { reason: string }> {
  if (options.fallback && process.argv.includes('--pglite')) return { reason: '--pglite given' }
  const explicit = process.env.DATABASE_URL?.trim()
  const server = explicit || DEFAULT_SERVER
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`
  try {
    const version = await onServer(server, async (client) => {
      await client.query(`CREATE DATABASE "${name}"`)
      return String((await client.query('SHOW server_version')).rows[0]?.server_version)
    })
    const url = new URL(server)
    url.pathname = `/${name}`
    return { url: url.toString(), name, server, version }
  } catch (error) {
    if (explicit)
      throw new Error(`DATABASE_URL is set but PostgreSQL is not usable: ${(error as Error).message}`)
    if (!options.fallback) throw error
    return { reason: `no PostgreSQL at ${new URL(server).host} (${(error as Error).message})` }
  }
}

/** Drops the run's own database, whoever is still connected to it. */
export async function dropOwnDatabase(database: OwnDatabase): Promise<void> {
  await onServer(database.server, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// The service

/** The limits that would refuse, shed or log a benchmark's requests, lifted; every other setting its default. */
export const SERVICE_LIMITS = {
  LOG_LEVEL: 'error',
  RATE_LIMIT_PER_MINUTE: '1000000',
  MAX_EVENT_LOOP_DELAY_MS: '0',
} as const

/**
 * The environment the service of a benchmark runs with (`loadConfig` of it, in a child process or in this one):
 * the database at `databaseUrl` or else an in-memory PGlite, the bootstrap {@link ADMIN_KEY}, the
 * {@link SERVICE_LIMITS} and `more`. Only PATH and HOME of this process's environment are passed on.
 */
export function serviceEnv(
  databaseUrl: string | undefined,
  more: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: 'memory://' }),
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    ...SERVICE_LIMITS,
    ...more,
  }
}

/** The service's settings as the start-up line prints them. */
export const settingsText = (env: Readonly<Record<string, string>>): string =>
  Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')

// ---------------------------------------------------------------------------------------------------------------
// The portfolio

const TEAMS = ['search', 'support', 'data-platform', 'growth', 'finance-ops', 'trust-safety']

/**
 * The portfolio of `engine.bench.ts` (`size` workloads, seed 20270101) as a client stores it: each workload with
 * a team and tags (every third one also a region tag, unless `regionTags` is false), and the plan's scenario.
 */
export function benchPortfolio(size: number, options: { regionTags?: boolean } = {}) {
  const plan = syntheticPlan(size, 20270101)
  const regionTags = options.regionTags ?? true
  const workloads = plan.workloads.map((workload, i) => ({
    ...workload,
    team: TEAMS[i % TEAMS.length]!,
    tags: regionTags && i % 3 === 0 ? ['prod', `region-${i % 4}`] : ['prod'],
  }))
  const scenario = {
    name: 'optimize first',
    term: plan.term,
    levers: plan.levers,
    commitment: plan.commitment,
  }
  return { plan, workloads, scenario }
}
