import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bearer,
  buildTestApp,
  call,
  createTenant,
  databaseKind,
  databaseUrl,
  expectProblem,
  type Tenant,
} from '../helpers/app.js'

let app: FastifyInstance
let a: Tenant
let b: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  a = await createTenant(app, 'books-a')
  b = await createTenant(app, 'books-b')
})
afterAll(async () => app?.close())

const negotiated = (slug: string) => ({
  slug,
  name: 'Acme negotiated 2027',
  effectiveFrom: '2027-01-01',
  source: 'Order form 2026-12-01',
  models: [
    {
      modelId: 'claude-sonnet-4-5-20250929',
      aliases: ['claude-sonnet-4-5'],
      displayName: 'Sonnet 4.5 (negotiated)',
      input: '2.7',
      output: '13.5',
      cacheWrite5m: '3.375',
      cacheWrite1h: '5.4',
      cacheRead: '0.27',
      minCacheableTokens: '1024',
    },
  ],
})

/** The current ETag of one of tenant a's books (what a DELETE's If-Match takes). */
async function currentEtag(ref: string): Promise<string> {
  const read = await app.inject({
    method: 'GET',
    url: `/v1/price-books/${ref}`,
    headers: bearer(a.keys.read),
  })
  return String(read.headers.etag)
}

describe('GET /v1/models', () => {
  it('lists the built-in list prices as decimal strings', async () => {
    const response = await call(app, { method: 'GET', url: '/v1/models', headers: bearer(a.keys.read) })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.priceBook.slug).toBe('anthropic-list')
    const opus = body.data.find((m: { modelId: string }) => m.modelId === 'claude-opus-4-5-20251101')
    expect(opus).toMatchObject({
      aliases: ['claude-opus-4-5'],
      input: '5',
      output: '25',
      cacheWrite5m: '6.25',
      cacheWrite1h: '10',
      cacheRead: '0.5',
      batchDiscount: '0.5',
      minCacheableTokens: '4096',
    })
    const sonnet45 = body.data.find((m: { modelId: string }) => m.modelId === 'claude-sonnet-4-5-20250929')
    expect(sonnet45.retiresAt).toBe('2026-11-30')
    expect(sonnet45.longContextBands).toEqual([
      {
        thresholdTokens: '200000',
        input: '6',
        output: '22.5',
        cacheWrite5m: '7.5',
        cacheWrite1h: '12',
        cacheRead: '0.6',
      },
    ])
    expect(body.data.length).toBeGreaterThanOrEqual(20)
  })

  it('lists Opus, Sonnet, Haiku, then other families, newest version first, without sources unless asked', async () => {
    const response = await call(app, { method: 'GET', url: '/v1/models', headers: bearer(a.keys.read) })
    const ids = response.json().data.map((m: { modelId: string }) => m.modelId)
    expect(ids).toEqual([
      'claude-opus-5-5',
      'claude-opus-5',
      'claude-opus-4-8',
      'claude-opus-4-7-20260416',
      'claude-opus-4-6',
      'claude-opus-4-5-20251101',
      'claude-opus-4-1-20250805',
      'claude-opus-4-20250514',
      'claude-3-opus-20240229',
      'claude-sonnet-5-5',
      'claude-sonnet-5',
      'claude-sonnet-4-6',
      'claude-sonnet-4-5-20250929',
      'claude-sonnet-4-20250514',
      'claude-3-7-sonnet-20250219',
      'claude-haiku-5-5',
      'claude-haiku-4-5-20251001',
      'claude-3-5-haiku-20241022',
      'claude-3-haiku-20240307',
      'claude-fable-5-1',
      'claude-fable-5',
      'claude-mythos-5-1',
      'claude-mythos-5',
    ])
    for (const model of response.json().data) expect(model).not.toHaveProperty('source')

    const withSource = await call(app, {
      method: 'GET',
      url: '/v1/models?include=source',
      headers: bearer(a.keys.read),
    })
    expect(withSource.json().data.map((m: { modelId: string }) => m.modelId)).toEqual(ids)
    for (const model of withSource.json().data) expect(model.source).toMatch(/^https:\/\//)

    const one = await call(app, {
      method: 'GET',
      url: '/v1/models/claude-opus-4-5',
      headers: bearer(a.keys.read),
    })
    expect(one.json().model).not.toHaveProperty('source')
    const oneWith = await call(app, {
      method: 'GET',
      url: '/v1/models/claude-opus-4-5?include=source',
      headers: bearer(a.keys.read),
    })
    expect(oneWith.json().model.source).toContain('https://')
    // A book's own answer keeps every model's source, in the same order.
    const book = await call(app, {
      method: 'GET',
      url: '/v1/price-books/anthropic-list',
      headers: bearer(a.keys.read),
    })
    expect(book.json().models.map((m: { modelId: string }) => m.modelId)).toEqual(ids)
    expect(book.json().models[0].source).toContain('https://')

    const bad = await call(app, {
      method: 'GET',
      url: '/v1/models?include=everything',
      headers: bearer(a.keys.read),
    })
    const problem = expectProblem(bad, 400, 'VALIDATION_FAILED')
    expect(problem.errors).toEqual([
      { in: 'query', pointer: '/include', code: 'invalid_value', detail: "must be 'source'" },
    ])
  })

  it('suggests the nearest model names for an unknown one', async () => {
    const response = await call(app, {
      method: 'GET',
      url: '/v1/models/claude-sonet-4-5',
      headers: bearer(a.keys.read),
    })
    const problem = expectProblem(response, 404, 'NOT_FOUND')
    expect(problem.detail).toBe(
      "No model 'claude-sonet-4-5' in price book 'anthropic-list'; did you mean claude-sonnet-4-5?",
    )
  })

  it('looks one model up by alias or dated id, case-insensitively', async () => {
    for (const name of ['claude-opus-4-5', 'claude-opus-4-5-20251101', 'Claude-Opus-4-5']) {
      const response = await call(app, {
        method: 'GET',
        url: `/v1/models/${name}`,
        headers: bearer(a.keys.read),
      })
      expect(response.statusCode).toBe(200)
      expect(response.json().model).toMatchObject({
        modelId: 'claude-opus-4-5-20251101',
        input: '5',
        output: '25',
      })
    }
    const unknown = await call(app, {
      method: 'GET',
      url: '/v1/models/claude-opus-9',
      headers: bearer(a.keys.read),
    })
    expectProblem(unknown, 404, 'NOT_FOUND')
  })

  it('answers 404 for an unknown price book', async () => {
    const response = await call(app, {
      method: 'GET',
      url: '/v1/models?priceBook=nope',
      headers: bearer(a.keys.read),
    })
    expectProblem(response, 404, 'NOT_FOUND')
  })
})

describe('price books', () => {
  it('creates, reads, updates with If-Match and deletes an organization book', async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('acme-crud'),
    })
    expect(created.statusCode).toBe(201)
    const book = created.json()
    expect(book).toMatchObject({ slug: 'acme-crud', builtIn: false, version: 1 })
    expect(book.models[0]).toMatchObject({ input: '2.7', batchDiscount: '0.5', tokenizerRatio: '1' })
    expect(created.headers.location).toBe(`/v1/price-books/${book.id}`)
    const etag = created.headers.etag as string

    const bySlug = await call(app, {
      method: 'GET',
      url: '/v1/price-books/acme-crud',
      headers: bearer(a.keys.read),
    })
    expect(bySlug.json().id).toBe(book.id)
    expect(bySlug.headers.etag).toBe(etag)

    const noIfMatch = await call(app, {
      method: 'PATCH',
      url: `/v1/price-books/${book.id}`,
      headers: bearer(a.keys.write),
      payload: { name: 'x' },
    })
    expectProblem(noIfMatch, 428, 'PRECONDITION_REQUIRED')

    const updated = await call(app, {
      method: 'PATCH',
      url: `/v1/price-books/${book.id}`,
      headers: { ...bearer(a.keys.write), 'if-match': etag },
      payload: { name: 'Acme signed', models: [{ ...negotiated('x').models[0], input: '2.5' }] },
    })
    expect(updated.statusCode).toBe(200)
    expect(updated.json()).toMatchObject({ name: 'Acme signed', version: 2 })
    expect(updated.json().models[0].input).toBe('2.5')

    const stale = await call(app, {
      method: 'PATCH',
      url: `/v1/price-books/${book.id}`,
      headers: { ...bearer(a.keys.write), 'if-match': etag },
      payload: { name: 'lost update' },
    })
    expectProblem(stale, 412, 'PRECONDITION_FAILED')
    const after = await call(app, {
      method: 'GET',
      url: `/v1/price-books/${book.id}`,
      headers: bearer(a.keys.read),
    })
    expect(after.json().name).toBe('Acme signed')

    const deleted = await call(app, {
      method: 'DELETE',
      url: `/v1/price-books/${book.id}`,
      headers: { ...bearer(a.keys.write), 'if-match': await currentEtag(book.id) },
    })
    expect(deleted.statusCode).toBe(204)
    const gone = await call(app, {
      method: 'GET',
      url: `/v1/price-books/${book.id}`,
      headers: bearer(a.keys.read),
    })
    expectProblem(gone, 404, 'NOT_FOUND')
  })

  it('keeps exact decimals through the database', async () => {
    const payload = negotiated('acme-precise')
    payload.models[0]!.input = '1234567890.0123456789'
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload,
    })
    expect(created.statusCode).toBe(201)
    const read = await call(app, {
      method: 'GET',
      url: '/v1/price-books/acme-precise',
      headers: bearer(a.keys.read),
    })
    expect(read.json().models[0].input).toBe('1234567890.0123456789')
  })

  it('rejects money as a JSON number, too many decimals and unknown fields, with pointers, writing nothing', async () => {
    const payload = negotiated('acme-bad') as unknown as { models: Record<string, unknown>[]; extra?: string }
    payload.models[0]!.input = 2.7
    payload.models[0]!.output = '13.12345678901'
    payload.extra = 'x'
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload,
    })
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    const pointers = problem.errors?.map((e) => e.pointer)
    expect(pointers).toEqual(expect.arrayContaining(['/models/0/input', '/models/0/output', '/extra']))
    const list = await call(app, {
      method: 'GET',
      url: '/v1/price-books?limit=100',
      headers: bearer(a.keys.read),
    })
    expect(list.json().data.map((x: { slug: string }) => x.slug)).not.toContain('acme-bad')
  })

  it('copies the models of another book with basedOn', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: {
        slug: 'acme-copy',
        name: 'Copy of list',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
      },
    })
    expect(response.statusCode).toBe(201)
    expect(response.json().models.length).toBeGreaterThanOrEqual(20)
  })

  it('copies a book with a uniform discount off list, exactly: price × (1 − d) on every per-token price', async () => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: {
        slug: 'acme-discounted',
        name: 'Acme 12.3457% off list',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
        discountOffList: '0.123457',
      },
    })
    expect(response.statusCode).toBe(201)
    const book = response.json()
    const list = (
      await call(app, { method: 'GET', url: '/v1/price-books/anthropic-list', headers: bearer(a.keys.read) })
    ).json()
    expect(book.models.map((m: { modelId: string }) => m.modelId)).toEqual(
      list.models.map((m: { modelId: string }) => m.modelId),
    )
    const sonnet = book.models.find((m: { modelId: string }) => m.modelId === 'claude-sonnet-4-5-20250929')
    // 1 − 0.123457 = 0.876543: 3 → 2.629629, 15 → 13.148145, 3.75 → 3.28703625, 6 → 5.259258, 0.3 → 0.2629629.
    expect(sonnet).toMatchObject({
      input: '2.629629',
      output: '13.148145',
      cacheWrite5m: '3.28703625',
      cacheWrite1h: '5.259258',
      cacheRead: '0.2629629',
      // Kept as they were: not prices.
      batchDiscount: '0.5',
      minCacheableTokens: '1024',
      tokenizerRatio: '1',
      retiresAt: '2026-11-30',
      aliases: ['claude-sonnet-4-5'],
    })
    // Over 200K input tokens: 6 → 5.259258, 22.5 → 19.7222175, 7.5 → 6.5740725, 12 → 10.518516, 0.6 → 0.5259258.
    expect(sonnet.longContextBands).toEqual([
      {
        thresholdTokens: '200000',
        input: '5.259258',
        output: '19.7222175',
        cacheWrite5m: '6.5740725',
        cacheWrite1h: '10.518516',
        cacheRead: '0.5259258',
      },
    ])
    const opus46 = book.models.find((m: { modelId: string }) => m.modelId === 'claude-opus-4-6')
    expect(opus46).toMatchObject({
      input: '4.382715',
      dataResidencyMultiplier: '1.1',
      effectiveFrom: '2026-03-13',
    })
  })

  it('rounds a discounted price with more than 10 decimals half up to 10 decimals', async () => {
    const payload = negotiated('acme-odd-prices')
    Object.assign(payload.models[0]!, {
      input: '1.2345678901',
      output: '0.0000000003',
      cacheWrite5m: '9999999999.9999999999',
    })
    expect(
      (await call(app, { method: 'POST', url: '/v1/price-books', headers: bearer(a.keys.write), payload }))
        .statusCode,
    ).toBe(201)
    const copy = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      // A number is accepted for a rate: 0.5 is exactly one half.
      payload: {
        slug: 'acme-odd-half',
        name: 'Half off',
        effectiveFrom: '2027-01-01',
        basedOn: 'acme-odd-prices',
        discountOffList: 0.5,
      },
    })
    expect(copy.statusCode).toBe(201)
    // 1.2345678901 × 0.5 = 0.61728394505 → 0.6172839451; 0.0000000003 × 0.5 = 0.00000000015 → 0.0000000002;
    // 9999999999.9999999999 × 0.5 = 4999999999.99999999995 → 5000000000.
    expect(copy.json().models[0]).toMatchObject({
      input: '0.6172839451',
      output: '0.0000000002',
      cacheWrite5m: '5000000000',
      cacheWrite1h: '2.7',
      cacheRead: '0.135',
    })
  })

  it('refuses discountOffList without basedOn, or beside models, or out of range, creating nothing', async () => {
    const base = { name: 'x', effectiveFrom: '2027-01-01' }
    const cases: [unknown, number, string][] = [
      [{ ...base, slug: 'disc-alone', discountOffList: '0.1' }, 422, 'requires_based_on'],
      [
        { ...negotiated('disc-models'), basedOn: 'anthropic-list', discountOffList: '0.1' },
        422,
        'requires_based_on',
      ],
      [{ ...base, slug: 'disc-one', basedOn: 'anthropic-list', discountOffList: '1' }, 400, 'custom'],
      [{ ...base, slug: 'disc-neg', basedOn: 'anthropic-list', discountOffList: '-0.1' }, 400, 'custom'],
      [
        { ...base, slug: 'disc-digits', basedOn: 'anthropic-list', discountOffList: '0.1234567' },
        400,
        'custom',
      ],
      [
        { ...base, slug: 'disc-text', basedOn: 'anthropic-list', discountOffList: 'ten percent' },
        400,
        'custom',
      ],
    ]
    for (const [payload, status, code] of cases) {
      const response = await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(a.keys.write),
        payload: payload as object,
      })
      const problem = expectProblem(response, status, status === 422 ? 'UNPROCESSABLE' : 'VALIDATION_FAILED')
      expect(problem.errors?.[0]).toMatchObject({ in: 'body', pointer: '/discountOffList', code })
    }
    const list = await call(app, {
      method: 'GET',
      url: '/v1/price-books?limit=100',
      headers: bearer(a.keys.read),
    })
    const slugs = list.json().data.map((x: { slug: string }) => x.slug)
    for (const slug of ['disc-alone', 'disc-models', 'disc-one', 'disc-neg', 'disc-digits', 'disc-text'])
      expect(slugs).not.toContain(slug)
  })

  it('refuses to change built-in books', async () => {
    const book = await call(app, {
      method: 'GET',
      url: '/v1/price-books/anthropic-list',
      headers: bearer(a.keys.read),
    })
    const response = await call(app, {
      method: 'PATCH',
      url: '/v1/price-books/anthropic-list',
      headers: { ...bearer(a.keys.admin), 'if-match': book.headers.etag as string },
      payload: { name: 'mine now' },
    })
    expectProblem(response, 403, 'FORBIDDEN')
    const del = await call(app, {
      method: 'DELETE',
      url: '/v1/price-books/anthropic-list',
      headers: bearer(a.keys.admin),
    })
    expectProblem(del, 403, 'FORBIDDEN')
  })

  it('rejects a duplicate slug with 409', async () => {
    await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('acme-dup'),
    })
    const again = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('acme-dup'),
    })
    expectProblem(again, 409, 'SLUG_TAKEN')
  })
})

/** A scenario of the tenant that uses the book (scenarios have no routes yet; the table does). */
async function useInScenario(tenant: Tenant, priceBookId: string, name: string) {
  const portfolio = await app.db.prisma.portfolio.create({
    data: { organizationId: tenant.organizationId, name },
  })
  return app.db.prisma.scenario.create({
    data: {
      organizationId: tenant.organizationId,
      portfolioId: portfolio.id,
      priceBookId,
      name,
      termStart: new Date('2027-01-01T00:00:00Z'),
      termMonths: 12,
      levers: [],
      commitment: {},
    },
  })
}

/**
 * On PostgreSQL, runs `hold` in a transaction of its own connection and commits it only after
 * `contender` has started and had time to block on it: the deterministic form of two requests racing.
 */
async function whileUncommitted<T>(hold: (client: pg.Client) => Promise<void>, contender: () => Promise<T>) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('BEGIN')
    await hold(client)
    const pending = contender()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await client.query('COMMIT')
    return await pending
  } finally {
    await client.end()
  }
}

describe('one answer per conflict', () => {
  it('refuses to delete a book that scenarios use (409 IN_USE), and deletes it once they are gone', async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('in-use-book'),
    })
    const scenario = await useInScenario(a, created.json().id, 'uses in-use-book')
    const refused = await call(app, {
      method: 'DELETE',
      url: '/v1/price-books/in-use-book',
      headers: { ...bearer(a.keys.write), 'if-match': await currentEtag('in-use-book') },
    })
    expectProblem(refused, 409, 'IN_USE')
    await app.db.prisma.scenario.delete({ where: { id: scenario.id } })
    const deleted = await call(app, {
      method: 'DELETE',
      url: '/v1/price-books/in-use-book',
      headers: { ...bearer(a.keys.write), 'if-match': await currentEtag('in-use-book') },
    })
    expect(deleted.statusCode).toBe(204)
  })

  it.runIf(databaseKind === 'postgres')(
    'answers IN_USE when a scenario starts using the book while it is being deleted',
    async () => {
      const created = await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(a.keys.write),
        payload: negotiated('raced-delete'),
      })
      const portfolio = await app.db.prisma.portfolio.create({
        data: { organizationId: a.organizationId, name: 'raced-delete portfolio' },
      })
      const etag = await currentEtag('raced-delete')
      // The scenario is inserted but not committed: the delete's check cannot see it, and its
      // DELETE waits on the row lock, then fails on the foreign key once the insert commits.
      const response = await whileUncommitted(
        async (client) => {
          await client.query(
            `INSERT INTO "Scenario" (id, "organizationId", "portfolioId", "priceBookId", name, "termStart",
               "termMonths", levers, commitment, "updatedAt")
             VALUES (gen_random_uuid(), $1, $2, $3, 'raced', '2027-01-01', 12, '[]', '{}', now())`,
            [a.organizationId, portfolio.id, created.json().id],
          )
        },
        () =>
          app.inject({
            method: 'DELETE',
            url: '/v1/price-books/raced-delete',
            headers: { ...bearer(a.keys.write), 'if-match': etag },
          }),
      )
      expectProblem(response, 409, 'IN_USE')
      expect(await app.db.prisma.priceBook.count({ where: { id: created.json().id } })).toBe(1)
    },
  )

  it.runIf(databaseKind === 'postgres')(
    'answers SLUG_TAKEN, not CONFLICT, to the loser of two creates racing for one slug',
    async () => {
      // The first create is inserted but not committed: the second passes the slug check, then
      // waits on the unique index and fails on it once the first commits.
      const response = await whileUncommitted(
        async (client) => {
          await client.query(
            `INSERT INTO "PriceBook" (id, "organizationId", slug, name, "effectiveFrom", "updatedAt")
             VALUES (gen_random_uuid(), $1, 'raced-slug', 'first', '2027-01-01', now())`,
            [a.organizationId],
          )
        },
        () =>
          app.inject({
            method: 'POST',
            url: '/v1/price-books',
            headers: bearer(a.keys.write),
            payload: negotiated('raced-slug'),
          }),
      )
      expectProblem(response, 409, 'SLUG_TAKEN')
    },
  )

  it.runIf(databaseKind === 'postgres')(
    'answers SLUG_TAKEN to the loser of a rename racing a create for one slug',
    async () => {
      const created = await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(a.keys.write),
        payload: negotiated('rename-me'),
      })
      const response = await whileUncommitted(
        async (client) => {
          await client.query(
            `INSERT INTO "PriceBook" (id, "organizationId", slug, name, "effectiveFrom", "updatedAt")
             VALUES (gen_random_uuid(), $1, 'raced-rename', 'first', '2027-01-01', now())`,
            [a.organizationId],
          )
        },
        () =>
          app.inject({
            method: 'PATCH',
            url: '/v1/price-books/rename-me',
            headers: { ...bearer(a.keys.write), 'if-match': created.headers.etag as string },
            payload: { slug: 'raced-rename' },
          }),
      )
      expectProblem(response, 409, 'SLUG_TAKEN')
    },
  )
})

describe('tenant isolation', () => {
  it("answers 404 for another organization's book on every operation, and never lists it", async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('acme-secret'),
    })
    const { id } = created.json()
    const etag = created.headers.etag as string
    for (const ref of [id, 'acme-secret']) {
      expectProblem(
        await call(app, { method: 'GET', url: `/v1/price-books/${ref}`, headers: bearer(b.keys.admin) }),
        404,
        'NOT_FOUND',
      )
      expectProblem(
        await call(app, { method: 'GET', url: `/v1/models?priceBook=${ref}`, headers: bearer(b.keys.admin) }),
        404,
        'NOT_FOUND',
      )
      expectProblem(
        await call(app, {
          method: 'PATCH',
          url: `/v1/price-books/${ref}`,
          headers: { ...bearer(b.keys.admin), 'if-match': etag },
          payload: { name: 'stolen' },
        }),
        404,
        'NOT_FOUND',
      )
      expectProblem(
        await call(app, { method: 'DELETE', url: `/v1/price-books/${ref}`, headers: bearer(b.keys.admin) }),
        404,
        'NOT_FOUND',
      )
    }
    const list = await call(app, {
      method: 'GET',
      url: '/v1/price-books?limit=100',
      headers: bearer(b.keys.read),
    })
    expect(JSON.stringify(list.json())).not.toContain(id)
    const still = await call(app, {
      method: 'GET',
      url: `/v1/price-books/${id}`,
      headers: bearer(a.keys.read),
    })
    expect(still.json().name).toBe('Acme negotiated 2027')
  })

  it('lets two organizations use the same slug', async () => {
    const mine = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(a.keys.write),
      payload: negotiated('shared-slug'),
    })
    const theirs = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(b.keys.write),
      payload: negotiated('shared-slug'),
    })
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201])
    const read = await call(app, {
      method: 'GET',
      url: '/v1/price-books/shared-slug',
      headers: bearer(b.keys.read),
    })
    expect(read.json().id).toBe(theirs.json().id)
  })
})

describe('pagination', () => {
  it('walks every visible book once with small pages, and rejects a forged cursor', async () => {
    const c = await createTenant(app, 'books-pages')
    for (let i = 0; i < 5; i++) {
      await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(c.keys.write),
        payload: negotiated(`page-${i}`),
      })
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/v1/price-books?limit=2${cursor ? `&startingAfter=${cursor}` : ''}`
      const page = await call(app, { method: 'GET', url, headers: bearer(c.keys.read) })
      expect(page.statusCode).toBe(200)
      seen.push(...page.json().data.map((x: { slug: string }) => x.slug))
      cursor = page.json().nextCursor
    } while (cursor)
    expect(seen).toEqual(['anthropic-list', 'page-0', 'page-1', 'page-2', 'page-3', 'page-4'])
    for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'startingAfter=bm9wZQ']) {
      const response = await call(app, {
        method: 'GET',
        url: `/v1/price-books?${bad}`,
        headers: bearer(c.keys.read),
      })
      expectProblem(response, 400, 'VALIDATION_FAILED')
    }
  })
})

describe('idempotent creation', () => {
  it('replays the first response for the same key and body, and refuses the key with another body', async () => {
    const headers = { ...bearer(a.keys.write), 'idempotency-key': `idem-${Date.now()}` }
    const first = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers,
      payload: negotiated('idem-book'),
    })
    const second = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers,
      payload: negotiated('idem-book'),
    })
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.body).toBe(first.body)
    expect(second.headers['idempotent-replayed']).toBe('true')
    const other = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers,
      payload: negotiated('idem-other'),
    })
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED')
    const list = await call(app, {
      method: 'GET',
      url: '/v1/price-books?limit=100',
      headers: bearer(a.keys.read),
    })
    const slugs = list.json().data.map((x: { slug: string }) => x.slug)
    expect(slugs.filter((s: string) => s === 'idem-book')).toHaveLength(1)
    expect(slugs).not.toContain('idem-other')
  })

  it('does not cache a failed validation, and scopes keys to the organization', async () => {
    const key = `idem-scope-${Date.now()}`
    const bad = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(a.keys.write), 'idempotency-key': key },
      payload: { ...negotiated('idem-scope'), effectiveFrom: 'soon' },
    })
    expectProblem(bad, 400, 'VALIDATION_FAILED')
    const good = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(a.keys.write), 'idempotency-key': key },
      payload: negotiated('idem-scope'),
    })
    expect(good.statusCode).toBe(201)
    const otherTenant = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(b.keys.write), 'idempotency-key': key },
      payload: negotiated('idem-scope'),
    })
    expect(otherTenant.statusCode).toBe(201)
    expect(otherTenant.json().id).not.toBe(good.json().id)
  })

  it('creates exactly one book when the same request races itself', async () => {
    const headers = { ...bearer(a.keys.write), 'idempotency-key': `race-${Date.now()}` }
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        app.inject({ method: 'POST', url: '/v1/price-books', headers, payload: negotiated('race-book') }),
      ),
    )
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id))
    expect(ids.size).toBe(1)
    for (const r of responses) expect([201, 409]).toContain(r.statusCode)
    const list = await call(app, {
      method: 'GET',
      url: '/v1/price-books?limit=100',
      headers: bearer(a.keys.read),
    })
    expect(list.json().data.filter((x: { slug: string }) => x.slug === 'race-book')).toHaveLength(1)
  })
})
