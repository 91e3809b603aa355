/**
 * Which database failures mean "the database is unavailable right now" (answered 503 with
 * Retry-After) rather than a bug (500). Pure: looks only at the error's shape.
 */

const DB_TIMEOUT = 'DB_TIMEOUT'

/**
 * Raised when a query could not get at the database within its bounded wait (PGlite's lock). Prisma
 * rethrows a driver error that has a `code` as a PrismaClientKnownRequestError with that code, so the
 * code is what identifies it.
 */
export class DatabaseTimeoutError extends Error {
  override name = 'DatabaseTimeoutError'
  readonly code = DB_TIMEOUT
}

// node-postgres raises these as plain Errors without a code, so their messages are all there is to go
// by; the fault tests (test/integration/faults.test.ts) produce each one against a real server.
const PG_MESSAGES: readonly string[] = [
  'timeout exceeded when trying to connect', // pool: no client free within connectionTimeoutMillis
  'Query read timeout', // query_timeout: the server took no notice of the query (frozen, partitioned)
  'Connection terminated due to connection timeout', // connectionTimeoutMillis while opening a connection
  'Connection terminated unexpectedly', // the server went away mid-query
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool', // a query racing the shutdown
]

// Socket errors, when the driver passes them through without wrapping.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

// Prisma codes for an unreachable or overloaded database. With @prisma/adapter-pg (Prisma 7.10):
// refused → P1001, connection reset → P1017, socket timeout → P1008, too many connections → P2037;
// an interactive transaction that could not start or outlived its timeout → P2028.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037'])

/**
 * SQLSTATEs that say the server cannot serve us now: class 08 (connection exception), 57014
 * (statement_timeout cancelled the query), 57P01–57P05 (shutdown, crash recovery, starting up), 53300
 * (too many connections), 55P03 (lock_timeout), 25P03 (idle-in-transaction timeout). With the adapter
 * they arrive inside P2010 (raw queries) or P2039 (model queries) as `meta.driverAdapterError.cause`.
 */
function isUnavailableSqlState(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    (code.startsWith('08') || /^57(014|P0[1-5])$/.test(code) || ['53300', '55P03', '25P03'].includes(code))
  )
}

interface ErrorShape {
  code?: unknown
  message?: unknown
  cause?: unknown
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown; code?: unknown } } }
}

function classify(error: ErrorShape): 'timeout' | 'unreachable' | undefined {
  if (error instanceof DatabaseTimeoutError) return 'timeout'
  // pg's own errors are plain Errors: a subclass with the same words is someone else's.
  if (error instanceof Error && error.constructor === Error && PG_MESSAGES.includes(error.message)) {
    return error.message === 'Query read timeout' || error.message.startsWith('timeout exceeded')
      ? 'timeout'
      : 'unreachable'
  }
  if (typeof error.code === 'string') {
    if (SOCKET_CODES.has(error.code)) return 'unreachable'
    if ([DB_TIMEOUT, 'P1008', 'P2024', 'P2028'].includes(error.code)) return 'timeout'
    if (PRISMA_CODES.has(error.code)) return 'unreachable'
    // Whatever Prisma code carries it (P2010 raw, P2039 model queries, and others inside interactive
    // transactions), a driver-adapter cause that is a lost connection or an unavailable server is an outage.
    if (error.code.startsWith('P') && error.meta?.driverAdapterError) {
      const cause = error.meta?.driverAdapterError?.cause
      if (cause?.kind === 'DatabaseNotReachable' || cause?.kind === 'ConnectionClosed') return 'unreachable'
      if (cause?.kind === 'SocketTimeout') return 'timeout'
      const sqlState = cause?.originalCode ?? cause?.code
      if (sqlState === '57014' || sqlState === '55P03') return 'timeout'
      if (isUnavailableSqlState(sqlState)) return 'unreachable'
    }
  }
  return undefined
}

/**
 * When `error` says the database is unreachable, not answering in time or refusing work for the
 * moment, a sentence for the client; otherwise undefined (a real error, answered as such).
 */
export function databaseUnavailable(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { cause } = error as ErrorShape
  const kind = classify(error) ?? (typeof cause === 'object' && cause !== null ? classify(cause) : undefined)
  if (kind === 'timeout') return 'The database did not answer in time.'
  if (kind === 'unreachable') return 'The database is not reachable.'
  return undefined
}
