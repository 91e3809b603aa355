import { mkdir } from 'node:fs/promises'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { type Config, loadConfig } from '../config/env.js'
import { lockDataDir } from './data-dir-lock.js'
import { PrismaClient } from './generated/client.js'
import type { MigrationConnection } from './migrate.js'
import { DatabaseTimeoutError } from './unavailable.js'

export type { PrismaClient } from './generated/client.js'

/** An open database: the Prisma client the app uses, and a raw connection for migrations. */
export interface Database {
  kind: 'postgres' | 'pglite'
  prisma: PrismaClient
  /** Runs `fn` on a raw SQL connection (migrations, health checks). */
  withConnection<T>(fn: (conn: MigrationConnection) => Promise<T>): Promise<T>
  close(): Promise<void>
}

type Limits = Pick<Config, 'DB_CONNECT_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_POOL_SIZE'>

/** What opening a database needs; the limits default to the configuration's defaults. */
export type DatabaseConfig = Pick<Config, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Limits>

const DEFAULT_LIMITS: Limits = loadConfig({})

/**
 * How much longer than statement_timeout the client waits before it gives up on the server. The
 * server's own cancel normally wins (a clean error on a connection that stays usable); the client
 * guard is for a server that answers nothing at all (frozen, partitioned away).
 */
const CLIENT_GUARD_SLACK_MS = 500

/**
 * Migrations run DDL that may rightly take minutes, so their connection gets no statement_timeout,
 * only this client-side bound: a server that stopped answering fails the start-up instead of hanging it.
 */
const MIGRATION_QUERY_TIMEOUT_MS = 300_000

/** What opening a database may take beyond its configuration. */
export interface OpenOptions {
  /**
   * For tests only (the service never sets it): an in-memory PGlite database (DATA_DIR `memory://`)
   * starts as a copy of this data directory — a tarball from PGlite's `dumpDataDir()` of a database
   * that is already migrated — instead of running initdb. Ignored when DATABASE_URL is set; an error
   * with a PGlite folder on disk.
   */
  pgliteTemplate?: Blob
}

/**
 * Opens PostgreSQL through `@prisma/adapter-pg` when DATABASE_URL is set, otherwise the embedded
 * PGlite database in DATA_DIR (`memory://` for a throw-away in-memory one). Everything above this
 * function is the same for both. Every wait is bounded, so a hung database fails requests instead of
 * holding them: see {@link openPostgres} and {@link openPglite}.
 */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const limits: Limits = {
    DB_CONNECT_TIMEOUT_MS: config.DB_CONNECT_TIMEOUT_MS ?? DEFAULT_LIMITS.DB_CONNECT_TIMEOUT_MS,
    DB_STATEMENT_TIMEOUT_MS: config.DB_STATEMENT_TIMEOUT_MS ?? DEFAULT_LIMITS.DB_STATEMENT_TIMEOUT_MS,
    DB_POOL_SIZE: config.DB_POOL_SIZE ?? DEFAULT_LIMITS.DB_POOL_SIZE,
  }
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, limits)
    : openPglite(config.DATA_DIR, limits, options.pgliteTemplate)
}

/**
 * A client that drops its connection as soon as one of its queries hits `query_timeout`. pg gives up
 * on the query but keeps the connection, and the query still holds it: everything queued behind it
 * (the ROLLBACK Prisma sends next, above all) would wait out a timeout of its own, doubling the time a
 * request is held. Dropped, the connection fails whatever is queued at once, the pool discards the
 * client, and the server rolls back whatever it had open.
 */
class TimeoutClosingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    // A dropped connection also surfaces as an 'error' event; its queries and the pool already deal
    // with it, and an 'error' without a listener would end the process.
    this.on('error', () => undefined)
  }

  // biome-ignore lint/suspicious/noExplicitAny: forwards every one of pg's query overloads unchanged
  override query(...args: any[]): any {
    const closeIfTimedOut = (error: unknown) => {
      if (error instanceof Error && error.message === 'Query read timeout') this.connection.stream.destroy()
    }
    const callback: unknown = args.at(-1)
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        closeIfTimedOut(error)
        callback(error, result)
      }
    }
    const result: unknown = pg.Client.prototype.query.apply(this, args as never)
    if (result instanceof Promise) result.catch(closeIfTimedOut)
    return result
  }
}

/**
 * A pool that never takes back a connection still inside a transaction. @prisma/adapter-pg releases
 * a transaction's client without an error even when one of its queries timed out; pg then cannot
 * send the ROLLBACK (the timed-out query still holds the connection), and the client would go back
 * to the pool idle in an open transaction — every later write on it silently uncommitted. Releasing
 * such a client with an error makes the pool close it instead; the server rolls the transaction back
 * when the connection drops.
 */
class TransactionSafePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>
  override connect(
    callback: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void
  override connect(
    callback?: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): Promise<pg.PoolClient> | undefined {
    // The callback form is pool.query's own path, which already releases with the query's error.
    if (callback) {
      super.connect(callback)
      return undefined
    }
    return super.connect().then((client) => {
      const release = client.release
      client.release = (err?: Error | boolean) => {
        const unsafe = !err && client.getTransactionStatus() !== 'I'
        release(unsafe ? new Error('released inside a transaction') : err)
      }
      return client
    })
  }
}

/** Waits for `work` at most `ms`, then carries on (the rest finishes in the background). */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms)
    }),
  ])
  clearTimeout(timer)
}

/**
 * PostgreSQL: one bounded pool. `connectionTimeoutMillis` bounds both opening a connection and
 * waiting for a pooled one; `statement_timeout` makes the server cancel a long statement;
 * `query_timeout` is the client's own guard for a server that answers nothing; `keepAlive` notices a
 * peer that vanished. A timed-out query's connection is discarded, never reused (pool.query releases
 * it with the error, {@link TransactionSafePool} covers transactions), so once the server answers
 * again new connections serve requests, without a restart.
 */
function openPostgres(connectionString: string, limits: Limits): Database {
  const clientGuard = {
    connectionTimeoutMillis: limits.DB_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  }
  const pool = new TransactionSafePool({
    connectionString,
    ...clientGuard,
    max: limits.DB_POOL_SIZE,
    Client: TimeoutClosingClient,
    statement_timeout: limits.DB_STATEMENT_TIMEOUT_MS,
    query_timeout: limits.DB_STATEMENT_TIMEOUT_MS + CLIENT_GUARD_SLACK_MS,
    application_name: 'commitment-planner',
  })
  // A pooled client's connection can break while it is idle or closing (the server shut down or
  // restarted); pg-pool discards it either way, but an 'error' event without a listener would end
  // the process. The adapter listens only while Prisma is connected, so the pool always does too.
  pool.on('error', () => undefined)
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  return {
    kind: 'postgres',
    prisma,
    async withConnection(fn) {
      const client = new pg.Client({
        connectionString,
        ...clientGuard,
        query_timeout: MIGRATION_QUERY_TIMEOUT_MS,
        application_name: 'commitment-planner-migrate',
      })
      // A failed connect has already closed its socket; errors after it surface through the query.
      client.on('error', () => undefined)
      await client.connect()
      try {
        return await fn({
          async query(sql, params) {
            return (await client.query(sql, params as unknown[])).rows
          },
          async exec(sql) {
            await client.query(sql)
          },
        })
      } finally {
        // end() waits for the server's goodbye, which a frozen server never sends.
        await atMost(client.end(), limits.DB_CONNECT_TIMEOUT_MS)
      }
    },
    async close() {
      await prisma.$disconnect()
      // Likewise: closing the pool must not hold a shutdown while the server is not answering.
      await atMost(pool.end(), limits.DB_CONNECT_TIMEOUT_MS)
    },
  }
}

/**
 * PGlite runs in-process and is single-connection: `query`, `exec` and `transaction` queue on one
 * lock, and an open interactive transaction holds it until it ends. A query behind a transaction that
 * never ends would wait forever, so the wait for the lock is bounded by DB_CONNECT_TIMEOUT_MS (the
 * same bound as waiting for a pooled PostgreSQL connection) and raises {@link DatabaseTimeoutError}
 * (a 503, as on PostgreSQL). A query given up on is never run later: once the lock comes free it is
 * skipped. Statements themselves are not bounded: nothing can interrupt the WASM engine mid-statement.
 */
class BoundedPGlite extends PGlite {
  constructor(
    options: PGliteOptions,
    private readonly lockWaitMs: number,
  ) {
    super(options)
  }

  override _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let abandoned = false
      const timer = setTimeout(() => {
        abandoned = true
        reject(new DatabaseTimeoutError(`waited ${this.lockWaitMs} ms for the embedded database`))
      }, this.lockWaitMs)
      super
        ._runExclusiveTransaction(async () => {
          clearTimeout(timer)
          return abandoned ? (undefined as T) : fn()
        })
        .then(
          (value) => {
            if (!abandoned) resolve(value)
          },
          (error: unknown) => {
            if (!abandoned) reject(error)
          },
        )
    })
  }
}

async function openPglite(dataDir: string, limits: Limits, template?: Blob): Promise<Database> {
  const inMemory = dataDir === 'memory://'
  if (template && !inMemory) throw new Error('a PGlite template is for an in-memory database only')
  if (!inMemory) await mkdir(dataDir, { recursive: true })
  // One process at a time on a folder (data-dir-lock.ts): a second one's writes would be silently lost.
  const release = inMemory ? () => {} : lockDataDir(dataDir)
  const options: PGliteOptions = inMemory ? (template ? { loadDataDir: template } : {}) : { dataDir }
  const pglite = new BoundedPGlite(options, limits.DB_CONNECT_TIMEOUT_MS)
  try {
    await pglite.waitReady
  } catch (error) {
    release()
    throw error
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  const conn: MigrationConnection = {
    async query(sql, params) {
      return (await pglite.query(sql, params)).rows as never[]
    },
    async exec(sql) {
      await pglite.exec(sql)
    },
  }
  return {
    kind: 'pglite',
    prisma,
    withConnection: (fn) => fn(conn),
    async close() {
      try {
        await prisma.$disconnect()
        await pglite.close()
      } finally {
        release()
      }
    },
  }
}
