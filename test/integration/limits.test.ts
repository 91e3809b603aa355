import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/** Redis for the shared-counter tests; like DATABASE_URL, CI sets it (.ci/run) and without it they skip. */
const REDIS_URL = process.env.REDIS_URL

/** A client address of its own, so counters of other tests (and other runs on one Redis) never mix in. */
const someAddress = () => `10.${[...randomBytes(3)].join('.')}`

/** Counts API-key lookups in the database from now on. */
function countKeyLookups(app: FastifyInstance) {
  const delegate = app.db.prisma.apiKey
  const original = delegate.findUnique.bind(delegate)
  const counter = { count: 0 }
  delegate.findUnique = ((...args: Parameters<typeof original>) => {
    counter.count++
    return original(...args)
  }) as unknown as typeof delegate.findUnique
  return counter
}

const badKey = 'ccp_0000000000000000000000000000000000000000AAAAAA'

describe('abuse limits on one instance', () => {
  let app: FastifyInstance
  let tenant: Tenant
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '3' })
    tenant = await createTenant(app, 'limits')
  })
  afterAll(() => app?.close())

  it('throttles failed authentications per address before any database work', async () => {
    const remoteAddress = someAddress()
    for (let i = 0; i < 3; i++) {
      expectProblem(
        await call(app, { method: 'GET', url: '/v1/models', headers: bearer(badKey), remoteAddress }),
        401,
        'UNAUTHENTICATED',
      )
    }
    // From now on the address is refused at once, even with a key that would be valid, and without
    // looking any key up…
    const lookups = countKeyLookups(app)
    const refused = await call(app, {
      method: 'GET',
      url: '/v1/models',
      headers: bearer(tenant.keys.read),
      remoteAddress,
    })
    expectProblem(refused, 429, 'RATE_LIMITED')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(lookups.count).toBe(0)
    // …while another address is not affected.
    const other = await call(app, {
      method: 'GET',
      url: '/v1/models',
      headers: bearer(tenant.keys.read),
      remoteAddress: someAddress(),
    })
    expect(other.statusCode).toBe(200)
  })

  it('counts every request of a key, invalid ones too, and refuses before the body is validated', async () => {
    const own = await createTenant(app, 'limits-per-key')
    const remoteAddress = someAddress()
    for (let i = 0; i < 5; i++) {
      const invalid = await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: { ...bearer(own.keys.write), 'content-type': 'application/json' },
        payload: '{"slug": 12}',
        remoteAddress,
      })
      expect(invalid.statusCode).toBe(400)
      expect(invalid.headers['x-ratelimit-remaining']).toBe(String(4 - i))
    }
    const past = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(own.keys.write), 'content-type': 'application/json' },
      payload: '{"slug": 12}',
      remoteAddress,
    })
    expectProblem(past, 429, 'RATE_LIMITED')
    expect(Number(past.headers['retry-after'])).toBeGreaterThan(0)
    // Another key of another tenant is not throttled.
    expect(
      (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(tenant.keys.admin) })).statusCode,
    ).toBe(200)
  })

  it('decides by the matched route, not the URL: an encoded path is authenticated before its body is read', async () => {
    const huge = JSON.stringify({
      workloads: Array.from({ length: 80_000 }, (_, i) => ({ name: `w${i}x`.repeat(10) })),
    })
    expect(huge.length).toBeGreaterThan(6_000_000)
    const started = performance.now()
    const response = await call(app, {
      method: 'POST',
      url: '/%761/plans/preview',
      headers: { 'content-type': 'application/json' },
      payload: huge,
      remoteAddress: someAddress(),
    })
    expectProblem(response, 401, 'UNAUTHENTICATED')
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('answers an unknown route with a 404 problem before reading its body', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v2/plans/preview',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    })
    expectProblem(response, 404, 'NOT_FOUND')
  })
})

describe('load shedding', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '50' })
  })
  afterAll(() => app?.close())

  it('answers 503 with Retry-After while the event loop lags, and liveness still answers', async () => {
    const tenant = await createTenant(app, 'pressure')
    let shed: Awaited<ReturnType<typeof call>> | undefined
    for (let attempt = 0; attempt < 20 && !shed; attempt++) {
      const until = Date.now() + 400
      while (Date.now() < until) {
        // Hold the event loop, as a heavy computation on the main thread would.
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
      const response = await call(app, {
        method: 'GET',
        url: '/v1/models',
        headers: bearer(tenant.keys.read),
      })
      if (response.statusCode === 503) shed = response
      else expect(response.statusCode).toBe(200)
    }
    expect(shed).toBeDefined()
    expectProblem(shed!, 503, 'OVERLOADED')
    expect(shed!.headers['retry-after']).toBe('5')
    const alive = await call(app, { method: 'GET', url: '/healthz' })
    expect(alive.statusCode).toBe(200)
  })
})

describe.skipIf(!REDIS_URL)('shared counters in Redis', () => {
  let first: FastifyInstance
  let second: FastifyInstance
  let redis: Redis
  beforeAll(async () => {
    const overrides = { RATE_LIMIT_PER_MINUTE: '4', AUTH_FAILURES_PER_MINUTE: '4', REDIS_URL }
    first = await buildTestApp(overrides)
    second = await buildTestApp(overrides, { database: first.db })
    redis = new Redis(REDIS_URL as string)
  })
  afterAll(async () => {
    await second?.close()
    await first?.close()
    redis?.disconnect()
  })

  it('two instances on one Redis enforce one per-key limit', async () => {
    const tenant = await createTenant(first, 'redis-key')
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? first : second
      statuses.push(
        (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(tenant.keys.read) })).statusCode,
      )
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
    expect(await redis.keys('ccp-rate-*')).not.toHaveLength(0)
  })

  it('two instances on one Redis enforce one limit on failed authentications', async () => {
    const remoteAddress = someAddress()
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? first : second
      statuses.push(
        (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(badKey), remoteAddress }))
          .statusCode,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
  })
})

describe('an unreachable Redis', () => {
  it('neither blocks nor fails requests: the limits are skipped and the service answers', async () => {
    const app = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_PER_MINUTE: '2' })
    try {
      const tenant = await createTenant(app, 'redis-down')
      const started = performance.now()
      for (let i = 0; i < 4; i++) {
        const response = await call(app, {
          method: 'GET',
          url: '/v1/models',
          headers: bearer(tenant.keys.read),
        })
        expect(response.statusCode).toBe(200)
      }
      expect(performance.now() - started).toBeLessThan(3_000)
    } finally {
      await app.close()
    }
  })
})
