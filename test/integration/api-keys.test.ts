import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'api-keys')
})
afterAll(async () => app?.close())

const create = (payload: unknown, headers: Record<string, string> = {}) =>
  call(app, {
    method: 'POST',
    url: '/v1/api-keys',
    headers: { ...bearer(tenant.keys.admin), ...headers },
    payload: payload as Record<string, unknown>,
  })

const keysNamed = (name: string) =>
  app.db.prisma.apiKey.count({ where: { organizationId: tenant.organizationId, name } })

const works = async (secret: string) =>
  (await call(app, { method: 'GET', url: '/v1/models', headers: bearer(secret) })).statusCode === 200

describe('POST /v1/api-keys', () => {
  it('shows the secret once, in a response no cache may keep', async () => {
    const response = await create({ name: 'no-store', scopes: ['read'] })
    expect(response.statusCode).toBe(201)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers.pragma).toBe('no-cache')
    expect(response.headers['idempotent-replayed']).toBeUndefined()
    const key = response.json()
    expect(key.secret).toMatch(/^ccp_/)
    expect(await works(key.secret)).toBe(true)
  })

  it('creates one key per request without an Idempotency-Key', async () => {
    await create({ name: 'twice', scopes: ['read'] })
    await create({ name: 'twice', scopes: ['read'] })
    expect(await keysNamed('twice')).toBe(2)
  })
})

describe('idempotent key creation', () => {
  it('replays the same key without its secret, and never stores the secret', async () => {
    const headers = { 'idempotency-key': `key-create-${Date.now()}` }
    const body = { name: 'idempotent', scopes: ['write'], expiresAt: '2099-01-01T00:00:00+01:00' }
    const first = await create(body, headers)
    expect(first.statusCode).toBe(201)
    const { secret, ...metadata } = first.json()
    expect(secret).toMatch(/^ccp_/)

    for (let i = 0; i < 3; i++) {
      const replay = await create(body, headers)
      expect(replay.statusCode).toBe(201)
      expect(replay.headers['idempotent-replayed']).toBe('true')
      expect(replay.headers['cache-control']).toBe('no-store')
      expect(replay.json()).toEqual({ ...metadata, secret: null })
    }
    expect(await keysNamed('idempotent')).toBe(1)
    expect(metadata.expiresAt).toBe('2098-12-31T23:00:00.000Z')
    expect(await works(secret)).toBe(true)

    const records = await app.db.prisma.idempotencyRecord.findMany({
      where: { organizationId: tenant.organizationId, key: headers['idempotency-key'] },
    })
    expect(records).toHaveLength(1)
    expect(JSON.stringify(records)).not.toContain(secret)
    expect(JSON.stringify(records)).not.toContain(secret.slice(12))
  })

  it('refuses the same Idempotency-Key with another body (422), creating nothing', async () => {
    const headers = { 'idempotency-key': `key-reuse-${Date.now()}` }
    expect((await create({ name: 'reuse-a', scopes: ['read'] }, headers)).statusCode).toBe(201)
    const reused = await create({ name: 'reuse-b', scopes: ['read'] }, headers)
    expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await keysNamed('reuse-b')).toBe(0)
  })

  it('creates exactly one key, and reveals one secret, when the same request races itself', async () => {
    const headers = { ...bearer(tenant.keys.admin), 'idempotency-key': `key-race-${Date.now()}` }
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/api-keys',
          headers,
          payload: { name: 'raced', scopes: ['read'] },
        }),
      ),
    )
    for (const response of responses) expect([201, 409]).toContain(response.statusCode)
    const created = responses.filter((r) => r.statusCode === 201).map((r) => r.json())
    expect(new Set(created.map((k) => k.id)).size).toBe(1)
    expect(created.filter((k) => k.secret !== null)).toHaveLength(1)
    expect(await keysNamed('raced')).toBe(1)
  })

  it('does not remember a refused request', async () => {
    const headers = { 'idempotency-key': `key-refused-${Date.now()}` }
    const past = new Date(Date.now() - 60_000).toISOString()
    expectProblem(
      await create({ name: 'late', scopes: ['read'], expiresAt: past }, headers),
      400,
      'VALIDATION_FAILED',
    )
    const later = new Date(Date.now() + 3_600_000).toISOString()
    const good = await create({ name: 'late', scopes: ['read'], expiresAt: later }, headers)
    expect(good.statusCode).toBe(201)
    expect(good.json().secret).toMatch(/^ccp_/)
  })
})

describe('what a new key may say', () => {
  it.each([
    ['in the past', () => new Date(Date.now() - 1000).toISOString()],
    ['now, to the second', () => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString()],
  ])('refuses an expiry %s (400 at /expiresAt)', async (_label, expiresAt) => {
    const body = expectProblem(
      await create({ name: 'expired-at-birth', scopes: ['read'], expiresAt: expiresAt() }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([
      expect.objectContaining({ in: 'body', pointer: '/expiresAt', code: 'in_past' }),
    ])
    expect(await keysNamed('expired-at-birth')).toBe(0)
  })

  it.each([
    ['past year 9999 once its offset is applied', '9999-12-31T23:59:59.999-23:59'],
    ['in year 0000', '0000-01-01T00:00:00Z'],
    ['on no calendar', '2027-02-29T00:00:00Z'],
    ['without an offset', '2027-01-01T00:00:00'],
  ])('refuses an expiry %s (400 at /expiresAt) and stores nothing', async (_label, expiresAt) => {
    const body = expectProblem(
      await create({ name: 'bad-expiry', scopes: ['read'], expiresAt }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/expiresAt' })])
    expect(await keysNamed('bad-expiry')).toBe(0)
    const list = await call(app, {
      method: 'GET',
      url: '/v1/api-keys?limit=100',
      headers: bearer(tenant.keys.admin),
    })
    expect(list.statusCode).toBe(200)
  })

  it('accepts the last instant of year 9999 and lists it', async () => {
    const created = await create({
      name: 'far-future',
      scopes: ['read'],
      expiresAt: '9999-12-31T23:59:59.999Z',
    })
    expect(created.statusCode).toBe(201)
    const list = await call(app, {
      method: 'GET',
      url: '/v1/api-keys?limit=100',
      headers: bearer(tenant.keys.admin),
    })
    expect(list.statusCode).toBe(200)
    expect(list.json().data.find((k: { id: string }) => k.id === created.json().id).expiresAt).toBe(
      '9999-12-31T23:59:59.999Z',
    )
  })

  it('refuses a scope listed twice (400 pointing at the repeat)', async () => {
    const body = expectProblem(
      await create({ name: 'dup-scopes', scopes: ['read', 'write', 'read'] }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/scopes/2' })])
    expect(await keysNamed('dup-scopes')).toBe(0)
  })

  it('documents the secret-once rule in OpenAPI', async () => {
    const doc = (await call(app, { method: 'GET', url: '/openapi.json' })).json()
    const operation = doc.paths['/v1/api-keys'].post
    expect(operation.description).toMatch(/secret: null/)
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key')
    const created = JSON.stringify(doc.components.schemas.CreatedApiKey)
    expect(created).toMatch(/revokes the key and creates another/)
  })
})
