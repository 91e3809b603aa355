import { describe, expect, it } from 'vitest'
import { DatabaseTimeoutError, databaseUnavailable } from './unavailable.js'

// The shapes below are the ones Prisma 7.10 with @prisma/adapter-pg and pg 8 produced against a
// real server (test/integration/faults.test.ts produces them again end to end).
const known = (code: string, meta: Record<string, unknown> = {}) =>
  Object.assign(new Error(`prisma ${code}`), { name: 'PrismaClientKnownRequestError', code, meta })
const adapter = (cause: Record<string, unknown>) => ({
  driverAdapterError: { name: 'DriverAdapterError', cause },
})

describe('databaseUnavailable', () => {
  it.each([
    ['pool wait over connectionTimeoutMillis', new Error('timeout exceeded when trying to connect')],
    ['query_timeout on a frozen server', new Error('Query read timeout')],
    ['PGlite lock wait', new DatabaseTimeoutError('waited 500 ms')],
    ['PGlite lock wait, rethrown by Prisma with its code', known('DB_TIMEOUT')],
    ['statement_timeout, model query', known('P2039', adapter({ kind: 'postgres', originalCode: '57014' }))],
    ['statement_timeout, raw query', known('P2010', adapter({ kind: 'postgres', originalCode: '57014' }))],
    ['transaction could not start in time', known('P2028')],
  ])('%s: the database did not answer in time', (_, error) => {
    expect(databaseUnavailable(error)).toBe('The database did not answer in time.')
  })

  it.each([
    ['refused, model query', known('P1001', adapter({ kind: 'DatabaseNotReachable' }))],
    ['refused, raw query', known('P2010', adapter({ kind: 'DatabaseNotReachable', host: '127.0.0.1' }))],
    ['connection reset', known('P1017')],
    [
      'fast shutdown terminated the session',
      known('P2039', adapter({ kind: 'postgres', originalCode: '57P01' })),
    ],
    ['server starting up', known('P2010', adapter({ kind: 'postgres', code: '57P03' }))],
    ['connection closed inside a transaction', known('P2034', adapter({ kind: 'ConnectionClosed' }))],
    ['connect timeout', new Error('Connection terminated due to connection timeout')],
    ['server went away mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a socket error passed through',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['wrapped in a cause', new Error('outer', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s: the database is not reachable', (_, error) => {
    expect(databaseUnavailable(error)).toBe('The database is not reachable.')
  })

  it.each([
    ['a unique violation', known('P2002')],
    ['a unique violation from the adapter', known('P2002', adapter({ kind: 'UniqueConstraintViolation' }))],
    ['a raw query syntax error', known('P2010', adapter({ kind: 'postgres', originalCode: '42601' }))],
    ['a bug that happens to say "timeout"', new TypeError('Query read timeout')],
    ['a plain error', new Error('something else')],
    ['not an error', 'Query read timeout'],
    ['nothing', undefined],
  ])('%s: not an outage', (_, error) => {
    expect(databaseUnavailable(error)).toBeUndefined()
  })
})
