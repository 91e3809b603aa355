import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import createClient, { type Client } from 'openapi-fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientTypes } from '../../scripts/client-generate.js'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import type { components, paths } from '../client/api.js'
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js'

/**
 * The API through a client generated from openapi.yaml (openapi-typescript types, openapi-fetch), over a
 * real socket: the main flow of a procurement system. This file is type-checked (`npm run typecheck`)
 * against the generated types, so a breaking change to the API (a renamed field, a removed operation, a
 * changed type) is a compile error here before it is a surprise for a client.
 */

type Workload = components['schemas']['CreateWorkloadInput']
type Scenario = components['schemas']['CreateScenarioInput']

let app: FastifyInstance
let tenant: Tenant
let api: Client<paths>

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'typed-client')
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${tenant.keys.write}` } })
})
afterAll(async () => app?.close())

/** The worked example's workload (docs/cost-model.md §4.1), as a client would write it. */
const nightlyDigest: Workload = {
  name: 'nightly-digest',
  kind: 'overnight_report',
  model: 'claude-opus-4-5',
  requestsPerMonth: '300000',
  inputTokensPerRequest: '6000',
  outputTokensPerRequest: '800',
  cacheablePrefixTokens: '4500',
  currentCacheHitRate: '0',
  targetCacheHitRate: '0.9',
  cacheTtl: '5m',
  userWaiting: false,
  currentBatchShare: '0',
  targetBatchShare: '1',
  routeToModel: 'claude-sonnet-4-5',
  routableShare: '0.6',
  monthlyGrowthRate: '0.02',
}
/** Somebody waits on this one: batch does not apply, caching does. */
const supportChat: Workload = {
  name: 'support-chat',
  kind: 'chat',
  model: 'claude-sonnet-4-5',
  requestsPerMonth: 1_200_000,
  inputTokensPerRequest: 3000,
  outputTokensPerRequest: 400,
  cacheablePrefixTokens: 2000,
  targetCacheHitRate: '0.8',
  userWaiting: true,
  team: 'support',
  tags: ['customer-facing'],
}
const optimizeFirst: Scenario = {
  name: 'optimize first',
  term: { start: '2027-01-01', months: 12 },
  levers: [
    { lever: 'routing', startMonth: 0, rampMonths: 0 },
    { lever: 'caching', startMonth: 1, rampMonths: 2 },
    { lever: 'batch', startMonth: 0, rampMonths: 0 },
  ],
  commitment: {
    confidence: '0.9',
    proposedCommit: '250000',
    overage: 'discounted',
    discountTiers: [
      { minCommit: '100000', discountRate: '0.05' },
      { minCommit: '500000', discountRate: '0.1' },
    ],
    uncertainty: { growthStdDev: '0.01', adoptionSlipMonths: 2, minRealization: '0.8' },
    simulations: 2000,
    seed: 42,
  },
}

/** Cents of a money string ("1234.56" → 123456n). */
const cents = (money: string): bigint => {
  const [whole = '0', fraction = ''] = money.split('.')
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2))
}

describe('the typed client (openapi-typescript + openapi-fetch)', () => {
  it('is generated from the committed openapi.yaml (`npm run client:generate`)', async () => {
    const yaml = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8')
    const committed = await readFile(new URL('../client/api.ts', import.meta.url), 'utf8')
    expect(
      committed === (await clientTypes(yaml)),
      'test/client/api.ts is stale: npm run client:generate',
    ).toBe(true)
  })

  it('drives the main flow: portfolio, workloads, two scenarios, plan, recommendation, comparison, history', async () => {
    // The workload and scenario are the worked example's, exactly.
    const {
      priceBook: _book,
      workloads: [example],
      ...exampleScenario
    } = PREVIEW_EXAMPLE_REQUEST
    expect(nightlyDigest).toEqual(example)
    expect({ ...optimizeFirst, name: undefined }).toEqual({ ...exampleScenario, name: undefined })

    const created = await api.POST('/v1/portfolios', {
      body: { name: `typed client ${process.pid}`, defaultPriceBook: 'anthropic-list' },
      params: { header: { 'idempotency-key': `typed-client-${process.pid}-${Date.now()}` } },
    })
    expect(created.response.status).toBe(201)
    const portfolio = created.data!
    expect(portfolio).toMatchObject({ currency: 'USD', archivedAt: null, version: 1, description: '' })
    expect(portfolio.defaultPriceBook.slug).toBe('anthropic-list')
    const portfolioId = portfolio.id

    const added = await api.POST('/v1/portfolios/{portfolioId}/workloads', {
      params: { path: { portfolioId } },
      body: { workloads: [nightlyDigest, supportChat] },
    })
    expect(added.response.status).toBe(201)
    const list = added.data!
    if (!('data' in list)) throw new Error('a bulk create answers the list it made')
    expect(list.data.map((w) => [w.name, w.requestsPerMonth, w.cacheTtl, w.team])).toEqual([
      ['nightly-digest', '300000', '5m', null],
      ['support-chat', '1200000', '5m', 'support'],
    ])

    const first = await api.POST('/v1/portfolios/{portfolioId}/scenarios', {
      params: { path: { portfolioId } },
      body: optimizeFirst,
    })
    expect(first.response.status).toBe(201)
    const optimized = first.data!
    const second = await api.POST('/v1/portfolios/{portfolioId}/scenarios', {
      params: { path: { portfolioId } },
      body: { name: 'commit now', basedOn: optimized.id, levers: [] },
    })
    expect(second.response.status).toBe(201)
    const commitNow = second.data!
    expect(commitNow).toMatchObject({ basedOn: optimized.id, levers: [], term: optimized.term })
    expect(commitNow.commitment).toEqual(optimized.commitment)

    // The plan, headline figures only (`include=`), then a revalidation with its ETag.
    const scenarioPath = { portfolioId, scenarioId: optimized.id }
    const projection = await api.GET('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection', {
      params: { path: scenarioPath, query: { include: '' } },
    })
    expect(projection.response.status).toBe(200)
    const plan = projection.data!
    expect(plan.months).toBeUndefined()
    expect(plan.years).toBeUndefined()
    expect(plan.workloads).toBeUndefined()
    expect(plan.term).toEqual({ start: '2027-01-01', months: 12, end: '2027-12-31' })
    expect(plan.waterfall.map((step) => step.lever)).toEqual(['routing', 'caching', 'batch'])
    const { routing = '0', caching = '0', batch = '0' } = plan.shapley
    expect(cents(routing) + cents(caching) + cents(batch)).toBe(
      cents(plan.baseline.termSpend) - cents(plan.optimized.termSpend),
    )
    expect(cents(plan.optimized.termSpend)).toBeLessThan(cents(plan.baseline.termSpend))
    const etag = projection.response.headers.get('etag')!
    const again = await api.GET('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection', {
      params: { path: scenarioPath, query: { include: '' }, header: { 'if-none-match': etag } },
    })
    expect(again.response.status).toBe(304)
    // Contract years, for the portfolio and each workload, by default.
    const withYears = await api.GET('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection', {
      params: { path: scenarioPath },
    })
    const years = withYears.data!.years!
    expect(years.map((year) => [year.year, year.start, year.months, year.optimized])).toEqual([
      [1, '2027-01-01', 12, plan.optimized.termSpend],
    ])
    expect(withYears.data!.workloads!.map((w) => w.years?.length)).toEqual([1, 1])
    expect(withYears.data!.workloads!.every((w) => w.months === undefined)).toBe(true)

    // The stored plan is the preview of the same inputs, figure for figure (a preview's workloads have
    // no owner: `team` and `tags` belong to stored ones).
    const preview = await api.POST('/v1/plans/preview', {
      params: { query: { include: '' } },
      body: {
        term: optimizeFirst.term!,
        levers: optimizeFirst.levers!,
        workloads: [nightlyDigest, supportChat].map(({ team: _team, tags: _tags, ...workload }) => workload),
        commitment: optimizeFirst.commitment,
      },
    })
    expect(preview.response.status).toBe(200)
    expect(preview.data).toEqual(plan)

    const recommended = await api.GET('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/recommendation', {
      params: { path: scenarioPath },
    })
    expect(recommended.response.status).toBe(200)
    const { recommendation, options, warnings } = recommended.data!
    expect(recommended.data!.scenarioId).toBe(optimized.id)
    expect(recommendation).toEqual(plan.recommendation)
    // q = P10 of the simulated spend of both workloads (about $228,000): tier 2's q·0.9 is short of its $500,000
    // minimum, tier 1's q·0.95 reaches $100,000 (and stays below $499,999, no cap), so the recommendation is
    // tier 1's confident amount, the same as tier 1's own row. Proposed $250,000 earns tier 1; today's baseline
    // $417,181.35 × 0.95 = $396,322.28 is tier 1's too (× 0.9 is short of $500,000). Lowest expected payment with
    // discounted overage: $0 pays E[U], tier 1's $100,000 pays 0.95·E[U] (every run consumes more), $500,000 more
    // than that — so $100,000, an amount of its own; no commitment last.
    expect(options.map((option) => option.kinds)).toEqual([
      ['recommended', 'tier'],
      ['tier'],
      ['proposed'],
      ['baseline'],
      ['lowestExpectedPayment'],
      ['noCommitment'],
    ])
    const q = Number(recommendation.percentiles.p10)
    expect(recommendation.tier).toBe(1)
    expect(Math.abs(Number(recommendation.commit) - q * 0.95)).toBeLessThanOrEqual(1)
    expect(options.map((option) => [option.tier, option.discountRate])).toEqual([
      [1, '0.050000'],
      [2, '0.100000'],
      [1, '0.050000'],
      [1, '0.050000'],
      [1, '0.050000'],
      [0, '0.000000'],
    ])
    expect(options.map((option) => option.commit).slice(1, 5)).toEqual([
      '500000',
      '250000',
      '396322',
      '100000',
    ])
    expect(plan.baseline.termSpend).toBe('417181.35')
    expect(plan.structure).toBe('term')
    for (const option of options) expect(option.years.map((year) => year.commit)).toEqual([option.commit])
    expect(warnings.map((warning) => warning.code)).toContain('STRANDED_COMMITMENT')

    const compared = await api.GET('/v1/portfolios/{portfolioId}/comparison', {
      params: { path: { portfolioId }, query: { scenarios: `${optimized.id},${commitNow.id}` } },
    })
    expect(compared.response.status).toBe(200)
    // The comparison also answers text/csv; asked without Accept, it answers JSON.
    const comparison = compared.data as Exclude<typeof compared.data, string | undefined>
    expect(comparison.scenarios.map((s) => s.name)).toEqual(['optimize first', 'commit now'])
    const [withLevers, withoutLevers] = comparison.scenarios
    expect(withLevers!.optimized).toBe(plan.optimized.termSpend)
    expect(withLevers!.recommendation.commit).toBe(recommendation.commit)
    expect(withoutLevers!.optimized).toBe(withoutLevers!.baseline)
    expect(withoutLevers!.savings.scheduled).toBe('0.00')
    expect(comparison.paysLeast).toEqual({
      scenarioId: optimized.id,
      name: 'optimize first',
      expectedPayment: withLevers!.recommendation.expectedPayment,
    })

    const history = await api.GET('/v1/portfolios/{portfolioId}/history', {
      params: { path: { portfolioId }, query: { limit: 100 } },
    })
    expect(history.response.status).toBe(200)
    expect(history.data!.hasMore).toBe(false)
    expect(history.data!.data.map((entry) => `${entry.action} ${entry.resource.type}`)).toEqual([
      'created portfolio',
      'created workload',
      'created workload',
      'created scenario',
      'created scenario',
    ])
    expect(new Set(history.data!.data.map((entry) => entry.actor.apiKeyName))).toEqual(new Set(['write']))
  })

  it('types the errors as problems, and money as decimal strings', async () => {
    const portfolio = await api.POST('/v1/portfolios', { body: { name: `typed errors ${process.pid}` } })
    const portfolioId = portfolio.data!.id
    const missing = await api.GET('/v1/portfolios/{portfolioId}/scenarios/{scenarioId}', {
      params: { path: { portfolioId, scenarioId: '00000000-0000-4000-8000-000000000000' } },
    })
    expect(missing.response.status).toBe(404)
    expect(missing.response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(missing.error?.code).toBe('NOT_FOUND')

    const rejected = await api.POST('/v1/portfolios/{portfolioId}/scenarios', {
      params: { path: { portfolioId } },
      body: {
        ...optimizeFirst,
        // @ts-expect-error money is a decimal string, never a JSON number (the generated type says so)
        commitment: { proposedCommit: 250000 },
      },
    })
    expect(rejected.response.status).toBe(400)
    expect(rejected.error?.code).toBe('VALIDATION_FAILED')
    expect(rejected.error?.errors?.map((issue) => issue.pointer)).toEqual(['/commitment/proposedCommit'])
  })
})
