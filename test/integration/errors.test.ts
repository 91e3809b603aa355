import { PassThrough } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

let app: FastifyInstance
let tenant: Tenant
let logs = ''

beforeAll(async () => {
  const stream = new PassThrough()
  stream.on('data', (chunk) => {
    logs += chunk.toString()
  })
  app = await buildTestApp(
    { LOG_LEVEL: 'info', BODY_LIMIT_BYTES: '4096', RATE_LIMIT_PER_MINUTE: '1000' },
    { logStream: stream },
  )
  tenant = await createTenant(app, 'errors')
})
afterAll(async () => app?.close())

describe('every error is an RFC 9457 problem', () => {
  it('404 for an unknown route', async () => {
    const body = expectProblem(
      await call(app, { method: 'GET', url: '/v1/nothing-here', headers: bearer(tenant.keys.read) }),
      404,
      'NOT_FOUND',
    )
    expect(body.instance).toBe('/v1/nothing-here')
  })

  it('405 with Allow for a known path and another method', async () => {
    const response = await call(app, {
      method: 'PUT',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: {},
    })
    expectProblem(response, 405, 'METHOD_NOT_ALLOWED')
    expect(response.headers.allow).toContain('GET')
    expect(response.headers.allow).toContain('POST')
  })

  it('400 for malformed JSON', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(tenant.keys.write), 'content-type': 'application/json' },
      payload: '{"slug": ',
    })
    expectProblem(response, 400, 'MALFORMED_JSON')
  })

  it('413 for a body over the limit', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(tenant.keys.write), 'content-type': 'application/json' },
      payload: JSON.stringify({ slug: 'x', name: 'y'.repeat(5000) }),
    })
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE')
  })

  it('415 for an unsupported content type', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(tenant.keys.write), 'content-type': 'text/csv' },
      payload: 'a,b',
    })
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('400 with a pointer for each invalid field, and 400 for bad query parameters', async () => {
    const body = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(tenant.keys.write),
        payload: { slug: 'A B' },
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors?.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/slug', '/name', '/effectiveFrom']),
    )
    const query = expectProblem(
      await call(app, {
        method: 'GET',
        url: '/v1/price-books?limit=1000',
        headers: bearer(tenant.keys.read),
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(query.errors?.[0]).toMatchObject({ in: 'query', pointer: '/limit' })
  })

  it('500 with a generic detail and no internals, while the log keeps the stack', async () => {
    const spy = vi
      .spyOn(app.db.prisma.priceBook, 'findMany')
      .mockRejectedValueOnce(new Error('SELECT "secret" FROM "PriceBook" failed on postgres://admin:pw@db'))
    const response = await call(app, { method: 'GET', url: '/v1/models', headers: bearer(tenant.keys.read) })
    spy.mockRestore()
    const body = expectProblem(response, 500, 'INTERNAL')
    expect(response.body).not.toMatch(/SELECT|postgres:|secret|stack/)
    expect(body.detail).toBe('An unexpected error occurred.')
    expect(logs).toContain(body.requestId)
    expect(logs).toContain('SELECT \\"secret\\"')
  })

  it.each([
    ['P2002 (a unique violation)', 409, 'CONFLICT'],
    ['P2003 (a foreign-key violation)', 409, 'CONFLICT'],
  ] as const)('maps %s that no service caught to %i %s', async (which, status, code) => {
    // A real error from the database, not a hand-made one: a duplicate organization name, or a key
    // of an organization that does not exist.
    const failure = await (which.startsWith('P2002')
      ? app.db.prisma.organization.create({
          data: { name: (await app.db.prisma.organization.findFirstOrThrow()).name },
        })
      : app.db.prisma.apiKey.create({
          data: {
            organizationId: '00000000-0000-4000-8000-000000000000',
            name: 'orphan',
            prefix: 'ccp_orphan',
            secretHash: '0'.repeat(64),
            scopes: ['read'],
          },
        })
    ).catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: which.slice(0, 5) })
    const spy = vi.spyOn(app.db.prisma.priceBook, 'findMany').mockRejectedValueOnce(failure)
    const response = await call(app, { method: 'GET', url: '/v1/models', headers: bearer(tenant.keys.read) })
    spy.mockRestore()
    const body = expectProblem(response, status, code)
    expect(body.detail).not.toMatch(/constraint|organization|ApiKey/i)
  })

  it('says which content types a 415 would have accepted', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(tenant.keys.write), 'content-type': 'application/xml' },
      payload: '<book/>',
    })
    const body = expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(body.detail).toContain('application/xml')
    expect(body.detail).toContain('application/json')
    expect(response.headers['accept-post']).toBe('application/json')
    const patch = await call(app, {
      method: 'PATCH',
      url: '/v1/price-books/anthropic-list',
      headers: {
        ...bearer(tenant.keys.write),
        'content-type': 'application/x-www-form-urlencoded',
        'if-match': '"x"',
      },
      payload: 'name=x',
    })
    expectProblem(patch, 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(patch.headers['accept-patch']).toBe('application/json')
  })

  it('never logs credentials or signature query values', async () => {
    await call(app, {
      method: 'GET',
      url: '/v1/models?sig=SIGNATURE-VALUE-123',
      headers: bearer(tenant.keys.read),
    })
    await call(app, { method: 'GET', url: '/v1/models', headers: { 'x-api-key': tenant.keys.write } })
    await call(app, {
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.keys.admin),
      payload: { name: 'logged?', scopes: ['read'] },
    })
    expect(logs).toContain('sig=[REDACTED]')
    expect(logs).not.toContain('SIGNATURE-VALUE-123')
    for (const secret of Object.values(tenant.keys)) expect(logs).not.toContain(secret)
    expect(logs).not.toMatch(/ccp_[0-9A-Za-z]{46}/)
  })
})

describe('rate limits', () => {
  it('429 with Retry-After per key, without throttling other keys', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '3' }, { database: app.db })
    try {
      const a = await createTenant(limited, 'limited-a')
      const b = await createTenant(limited, 'limited-b')
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        const response = await call(limited, {
          method: 'GET',
          url: '/v1/models',
          headers: bearer(a.keys.read),
        })
        statuses.push(response.statusCode)
        if (response.statusCode === 429) {
          expectProblem(response, 429, 'RATE_LIMITED')
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
        } else {
          expect(response.headers['x-ratelimit-remaining']).toBe(String(2 - i))
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(
        (await call(limited, { method: 'GET', url: '/v1/models', headers: bearer(b.keys.read) })).statusCode,
      ).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

describe('security headers and CORS', () => {
  it('sets helmet headers and no x-powered-by', async () => {
    const response = await call(app, { method: 'GET', url: '/healthz' })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['strict-transport-security']).toBeDefined()
    expect(response.headers['x-frame-options']).toBeDefined()
    expect(response.headers['x-powered-by']).toBeUndefined()
  })

  it('answers preflights only for allowed origins', async () => {
    const cors = await buildTestApp({ CORS_ORIGINS: 'https://sheets.example' }, { database: app.db })
    try {
      const preflight = (origin: string) =>
        cors.inject({
          method: 'OPTIONS',
          url: '/v1/price-books/x',
          headers: {
            origin,
            'access-control-request-method': 'PATCH',
            'access-control-request-headers': 'if-match,authorization',
          },
        })
      const allowed = await preflight('https://sheets.example')
      expect(allowed.headers['access-control-allow-origin']).toBe('https://sheets.example')
      expect(String(allowed.headers['access-control-allow-methods'])).toContain('PATCH')
      const denied = await preflight('https://evil.example')
      expect(denied.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await cors.close()
    }
  })
})

describe('health', () => {
  it('reports liveness and readiness without a key', async () => {
    expect((await call(app, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    expect((await call(app, { method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' })
  })

  it('is not ready (503 problem) when the database fails', async () => {
    const spy = vi.spyOn(app.db.prisma, '$queryRaw').mockRejectedValueOnce(new Error('connection refused'))
    const response = await call(app, { method: 'GET', url: '/readyz' })
    spy.mockRestore()
    expectProblem(response, 503, 'SERVICE_UNAVAILABLE')
    expect(response.headers['retry-after']).toBeDefined()
  })
})
