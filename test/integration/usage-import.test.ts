import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Decimal } from '../../src/domain/index.js'
import { USAGE_IMPORT_LIMITS } from '../../src/lib/limits.js'
import {
  EXAMPLE_IMPORT_REQUEST,
  EXAMPLE_IMPORT_RESULT,
  EXAMPLE_IMPORTED_IDS,
  EXAMPLE_PREVIEW_RESULT,
} from '../../src/modules/imports/anthropic-usage.examples.js'
import { EXAMPLE_IDS, EXAMPLE_TIMES } from '../../src/modules/portfolios/portfolios.schemas.js'
import { costReport, type Traffic, usageReport } from '../helpers/anthropic-usage-report.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Importing an Anthropic Admin API usage report (and cost report) as baseline workloads, through HTTP, on a
 * week of realistic traffic: two models, two workspaces, batch and standard tiers, cache reads and writes at
 * both lifetimes, web searches, the usage report on two pages. The derived figures are checked against
 * hand-computed values, and the stored portfolio's projection against the observed spend.
 */

let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'usage-import')
  other = await createTenant(app, 'usage-import-other')
})
afterAll(async () => app?.close())

const SONNET = 'claude-sonnet-4-5-20250929'
const HAIKU = 'claude-haiku-4-5-20251001'
const ANA = 'wrkspc_01AnaSupportTeam0000001'
const BOB = 'wrkspc_01BobDataPlatform00002'
const DAYS = 7
const START = '2026-10-01'

/** The week of traffic behind the reports; the comments give the totals the tests compute by hand. */
const TRAFFIC: Traffic[] = [
  // 7,000 support chats: 1,000 uncached + 2,000 prefix tokens (80% hits), 500 out.
  {
    model: SONNET,
    workspaceId: ANA,
    serviceTier: 'standard',
    requestsPerDay: [1000, 1200, 800, 1000, 1000, 1500, 500],
    uncachedInput: 1000,
    prefix: 2000,
    hitRate: 0.8,
    ttl: '5m',
    output: 500,
  },
  // 14,000 batch summaries: 3,000 in, 1,000 out, no caching.
  {
    model: SONNET,
    workspaceId: ANA,
    serviceTier: 'batch',
    requestsPerDay: [2000, 2000, 2000, 2000, 2000, 2000, 2000],
    uncachedInput: 3000,
    prefix: 0,
    hitRate: 0,
    ttl: '5m',
    output: 1000,
  },
  // 15,000 batch classifications on weekdays: 500 + 5,000 prefix cached for an hour (60% hits), 200 out.
  {
    model: HAIKU,
    workspaceId: BOB,
    serviceTier: 'batch',
    requestsPerDay: [3000, 3000, 3000, 3000, 3000, 0, 0],
    uncachedInput: 500,
    prefix: 5000,
    hitRate: 0.6,
    ttl: '1h',
    output: 200,
  },
  // 2,800 lookups with 100 web searches a day: 1,500 in, 300 out.
  {
    model: HAIKU,
    workspaceId: BOB,
    serviceTier: 'standard',
    requestsPerDay: [400, 400, 400, 400, 400, 400, 400],
    uncachedInput: 1500,
    prefix: 0,
    hitRate: 0,
    ttl: '5m',
    output: 300,
    webSearchesPerDay: 100,
  },
]

const GROUP_BY = ['model', 'workspace_id', 'service_tier', 'context_window'] as const
const USAGE = usageReport(TRAFFIC, DAYS, { start: START, pageSize: 4, groupBy: GROUP_BY })
const COST = costReport(TRAFFIC, DAYS, { start: START, pageSize: 7, byDescription: true })

/** The chats' request count comes from their output (500 a request); the others' from our own logs. */
const BODY = {
  usage: USAGE,
  cost: COST,
  volume: { outputTokensPerRequest: '500' },
  groups: [
    { match: { model: 'claude-sonnet-4-5', service_tier: 'batch' }, requests: '14000', name: 'summaries' },
    { match: { model: HAIKU, service_tier: 'batch' }, requests: '15000', name: 'classifier' },
    { match: { model: HAIKU, service_tier: 'standard' }, requests: 2800, name: 'lookups', team: 'data' },
  ],
}

let counter = 0
async function newPortfolio(owner = tenant) {
  const response = await call(app, {
    method: 'POST',
    url: '/v1/portfolios',
    headers: bearer(owner.keys.write),
    payload: { name: `usage import ${process.pid}-${++counter}` },
  })
  expect(response.statusCode).toBe(201)
  return response.json().id as string
}

const importUrl = (portfolioId: string, dryRun = false) =>
  `/v1/portfolios/${portfolioId}/imports/anthropic-usage${dryRun ? '?dryRun=true' : ''}`

const post = (url: string, payload: unknown, headers: Record<string, string> = {}, key = tenant.keys.write) =>
  call(app, { method: 'POST', url, headers: { ...bearer(key), ...headers }, payload: payload as object })

async function stored(portfolioId: string) {
  return {
    workloads: await app.db.prisma.workload.count({ where: { portfolioId } }),
    history: await app.db.prisma.historyEntry.count({ where: { portfolioId } }),
    revision: (await app.db.prisma.portfolio.findUniqueOrThrow({ where: { id: portfolioId } })) as unknown,
  }
}

/**
 * The hand-computed workloads (7 days; a month is 30.436875 days, so every figure × 4.348125), in the order
 * the import makes them (by model id, then the other dimensions' values).
 */
const EXPECTED = {
  classifier: {
    workload: {
      requestsPerMonth: '65221.875',
      inputTokensPerRequest: '5500',
      outputTokensPerRequest: '200',
      cacheablePrefixTokens: '5000',
      currentCacheHitRate: '0.6',
      cacheTtl: '1h',
      currentBatchShare: '1',
      userWaiting: false,
      // ($7.50 + $4.50 reads + $60 1-hour writes + $15) × 0.5 = $43.50 a week → 189.1434375.
      observedMonthlySpend: '189.14',
    },
    volume: { basis: 'requests', requestsInPeriod: '15000' },
    cacheReadShareOfInput: '0.5454545455',
  },
  lookups: {
    workload: {
      requestsPerMonth: '12174.75',
      inputTokensPerRequest: '1500',
      outputTokensPerRequest: '300',
      currentBatchShare: '0',
      userWaiting: true,
      team: 'data',
      // $4.20 + $4.20 = $8.40 a week → 36.52425 (the $7 of web searches are not the workload's).
      observedMonthlySpend: '36.52',
    },
    volume: { basis: 'requests', requestsInPeriod: '2800' },
    cacheReadShareOfInput: '0',
  },
  summaries: {
    workload: {
      requestsPerMonth: '60873.75',
      inputTokensPerRequest: '3000',
      outputTokensPerRequest: '1000',
      cacheablePrefixTokens: '0',
      currentCacheHitRate: '0',
      currentBatchShare: '1',
      userWaiting: false,
      // ($126 + $210) × 0.5 = $168 a week → 730.485.
      observedMonthlySpend: '730.49',
    },
    volume: { basis: 'requests', requestsInPeriod: '14000' },
    cacheReadShareOfInput: '0',
  },
  'claude-sonnet-4-5-20250929 / wrkspc_01AnaSupportTeam0000001 / standard / 0-200k': {
    // 3,500,000 output tokens ÷ 500 = 7,000 requests; input (7.0M + 11.2M reads + 2.8M writes) ÷ 7,000.
    workload: {
      requestsPerMonth: '30436.875',
      inputTokensPerRequest: '3000',
      outputTokensPerRequest: '500',
      cacheablePrefixTokens: '2000',
      currentCacheHitRate: '0.8',
      cacheTtl: '5m',
      currentBatchShare: '0',
      userWaiting: true,
      // $21 + $3.36 + $10.50 + $52.50 = $87.36 a week × 4.348125 = 379.8522.
      observedMonthlySpend: '379.85',
    },
    volume: { basis: 'output_tokens_per_request', requestsInPeriod: '7000' },
    cacheReadShareOfInput: '0.5333333333',
  },
} as const

type Item = {
  workload: Record<string, unknown>
  volume: unknown
  observed: Record<string, string>
  observedMonthlySpend: string
  modelledMonthlySpend: string
  listPricedMonthlySpend: string
  notes: { code: string }[]
}

function expectFigures(items: Item[]) {
  expect(items.map((w) => w.workload.name)).toEqual(Object.keys(EXPECTED))
  for (const item of items) {
    const expected = EXPECTED[item.workload.name as keyof typeof EXPECTED]
    expect(item.workload).toMatchObject({ ...expected.workload, inferenceGeo: 'global' })
    expect(item.workload.model).toBe(
      String(item.workload.name).startsWith('claude-sonnet') || item.workload.name === 'summaries'
        ? SONNET
        : HAIKU,
    )
    expect(item.volume).toEqual(expected.volume)
    expect(item.observed.cacheReadShareOfInput).toBe(expected.cacheReadShareOfInput)
    // Priced at list: the cost report, the list-priced usage and the planner's baseline agree to the cent.
    expect(item.observedMonthlySpend).toBe(expected.workload.observedMonthlySpend)
    expect(item.listPricedMonthlySpend).toBe(expected.workload.observedMonthlySpend)
    expect(item.modelledMonthlySpend).toBe(expected.workload.observedMonthlySpend)
    expect(item.notes.map((n) => n.code)).not.toContain('BASELINE_DIFFERS')
  }
}

describe('a week of usage, two pages, with its cost report', () => {
  it('dry run: 200 with the workloads it would create, figures as computed by hand, and nothing written', async () => {
    const portfolioId = await newPortfolio()
    const before = await stored(portfolioId)
    const response = await post(importUrl(portfolioId, true), BODY)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({
      object: 'usage_import',
      dryRun: true,
      portfolioId,
      priceBook: { slug: 'anthropic-list' },
      period: { start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z', days: '7', buckets: 7 },
      costPeriod: { days: '7', buckets: 7 },
      daysPerMonth: '30.436875',
      grouping: ['model', 'workspace_id', 'service_tier', 'context_window'],
      observedSpendSource: 'cost_report',
      // 379.8522 + 730.485 + 189.1434375 + 36.52425 = 1336.0048875
      totals: {
        observedMonthlySpend: '1336.00',
        listPricedMonthlySpend: '1336.00',
        modelledMonthlySpend: '1336.00',
      },
      skipped: [],
    })
    expectFigures(body.workloads)
    const lookups = body.workloads[1]
    expect(lookups.observed.web_search_requests).toBe('700')
    expect(lookups.notes.map((n: { code: string }) => n.code)).toEqual(['WEB_SEARCH_NOT_MODELLED'])
    expect(body.notes.map((n: { code: string }) => n.code)).toEqual([
      'NON_TOKEN_COST',
      'USER_WAITING_ASSUMED',
    ])
    expect(body.notes[0].detail).toContain('$7.00')
    expect(await stored(portfolioId)).toEqual(before)
  })

  it('import: 201, the workloads created as the dry run proposed, and the projection’s baseline is the observed spend', async () => {
    const portfolioId = await newPortfolio()
    const preview = (await post(importUrl(portfolioId, true), BODY)).json()
    const response = await post(importUrl(portfolioId), BODY)
    expect(response.statusCode).toBe(201)
    expect(response.headers.location).toBe(`/v1/portfolios/${portfolioId}/workloads`)
    const body = response.json()
    expect(body.dryRun).toBe(false)
    expectFigures(body.workloads)
    for (const [i, item] of body.workloads.entries()) {
      const { id, portfolioId: owner, version, createdAt, updatedAt, ...fields } = item.workload
      expect({ id, owner, version }).toMatchObject({ id: expect.any(String), owner: portfolioId, version: 1 })
      expect(fields).toEqual(preview.workloads[i].workload)
      expect({ ...item, workload: null }).toEqual({ ...preview.workloads[i], workload: null })
    }
    const listed = await call(app, {
      method: 'GET',
      url: `/v1/portfolios/${portfolioId}/workloads`,
      headers: bearer(tenant.keys.read),
    })
    expect(listed.json().data.map((w: { name: string }) => w.name)).toEqual(Object.keys(EXPECTED))
    const history = await call(app, {
      method: 'GET',
      url: `/v1/portfolios/${portfolioId}/history?limit=100`,
      headers: bearer(tenant.keys.read),
    })
    expect(history.json().data.filter((h: { action: string }) => h.action === 'created')).toHaveLength(5)

    // The key property: the stored baseline reproduces the observed spend, per workload and in total.
    const scenario = await post(`/v1/portfolios/${portfolioId}/scenarios`, {
      name: 'as observed',
      term: { start: '2027-01-01', months: 12 },
      levers: [],
      commitment: { simulations: 1 },
    })
    expect(scenario.statusCode).toBe(201)
    const projection = await call(app, {
      method: 'GET',
      url: `/v1/portfolios/${portfolioId}/scenarios/${scenario.json().id}/projection?include=months,workloadMonths`,
      headers: bearer(tenant.keys.read),
    })
    expect(projection.statusCode).toBe(200)
    const plan = projection.json()
    const cent = new Decimal('0.01')
    const within = (a: string, b: string) => new Decimal(a).minus(b).abs().lte(cent)
    for (const [i, w] of plan.workloads.entries()) {
      expect(within(w.months[0].baseline, body.workloads[i].observedMonthlySpend)).toBe(true)
      expect(w.months[11].baseline).toBe(w.months[0].baseline)
    }
    expect(within(plan.months[0].baseline, body.totals.observedMonthlySpend)).toBe(true)
    expect(plan.months[0].baseline).toBe('1336.00')
    expect(plan.warnings.map((w: { code: string }) => w.code)).not.toContain('BASELINE_MISMATCH')
  })

  it('without a cost report the usage is priced with the book, and says so', async () => {
    const portfolioId = await newPortfolio()
    const { cost: _cost, ...body } = BODY
    const response = await post(importUrl(portfolioId, true), body)
    expect(response.statusCode).toBe(200)
    const answer = response.json()
    expect(answer).toMatchObject({ observedSpendSource: 'price_book', costPeriod: null })
    expect(answer.workloads.map((w: { observedSpendSource: string }) => w.observedSpendSource)).toEqual(
      Array(4).fill('price_book'),
    )
    expectFigures(answer.workloads)
  })

  it('a cost report by workspace only is split by list-priced usage, and says so', async () => {
    const portfolioId = await newPortfolio()
    const cost = costReport(TRAFFIC, DAYS, { start: START, pageSize: 3, byDescription: false })
    const response = await post(importUrl(portfolioId, true), { ...BODY, cost })
    expect(response.statusCode).toBe(200)
    const answer = response.json()
    const codes = answer.notes.map((n: { code: string }) => n.code)
    expect(codes).toContain('COST_NOT_BY_DESCRIPTION')
    expect(codes).toContain('COST_APPORTIONED')
    // Bob's $7 of web searches are in his workspace's amounts: split between his two workloads by list cost.
    const [classifier, lookups] = answer.workloads
    // Bob's week: $43.50 + $8.40 + $7 = $58.90; the lookups' share 8.4 / 51.9 of it, × 4.348125 a month.
    const share = new Decimal('58.9').times('8.4').div('51.9').times('4.348125')
    expect(lookups.observedMonthlySpend).toBe(share.toFixed(2))
    expect(lookups.notes.map((n: { code: string }) => n.code)).toContain('BASELINE_DIFFERS')
    expect(classifier.observedMonthlySpend).toBe(
      new Decimal('58.9').times('43.5').div('51.9').times('4.348125').toFixed(2),
    )
  })
})

describe('idempotency, tenancy and scope', () => {
  it('the same Idempotency-Key and body replay the import; another body with it is a 422', async () => {
    const portfolioId = await newPortfolio()
    const headers = { 'idempotency-key': `usage-${process.pid}-${Date.now()}` }
    const first = await post(importUrl(portfolioId), BODY, headers)
    expect(first.statusCode).toBe(201)
    const again = await post(importUrl(portfolioId), BODY, headers)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    expect((await stored(portfolioId)).workloads).toBe(4)
    const changed = await post(importUrl(portfolioId), { ...BODY, namePrefix: 'again/' }, headers)
    expectProblem(changed, 422, 'IDEMPOTENCY_KEY_REUSED')
    // Without a key, the same import again meets the names it made.
    expectProblem(await post(importUrl(portfolioId), BODY), 409, 'NAME_TAKEN')
    expectProblem(await post(importUrl(portfolioId, true), BODY), 409, 'NAME_TAKEN')
    expect((await stored(portfolioId)).workloads).toBe(4)
  })

  it('another tenant’s portfolio is a 404, a read key a 403, and nothing is written', async () => {
    const theirs = await newPortfolio(other)
    expectProblem(await post(importUrl(theirs), BODY), 404, 'NOT_FOUND')
    expectProblem(await post(importUrl(theirs, true), BODY), 404, 'NOT_FOUND')
    const mine = await newPortfolio()
    expectProblem(await post(importUrl(mine), BODY, {}, tenant.keys.read), 403, 'FORBIDDEN')
    expect((await stored(theirs)).workloads).toBe(0)
    expect((await stored(mine)).workloads).toBe(0)
  })
})

describe('bad reports', () => {
  /** A report's pages as plain JSON, to break. */
  type Loose = { data: { starting_at: unknown; results: Record<string, unknown>[] }[] }[]
  const loose = (pages: unknown) => structuredClone(pages) as Loose

  it('a malformed page is a 400 pointing at each field', async () => {
    const portfolioId = await newPortfolio()
    const usage = loose(USAGE)
    delete usage[1]!.data[0]!.results[2]!.output_tokens
    usage[0]!.data[1]!.results[0]!.uncached_input_tokens = -5
    usage[0]!.data[2]!.starting_at = 'yesterday'
    usage[1]!.data[1]!.results[0]!.cache_creation = null
    const cost = loose(COST)
    cost[0]!.data[0]!.results[0]!.amount = 300
    const response = await post(importUrl(portfolioId), { ...BODY, usage, cost })
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.map((e) => e.pointer).sort()).toEqual(
      [
        '/cost/0/data/0/results/0/amount',
        '/usage/0/data/1/results/0/uncached_input_tokens',
        '/usage/0/data/2/starting_at',
        '/usage/1/data/0/results/2/output_tokens',
        '/usage/1/data/1/results/0/cache_creation',
      ].sort(),
    )
    expect((await stored(portfolioId)).workloads).toBe(0)
  })

  it('a page sent twice overlaps: 400 naming the bucket', async () => {
    const portfolioId = await newPortfolio()
    const response = await post(importUrl(portfolioId), { ...BODY, usage: [...USAGE, USAGE[1]] })
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]).toMatchObject({
      pointer: '/usage/2/data/0/starting_at',
      code: 'overlapping_bucket',
    })
    expect(problem.errors).toHaveLength(3)
  })

  it(`a page of more than ${USAGE_IMPORT_LIMITS.maxBucketsPerPage} buckets is a 400`, async () => {
    const portfolioId = await newPortfolio()
    const buckets = Array.from({ length: USAGE_IMPORT_LIMITS.maxBucketsPerPage + 1 }, (_, i) => ({
      starting_at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(),
      ending_at: new Date(Date.parse('2026-10-01T00:01:00Z') + i * 60_000).toISOString(),
      results: [],
    }))
    const response = await post(importUrl(portfolioId, true), {
      ...BODY,
      cost: null,
      usage: [{ data: buckets, has_more: false, next_page: null }],
    })
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]?.pointer).toBe('/usage/0/data')
  })

  it('an unknown model is a 422 naming it; with unknownModels skip its group is left out', async () => {
    const portfolioId = await newPortfolio()
    const usage = loose(USAGE)
    for (const page of usage)
      for (const bucket of page.data)
        for (const result of bucket.results) if (result.model === HAIKU) result.model = 'claude-haiku-9-9'
    const body = { ...BODY, usage, cost: null, groups: BODY.groups.slice(0, 1) }
    const problem = expectProblem(await post(importUrl(portfolioId), body), 422, 'UNPROCESSABLE')
    expect(problem.errors).toHaveLength(2)
    expect(problem.errors?.[0]).toMatchObject({
      code: 'unknown_model',
      pointer: '/usage/0/data/0/results/2/model',
    })
    expect(problem.errors?.[0]?.detail).toContain("'claude-haiku-9-9'")
    const skip = await post(importUrl(portfolioId, true), { ...body, unknownModels: 'skip' })
    expect(skip.statusCode).toBe(200)
    expect(skip.json().workloads).toHaveLength(2)
    expect(skip.json().skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'unknown_model',
      'unknown_model',
    ])
    expect((await stored(portfolioId)).workloads).toBe(0)
  })

  it('usage without request counts, or not by model, or with none at all, is a 422 saying why', async () => {
    const portfolioId = await newPortfolio()
    const noVolume = expectProblem(
      await post(importUrl(portfolioId), { usage: USAGE, groups: BODY.groups }),
      422,
      'UNPROCESSABLE',
    )
    expect(noVolume.errors?.[0]).toMatchObject({ pointer: '/volume', code: 'no_volume' })
    const byTier = usageReport(TRAFFIC, DAYS, { start: START, pageSize: 7, groupBy: ['service_tier'] })
    const notByModel = expectProblem(
      await post(importUrl(portfolioId), { ...BODY, usage: byTier }),
      422,
      'UNPROCESSABLE',
    )
    expect(notByModel.errors?.[0]).toMatchObject({ code: 'not_grouped_by_model' })
    const empty = usageReport(TRAFFIC, DAYS, { start: START, pageSize: 7, groupBy: GROUP_BY }).map((p) => ({
      ...p,
      data: p.data.map((b) => ({ ...b, results: [] })),
    }))
    const none = expectProblem(
      await post(importUrl(portfolioId), { usage: empty, volume: BODY.volume }),
      422,
      'UNPROCESSABLE',
    )
    expect(none.errors?.[0]).toMatchObject({ pointer: '/usage', code: 'no_usage' })
    expect((await stored(portfolioId)).workloads).toBe(0)
  })
})

describe('the documented examples', () => {
  it('are what the API answers for the example request', async () => {
    const portfolioId = await newPortfolio()
    const preview = await post(importUrl(portfolioId, true), EXAMPLE_IMPORT_REQUEST)
    expect(preview.statusCode).toBe(200)
    const book = preview.json().priceBook.id
    const asDocumented = (answer: Record<string, unknown>) =>
      JSON.parse(
        JSON.stringify(answer)
          .replaceAll(portfolioId, EXAMPLE_IDS.portfolio)
          .replaceAll(book, EXAMPLE_IDS.priceBook),
      )
    expect(asDocumented(preview.json())).toEqual(EXAMPLE_PREVIEW_RESULT)
    const created = await post(importUrl(portfolioId), EXAMPLE_IMPORT_REQUEST)
    expect(created.statusCode).toBe(201)
    const answer = created.json()
    answer.workloads.forEach((item: { workload: Record<string, unknown> }, i: number) => {
      Object.assign(item.workload, {
        id: EXAMPLE_IMPORTED_IDS[i],
        createdAt: EXAMPLE_TIMES.created,
        updatedAt: EXAMPLE_TIMES.created,
      })
    })
    expect(asDocumented(answer)).toEqual(EXAMPLE_IMPORT_RESULT)
  })
})
