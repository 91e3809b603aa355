import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The per-instance cache of looked-up API keys (AUTH_CACHE_TTL_MS): a key is read from the database once
 * per TTL, its expiry is still checked on every use, and a revocation through the instance takes effect
 * at once; one made elsewhere (another instance, here: the database directly) within the TTL.
 */
const TTL_MS = 2_000
let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp({ AUTH_CACHE_TTL_MS: String(TTL_MS) })
  tenant = await createTenant(app, 'auth-cache')
})
afterAll(async () => app?.close())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const models = (secret: string) => call(app, { method: 'GET', url: '/v1/models', headers: bearer(secret) })

async function newKey(expiresAt?: Date) {
  const created = await call(app, {
    method: 'POST',
    url: '/v1/api-keys',
    headers: bearer(tenant.keys.admin),
    payload: {
      name: 'cached',
      scopes: ['read'],
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    },
  })
  expect(created.statusCode).toBe(201)
  return created.json() as { id: string; secret: string }
}

describe('looked-up keys are reused for the TTL', () => {
  it('a revocation made behind this instance’s back holds once the TTL has passed', async () => {
    const key = await newKey()
    expect((await models(key.secret)).statusCode).toBe(200)
    await app.db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } })
    // Within the TTL this instance still has the row it read: that is the cache at work.
    expect((await models(key.secret)).statusCode).toBe(200)
    await sleep(TTL_MS + 200)
    expectProblem(await models(key.secret), 401, 'UNAUTHENTICATED')
  })

  it('a revocation through this instance takes effect at once', async () => {
    const key = await newKey()
    expect((await models(key.secret)).statusCode).toBe(200)
    const revoked = await call(app, {
      method: 'DELETE',
      url: `/v1/api-keys/${key.id}`,
      headers: bearer(tenant.keys.admin),
    })
    expect(revoked.statusCode).toBe(204)
    expectProblem(await models(key.secret), 401, 'UNAUTHENTICATED')
  })

  it('a cached key still expires on time', async () => {
    const key = await newKey(new Date(Date.now() + 800))
    expect((await models(key.secret)).statusCode).toBe(200)
    await sleep(1_000)
    expectProblem(await models(key.secret), 401, 'UNAUTHENTICATED')
  })
})
