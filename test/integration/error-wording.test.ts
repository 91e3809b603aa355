import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Validator wording never reaches a user: a sweep of invalid bodies — every field of a valid request
 * removed, nulled or replaced by a value of every JSON type, too long, too big, too small, plus unknown
 * fields — to the plan preview (validated on a worker thread) and to the price-book routes (validated by
 * the route), and not one `detail` may hold zod's phrases. The wording itself is checked on examples.
 */
let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '0', PLAN_CONCURRENCY_PER_KEY: '50' })
  tenant = await createTenant(app, 'wording')
})
afterAll(async () => app?.close())

/** zod's own phrases ("Invalid input: expected boolean, received undefined", "Too big: expected number…"). */
const ZOD_PHRASES = /expected|received|invalid input|too big|too small/i

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const PREVIEW: Json = {
  priceBook: 'anthropic-list',
  term: { start: '2027-01-01', months: 12 },
  levers: [{ lever: 'batch', startMonth: 0, rampMonths: 2 }],
  workloads: [
    {
      name: 'evals',
      kind: 'offline',
      model: 'claude-sonnet-4-5',
      routeToModel: 'claude-haiku-4-5',
      routableShare: '0.5',
      requestsPerMonth: 1000,
      inputTokensPerRequest: '1000',
      outputTokensPerRequest: 100,
      cacheablePrefixTokens: 500,
      currentCacheHitRate: '0',
      targetCacheHitRate: 0.8,
      cacheTtl: '5m',
      userWaiting: false,
      currentBatchShare: 0,
      targetBatchShare: 1,
      monthlyGrowthRate: '0.01',
      inferenceGeo: 'global',
      observedMonthlySpend: '4.50',
    },
  ],
  commitment: {
    confidence: '0.9',
    proposedCommit: '100.00',
    overage: 'list',
    discountTiers: [{ minCommit: '10.00', discountRate: '0.05' }],
    uncertainty: { growthStdDev: '0.01', adoptionSlipMonths: { batch: 1 }, minRealization: '0.9' },
    simulations: 20,
    seed: 7,
  },
}

const BOOK: Json = {
  slug: 'wording-book',
  name: 'Wording',
  effectiveFrom: '2027-01-01',
  source: 'test',
  description: 'sweep',
  models: [
    {
      modelId: 'claude-sonnet-4-5-20250929',
      aliases: ['claude-sonnet-4-5'],
      displayName: 'Sonnet',
      input: '2.7',
      output: '13.5',
      cacheWrite5m: '3.375',
      cacheWrite1h: '5.4',
      cacheRead: '0.27',
      batchDiscount: '0.5',
      minCacheableTokens: '1024',
      tokenizerRatio: '1',
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
      dataResidencyMultiplier: '1.1',
      deprecatedAt: null,
      retiresAt: '2027-12-31',
      effectiveFrom: '2027-01-01',
      source: 'order form',
    },
  ],
}

const COPY: Json = {
  slug: 'wording-copy',
  name: 'Copy',
  effectiveFrom: '2027-01-01',
  basedOn: 'anthropic-list',
  discountOffList: '0.1',
}

const MODEL_CHANGE: Json = {
  aliases: ['sonnet-negotiated'],
  input: '2.5',
  longContextBands: [],
  dataResidencyMultiplier: null,
  retiresAt: '2028-01-01',
}

/** Values of every JSON type, and sizes beyond any bound: one of them is wrong for any field. */
const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e12,
  '',
  'x',
  '-5',
  '1e3',
  'x'.repeat(2100),
  [],
  [1],
  {},
  { unknown: 1 },
]

/** Every path (object keys and array indexes) of `value`, the root included. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const found = [at]
  if (Array.isArray(value)) for (const [i, item] of value.entries()) found.push(...paths(item, [...at, i]))
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...at, key]))
  return found
}

/** A copy of `body` with the value at `path` replaced (or removed when `replacement` is undefined). */
function mutated(body: Json, path: (string | number)[], replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement
  const copy = structuredClone(body) as Record<string | number, Json>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>
  const last = path.at(-1)!
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1)
    else delete node[last]
  } else node[last] = replacement
  return copy
}

/** Every invalid-ish variant of `body`: each path removed or replaced by each value, and an unknown field in each object. */
function sweep(body: Json): Json[] {
  const variants: Json[] = []
  for (const path of paths(body)) {
    if (path.length > 0) variants.push(mutated(body, path, undefined)!)
    for (const replacement of REPLACEMENTS) variants.push(mutated(body, path, replacement)!)
    const node = path.reduce<Json>((n, key) => (n as Record<string | number, Json>)[key]!, body)
    if (node !== null && typeof node === 'object' && !Array.isArray(node))
      variants.push(mutated(body, [...path, 'surprise'], 'x')!)
  }
  return variants
}

/** Every `detail` of a problem: the top one and each field's. */
function detailsOf(response: LightMyRequestResponse): string[] {
  const body = response.json() as { detail: string; errors?: { detail: string }[] }
  return [body.detail, ...(body.errors ?? []).map((e) => e.detail)]
}

/** Sends every variant and checks each answer; returns how many were refused with field issues. */
async function sendSweep(
  variants: readonly Json[],
  request: (body: Json, i: number) => Promise<LightMyRequestResponse>,
): Promise<{ refused: number; offending: string[] }> {
  let refused = 0
  const offending: string[] = []
  for (const [i, body] of variants.entries()) {
    const response = await request(body, i)
    expect(response.statusCode, response.body).toBeLessThan(500)
    if (response.statusCode < 400) continue
    const details = detailsOf(response)
    if ((response.json() as { errors?: unknown[] }).errors?.length) refused++
    for (const detail of details)
      if (ZOD_PHRASES.test(detail)) offending.push(`${JSON.stringify(body).slice(0, 160)} → ${detail}`)
  }
  return { refused, offending }
}

describe('the wording of validation errors', () => {
  it('never shows zod’s phrases for any invalid body of POST /v1/plans/preview (validated on a worker)', async () => {
    const variants = sweep(PREVIEW)
    const { refused, offending } = await sendSweep(variants, (body) =>
      call(app, {
        method: 'POST',
        url: '/v1/plans/preview',
        headers: { ...bearer(tenant.keys.read), 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
    )
    expect(offending).toEqual([])
    expect(refused).toBeGreaterThan(variants.length / 2)
  }, 300_000)

  it('never shows zod’s phrases for any invalid body of POST /v1/price-books, from models or from basedOn', async () => {
    const variants = [...sweep(BOOK), ...sweep(COPY)]
    const { refused, offending } = await sendSweep(variants, (body, i) => {
      // A fresh slug per request, unless the slug itself is what the variant changed.
      const payload =
        body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body.slug === 'string'
          ? { ...body, slug: body.slug.startsWith('wording-') ? `${body.slug}-${i}` : body.slug }
          : body
      return call(app, {
        method: 'POST',
        url: '/v1/price-books',
        headers: { ...bearer(tenant.keys.write), 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      })
    })
    expect(offending).toEqual([])
    expect(refused).toBeGreaterThan(variants.length / 2)
  }, 300_000)

  it('never shows zod’s phrases for any invalid body of PATCH /v1/price-books/{id}/models/{model}', async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: { ...(BOOK as object), slug: 'wording-patch' },
    })
    expect(created.statusCode).toBe(201)
    const url = '/v1/price-books/wording-patch/models/claude-sonnet-4-5-20250929'
    const { offending } = await sendSweep(sweep(MODEL_CHANGE), async (body) => {
      const etag = (await call(app, { method: 'GET', url, headers: bearer(tenant.keys.read) })).headers.etag
      return call(app, {
        method: 'PATCH',
        url,
        headers: {
          ...bearer(tenant.keys.write),
          'content-type': 'application/json',
          'if-match': String(etag),
        },
        payload: JSON.stringify(body),
      })
    })
    expect(offending).toEqual([])
  }, 300_000)

  it('asks the waiting test’s question when userWaiting is missing or not a boolean', async () => {
    const request = structuredClone(PREVIEW) as { workloads: Record<string, Json>[] }
    delete request.workloads[0]!.userWaiting
    const missing = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/plans/preview',
        headers: bearer(tenant.keys.read),
        payload: request,
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(missing.errors).toEqual([
      {
        in: 'body',
        pointer: '/workloads/0/userWaiting',
        code: 'invalid_type',
        detail:
          'is required; this is the waiting test: is anyone waiting on this result the instant it is produced? ' +
          'Send true or false.',
      },
    ])
    request.workloads[0]!.userWaiting = 'yes'
    const wrong = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/plans/preview',
        headers: bearer(tenant.keys.read),
        payload: request,
      }),
      400,
      'VALIDATION_FAILED',
    )
    expect(wrong.errors?.[0]?.detail).toBe(
      'must be true or false, not text; this is the waiting test: is anyone waiting on this result the instant it ' +
        'is produced? Send true or false.',
    )
  })

  it('words each kind of issue plainly, keeping its pointer and code', async () => {
    const request = structuredClone(PREVIEW) as Record<string, Json> & {
      term: Record<string, Json>
      workloads: Record<string, Json>[]
      levers: Record<string, Json>[]
      commitment: Record<string, Json> & { uncertainty: Record<string, Json> }
    }
    request.term.months = 121
    request.levers[0]!.lever = 'pricing'
    request.workloads[0]!.cacheTtl = '10m'
    request.workloads[0]!.name = ''
    request.workloads[0]!.requestsPerMonth = true
    delete request.workloads[0]!.outputTokensPerRequest
    request.commitment.seed = 1.5
    request.commitment.uncertainty.adoptionSlipMonths = 121
    request.colour = 'red'
    const problem = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/plans/preview',
        headers: bearer(tenant.keys.read),
        payload: request,
      }),
      400,
      'VALIDATION_FAILED',
    )
    const byPointer = Object.fromEntries((problem.errors ?? []).map((e) => [e.pointer, [e.code, e.detail]]))
    expect(byPointer).toEqual({
      '/term/months': ['too_big', 'must be at most 120'],
      '/levers/0/lever': ['invalid_value', "must be one of 'routing', 'caching' or 'batch'"],
      '/workloads/0/cacheTtl': ['invalid_value', "must be '5m' or '1h'"],
      '/workloads/0/name': ['too_small', 'must not be empty'],
      '/workloads/0/requestsPerMonth': ['invalid_union', 'must be a number or a decimal string'],
      '/workloads/0/outputTokensPerRequest': ['invalid_union', 'is required'],
      '/commitment/seed': ['invalid_type', 'must be a whole number'],
      '/commitment/uncertainty/adoptionSlipMonths': ['too_big', 'must be at most 120'],
      '/colour': ['unrecognized_key', "unknown field 'colour'"],
    })
  })

  it('suggests the nearest model names for an unknown model of a plan (the engine’s 422)', async () => {
    const request = structuredClone(PREVIEW) as { workloads: Record<string, Json>[] }
    request.workloads[0]!.model = 'claude-sonet-4-5'
    request.workloads[0]!.routeToModel = 'claude-haiku-4.5'
    const problem = expectProblem(
      await call(app, {
        method: 'POST',
        url: '/v1/plans/preview',
        headers: bearer(tenant.keys.read),
        payload: request,
      }),
      422,
      'UNPROCESSABLE_PLAN',
    )
    const [model, route] = problem.errors ?? []
    expect(model).toMatchObject({ pointer: '/workloads/0/model', code: 'UNKNOWN_MODEL' })
    expect(model?.detail).toMatch(
      /^no model 'claude-sonet-4-5' in price book '[^']+'; did you mean claude-sonnet-4-5\?$/,
    )
    expect(route).toMatchObject({ pointer: '/workloads/0/routeToModel', code: 'UNKNOWN_MODEL' })
    expect(route?.detail).toMatch(/did you mean claude-haiku-4-5\?$/)
  })

  it('words query-string issues the same way', async () => {
    const problem = expectProblem(
      await call(app, {
        method: 'GET',
        url: '/v1/price-books?limit=1000',
        headers: bearer(tenant.keys.read),
      }),
      400,
      'VALIDATION_FAILED',
    )
    for (const detail of detailsOf({ json: () => problem } as LightMyRequestResponse))
      expect(detail).not.toMatch(ZOD_PHRASES)
    expect(problem.errors?.[0]).toMatchObject({ in: 'query', pointer: '/limit' })
  })
})
