import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Issue 8 over HTTP: US-only inference on a model that offers none is a 422 (DESIGN §3.1), and
 * MODEL_RETIRING is an error when the model is retired by the term's first day and names the price book's
 * successor (§3.6), which a price book stores per model.
 */
let app: FastifyInstance
let tenant: Tenant
let counter = 0
const unique = (name: string) => `${name}-${process.pid}-${++counter}`

beforeAll(async () => {
  app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '0' })
  tenant = await createTenant(app, 'lifecycle')
})
afterAll(async () => app?.close())

type Method = 'GET' | 'POST' | 'PATCH'
const send = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  call(app, {
    method,
    url,
    headers: { ...bearer(tenant.keys.write), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const preview = (payload: unknown) => send('POST', '/v1/plans/preview', payload)

/** The §4.1 example with its one workload changed. */
function example(change: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  const request = structuredClone(PREVIEW_EXAMPLE_REQUEST) as unknown as Record<string, unknown> & {
    workloads: Record<string, unknown>[]
  }
  request.workloads[0] = { ...request.workloads[0], ...change }
  return { ...request, ...rest }
}

const NO_US = (role: string, name: string, book: string) =>
  `${role} '${name}' offers no US-only inference in price book '${book}' (it has no dataResidencyMultiplier); ` +
  "use inferenceGeo 'global', or a model that offers US-only inference"

describe('US-only inference on a model that offers none (§3.1)', () => {
  it('is a 422 at /workloads/i/inferenceGeo naming the model and the routing target as the request gave them', async () => {
    // The example runs on Opus 4.5 and routes to Sonnet 4.5: neither offers US-only inference.
    const problem = expectProblem(await preview(example({ inferenceGeo: 'us' })), 422, 'UNPROCESSABLE_PLAN')
    expect(problem.errors).toEqual([
      {
        in: 'body',
        pointer: '/workloads/0/inferenceGeo',
        code: 'INFERENCE_GEO_UNAVAILABLE',
        detail: NO_US('model', 'claude-opus-4-5', 'Anthropic list prices'),
      },
      {
        in: 'body',
        pointer: '/workloads/0/inferenceGeo',
        code: 'INFERENCE_GEO_UNAVAILABLE',
        detail: NO_US('routing target', 'claude-sonnet-4-5', 'Anthropic list prices'),
      },
    ])
    // A dated id is named as given; a routing target that offers it is not mentioned.
    const dated = expectProblem(
      await preview(
        example({ model: 'claude-opus-4-5-20251101', routeToModel: 'claude-sonnet-4-6', inferenceGeo: 'us' }),
      ),
      422,
      'UNPROCESSABLE_PLAN',
    )
    expect(dated.errors?.map((e) => e.detail)).toEqual([
      NO_US('model', 'claude-opus-4-5-20251101', 'Anthropic list prices'),
    ])
  })

  it('prices US-only inference at ×1.1 on models that offer it', async () => {
    const request = example({ model: 'claude-opus-4-6', routeToModel: 'claude-sonnet-4-6' }, { levers: [] })
    const global = await preview(request)
    const us = await preview({ ...request, workloads: [{ ...request.workloads[0], inferenceGeo: 'us' }] })
    expect([global.statusCode, us.statusCode]).toEqual([200, 200])
    // Opus 4.6 at $5/$25: 300,000 × (6000 × 5 + 800 × 25)/1e6 = $15,000 in month 0; ×1.1 = $16,500.
    expect(global.json().months[0].baseline).toBe('15000.00')
    expect(us.json().months[0].baseline).toBe('16500.00')
  })

  it('is refused when a stored workload is written, pointing into the request as sent', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('us-write') })).json()
    const url = `/v1/portfolios/${portfolio.id}/workloads`
    const { routeToModel: _r, routableShare: _s, ...base } = PREVIEW_EXAMPLE_REQUEST.workloads[0]!
    const one = expectProblem(
      await send('POST', url, { ...base, inferenceGeo: 'us' }),
      422,
      'UNPROCESSABLE_PLAN',
    )
    expect(one.errors).toEqual([
      {
        in: 'body',
        pointer: '/inferenceGeo',
        code: 'INFERENCE_GEO_UNAVAILABLE',
        detail: NO_US('model', 'claude-opus-4-5', 'anthropic-list'),
      },
    ])
    const bulk = expectProblem(
      await send('POST', url, {
        workloads: [
          { ...base, model: 'claude-opus-4-6', inferenceGeo: 'us' },
          { ...base, name: 'second', model: 'claude-haiku-4-5', inferenceGeo: 'us' },
        ],
      }),
      422,
      'UNPROCESSABLE_PLAN',
    )
    expect(bulk.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/workloads/1/inferenceGeo', 'INFERENCE_GEO_UNAVAILABLE'],
    ])
    expect(bulk.errors?.[0]?.detail).toContain("model 'claude-haiku-4-5'")
    expect((await send('GET', url)).json().data).toHaveLength(0)
  })

  it('makes a stored projection a 422 naming the stored workload when the scenario’s book drops the multiplier', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('us-stored') })).json()
    const { routeToModel: _r, routableShare: _s, ...base } = PREVIEW_EXAMPLE_REQUEST.workloads[0]!
    const created = await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, {
      ...base,
      model: 'claude-opus-4-6',
      inferenceGeo: 'us',
    })
    expect(created.statusCode).toBe(201)
    const book = await send('POST', '/v1/price-books', {
      slug: unique('no-us'),
      name: 'No US-only inference',
      effectiveFrom: '2027-01-01',
      basedOn: 'anthropic-list',
    })
    const dropped = await send(
      'PATCH',
      `/v1/price-books/${book.json().id}/models/claude-opus-4-6`,
      { dataResidencyMultiplier: null },
      { 'if-match': String(book.headers.etag) },
    )
    expect(dropped.statusCode).toBe(200)
    const { priceBook: _b, workloads: _w, ...scenario } = PREVIEW_EXAMPLE_REQUEST
    const made = await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'no US',
      ...scenario,
      priceBook: book.json().id,
    })
    expect(made.statusCode).toBe(201)
    const projection = await send(
      'GET',
      `/v1/portfolios/${portfolio.id}/scenarios/${made.json().id}/projection`,
    )
    const problem = expectProblem(projection, 422, 'UNPROCESSABLE_PLAN')
    expect(problem.errors?.map((e) => [e.pointer, e.code])).toEqual([
      [`/workloads/${created.json().id}/inferenceGeo`, 'INFERENCE_GEO_UNAVAILABLE'],
    ])
    expect(problem.errors?.[0]?.detail).toContain("model 'claude-opus-4-6'")
  })
})

const model = (modelId: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  modelId,
  displayName,
  input: '3',
  output: '15',
  cacheWrite5m: '3.75',
  cacheWrite1h: '6',
  cacheRead: '0.3',
  minCacheableTokens: '1024',
  ...extra,
})
const SONNET_45 = model('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', {
  aliases: ['claude-sonnet-4-5'],
  retiresAt: '2026-11-30',
  successor: 'claude-sonnet-4-6',
})
const SONNET_46 = model('claude-sonnet-4-6', 'Claude Sonnet 4.6')

async function createBook(models: unknown[]) {
  return send('POST', '/v1/price-books', {
    slug: unique('successor'),
    name: 'Negotiated',
    effectiveFrom: '2027-01-01',
    models,
  })
}

describe('a price book names each model’s successor (§3.6)', () => {
  it('round-trips successor through create, read, the model list and a one-model PATCH', async () => {
    const created = await createBook([SONNET_45, SONNET_46])
    expect(created.statusCode).toBe(201)
    const successors = (body: { models: { modelId: string; successor: string | null }[] }) =>
      Object.fromEntries(body.models.map((m) => [m.modelId, m.successor]))
    expect(successors(created.json())).toEqual({
      'claude-sonnet-4-6': null,
      'claude-sonnet-4-5-20250929': 'claude-sonnet-4-6',
    })
    const id = created.json().id as string
    expect(successors((await send('GET', `/v1/price-books/${id}`)).json())).toEqual(
      successors(created.json()),
    )
    const listed = await send('GET', `/v1/models?priceBook=${id}`)
    expect(successors({ models: listed.json().data })).toEqual(successors(created.json()))
    const one = await send('GET', `/v1/price-books/${id}/models/claude-sonnet-4-5`)
    expect(one.json().model.successor).toBe('claude-sonnet-4-6')

    const cleared = await send(
      'PATCH',
      `/v1/price-books/${id}/models/claude-sonnet-4-5`,
      { successor: null },
      { 'if-match': String(one.headers.etag) },
    )
    expect(cleared.statusCode).toBe(200)
    expect(successors(cleared.json())['claude-sonnet-4-5-20250929']).toBeNull()
    const again = await send(
      'PATCH',
      `/v1/price-books/${id}/models/claude-sonnet-4-5`,
      { successor: 'claude-sonnet-4-6' },
      { 'if-match': String(cleared.headers.etag) },
    )
    expect(successors(again.json())['claude-sonnet-4-5-20250929']).toBe('claude-sonnet-4-6')
  })

  it('refuses a successor that is not another model of the book, at its pointer', async () => {
    const unknown = expectProblem(
      await createBook([{ ...SONNET_45, successor: 'claude-sonnet-5' }, SONNET_46]),
      422,
      'UNPROCESSABLE',
    )
    expect(unknown.errors).toEqual([
      {
        in: 'body',
        pointer: '/models/0/successor',
        code: 'invalid_successor',
        detail:
          "successor 'claude-sonnet-5' is not a model of this book; name another model of the book by its id",
      },
    ])
    expect(unknown.detail).toBe("A model's successor must be the id of another model of the same book.")
    const self = expectProblem(
      await createBook([SONNET_46, { ...SONNET_45, successor: 'claude-sonnet-4-5' }]),
      422,
      'UNPROCESSABLE',
    )
    expect(self.errors?.map((e) => [e.pointer, e.detail])).toEqual([
      ['/models/1/successor', "a model cannot be its own successor ('claude-sonnet-4-5')"],
    ])

    const created = await createBook([SONNET_45, SONNET_46])
    const id = created.json().id as string
    const patched = expectProblem(
      await send(
        'PATCH',
        `/v1/price-books/${id}/models/claude-sonnet-4-6`,
        { successor: 'claude-sonnet-4-5' },
        { 'if-match': String(created.headers.etag) },
      ),
      422,
      'UNPROCESSABLE',
    )
    expect(patched.errors?.map((e) => [e.pointer, e.detail])).toEqual([
      ['/successor', "successor 'claude-sonnet-4-5' must be a model id: use 'claude-sonnet-4-5-20250929'"],
    ])
    // Replacing the models without the successor leaves a dangling name: refused, nothing written.
    const replaced = expectProblem(
      await send(
        'PATCH',
        `/v1/price-books/${id}`,
        { models: [SONNET_45] },
        { 'if-match': String(created.headers.etag) },
      ),
      422,
      'UNPROCESSABLE',
    )
    expect(replaced.errors?.map((e) => e.pointer)).toEqual(['/models/0/successor'])
    expect((await send('GET', `/v1/price-books/${id}`)).json().models).toHaveLength(2)
  })

  it('MODEL_RETIRING names the successor: an error when retired by the term’s first day, else a warning', async () => {
    const created = await createBook([
      SONNET_45,
      SONNET_46,
      model('claude-opus-4-5-20251101', 'Claude Opus 4.5', { aliases: ['claude-opus-4-5'] }),
    ])
    expect(created.statusCode).toBe(201)
    const priceBook = created.json().slug as string
    const onSonnet = {
      model: 'claude-sonnet-4-5',
      routeToModel: null,
      routableShare: null,
      userWaiting: true,
      targetBatchShare: null,
    }
    const retiring = async (start: string) => {
      const response = await preview(
        example(onSonnet, { priceBook, term: { start, months: 12 }, levers: [], commitment: null }),
      )
      expect(response.statusCode).toBe(200)
      return response.json().warnings.filter((w: { code: string }) => w.code === 'MODEL_RETIRING')
    }
    expect(await retiring('2027-01-01')).toEqual([
      {
        code: 'MODEL_RETIRING',
        severity: 'error',
        amount: null,
        workloads: ['nightly-digest'],
        message:
          'Claude Sonnet 4.5 (claude-sonnet-4-5-20250929) retires on 2026-11-30, before the term starts on 2027-01-01: ' +
          'a workload uses it, yet no request of the term can run on it. Plan that workload on its successor in the ' +
          "price book, Claude Sonnet 4.6 (claude-sonnet-4-6) instead, at that model's prices.",
      },
    ])
    const [onTheDay] = await retiring('2026-11-30')
    expect(onTheDay).toMatchObject({ severity: 'error' })
    expect(onTheDay.message).toContain('retires on 2026-11-30, the day the term starts')
    expect(await retiring('2026-06-01')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message:
          'Claude Sonnet 4.5 (claude-sonnet-4-5-20250929) retires on 2026-11-30, before the term ends on 2027-05-31: a ' +
          'workload uses it and will have to move to its successor in the price book, Claude Sonnet 4.6 ' +
          "(claude-sonnet-4-6), at that model's prices.",
      }),
    ])
    // As a routing target, with the routing lever not listed: judged the same way.
    const routed = await preview(
      example(
        { routeToModel: 'claude-sonnet-4-5' },
        { priceBook, levers: [{ lever: 'batch', startMonth: 0, rampMonths: 0 }], commitment: null },
      ),
    )
    expect(routed.statusCode).toBe(200)
    expect(routed.json().warnings[0]).toMatchObject({
      code: 'MODEL_RETIRING',
      severity: 'error',
      workloads: ['nightly-digest'],
    })
  })
})
