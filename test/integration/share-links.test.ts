import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/lib/problem.js'
import { sign } from '../../src/lib/share-link-signature.js'
import { SHARE_LINK_PURGE } from '../../src/modules/share-links/share-links.service.js'
import { ConcurrencyLimitedError } from '../../src/plugins/compute.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Share links end to end, the way a spreadsheet uses them: a link made with a key, then fetched over a real
 * socket with a plain GET and no headers (what `IMPORTDATA` or Power Query send). Every way of getting a link
 * wrong — its signature, any parameter, another path, its expiry, a revocation of it or of its key, another
 * method — is refused; old signatures verify during their grace period only; no signature reaches the logs.
 */

const CURRENT_SECRET = 'current-share-link-secret-0123456789abcdefghij'
const PREVIOUS_SECRET = 'previous-share-link-secret-9876543210zyxwvutsr'
const GRACE_MS = 10 * 60_000
/** When the previous secret's grace period ends (real time + 10 minutes). */
const graceEnds = new Date(Date.now() + GRACE_MS)

/** The app's clock: the real one, moved by `offsetMs` (expiry and grace are checked against it). */
let offsetMs = 0
const clock = () => new Date(Date.now() + offsetMs)

const logLines: string[] = []
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean))
    done()
  },
})

let app: FastifyInstance
let base: string
let tenant: Tenant
let other: Tenant
/** Every signature the tests saw, to look for in the logs at the end. */
const signatures = new Set<string>()

beforeAll(async () => {
  app = await buildTestApp(
    {
      LOG_LEVEL: 'info',
      SHARE_LINK_SECRET: CURRENT_SECRET,
      SHARE_LINK_PREVIOUS_SECRETS: `${PREVIOUS_SECRET}@${graceEnds.toISOString()}`,
    },
    { clock, logStream },
  )
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  tenant = await createTenant(app, 'share')
  other = await createTenant(app, 'share-other')
})
afterAll(async () => app?.close())

let counter = 0
const unique = (name: string) => `${name} ${process.pid}-${++counter}`

/** A portfolio of `owner` with two workloads and two scenarios. */
async function portfolioOf(owner: Tenant) {
  const send = (url: string, payload: object) =>
    call(app, { method: 'POST', url, headers: bearer(owner.keys.write), payload })
  const portfolio = (await send('/v1/portfolios', { name: unique('shared') })).json() as { id: string }
  const workload = (name: string, requestsPerMonth: string) => ({
    name,
    model: 'claude-sonnet-4-5',
    requestsPerMonth,
    inputTokensPerRequest: '4000',
    outputTokensPerRequest: '600',
    userWaiting: false,
  })
  const made = await send(`/v1/portfolios/${portfolio.id}/workloads`, {
    workloads: [workload('=HYPERLINK("x")', '50000'), workload('nightly-report', '120000')],
  })
  expect(made.statusCode).toBe(201)
  const scenario = async () =>
    (
      await send(`/v1/portfolios/${portfolio.id}/scenarios`, {
        name: unique('plan'),
        term: { start: '2027-01-01', months: 12 },
        levers: [{ lever: 'batch', startMonth: 0, rampMonths: 1 }],
        commitment: { simulations: 200 },
      })
    ).json() as { id: string }
  const [first, second] = [await scenario(), await scenario()]
  const projection = (scenarioId: string) =>
    `/v1/portfolios/${portfolio.id}/scenarios/${scenarioId}/projection`
  return { id: portfolio.id, scenarios: [first.id, second.id], projection }
}

interface CreatedLink {
  id: string
  url: string
  path: string
  format: string | null
  expiresAt: string
  apiKeyId: string
}

/** `POST /v1/share-links` over the socket (so the URL names the host the client used), as `key`. */
async function createLink(body: object, key = tenant.keys.read) {
  const response = await fetch(`${base}/v1/share-links`, {
    method: 'POST',
    headers: { ...bearer(key), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as CreatedLink & { code?: string }
  if (response.status === 201) signatures.add(new URL(json.url).searchParams.get('sig')!)
  return { status: response.status, headers: response.headers, json }
}

async function link(body: object, key = tenant.keys.read): Promise<CreatedLink> {
  const created = await createLink(body, key)
  expect(created.status, JSON.stringify(created.json)).toBe(201)
  return created.json
}

/** What a spreadsheet does: a plain GET of the URL, no headers of its own. */
async function pull(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init)
  const body = await response.text()
  return { status: response.status, headers: response.headers, body }
}

/** A refusal: a 403 problem with this code, not cached either. */
function expectRefused(response: Awaited<ReturnType<typeof pull>>, code: string) {
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 403 })
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(ProblemSchema.parse(JSON.parse(response.body)).code).toBe(code)
  expect(response.headers.get('cache-control')).toBe('no-store')
}

/** The URL with one query parameter set to `value` (or removed, when null). */
function withParam(url: string, name: string, value: string | null): string {
  const changed = new URL(url)
  if (value === null) changed.searchParams.delete(name)
  else changed.searchParams.set(name, value)
  return changed.toString()
}

describe('a spreadsheet-style pull', () => {
  it('fetches the resource with a plain GET and no key, uncached and without a referrer', async () => {
    const portfolio = await portfolioOf(tenant)
    const path = `/v1/portfolios/${portfolio.id}/workloads`
    const created = await createLink({ path, format: 'csv', expiresInSeconds: 900 })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    const { url, expiresAt, format } = created.json
    expect(format).toBe('csv')
    expect(created.json.path).toBe(`${path}?format=csv`)
    // Absolute, on the host the client called, with the link's parameters after the resource's own.
    expect(url).toMatch(
      new RegExp(`^${base}${path}\\?format=csv&link=${created.json.id}&exp=\\d+&sig=[0-9a-f]{64}$`),
    )
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(890_000)
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(900_000)

    const pulled = await pull(url)
    expect(pulled.status, pulled.body).toBe(200)
    expect(pulled.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(pulled.headers.get('cache-control')).toBe('no-store')
    expect(pulled.headers.get('referrer-policy')).toBe('no-referrer')
    // The same table the key reads, a formula-like name neutralized.
    const keyed = await app.inject({
      method: 'GET',
      url: `${path}?format=csv`,
      headers: bearer(tenant.keys.read),
    })
    expect(pulled.body).toBe(keyed.body)
    expect(pulled.body).toContain('nightly-report')
    expect(pulled.body).toContain(`"'=HYPERLINK(""x"")"`)
    // A write at the same path is another route, which takes no links: the link is no credential there.
    const write = await pull(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'smuggled', model: 'claude-sonnet-4-5' }),
    })
    expect(write.status).toBe(401)
  })

  it('serves JSON resources too, exactly as the key reads them, and HEAD like GET', async () => {
    const portfolio = await portfolioOf(tenant)
    const path = `${portfolio.projection(portfolio.scenarios[0]!)}?include=months`
    const created = await link({ path })
    expect(created.format).toBeNull()
    const pulled = await pull(created.url)
    expect(pulled.status, pulled.body).toBe(200)
    const keyed = await app.inject({ method: 'GET', url: path, headers: bearer(tenant.keys.read) })
    expect(JSON.parse(pulled.body)).toEqual(keyed.json())
    expect((await pull(created.url, { method: 'HEAD' })).status).toBe(200)
  })
})

describe('a changed link is refused, without saying what changed', () => {
  let portfolio: Awaited<ReturnType<typeof portfolioOf>>
  let created: CreatedLink
  beforeAll(async () => {
    portfolio = await portfolioOf(tenant)
    created = await link({ path: `${portfolio.projection(portfolio.scenarios[0]!)}?include=months` })
    expect((await pull(created.url)).status).toBe(200)
  })

  it('a tampered, shortened or missing signature → 403', async () => {
    const sig = new URL(created.url).searchParams.get('sig')!
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`
    const answers = await Promise.all(
      [flipped, sig.slice(0, 63), sig.toUpperCase(), '', null].map((value) =>
        pull(withParam(created.url, 'sig', value)),
      ),
    )
    for (const answer of answers) expectRefused(answer, 'SHARE_LINK_INVALID')
    // One detail for every case: which part is wrong is not told.
    expect(new Set(answers.map((a) => JSON.parse(a.body).detail)).size).toBe(1)
  })

  it('any changed, added or removed parameter → 403', async () => {
    const changes = [
      withParam(created.url, 'include', 'years'),
      withParam(created.url, 'include', null),
      withParam(created.url, 'format', 'csv'),
      `${created.url}&include=years`,
      withParam(created.url, 'exp', String(Number(new URL(created.url).searchParams.get('exp')) + 3600)),
    ]
    for (const url of changes) expectRefused(await pull(url), 'SHARE_LINK_INVALID')
  })

  it('on another path — another scenario, another tenant’s, another link’s id — → 403', async () => {
    const query = new URL(created.url).search
    const theirs = await portfolioOf(other)
    const otherLink = await link({ path: `${portfolio.projection(portfolio.scenarios[1]!)}?include=months` })
    const elsewhere = [
      `${base}${portfolio.projection(portfolio.scenarios[1]!)}${query}`,
      `${base}${theirs.projection(theirs.scenarios[0]!)}${query}`,
      withParam(created.url, 'link', otherLink.id),
    ]
    for (const url of elsewhere) expectRefused(await pull(url), 'SHARE_LINK_INVALID')
    // On a route that allows no links, a link is no credential at all.
    const notShareable = await pull(`${base}/v1/portfolios/${portfolio.id}${query}`)
    expect(notShareable.status).toBe(401)
  })

  it('any method but GET (and HEAD) is the router’s 405', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const answer = await pull(created.url, { method })
      expect(answer.status, `${method} ${answer.body}`).toBe(405)
      expect(JSON.parse(answer.body).code).toBe('METHOD_NOT_ALLOWED')
    }
  })

  it('a key sent with a link is the credential instead (another organization’s key: 404)', async () => {
    const answer = await pull(withParam(created.url, 'sig', 'not-a-signature'), {
      headers: bearer(other.keys.read),
    })
    expect(answer.status).toBe(404)
  })
})

describe('expiry, revocation and rotation', () => {
  it('works until its expiry and is refused one second after it', async () => {
    const portfolio = await portfolioOf(tenant)
    const created = await link({ path: portfolio.projection(portfolio.scenarios[0]!), expiresInSeconds: 60 })
    const expiresAt = Date.parse(created.expiresAt)
    expect(new URL(created.url).searchParams.get('exp')).toBe(String(expiresAt / 1000))
    try {
      offsetMs = expiresAt - 1000 - Date.now()
      expect((await pull(created.url)).status).toBe(200)
      offsetMs = expiresAt + 1000 - Date.now()
      const expired = await pull(created.url)
      expectRefused(expired, 'SHARE_LINK_EXPIRED')
      // Only a holder of a valid signature learns that it expired; a forged one is just invalid.
      expectRefused(await pull(withParam(created.url, 'sig', '0'.repeat(64))), 'SHARE_LINK_INVALID')
    } finally {
      offsetMs = 0
    }
  })

  it('is refused at once when revoked (another tenant cannot revoke it), and leaves the live list', async () => {
    const portfolio = await portfolioOf(tenant)
    const created = await link({ path: portfolio.projection(portfolio.scenarios[0]!) })
    const live = async () =>
      (
        await call(app, {
          method: 'GET',
          url: '/v1/share-links?limit=100',
          headers: bearer(tenant.keys.read),
        })
      ).json() as { data: { id: string; url?: string }[] }
    const listed = (await live()).data.find((item) => item.id === created.id)
    expect(listed).toMatchObject({ id: created.id, path: created.path, apiKeyId: created.apiKeyId })
    expect(JSON.stringify(listed)).not.toContain('sig')
    const theirs = await call(app, {
      method: 'DELETE',
      url: `/v1/share-links/${created.id}`,
      headers: bearer(other.keys.admin),
    })
    expectProblem(theirs, 404, 'NOT_FOUND')
    expect((await pull(created.url)).status).toBe(200)
    const revoked = await call(app, {
      method: 'DELETE',
      url: `/v1/share-links/${created.id}`,
      headers: bearer(tenant.keys.read),
    })
    expect(revoked.statusCode).toBe(204)
    expectRefused(await pull(created.url), 'SHARE_LINK_REVOKED')
    expect((await live()).data.map((item) => item.id)).not.toContain(created.id)
  })

  it('is refused once the API key that made it is revoked', async () => {
    const portfolio = await portfolioOf(tenant)
    const key = await call(app, {
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(tenant.keys.admin),
      payload: { name: 'sheet-sharer', scopes: ['read'] },
    })
    const { id: keyId, secret } = key.json() as { id: string; secret: string }
    const created = await link({ path: portfolio.projection(portfolio.scenarios[0]!) }, secret)
    expect(created.apiKeyId).toBe(keyId)
    expect((await pull(created.url)).status).toBe(200)
    const revoked = await call(app, {
      method: 'DELETE',
      url: `/v1/api-keys/${keyId}`,
      headers: bearer(tenant.keys.admin),
    })
    expect(revoked.statusCode).toBe(204)
    expectRefused(await pull(created.url), 'SHARE_LINK_REVOKED')
  })

  it('verifies a signature of the previous secret during its grace period only', async () => {
    const portfolio = await portfolioOf(tenant)
    const created = await link({
      path: portfolio.projection(portfolio.scenarios[0]!),
      expiresInSeconds: 3600,
    })
    // The same link as the previous secret signed it, before the rotation.
    const url = new URL(created.url)
    const signedBefore = sign(
      { current: PREVIOUS_SECRET, previous: [] },
      {
        method: 'GET',
        path: url.pathname,
        organizationId: tenant.organizationId,
        linkId: created.id,
        query: '',
        expires: Number(url.searchParams.get('exp')),
      },
    )
    signatures.add(signedBefore)
    const old = withParam(created.url, 'sig', signedBefore)
    try {
      offsetMs = graceEnds.getTime() - 1000 - Date.now()
      expect((await pull(old)).status).toBe(200)
      offsetMs = graceEnds.getTime() + 1000 - Date.now()
      expectRefused(await pull(old), 'SHARE_LINK_INVALID')
      // The current secret's signature of the same link still works: it has not expired.
      expect((await pull(created.url)).status).toBe(200)
    } finally {
      offsetMs = 0
    }
    // A secret the service never had verifies nothing.
    const forged = sign(
      { current: 'some-other-secret-of-32-bytes-or-more-000000', previous: [] },
      {
        method: 'GET',
        path: url.pathname,
        organizationId: tenant.organizationId,
        linkId: created.id,
        query: '',
        expires: Number(url.searchParams.get('exp')),
      },
    )
    expectRefused(await pull(withParam(created.url, 'sig', forged)), 'SHARE_LINK_INVALID')
  })
})

describe('making a link', () => {
  let portfolio: Awaited<ReturnType<typeof portfolioOf>>
  beforeAll(async () => {
    portfolio = await portfolioOf(tenant)
  })
  const make = (payload: object, key = tenant.keys.read) =>
    call(app, { method: 'POST', url: '/v1/share-links', headers: bearer(key), payload })

  it('refuses an expiry above 7 days (400) and defaults to 15 minutes', async () => {
    const path = portfolio.projection(portfolio.scenarios[0]!)
    const tooLong = expectProblem(await make({ path, expiresInSeconds: 604_801 }), 400, 'VALIDATION_FAILED')
    expect(tooLong.errors?.[0]).toMatchObject({ in: 'body', pointer: '/expiresInSeconds' })
    const longest = await make({ path, expiresInSeconds: 604_800 })
    expect(longest.statusCode).toBe(201)
    const byDefault = (await make({ path })).json() as CreatedLink
    expect(Date.parse(byDefault.expiresAt) - Date.now()).toBeGreaterThan(890_000)
    expect(Date.parse(byDefault.expiresAt) - Date.now()).toBeLessThanOrEqual(900_000)
  })

  it('refuses another tenant’s or a missing resource alike (422), and anything a link cannot open', async () => {
    const theirs = await portfolioOf(other)
    const missing = '00000000-0000-4000-8000-000000000000'
    const unprocessable = [
      theirs.projection(theirs.scenarios[0]!),
      portfolio.projection(missing),
      `/v1/portfolios/${missing}/scenarios/${missing}/projection`,
      // GET routes that allow no links, a route that does not exist, a write.
      `/v1/portfolios/${portfolio.id}`,
      '/v1/api-keys',
      '/v1/nowhere',
      '/v1/plans/preview',
    ]
    const bodies = []
    for (const path of unprocessable) {
      const body = expectProblem(await make({ path }), 422, 'UNPROCESSABLE')
      expect(body.errors?.[0]?.pointer, path).toBe('/path')
      bodies.push(body.errors?.[0]?.detail.replace(/'[^']*'/, "'…'"))
    }
    // Another tenant's portfolio reads exactly like one that does not exist.
    expect(bodies[0]).toBe("no portfolio '…' in your organization")
    expect(bodies[2]).toBe(bodies[0])
  })

  it('refuses a request the resource would refuse (400), pointing at the path', async () => {
    const path = portfolio.projection(portfolio.scenarios[0]!)
    for (const bad of [
      `${path}?colour=blue`,
      `${path}?include=months&include=years`,
      `${path}?sig=${'0'.repeat(64)}`,
      `${path}?include=%zz`,
      `/v1/portfolios/not-a-uuid/scenarios/${portfolio.scenarios[0]}/projection`,
      'https://elsewhere.example.com/v1/models',
    ]) {
      const body = expectProblem(await make({ path: bad }), 400, 'VALIDATION_FAILED')
      expect(body.errors?.[0]?.pointer, bad).toBe('/path')
    }
    expectProblem(await make({ path, format: 'csv' }), 400, 'VALIDATION_FAILED')
  })

  it('answers the same link to a retried creation (Idempotency-Key), URL included', async () => {
    const payload = { path: portfolio.projection(portfolio.scenarios[0]!) }
    const headers = { ...bearer(tenant.keys.read), 'idempotency-key': `share-${process.pid}-${++counter}` }
    const first = await call(app, { method: 'POST', url: '/v1/share-links', headers, payload })
    const again = await call(app, { method: 'POST', url: '/v1/share-links', headers, payload })
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
  })
})

describe('housekeeping: expired links are purged by later creations', () => {
  const DAY = SHARE_LINK_PURGE.afterExpiryMs
  /** Which of these links still have a row. */
  const rowsOf = async (...ids: string[]) =>
    (
      await app.db.prisma.shareLink.findMany({
        where: { id: { in: ids } },
        select: { id: true },
        orderBy: { expiresAt: 'asc' },
      })
    ).map((row) => row.id)
  /** Moves the app's clock to `ms` after the link's expiry. */
  const pastExpiry = (created: CreatedLink, ms: number) => {
    offsetMs = Date.parse(created.expiresAt) + ms - Date.now()
  }

  it('deletes a link a day after its expiry, and a revoked one no sooner: until then the row tells why', async () => {
    const portfolio = await portfolioOf(tenant)
    const path = portfolio.projection(portfolio.scenarios[0]!)
    const short = await link({ path, expiresInSeconds: 60 })
    const revoked = await link({ path, expiresInSeconds: 3600 })
    const lasting = await link({ path, expiresInSeconds: 604_800 })
    const revoke = await call(app, {
      method: 'DELETE',
      url: `/v1/share-links/${revoked.id}`,
      headers: bearer(tenant.keys.read),
    })
    expect(revoke.statusCode).toBe(204)
    // Revoked, its signature still verifies until it expires: a creation keeps the row that says it is revoked.
    await link({ path })
    expect(await rowsOf(revoked.id)).toEqual([revoked.id])
    expectRefused(await pull(revoked.url), 'SHARE_LINK_REVOKED')
    try {
      // A day after the expiry, less a second: a creation keeps the row, and the link is told expired.
      pastExpiry(short, DAY - 1000)
      await link({ path })
      expect(await rowsOf(short.id, revoked.id, lasting.id)).toEqual([short.id, revoked.id, lasting.id])
      expectRefused(await pull(short.url), 'SHARE_LINK_EXPIRED')
      // A second past the day: the next creation deletes it; the link is now just unknown.
      pastExpiry(short, DAY + 1000)
      expectRefused(await pull(short.url), 'SHARE_LINK_EXPIRED')
      await link({ path })
      expect(await rowsOf(short.id, revoked.id, lasting.id)).toEqual([revoked.id, lasting.id])
      expectRefused(await pull(short.url), 'SHARE_LINK_INVALID')
      // The revoked link has expired too, less than a day ago: kept like any other.
      expectRefused(await pull(revoked.url), 'SHARE_LINK_EXPIRED')
      pastExpiry(revoked, DAY + 1000)
      await link({ path })
      expect(await rowsOf(short.id, revoked.id, lasting.id)).toEqual([lasting.id])
      expect((await pull(lasting.url)).status).toBe(200)
    } finally {
      offsetMs = 0
    }
  })

  it('deletes a bounded batch per creation, the longest expired first, whatever the backlog', async () => {
    const portfolio = await portfolioOf(tenant)
    const maker = await link({ path: portfolio.projection(portfolio.scenarios[0]!) })
    // A backlog larger than a batch, expired a month ago (older than anything another test left).
    const backlog = SHARE_LINK_PURGE.batch + 50
    const ids = Array.from({ length: backlog }, () => randomUUID())
    const monthAgo = Date.now() - 30 * DAY
    await app.db.prisma.shareLink.createMany({
      data: ids.map((id, i) => ({
        id,
        organizationId: tenant.organizationId,
        apiKeyId: maker.apiKeyId,
        path: '/v1/portfolios',
        expiresAt: new Date(monthAgo - i * 1000),
      })),
    })
    const path = maker.path
    await link({ path })
    // The batch's worth of the longest expired (the last ids) went; the rest wait for the next creation.
    expect(await rowsOf(...ids)).toEqual(ids.slice(0, backlog - SHARE_LINK_PURGE.batch).reverse())
    await link({ path })
    expect(await rowsOf(...ids)).toEqual([])
  })
})

describe('computations through a link', () => {
  it('count against the concurrency of the key that made the link, not a budget of their own', async () => {
    const portfolio = await portfolioOf(tenant)
    // Each scenario's plan is not computed yet: its first read computes it on the pool.
    const [first, second] = portfolio.scenarios.map((id) => portfolio.projection(id))
    const viaFirst = await link({ path: first! })
    const viaSecond = await link({ path: `${second}?include=months` })
    // The key that made the links holds every computation slot it may have.
    const releases: (() => void)[] = []
    try {
      for (let i = 0; i < 100; i++) releases.push(app.compute.admit(viaFirst.apiKeyId))
    } catch (error) {
      expect(error).toBeInstanceOf(ConcurrencyLimitedError)
    }
    try {
      expect(releases.length).toBeGreaterThan(0)
      expect(releases.length).toBeLessThan(100)
      for (const url of [viaFirst.url, viaSecond.url]) {
        const refused = await pull(url)
        expect(refused.status, refused.body).toBe(429)
        expect(JSON.parse(refused.body).code).toBe('CONCURRENCY_LIMITED')
      }
      // Another key of the organization has slots of its own.
      const keyed = await call(app, { method: 'GET', url: first!, headers: bearer(tenant.keys.write) })
      expect(keyed.statusCode).toBe(200)
    } finally {
      for (const release of releases) release()
    }
    // A slot free again: the link computes.
    const pulled = await pull(viaSecond.url)
    expect(pulled.status, pulled.body).toBe(200)
  })
})

describe('the path field', () => {
  it('lists exactly the operations whose policy allows share links, from the routes themselves', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>
      components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> }
    }
    const ref = JSON.stringify(spec.paths['/v1/share-links']?.post?.requestBody).match(
      /#\/components\/schemas\/([A-Za-z]+)/,
    )?.[1]
    const description = spec.components.schemas[ref!]?.properties?.path?.description ?? ''
    const listed = [...description.matchAll(/^- `GET ([^`]+)`/gm)].map((m) => m[1])
    const shareable = app
      .routeInventory()
      .filter((r) => r.method === 'GET' && typeof r.auth === 'object' && r.auth.signedLink)
      .map((r) => r.url.replace(/:(\w+)/g, '{$1}'))
    expect(listed.length).toBeGreaterThan(5)
    expect(listed).toEqual([...new Set(shareable)].sort())
    // What the list names is what a link can be made for; an operation not in it is refused.
    const portfolio = await portfolioOf(tenant)
    expect(listed).toContain('/v1/portfolios/{portfolioId}/comparison')
    expect((await createLink({ path: `/v1/portfolios/${portfolio.id}/comparison` })).status).toBe(201)
    expect(listed).not.toContain('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/recommendation')
    const recommendation = `/v1/portfolios/${portfolio.id}/scenarios/${portfolio.scenarios[0]}/recommendation`
    expect((await createLink({ path: recommendation })).status).toBe(422)
  })
})

describe('the logs', () => {
  it('never hold a link’s signature, and show where it was redacted', () => {
    expect(signatures.size).toBeGreaterThan(5)
    const text = logLines.join('\n')
    expect([...signatures].filter((sig) => text.includes(sig))).toEqual([])
    const urls = logLines
      .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
      .filter((url): url is string => url?.includes('sig=') ?? false)
    expect(urls.length).toBeGreaterThan(5)
    for (const url of urls) expect(url).toMatch(/[?&]sig=\[REDACTED\]/)
  })
})

describe('configuration', () => {
  it('PUBLIC_BASE_URL makes the links’ address; each link has its own rate limit', async () => {
    const proxied = await buildTestApp({
      PUBLIC_BASE_URL: 'https://planner.example.com/api/',
      SHARE_LINK_SECRET: CURRENT_SECRET,
      RATE_LIMIT_PER_MINUTE: '3',
    })
    try {
      const owner = await createTenant(proxied, 'share-rate')
      const send = (url: string, payload: object) =>
        proxied.inject({ method: 'POST', url, headers: bearer(owner.keys.admin), payload })
      // Three requests of the admin key: its whole budget.
      const portfolioId = (await send('/v1/portfolios', { name: unique('rate') })).json().id as string
      await send(`/v1/portfolios/${portfolioId}/workloads`, {
        name: 'rated',
        model: 'claude-sonnet-4-5',
        requestsPerMonth: '1000',
        inputTokensPerRequest: '1000',
        outputTokensPerRequest: '100',
        userWaiting: true,
      })
      const scenarioId = (
        await send(`/v1/portfolios/${portfolioId}/scenarios`, {
          name: 'rated',
          term: { start: '2027-01-01', months: 12 },
          levers: [{ lever: 'batch', startMonth: 0, rampMonths: 1 }],
          commitment: { simulations: 200 },
        })
      ).json().id as string
      const path = `/v1/portfolios/${portfolioId}/scenarios/${scenarioId}/projection`
      const make = () =>
        proxied.inject({
          method: 'POST',
          url: '/v1/share-links',
          headers: bearer(owner.keys.read),
          payload: { path },
        })
      const [first, second] = [(await make()).json(), (await make()).json()] as CreatedLink[]
      expect(first!.url.startsWith(`https://planner.example.com/api${path}?link=`)).toBe(true)
      const local = (url: string) => url.replace('https://planner.example.com/api', '')
      const statuses = []
      for (let i = 0; i < 4; i++) {
        statuses.push((await proxied.inject({ method: 'GET', url: local(first!.url) })).statusCode)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      // Another link, and the key itself (two requests so far), have budgets of their own.
      expect((await proxied.inject({ method: 'GET', url: local(second!.url) })).statusCode).toBe(200)
      const keyed = await proxied.inject({
        method: 'GET',
        url: '/v1/share-links',
        headers: bearer(owner.keys.read),
      })
      expect(keyed.statusCode).toBe(200)
    } finally {
      await proxied.close()
    }
  })
})
