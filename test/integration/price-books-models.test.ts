import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/** `GET` and `PATCH /v1/price-books/{id}/models/{model}`: one model of a book, changed without resending the rest. */
let app: FastifyInstance
let a: Tenant
let b: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  a = await createTenant(app, 'book-models-a')
  b = await createTenant(app, 'book-models-b')
})
afterAll(async () => app?.close())

const sonnet = {
  modelId: 'claude-sonnet-4-5-20250929',
  aliases: ['claude-sonnet-4-5'],
  displayName: 'Sonnet 4.5 (negotiated)',
  input: '2.7',
  output: '13.5',
  cacheWrite5m: '3.375',
  cacheWrite1h: '5.4',
  cacheRead: '0.27',
  minCacheableTokens: '1024',
  longContextBands: [
    {
      thresholdTokens: '200000',
      input: '5.4',
      output: '20.25',
      cacheWrite5m: '6.75',
      cacheWrite1h: '10.8',
      cacheRead: '0.54',
    },
  ],
}
const haiku = {
  modelId: 'claude-haiku-4-5-20251001',
  aliases: ['claude-haiku-4-5'],
  displayName: 'Haiku 4.5 (negotiated)',
  input: '0.9',
  output: '4.5',
  cacheWrite5m: '1.125',
  cacheWrite1h: '1.8',
  cacheRead: '0.09',
  minCacheableTokens: '4096',
}

/** A fresh book of `tenant` with two models; its id and ETag. */
async function createBook(tenant: Tenant, slug: string) {
  const response = await call(app, {
    method: 'POST',
    url: '/v1/price-books',
    headers: bearer(tenant.keys.write),
    payload: { slug, name: `Book ${slug}`, effectiveFrom: '2027-01-01', models: [sonnet, haiku] },
  })
  expect(response.statusCode).toBe(201)
  return { id: response.json().id as string, etag: response.headers.etag as string }
}

const read = async (tenant: Tenant, id: string) =>
  call(app, { method: 'GET', url: `/v1/price-books/${id}`, headers: bearer(tenant.keys.read) })

const patch = (tenant: Tenant, url: string, payload: unknown, etag?: string) =>
  call(app, {
    method: 'PATCH',
    url,
    headers: { ...bearer(tenant.keys.write), ...(etag ? { 'if-match': etag } : {}) },
    payload: payload as object,
  })

describe('PATCH /v1/price-books/{id}/models/{model}', () => {
  it('changes only the fields sent, by alias in any case, bumps the version and answers the book with its new ETag', async () => {
    const { id, etag } = await createBook(a, 'patch-one')
    const response = await patch(
      a,
      `/v1/price-books/${id}/models/Claude-Sonnet-4-5`,
      { input: '2.5', cacheRead: '0.25', retiresAt: '2027-06-30' },
      etag,
    )
    expect(response.statusCode).toBe(200)
    const book = response.json()
    expect(book.version).toBe(2)
    expect(response.headers.etag).toBe(`"${id}:2"`)
    const changed = book.models.find((m: { modelId: string }) => m.modelId === sonnet.modelId)
    expect(changed).toMatchObject({
      input: '2.5',
      cacheRead: '0.25',
      retiresAt: '2027-06-30',
      // Untouched fields keep their stored values (no defaults applied over them).
      output: '13.5',
      cacheWrite5m: '3.375',
      batchDiscount: '0.5',
      tokenizerRatio: '1',
      aliases: ['claude-sonnet-4-5'],
      longContextBands: sonnet.longContextBands,
    })
    expect(book.models.find((m: { modelId: string }) => m.modelId === haiku.modelId)).toMatchObject({
      input: '0.9',
      output: '4.5',
    })
    const again = await read(a, id)
    expect(again.headers.etag).toBe(`"${id}:2"`)
    expect(again.json()).toEqual(book)
  })

  it('replaces lists and clears nullable fields: aliases, bands, residency', async () => {
    const { id, etag } = await createBook(a, 'patch-lists')
    const response = await patch(
      a,
      `/v1/price-books/${id}/models/claude-sonnet-4-5-20250929`,
      { aliases: ['sonnet-negotiated'], longContextBands: [], dataResidencyMultiplier: '1.1' },
      etag,
    )
    expect(response.statusCode).toBe(200)
    const model = response.json().models.find((m: { modelId: string }) => m.modelId === sonnet.modelId)
    expect(model).toMatchObject({
      aliases: ['sonnet-negotiated'],
      longContextBands: [],
      dataResidencyMultiplier: '1.1',
    })
    const cleared = await patch(
      a,
      `/v1/price-books/${id}/models/sonnet-negotiated`,
      { dataResidencyMultiplier: null },
      response.headers.etag as string,
    )
    expect(cleared.statusCode).toBe(200)
    expect(
      cleared.json().models.find((m: { modelId: string }) => m.modelId === sonnet.modelId)
        .dataResidencyMultiplier,
    ).toBeNull()
  })

  it('serves the model with the book’s ETag at the same path', async () => {
    const { id, etag } = await createBook(a, 'patch-get')
    const response = await call(app, {
      method: 'GET',
      url: `/v1/price-books/patch-get/models/CLAUDE-HAIKU-4-5`,
      headers: bearer(a.keys.read),
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers.etag).toBe(etag)
    expect(response.json()).toMatchObject({
      priceBook: { id, slug: 'patch-get' },
      model: { modelId: haiku.modelId, input: '0.9', source: '' },
    })
  })

  it('needs If-Match: missing 428, stale 412, and changes nothing', async () => {
    const { id, etag } = await createBook(a, 'patch-etag')
    const url = `/v1/price-books/${id}/models/claude-haiku-4-5`
    expectProblem(await patch(a, url, { input: '0.1' }), 428, 'PRECONDITION_REQUIRED')
    expect((await patch(a, url, { input: '0.8' }, etag)).statusCode).toBe(200)
    expectProblem(await patch(a, url, { input: '0.1' }, etag), 412, 'PRECONDITION_FAILED')
    expectProblem(await patch(a, url, { input: '0.1' }, `"${id}:99"`), 412, 'PRECONDITION_FAILED')
    const book = (await read(a, id)).json()
    expect(book.version).toBe(2)
    expect(book.models.find((m: { modelId: string }) => m.modelId === haiku.modelId).input).toBe('0.8')
  })

  it('answers 404 with suggestions for an unknown model, 403 for a built-in book, 404 for another organization’s', async () => {
    const { id, etag } = await createBook(a, 'patch-refusals')
    const unknown = expectProblem(
      await patch(a, `/v1/price-books/${id}/models/claude-sonet-4-5`, { input: '1' }, etag),
      404,
      'NOT_FOUND',
    )
    expect(unknown.detail).toBe(
      "No model 'claude-sonet-4-5' in price book 'patch-refusals'; did you mean claude-sonnet-4-5?",
    )
    const nothingNear = expectProblem(
      await patch(a, `/v1/price-books/${id}/models/gpt-4`, { input: '1' }, etag),
      404,
      'NOT_FOUND',
    )
    expect(nothingNear.detail).toBe(
      "No model 'gpt-4' in price book 'patch-refusals'; use one of its model ids or aliases.",
    )

    const list = await read(a, 'anthropic-list')
    expectProblem(
      await patch(
        a,
        '/v1/price-books/anthropic-list/models/claude-opus-4-5',
        { input: '1' },
        list.headers.etag as string,
      ),
      403,
      'FORBIDDEN',
    )
    expectProblem(
      await call(app, {
        method: 'PATCH',
        url: '/v1/price-books/anthropic-list/models/claude-opus-4-5',
        headers: { ...bearer(a.keys.admin), 'if-match': list.headers.etag as string },
        payload: { input: '1' },
      }),
      403,
      'FORBIDDEN',
    )
    for (const ref of [id, 'patch-refusals']) {
      const theirs = expectProblem(
        await patch(b, `/v1/price-books/${ref}/models/claude-haiku-4-5`, { input: '1' }, etag),
        404,
        'NOT_FOUND',
      )
      expect(theirs.detail).not.toContain('haiku')
      expectProblem(
        await call(app, {
          method: 'GET',
          url: `/v1/price-books/${ref}/models/claude-haiku-4-5`,
          headers: bearer(b.keys.read),
        }),
        404,
        'NOT_FOUND',
      )
    }
    expect((await read(a, id)).json().version).toBe(1)
  })

  it('is strict: unknown or read-only fields and an empty body are 400s, and wrong values point at the field', async () => {
    const { id, etag } = await createBook(a, 'patch-strict')
    const url = `/v1/price-books/${id}/models/claude-haiku-4-5`
    const readOnly = expectProblem(
      await patch(a, url, { modelId: 'claude-haiku-9', input: '1' }, etag),
      400,
      'VALIDATION_FAILED',
    )
    expect(readOnly.errors).toEqual([
      {
        in: 'body',
        pointer: '/modelId',
        code: 'unrecognized_key',
        detail:
          "unknown field 'modelId'; the path names the model, and its id cannot be changed (replace the book’s " +
          '`models` to rename one)',
      },
    ])
    const unknown = expectProblem(await patch(a, url, { colour: 'red' }, etag), 400, 'VALIDATION_FAILED')
    expect(unknown.errors).toEqual([
      { in: 'body', pointer: '/colour', code: 'unrecognized_key', detail: "unknown field 'colour'" },
    ])
    const empty = expectProblem(await patch(a, url, {}, etag), 400, 'VALIDATION_FAILED')
    expect(empty.errors).toEqual([
      { in: 'body', pointer: '', code: 'custom', detail: 'send at least one field to change' },
    ])
    const wrong = expectProblem(
      await patch(a, url, { input: 0.9, output: '1.12345678901', displayName: '' }, etag),
      400,
      'VALIDATION_FAILED',
    )
    expect(wrong.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/input', code: 'invalid_type' }),
        expect.objectContaining({
          pointer: '/output',
          code: 'custom',
          detail: 'has more than 10 decimal places',
        }),
        expect.objectContaining({ pointer: '/displayName', code: 'too_small', detail: 'must not be empty' }),
      ]),
    )
    expect((await read(a, id)).json().version).toBe(1)
  })

  it('refuses an alias another model has, or two bands at one threshold (422), changing nothing', async () => {
    const { id, etag } = await createBook(a, 'patch-clash')
    const url = `/v1/price-books/${id}/models/claude-haiku-4-5`
    const clash = expectProblem(
      await patch(a, url, { aliases: ['claude-haiku-4-5', 'CLAUDE-SONNET-4-5'] }, etag),
      422,
      'UNPROCESSABLE',
    )
    expect(clash.errors).toEqual([
      {
        in: 'body',
        pointer: '/aliases/1',
        code: 'duplicate_model',
        detail:
          "'CLAUDE-SONNET-4-5' already names claude-sonnet-4-5-20250929 in this book; a name may belong to one model only",
      },
    ])
    const band = {
      thresholdTokens: '200000',
      input: '1',
      output: '1',
      cacheWrite5m: '1',
      cacheWrite1h: '1',
      cacheRead: '1',
    }
    const bands = expectProblem(
      await patch(a, url, { longContextBands: [band, { ...band, thresholdTokens: '200000.0' }] }, etag),
      422,
      'UNPROCESSABLE',
    )
    expect(bands.errors?.[0]).toMatchObject({
      pointer: '/longContextBands/1/thresholdTokens',
      code: 'duplicate_band',
    })
    expect((await read(a, id)).json().version).toBe(1)
  })
})
