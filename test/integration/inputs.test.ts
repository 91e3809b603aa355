import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'inputs')
})
afterAll(async () => app?.close())

const book = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: 'Inputs book',
  effectiveFrom: '2027-01-01',
  basedOn: 'anthropic-list',
  ...extra,
})

const model = (extra: Record<string, unknown> = {}) => ({
  modelId: 'claude-sonnet-4-5-20250929',
  displayName: 'Sonnet',
  input: '3',
  output: '15',
  cacheWrite5m: '3.75',
  cacheWrite1h: '6',
  cacheRead: '0.3',
  minCacheableTokens: '1024',
  ...extra,
})

/** A one-model preview request with the given term start. */
const preview = (start: string) => ({
  term: { start, months: 12 },
  levers: [],
  workloads: [
    {
      name: 'chat',
      model: 'claude-sonnet-4-5',
      requestsPerMonth: '1000',
      inputTokensPerRequest: '1000',
      outputTokensPerRequest: '100',
      userWaiting: true,
    },
  ],
})

async function booksCalled(slug: string): Promise<number> {
  return app.db.prisma.priceBook.count({ where: { organizationId: tenant.organizationId, slug } })
}

describe('text PostgreSQL cannot store is a 400 naming the field, never a 500', () => {
  it.each([
    ['a NUL in a path id', 'GET', '/v1/price-books/acme%00list', 'path', '/id'],
    ['a NUL in a model name', 'GET', '/v1/models/claude%00opus', 'path', '/model'],
    [
      'a NUL in the priceBook query parameter',
      'GET',
      '/v1/models?priceBook=anthropic%00list',
      'query',
      '/priceBook',
    ],
    ['a NUL in a query parameter key', 'GET', '/v1/models?price%00Book=x', 'query', '/price\uFFFDBook'],
    ['a NUL in a DELETE id', 'DELETE', '/v1/price-books/x%00y', 'path', '/id'],
  ] as const)('%s', async (_label, method, url, where, pointer) => {
    const body = expectProblem(
      await call(app, { method, url, headers: bearer(tenant.keys.write) }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([expect.objectContaining({ in: where, pointer, code: 'unsafe_text' })])
  })

  it.each([
    ['a NUL in a name', book('nul-name', { name: 'Acme\u0000rates' }), '/name'],
    ['a lone high surrogate', book('lone-high', { description: 'ok \uD800 then' }), '/description'],
    ['a lone low surrogate', book('lone-low', { source: '\uDC00' }), '/source'],
    [
      'a NUL deep in the models',
      book('nul-deep', { models: [model({ aliases: ['x', 'y\u0000'] })] }),
      '/models/0/aliases/1',
    ],
    ['a NUL in a key', book('nul-key', { 'we\u0000ird': 1 }), '/we\uFFFDird'],
  ])('%s in a body is refused and writes nothing', async (_label, payload, pointer) => {
    const body = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(tenant.keys.write),
        payload,
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([{ in: 'body', pointer, code: 'unsafe_text', detail: expect.any(String) }])
    expect(await booksCalled(payload.slug)).toBe(0)
  })

  it('refuses JSON nested deeper than any field of the API (no stack overflow)', async () => {
    const deep = `{"slug":"deep-book","name":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`
    for (const url of ['/v1/price-books', '/v1/api-keys']) {
      const response = await call(app, {
        method: 'POST',
        url,
        headers: { ...bearer(tenant.keys.admin), 'content-type': 'application/json' },
        payload: deep,
      })
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
      expect(problem.errors?.[0]).toMatchObject({ in: 'body', code: 'too_deep' })
      expect(problem.errors?.[0]?.pointer.startsWith('/name/a/a/a')).toBe(true)
    }
  })

  it('keeps well-formed surrogate pairs (emoji) intact', async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: book('emoji-book', { name: 'Rates 🚀 2027' }),
    })
    expect(created.statusCode).toBe(201)
    expect(created.json().name).toBe('Rates 🚀 2027')
  })

  it('checks PATCH bodies and API-key names too', async () => {
    expectProblem(
      await call(app, {
        method: 'PATCH',
        url: '/v1/price-books/emoji-book',
        headers: { ...bearer(tenant.keys.write), 'if-match': '"x"' },
        payload: { name: '\u0000' },
      }),
      400,
      'VALIDATION_FAILED',
    )
    const key = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/api-keys',
        headers: bearer(tenant.keys.admin),
        payload: { name: 'sync\u0000', scopes: ['read'] },
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(key.errors?.[0]).toMatchObject({ in: 'body', pointer: '/name', code: 'unsafe_text' })
  })
})

describe('tampered cursors are a 400 at /startingAfter, never a 500', () => {
  const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url')
  const uuid = '0195f1c2-7b3a-7c4d-8e5f-0123456789ab'
  it.each([
    ['a non-uuid id', cursor('2026-01-01T00:00:00.000Z|zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz')],
    ['an id with SQL in it', cursor("2026-01-01T00:00:00.000Z|' OR 1=1 --")],
    ['a year before 1970', cursor(`1969-12-31T23:59:59.999Z|${uuid}`)],
    ['a negative year', cursor(`-000001-01-01T00:00:00.000Z|${uuid}`)],
    ['a year past 9999', cursor(`+275760-09-13T00:00:00.000Z|${uuid}`)],
    ['a day not on the calendar', cursor(`2026-02-30T00:00:00.000Z|${uuid}`)],
    ['a date without milliseconds', cursor(`2026-01-01T00:00:00Z|${uuid}`)],
    ['an extra field', cursor(`2026-01-01T00:00:00.000Z|${uuid}|x`)],
    ['an upper-case id', cursor(`2026-01-01T00:00:00.000Z|${uuid.toUpperCase()}`)],
    ['base64 padding', `${cursor(`2026-01-01T00:00:00.000Z|${uuid}`)}==`],
    ['characters outside base64url', `${cursor(`2026-01-01T00:00:00.000Z|${uuid}`).slice(0, -2)}+/`],
    ['a NUL', `${cursor(`2026-01-01T00:00:00.000Z|${uuid}`)}%00`],
  ])('%s', async (_label, value) => {
    for (const url of ['/v1/price-books', '/v1/api-keys']) {
      const body = expectProblem(
        await call(app, {
          method: 'GET',
          url: `${url}?startingAfter=${value}`,
          headers: bearer(tenant.keys.admin),
        }),
        400,
        'VALIDATION_FAILED',
      )
      expect(body.errors?.[0]).toMatchObject({ in: 'query', pointer: '/startingAfter' })
    }
  })

  it('over the length limit', async () => {
    const body = expectProblem(
      await call(app, {
        method: 'GET',
        url: `/v1/price-books?startingAfter=${'A'.repeat(201)}`,
        headers: bearer(tenant.keys.read),
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors?.[0]).toMatchObject({ in: 'query', pointer: '/startingAfter' })
  })

  it('still accepts the cursors the API issues', async () => {
    const first = await call(app, {
      method: 'GET',
      url: '/v1/api-keys?limit=1',
      headers: bearer(tenant.keys.admin),
    })
    const next = first.json().nextCursor as string
    expect(next).toEqual(expect.any(String))
    const second = await call(app, {
      method: 'GET',
      url: `/v1/api-keys?limit=1&startingAfter=${next}`,
      headers: bearer(tenant.keys.admin),
    })
    expect(second.statusCode).toBe(200)
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id)
  })
})

describe('dates outside 1970-01-01..9999-12-31 are a 400 with a pointer', () => {
  it.each([
    ['effectiveFrom in year 0000', { effectiveFrom: '0000-01-01' }, '/effectiveFrom'],
    ['effectiveFrom before 1970', { effectiveFrom: '1969-12-31' }, '/effectiveFrom'],
    ['effectiveFrom on no calendar', { effectiveFrom: '2027-02-29' }, '/effectiveFrom'],
    [
      'a model deprecatedAt in year 0000',
      { models: [model({ deprecatedAt: '0000-01-01' })] },
      '/models/0/deprecatedAt',
    ],
    [
      'a model retiresAt in year 0000',
      { models: [model({ retiresAt: '0000-06-30' })] },
      '/models/0/retiresAt',
    ],
    [
      'a model effectiveFrom in year 0000',
      { models: [model({ effectiveFrom: '0000-01-01' })] },
      '/models/0/effectiveFrom',
    ],
  ])('%s', async (_label, extra, pointer) => {
    const slug = `dates-${pointer.replaceAll('/', '-').toLowerCase()}`.slice(0, 60)
    const body = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(tenant.keys.write),
        payload: book(slug, extra),
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', pointer })])
    expect(await booksCalled(slug)).toBe(0)
  })

  it('accepts both ends of the range', async () => {
    for (const [slug, effectiveFrom] of [
      ['range-first', '1970-01-01'],
      ['range-last', '9999-12-31'],
    ]) {
      const created = await call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: bearer(tenant.keys.write),
        payload: book(slug as string, { effectiveFrom }),
      })
      expect(created.statusCode).toBe(201)
      expect(created.json().effectiveFrom).toBe(effectiveFrom)
    }
  })

  it('checks the date on PATCH too', async () => {
    const read = await call(app, {
      method: 'GET',
      url: '/v1/price-books/range-first',
      headers: bearer(tenant.keys.read),
    })
    const body = expectProblem(
      await call(app, {
        method: 'PATCH',
        url: '/v1/price-books/range-first',
        headers: { ...bearer(tenant.keys.write), 'if-match': read.headers.etag as string },
        payload: { effectiveFrom: '0000-12-31' },
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(body.errors?.[0]).toMatchObject({ pointer: '/effectiveFrom' })
  })

  it.each([
    ['0000-01-01', 400],
    ['1999-12-31', 400],
    ['2200-01-01', 400],
    ['2000-01-01', 200],
    ['2199-12-31', 200],
  ])('a preview term starting %s answers %i', async (start, status) => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/plans/preview',
      headers: bearer(tenant.keys.read),
      payload: preview(start),
    })
    expect(response.statusCode).toBe(status)
    if (status === 400) {
      expect(expectProblem(response, 400, 'VALIDATION_FAILED').errors?.[0]).toMatchObject({
        in: 'body',
        pointer: '/term/start',
      })
    }
  })
})
