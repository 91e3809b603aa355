import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EXAMPLE_PRICE_BOOK_ID,
  PREVIEW_EXAMPLE_REQUEST,
  PREVIEW_EXAMPLE_RESPONSE,
} from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

const EXAMPLE = PREVIEW_EXAMPLE_REQUEST
// biome-ignore lint/suspicious/noExplicitAny: the tests mutate copies of the example freely
const clone = (): any => structuredClone(EXAMPLE)

let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  // Load shedding off (it has its own tests in limits.test.ts): on a busy shared machine it could answer 503.
  app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '0' })
  tenant = await createTenant(app, 'preview')
})
afterAll(async () => app?.close())

const preview = (payload: unknown, key = tenant.keys.read) =>
  call(app, { method: 'POST', url: '/v1/plans/preview', headers: bearer(key), payload: payload as object })

describe('POST /v1/plans/preview with the DESIGN §4.1 example', () => {
  it('answers with every field of the contract, money as decimal strings', async () => {
    const response = await preview(EXAMPLE)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    for (const series of ['baseline', 'optimized', 'fullyOptimized'])
      expect(body[series].termSpend).toMatch(/^\d+\.\d{2}$/)
    expect(body.waterfall.map((s: { lever: string }) => s.lever)).toEqual(['routing', 'caching', 'batch'])
    for (const step of body.waterfall) {
      expect(Object.keys(step).sort()).toEqual(['lever', 'savings', 'spendAfter', 'spendBefore'])
    }
    expect(Object.keys(body.shapley).sort()).toEqual(['batch', 'caching', 'routing'])
    expect(body.months).toHaveLength(12)
    expect(body.months[0]).toMatchObject({ month: 0, start: '2027-01-01' })
    expect(body.months[11].start).toBe('2027-12-01')
    expect(body.workloads).toHaveLength(1)
    expect(body.workloads[0]).toMatchObject({
      name: 'nightly-digest',
      model: 'claude-opus-4-5-20251101',
      routeToModel: 'claude-sonnet-4-5-20250929',
    })
    // Per-workload monthly series only when asked for (DESIGN §4: the include default).
    expect(body.workloads[0].months).toBeUndefined()
    for (const field of [
      'commit',
      'discountRate',
      'expectedUtilization',
      'shortfallProbability',
      'expectedStranded',
      'expectedPayment',
    ]) {
      expect(typeof body.recommendation[field]).toBe('string')
    }
    expect(Object.keys(body.recommendation.percentiles).sort()).toEqual(['p10', 'p50', 'p90'])
    expect(body.options.map((o: { kind: string }) => o.kind)).toEqual([
      'recommended',
      'tier',
      'tier',
      'proposed',
      'baseline',
    ])
    expect(body.term).toEqual({ start: '2027-01-01', months: 12, end: '2027-12-31' })
    const codes = body.warnings.map((w: { code: string }) => w.code)
    expect(codes).toContain('STRANDED_COMMITMENT')
    for (const warning of body.warnings) {
      expect(Object.keys(warning)).toEqual(
        expect.arrayContaining(['code', 'severity', 'amount', 'workloads', 'message']),
      )
    }
  })

  it('gets the deterministic figures right to the cent', async () => {
    // Opus 4.5 list: $5 in, $25 out per MTok. Per request today: 6000·5e-6 + 800·25e-6 = $0.05;
    // month 0: 300,000 × 0.05 = $15,000 (start run-rate $180,000).
    // Baseline term: 15,000 × Σ 1.02^m for m = 0..11 = 15,000 × (1.02^12 − 1)/0.02 = $201,181.35.
    // Routing alone (60% to Sonnet 4.5 at $3/$15: 6000·3e-6 + 800·15e-6 = $0.03): 0.4·0.05 + 0.6·0.03 = 0.038,
    // i.e. 0.76 × baseline = $152,897.82 (the first waterfall bar).
    // Month 0 optimized (routing and batch full, caching not started): 0.038 × 0.5 × 300,000 = $5,700.
    // Month 2 onward fully optimized: cached Opus 1500·5e-6 + 4500·(0.9·0.5e-6 + 0.1·6.25e-6) + 0.02 = 0.0323375,
    // cached Sonnet 1500·3e-6 + 4500·(0.9·0.3e-6 + 0.1·3.75e-6) + 0.012 = 0.0194025;
    // mix 0.4·0.0323375 + 0.6·0.0194025 = 0.0245765, batched ×0.5 → 0.01228825 × 300,000 = $3,686.48 in month 0
    // (fully-optimized start run-rate 12 × 3,686.475 = $44,237.70).
    const body = (await preview(EXAMPLE)).json()
    expect(body.baseline).toMatchObject({ termSpend: '201181.35', startRunRate: '180000.00' })
    expect(body.months[0]).toMatchObject({
      baseline: '15000.00',
      optimized: '5700.00',
      fullyOptimized: '3686.48',
    })
    expect(body.fullyOptimized.startRunRate).toBe('44237.70')
    expect(body.waterfall[0]).toMatchObject({
      spendBefore: '201181.35',
      spendAfter: '152897.82',
      savings: '48283.52',
    })
    expect(body.waterfall.at(-1).spendAfter).toBe(body.optimized.termSpend)
  })

  it('gives the same answer for the same seed, byte for byte, and another for another seed', async () => {
    const first = await preview(EXAMPLE)
    const second = await preview(EXAMPLE)
    expect(second.body).toBe(first.body)
    const other = clone()
    other.commitment.seed = 7
    const third = (await preview(other)).json()
    expect(third.simulation.percentiles).not.toEqual(first.json().simulation.percentiles)
  })

  it('matches the example response documented in the OpenAPI document', async () => {
    const body = (await preview(EXAMPLE)).json()
    expect({ ...body, priceBook: { ...body.priceBook, id: EXAMPLE_PRICE_BOOK_ID } }).toEqual(
      PREVIEW_EXAMPLE_RESPONSE,
    )
  })
})

describe('include: the parts of the plan to send', () => {
  const withInclude = (include: string) =>
    call(app, {
      method: 'POST',
      url: `/v1/plans/preview?include=${encodeURIComponent(include)}`,
      headers: bearer(tenant.keys.read),
      payload: EXAMPLE,
    })

  it('sends the headline figures first, then months, workloads and options (the default)', async () => {
    const body = (await preview(EXAMPLE)).json()
    const keys = Object.keys(body)
    expect(keys.slice(0, 9)).toEqual([
      'currency',
      'priceBook',
      'term',
      'levers',
      'baseline',
      'optimized',
      'fullyOptimized',
      'savings',
      'recommendation',
    ])
    expect(keys.slice(-3)).toEqual(['months', 'workloads', 'options'])
  })

  it('workloadMonths adds each workload’s monthly series, equal to the full plan’s figures', async () => {
    const full = (await withInclude('workloadMonths,months')).json()
    expect(full.workloads[0].months).toHaveLength(12)
    expect(full.workloads[0].months[0]).toMatchObject({ month: 0 })
    const byDefault = (await preview(EXAMPLE)).json()
    const { months: _months, ...figures } = full.workloads[0]
    expect(figures).toEqual(byDefault.workloads[0])
    expect(full.months).toEqual(byDefault.months)
  })

  it('an empty include sends the headline figures and options only', async () => {
    const body = (await withInclude('')).json()
    expect(body.months).toBeUndefined()
    expect(body.workloads).toBeUndefined()
    expect(body.recommendation.commit).toMatch(/^\d+$/)
    expect(body.options.length).toBeGreaterThan(0)
  })

  it('400 naming the parts there are for an unknown part', async () => {
    const response = await withInclude('months,everything')
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]).toMatchObject({ in: 'query', pointer: '/include', code: 'unknown_part' })
    expect(problem.errors?.[0]?.detail).toContain('workloadMonths')
  })
})

describe('defaults', () => {
  const minimal = {
    term: { start: '2027-01-01', months: 12 },
    levers: [{ lever: 'batch', startMonth: 0, rampMonths: 0 }],
    workloads: [
      {
        name: 'evals',
        model: 'claude-sonnet-4-5',
        requestsPerMonth: 1000,
        inputTokensPerRequest: 1000,
        outputTokensPerRequest: 100,
        userWaiting: false,
      },
    ],
  }

  it('uses the list prices, batch everything nobody waits on, and commits the optimized spend with no uncertainty', async () => {
    // Sonnet 4.5: 1000·3e-6 + 100·15e-6 = $0.0045 per request; $4.50 a month; $54.00 over 12 months.
    // targetBatchShare defaults to 1 (userWaiting false): half price from month 0 → $27.00.
    const body = (await preview(minimal)).json()
    expect(body.priceBook.name).toBe('Anthropic list prices')
    expect(body.baseline.termSpend).toBe('54.00')
    expect(body.optimized.termSpend).toBe('27.00')
    expect(body.simulation).toMatchObject({ runs: 2000, seed: 1 })
    expect(body.recommendation).toMatchObject({
      commit: '27',
      discountRate: '0.000000',
      shortfallProbability: '0.000000',
    })
    expect(body.recommendation.percentiles).toEqual({ p10: '27', p50: '27', p90: '27' })
    expect(body.options.map((o: { kind: string }) => o.kind)).toEqual(['recommended', 'baseline'])
  })

  it('keeps work somebody waits on real-time unless told otherwise', async () => {
    const waiting = structuredClone(minimal)
    ;(waiting.workloads[0] as { userWaiting: boolean }).userWaiting = true
    const body = (await preview(waiting)).json()
    expect(body.optimized.termSpend).toBe('54.00')
  })
})

describe('validation', () => {
  const issuesOf = (body: { errors?: { pointer: string; code: string }[] }) =>
    body.errors?.map((e) => e.pointer) ?? []

  it('rejects money sent as a JSON number, pointing at the field', async () => {
    const request = clone()
    request.commitment.proposedCommit = 250000
    request.commitment.discountTiers[1].minCommit = 500000
    const body = expectProblem(await preview(request), 400, 'VALIDATION_FAILED')
    expect(issuesOf(body)).toEqual(
      expect.arrayContaining(['/commitment/proposedCommit', '/commitment/discountTiers/1/minCommit']),
    )
  })

  it('accepts counts and rates as JSON numbers', async () => {
    const request = clone()
    Object.assign(request.workloads[0], {
      requestsPerMonth: 300000,
      routableShare: 0.6,
      monthlyGrowthRate: 0.02,
    })
    const asNumbers = (await preview(request)).json()
    expect(asNumbers.baseline.termSpend).toBe('201181.35')
  })

  it.each([
    ['requestsPerMonth', 'lots', '/workloads/0/requestsPerMonth'],
    ['routableShare', '1.5', '/workloads/0/routableShare'],
    ['currentCacheHitRate', '-0.1', '/workloads/0/currentCacheHitRate'],
    ['cacheTtl', '10m', '/workloads/0/cacheTtl'],
    ['userWaiting', undefined, '/workloads/0/userWaiting'],
    ['monthlyGrowthRate', '-1', '/workloads/0/monthlyGrowthRate'],
    ['surprise', 'x', '/workloads/0/surprise'],
  ])('400 for %s = %s', async (field, value, pointer) => {
    const request = clone()
    if (value === undefined) delete request.workloads[0][field]
    else request.workloads[0][field] = value
    const body = expectProblem(await preview(request), 400, 'VALIDATION_FAILED')
    expect(issuesOf(body)).toContain(pointer)
  })

  it('422 for impossible plans, every issue listed with its pointer, the fourth workload included', async () => {
    const request = clone()
    const base = request.workloads[0]
    request.workloads = [
      base,
      { ...base, name: 'w1', model: 'claude-opus-9' },
      { ...base, name: 'w2', routeToModel: null },
      { ...base, name: 'w3', cacheablePrefixTokens: '7000' },
    ]
    request.levers[2] = { lever: 'routing', startMonth: 2, rampMonths: 0 }
    const body = expectProblem(await preview(request), 422, 'UNPROCESSABLE_PLAN')
    expect(issuesOf(body)).toEqual(
      expect.arrayContaining([
        '/workloads/1/model',
        '/workloads/2/routeToModel',
        '/workloads/3/cacheablePrefixTokens',
        '/levers/2/lever',
      ]),
    )
  })

  it('422 for an unknown price book, or one of another organization', async () => {
    const request = clone()
    request.priceBook = 'nope'
    expect(issuesOf(expectProblem(await preview(request), 422, 'UNPROCESSABLE'))).toEqual(['/priceBook'])
    const other = await createTenant(app, 'preview-other')
    await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(other.keys.write),
      payload: {
        slug: 'others-book',
        name: 'Theirs',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
      },
    })
    request.priceBook = 'others-book'
    expectProblem(await preview(request), 422, 'UNPROCESSABLE')
  })

  it("prices with the organization's own negotiated book", async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: {
        slug: 'half-price',
        name: 'Half price',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
      },
    })
    const book = created.json()
    const models = book.models.map((m: Record<string, string>) => ({
      ...m,
      input: String(Number(m.input) / 2),
      output: String(Number(m.output) / 2),
    }))
    await call(app, {
      method: 'PATCH',
      url: `/v1/price-books/${book.id}`,
      headers: { ...bearer(tenant.keys.write), 'if-match': created.headers.etag as string },
      payload: { models },
    })
    const request = clone()
    request.priceBook = 'half-price'
    const body = (await preview(request)).json()
    expect(body.baseline.termSpend).toBe('100590.67')
  })

  it('needs a key, and the read scope is enough', async () => {
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/plans/preview', payload: EXAMPLE }),
      401,
      'UNAUTHENTICATED',
    )
    expect((await preview(EXAMPLE, tenant.keys.read)).statusCode).toBe(200)
  })
})

describe('limits', () => {
  const workload = {
    name: 'w',
    model: 'claude-haiku-4-5',
    requestsPerMonth: '10',
    inputTokensPerRequest: '100',
    outputTokensPerRequest: '10',
    userWaiting: true,
  }
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...workload, name: `w${i}` }))

  it('400 above 10,000 workloads, 120 months or 20,000 simulations', async () => {
    const tooMany = { term: { start: '2027-01-01', months: 1 }, levers: [], workloads: many(10_001) }
    expect(issuesOfProblem(expectProblem(await preview(tooMany), 400, 'VALIDATION_FAILED'))).toContain(
      '/workloads',
    )
    const tooLong = { term: { start: '2027-01-01', months: 121 }, levers: [], workloads: many(1) }
    expect(issuesOfProblem(expectProblem(await preview(tooLong), 400, 'VALIDATION_FAILED'))).toContain(
      '/term/months',
    )
    const tooManyRuns = {
      term: { start: '2027-01-01', months: 12 },
      levers: [],
      workloads: many(1),
      commitment: { simulations: 20_001 },
    }
    expect(issuesOfProblem(expectProblem(await preview(tooManyRuns), 400, 'VALIDATION_FAILED'))).toContain(
      '/commitment/simulations',
    )
  })

  it('422 above 360,000 workload-months', async () => {
    const big = { term: { start: '2027-01-01', months: 120 }, levers: [], workloads: many(3001) }
    expectProblem(await preview(big), 422, 'PLAN_TOO_LARGE')
  })

  it('413 above the 16 MiB body limit', async () => {
    const huge = {
      term: { start: '2027-01-01', months: 1 },
      levers: [],
      workloads: [{ ...workload, kind: 'x'.repeat(17 * 1024 * 1024) }],
    }
    expectProblem(await preview(huge), 413, 'PAYLOAD_TOO_LARGE')
  })
})

function issuesOfProblem(body: { errors?: { pointer: string }[] }) {
  return body.errors?.map((e) => e.pointer) ?? []
}
