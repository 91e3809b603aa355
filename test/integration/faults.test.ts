import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { openDatabase } from '../../src/db/client.js'
import { databaseUnavailable } from '../../src/db/unavailable.js'
import {
  bearer,
  createTenant,
  databaseKind,
  expectProblemShape,
  type Tenant,
  testConfig,
} from '../helpers/app.js'
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from '../helpers/private-postgres.js'

// The PostgreSQL faults need a server of our own to stop and freeze; they belong to the PostgreSQL
// pass (DATABASE_URL set), which runs where the server binaries are installed.
const postgresSkip =
  databaseKind !== 'postgres'
    ? 'runs in the PostgreSQL pass (DATABASE_URL set)'
    : privatePostgresUnavailable()

interface Outcome {
  kind: 'list' | 'create' | 'ready'
  startedAt: number
  ms: number
  status: number
  retryAfter: string | undefined
  slug?: string
}

let slugCounter = 0

/** One request that touches the database, timed. A create's slug is kept to check it was committed. */
async function request(app: FastifyInstance, tenant: Tenant, kind: Outcome['kind']): Promise<Outcome> {
  const startedAt = Date.now()
  const slug = kind === 'create' ? `fault-${process.pid}-${++slugCounter}` : undefined
  let response: LightMyRequestResponse
  if (kind === 'ready') response = await app.inject({ method: 'GET', url: '/readyz' })
  else if (kind === 'list') {
    response = await app.inject({
      method: 'GET',
      url: '/v1/price-books?limit=5',
      headers: bearer(tenant.keys.read),
    })
  } else {
    response = await app.inject({
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: { slug, name: 'Written under faults', effectiveFrom: '2027-01-01', basedOn: 'anthropic-list' },
    })
  }
  if (response.statusCode >= 400) expectProblemShape(response)
  const retryAfter = response.headers['retry-after']
  return {
    kind,
    startedAt,
    ms: Date.now() - startedAt,
    status: response.statusCode,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
    ...(slug ? { slug } : {}),
  }
}

/** A stream of concurrent list and create requests until `stop()`; every outcome is kept. */
function load(app: FastifyInstance, tenant: Tenant, workers = 6) {
  const outcomes: Outcome[] = []
  let running = true
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let i = 0; running; i++) {
      outcomes.push(await request(app, tenant, (worker + i) % 2 === 0 ? 'list' : 'create'))
    }
  })
  return {
    outcomes,
    async stop() {
      running = false
      await Promise.all(loops)
      return outcomes
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Every outcome succeeded, or was a 503 problem that says when to retry; never a 500, never another status. */
function expectSuccessOrRetryable(outcomes: readonly Outcome[]) {
  const bad = outcomes.filter(
    (o) => !(o.status < 300 || (o.status === 503 && o.retryAfter !== undefined && Number(o.retryAfter) > 0)),
  )
  expect(bad).toEqual([])
}

/** Waits until a request succeeds again: the app recovers without a restart. */
async function recovered(app: FastifyInstance, tenant: Tenant, withinMs: number): Promise<number> {
  const since = Date.now()
  while (Date.now() - since < withinMs) {
    const outcome = await request(app, tenant, 'list')
    if (outcome.status === 200) return Date.now() - since
    expect(outcome.status).toBe(503)
    await sleep(200)
  }
  throw new Error(`no successful request within ${withinMs} ms`)
}

describe.skipIf(postgresSkip !== undefined)(
  `a private PostgreSQL server that stops and freezes under load${postgresSkip ? ` (skipped: ${postgresSkip})` : ''}`,
  () => {
    let server: PrivatePostgres
    let app: FastifyInstance
    let tenant: Tenant
    const acknowledged: string[] = []

    beforeAll(async () => {
      server = await startPrivatePostgres()
      // The default timeouts: what the service does out of the box is what is under test.
      // (Load shedding off: on a busy machine its 503s would blur what the database did.)
      app = await buildApp(testConfig({ DATABASE_URL: server.url, MAX_EVENT_LOOP_DELAY_MS: '0' }))
      await app.ready()
      tenant = await createTenant(app, 'faults')
    })

    afterAll(async () => {
      server?.thaw()
      await app?.close()
      await server?.dispose()
    })

    const keepAcknowledged = (outcomes: readonly Outcome[]) => {
      for (const o of outcomes)
        if (o.kind === 'create' && o.status === 201 && o.slug) acknowledged.push(o.slug)
    }

    it('stopped: requests get 503 problems with Retry-After at once, and succeed again once it is back', async () => {
      const healthy = load(app, tenant)
      await sleep(1000)
      keepAcknowledged(await healthy.stop())
      expect(healthy.outcomes.length).toBeGreaterThan(5)
      expect(healthy.outcomes.filter((o) => o.status >= 300)).toEqual([])

      const during = load(app, tenant)
      await sleep(300)
      const stoppedAt = Date.now()
      await server.stop() // as `pg_ctl stop -m fast`: open sessions are terminated
      await sleep(2000)
      const ready = await request(app, tenant, 'ready')
      const outcomes = await during.stop()
      keepAcknowledged(outcomes)

      expectSuccessOrRetryable(outcomes)
      const afterStop = outcomes.filter((o) => o.startedAt >= stoppedAt)
      expect(afterStop.length).toBeGreaterThan(10)
      expect(afterStop.every((o) => o.status === 503)).toBe(true)
      // Promptly: a refused connection is answered without waiting for any timeout.
      expect(Math.max(...afterStop.map((o) => o.ms))).toBeLessThan(2000)
      expect({ status: ready.status, retryAfter: ready.retryAfter !== undefined }).toEqual({
        status: 503,
        retryAfter: true,
      })
      expect(ready.ms).toBeLessThan(2000)

      await server.start()
      expect(await recovered(app, tenant, 15_000)).toBeLessThan(15_000)
      const after = load(app, tenant)
      await sleep(1000)
      keepAcknowledged(await after.stop())
      expect(after.outcomes.filter((o) => o.status >= 300)).toEqual([])
      expect((await request(app, tenant, 'ready')).status).toBe(200)
    })

    it('frozen (SIGSTOP): /readyz is a 503 within 2 s, /v1 a 503 problem with Retry-After within 10 s, and it recovers on SIGCONT', async () => {
      const during = load(app, tenant)
      await sleep(1000)
      const frozenAt = Date.now()
      server.freeze()
      const [ready, list, create] = await Promise.all([
        request(app, tenant, 'ready'),
        request(app, tenant, 'list'),
        request(app, tenant, 'create'),
      ])
      // Probes keep arriving while it is frozen; each is answered within its deadline.
      const probes = await Promise.all(
        [0, 400, 800].map(async (delay) => {
          await sleep(delay)
          return request(app, tenant, 'ready')
        }),
      )
      await sleep(2000)
      server.thaw()
      const thawedAt = Date.now()
      const outcomes = await during.stop()
      keepAcknowledged([...outcomes, create])

      for (const probe of [ready, ...probes]) {
        expect(probe.status).toBe(503)
        expect(probe.retryAfter).toBeDefined()
        expect(probe.ms).toBeLessThan(2000)
      }
      for (const answer of [list, create]) {
        expect({ status: answer.status, retryAfter: answer.retryAfter !== undefined }).toEqual({
          status: 503,
          retryAfter: true,
        })
        expect(answer.ms).toBeLessThan(10_000)
      }
      expectSuccessOrRetryable(outcomes)
      // No request of the stream hung for the length of the freeze: each was answered within 10 s of
      // the freeze or of its own start, whichever came later (mid-transaction ones included).
      const frozenStream = outcomes.filter((o) => o.startedAt + o.ms >= frozenAt)
      const heldFor = frozenStream.map((o) => o.startedAt + o.ms - Math.max(o.startedAt, frozenAt))
      expect(Math.max(...heldFor)).toBeLessThan(10_000)
      expect(
        frozenStream
          .filter((o) => o.startedAt >= frozenAt && o.startedAt < thawedAt - 10_000)
          .every((o) => o.status === 503),
      ).toBe(true)

      expect(await recovered(app, tenant, 15_000)).toBeLessThan(15_000)
      const after = load(app, tenant)
      await sleep(1500)
      keepAcknowledged(await after.stop())
      expect(after.outcomes.filter((o) => o.status >= 300)).toEqual([])
      expect((await request(app, tenant, 'ready')).status).toBe(200)
    })

    it('a transaction whose statement timed out fails after one timeout, and its connection is closed, not handed out again', async () => {
      // One connection, so the next query would get the same one if the pool took it back.
      const db = await openDatabase({
        DATABASE_URL: server.url,
        DATA_DIR: 'memory://',
        DB_POOL_SIZE: 1,
        DB_STATEMENT_TIMEOUT_MS: 2000, // the client gives up after 2.5 s
        DB_CONNECT_TIMEOUT_MS: 2000,
      })
      try {
        await db.prisma.$executeRawUnsafe('CREATE TABLE fault_probe (id int PRIMARY KEY)')
        const timedOut = db.prisma.$transaction(
          async (tx) => {
            await tx.$executeRaw`INSERT INTO fault_probe VALUES (1)`
            server.freeze()
            await tx.$executeRaw`INSERT INTO fault_probe VALUES (2)`
          },
          { timeout: 20_000 },
        )
        const frozenAt = Date.now()
        const error = await timedOut.then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(databaseUnavailable(error)).toBe('The database did not answer in time.')
        // One timeout, not two: the ROLLBACK queued behind the stuck statement fails at once instead of
        // waiting out a timeout of its own.
        expect(Date.now() - frozenAt).toBeLessThan(4000)
        server.thaw()
        // Acknowledged: it must be committed, not swallowed by the first transaction left open.
        await db.prisma.$executeRaw`INSERT INTO fault_probe VALUES (3)`
        const client = new pg.Client({ connectionString: server.url })
        await client.connect()
        try {
          const { rows } = await client.query('SELECT id FROM fault_probe ORDER BY id')
          expect(rows).toEqual([{ id: 3 }])
        } finally {
          await client.end()
        }
      } finally {
        server.thaw()
        await db.close()
      }
    })

    it('every acknowledged create was committed, and none half-written (read over a connection of its own)', async () => {
      expect(acknowledged.length).toBeGreaterThan(10)
      // Not through the app's pool: a connection left inside an open transaction would show its own
      // uncommitted rows to whoever reads through it.
      const client = new pg.Client({ connectionString: server.url })
      await client.connect()
      try {
        const { rows } = await client.query<{ slug: string }>(
          'SELECT slug FROM "PriceBook" WHERE "organizationId" = $1',
          [tenant.organizationId],
        )
        const committed = new Set(rows.map((r) => r.slug))
        expect(acknowledged.filter((slug) => !committed.has(slug))).toEqual([])
        // And nothing half-written: every book of the tenant, acknowledged or not, has every model of
        // the book it copied. (A connection handed back to the pool inside a timed-out transaction
        // would later COMMIT that transaction's first statements along with someone else's work.)
        const { rows: counts } = await client.query<{ slug: string; models: number }>(
          `SELECT b.slug, count(m.id)::int AS models FROM "PriceBook" b LEFT JOIN "ModelPrice" m ON m."priceBookId" = b.id
           WHERE b."organizationId" = $1 OR b.slug = 'anthropic-list' GROUP BY b.slug`,
          [tenant.organizationId],
        )
        const expected = counts.find((c) => c.slug === 'anthropic-list')?.models
        expect(expected).toBeGreaterThan(0)
        expect(counts.filter((c) => c.models !== expected)).toEqual([])
        const { rows: stuck } = await client.query(
          `SELECT pid FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND application_name = 'commitment-planner'`,
        )
        expect(stuck).toEqual([])
      } finally {
        await client.end()
      }
    })
  },
)

describe.skipIf(databaseKind !== 'pglite')(
  'the embedded database (PGlite) behind a transaction that does not end',
  () => {
    it('answers other requests 503 with Retry-After after a bounded wait, never runs them later, and recovers', async () => {
      const app = await buildApp(
        testConfig({ DATABASE_URL: undefined, DB_CONNECT_TIMEOUT_MS: '1000', MAX_EVENT_LOOP_DELAY_MS: '0' }),
      )
      try {
        await app.ready()
        const tenant = await createTenant(app, 'pglite-stuck')
        let finish!: () => void
        const held = new Promise<void>((resolve) => {
          finish = resolve
        })
        let began!: () => void
        const holding = new Promise<void>((resolve) => {
          began = resolve
        })
        // Stands in for any transaction stuck on something outside the database.
        const stuck = app.db.prisma.$transaction(
          async (tx) => {
            await tx.$queryRaw`SELECT 1`
            began()
            await held
          },
          { timeout: 30_000 },
        )
        await holding
        const list = await request(app, tenant, 'list')
        const create = await request(app, tenant, 'create')
        for (const answer of [list, create]) {
          expect({ status: answer.status, retryAfter: answer.retryAfter !== undefined }).toEqual({
            status: 503,
            retryAfter: true,
          })
          expect(answer.ms).toBeLessThan(3000)
        }
        finish()
        await stuck
        expect(await recovered(app, tenant, 10_000)).toBeLessThan(10_000)
        // The create that was answered 503 was given up on, not queued to run once the lock came free.
        const lookup = await app.inject({
          method: 'GET',
          url: `/v1/price-books/${create.slug}`,
          headers: bearer(tenant.keys.read),
        })
        expect(lookup.statusCode).toBe(404)
        expect((await request(app, tenant, 'create')).status).toBe(201)
      } finally {
        await app.close()
      }
    })
  },
)
