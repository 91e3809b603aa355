import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { hashSecret } from '../../src/lib/api-key-secret.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'auth')
})
afterAll(async () => app?.close())

describe('authentication', () => {
  it('requires a key on every /v1 route, with WWW-Authenticate', async () => {
    const response = await call(app, { method: 'GET', url: '/v1/models' })
    expectProblem(response, 401, 'UNAUTHENTICATED')
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
  })

  it('accepts the key as a bearer token or in X-API-Key', async () => {
    expect(
      (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(tenant.keys.read) })).statusCode,
    ).toBe(200)
    expect(
      (await call(app, { method: 'GET', url: '/v1/models', headers: { 'x-api-key': tenant.keys.read } }))
        .statusCode,
    ).toBe(200)
  })

  it('rejects unknown keys and malformed headers with the same 401', async () => {
    for (const headers of [
      bearer('ccp_unknownunknownunknownunknownunknownunknow123456'),
      bearer('not-a-key-but-long-enough-to-look-like-one-0000'),
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
    ]) {
      expectProblem(await call(app, { method: 'GET', url: '/v1/models', headers }), 401, 'UNAUTHENTICATED')
    }
  })

  it('rejects a key with a bad checksum before any database lookup', async () => {
    const spy = vi.spyOn(app.db.prisma.apiKey, 'findUnique')
    const forged = `${tenant.keys.read.slice(0, -1)}${tenant.keys.read.endsWith('A') ? 'B' : 'A'}`
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/models', headers: bearer(forged) }),
      401,
      'UNAUTHENTICATED',
    )
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })

  it('records when a key was last used, to the minute', async () => {
    const fresh = await createTenant(app, 'last-used')
    const before = await app.db.prisma.apiKey.findFirstOrThrow({
      where: { organizationId: fresh.organizationId, name: 'read' },
    })
    expect(before.lastUsedAt).toBeNull()
    await call(app, { method: 'GET', url: '/v1/models', headers: bearer(fresh.keys.read) })
    // Recorded beside the request, not in its way: it lands shortly after.
    await expect
      .poll(
        async () => (await app.db.prisma.apiKey.findFirstOrThrow({ where: { id: before.id } })).lastUsedAt,
      )
      .not.toBeNull()
    const after = await app.db.prisma.apiKey.findFirstOrThrow({ where: { id: before.id } })
    expect(Date.now() - after.lastUsedAt!.getTime()).toBeLessThan(60_000)
    await call(app, { method: 'GET', url: '/v1/models', headers: bearer(fresh.keys.read) })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const again = await app.db.prisma.apiKey.findFirstOrThrow({ where: { id: before.id } })
    expect(again.lastUsedAt).toEqual(after.lastUsedAt)
  })

  it('stores only hashes of secrets', async () => {
    const rows = await app.db.prisma.apiKey.findMany({ where: { organizationId: tenant.organizationId } })
    const dump = JSON.stringify(rows)
    for (const secret of Object.values(tenant.keys)) {
      expect(dump).not.toContain(secret)
      expect(dump).toContain(hashSecret(secret))
    }
  })

  it('rejects revoked and expired keys', async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.keys.admin),
      payload: { name: 'short-lived', scopes: ['read'] },
    })
    expect(created.statusCode).toBe(201)
    const { id, secret } = created.json()
    expect((await call(app, { method: 'GET', url: '/v1/models', headers: bearer(secret) })).statusCode).toBe(
      200,
    )
    const listed = await call(app, {
      method: 'GET',
      url: '/v1/api-keys?limit=100',
      headers: bearer(tenant.keys.admin),
    })
    expect(listed.body).not.toContain(secret)
    expect(listed.json().data.find((k: { id: string }) => k.id === id).prefix).toBe(secret.slice(0, 12))

    expect(
      (await call(app, { method: 'DELETE', url: `/v1/api-keys/${id}`, headers: bearer(tenant.keys.admin) }))
        .statusCode,
    ).toBe(204)
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/models', headers: bearer(secret) }),
      401,
      'UNAUTHENTICATED',
    )

    // A key that expires (created for a short while, then its time passes).
    const expiring = await call(app, {
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.keys.admin),
      payload: { name: 'expiring', scopes: ['read'], expiresAt: new Date(Date.now() + 60_000).toISOString() },
    })
    expect(expiring.statusCode).toBe(201)
    const expiringSecret: string = expiring.json().secret
    expect(
      (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(expiringSecret) })).statusCode,
    ).toBe(200)
    await app.db.prisma.apiKey.update({
      where: { id: expiring.json().id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    expectProblem(
      await call(app, { method: 'GET', url: '/v1/models', headers: bearer(expiringSecret) }),
      401,
      'UNAUTHENTICATED',
    )
  })

  it("cannot revoke another organization's key (404)", async () => {
    const other = await createTenant(app, 'auth-other')
    const key = await app.db.prisma.apiKey.findFirstOrThrow({
      where: { organizationId: other.organizationId },
    })
    expectProblem(
      await call(app, {
        method: 'DELETE',
        url: `/v1/api-keys/${key.id}`,
        headers: bearer(tenant.keys.admin),
      }),
      404,
      'NOT_FOUND',
    )
    expect(
      (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(other.keys.admin) })).statusCode,
    ).toBe(200)
  })
})

describe('scopes', () => {
  const book = { slug: 'scoped', name: 'Scoped', effectiveFrom: '2027-01-01', basedOn: 'anthropic-list' }
  it.each([
    ['GET', '/v1/models', undefined, { read: 200, write: 200, admin: 200 }],
    ['POST', '/v1/price-books', book, { read: 403, write: 201, admin: 409 }],
    ['GET', '/v1/api-keys', undefined, { read: 403, write: 403, admin: 200 }],
    ['POST', '/v1/api-keys', { name: 'x', scopes: ['read'] }, { read: 403, write: 403, admin: 201 }],
  ] as const)('%s %s needs the right scope', async (method, url, payload, expected) => {
    for (const scope of ['read', 'write', 'admin'] as const) {
      const response = await call(app, {
        method,
        url,
        headers: bearer(tenant.keys[scope]),
        ...(payload ? { payload } : {}),
      })
      expect({ scope, status: response.statusCode }).toEqual({ scope, status: expected[scope] })
      if (response.statusCode === 403) expectProblem(response, 403, 'FORBIDDEN')
    }
  })
})

describe('bootstrap admin key', () => {
  it('is registered on a database with no key, and ignored once keys exist', async () => {
    const bootstrap = 'operator-chosen-bootstrap-key-0123456789'
    // A fresh embedded database, so that "no key exists yet" holds whatever the suite runs on.
    const fresh = await buildTestApp({ DATABASE_URL: undefined, BOOTSTRAP_ADMIN_KEY: bootstrap })
    try {
      const response = await call(fresh, { method: 'GET', url: '/v1/api-keys', headers: bearer(bootstrap) })
      expect(response.statusCode).toBe(200)
      expect(response.json().data).toHaveLength(1)
      expect(response.json().data[0]).toMatchObject({ scopes: ['admin'], name: 'bootstrap admin key' })
    } finally {
      await fresh.close()
    }
    const ignored = await buildTestApp(
      { BOOTSTRAP_ADMIN_KEY: 'another-bootstrap-key-that-comes-too-late-000' },
      { database: app.db },
    )
    try {
      const response = await call(ignored, {
        method: 'GET',
        url: '/v1/models',
        headers: bearer('another-bootstrap-key-that-comes-too-late-000'),
      })
      expectProblem(response, 401, 'UNAUTHENTICATED')
    } finally {
      await ignored.close()
    }
  })
})
