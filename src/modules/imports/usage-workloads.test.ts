import { describe, expect, it } from 'vitest'
import { Decimal, type PriceBook, toCents } from '../../domain/index.js'
import { AppError } from '../../lib/errors.js'
import { loadAnthropicListBook } from '../price-books/anthropic-list.js'
import { CreateWorkloadSchema } from '../workloads/workloads.schemas.js'
import { modelledMonthlySpend } from './modelled-baseline.js'
import {
  type DimensionValues,
  type ObservedCost,
  type ObservedUsage,
  USAGE_DIMENSIONS,
  type UsageDimension,
  type UsageRecord,
} from './observed-usage.js'
import { type ImportOptions, planImport } from './usage-workloads.js'

const BOOK: PriceBook = { id: 'list', ...loadAnthropicListBook() }
const SONNET = 'claude-sonnet-4-5-20250929'
const HAIKU = 'claude-haiku-4-5-20251001'

const d = (v: number | string) => new Decimal(v)
let at = 0

/** A record of observed usage (provider-neutral: no adapter involved). */
function record(
  dims: Partial<DimensionValues>,
  tokens: { uncached?: number; read?: number; w5?: number; w1?: number; out?: number },
): UsageRecord {
  const dimensions = Object.fromEntries(USAGE_DIMENSIONS.map((k) => [k, dims[k] ?? null])) as DimensionValues
  return {
    pointer: `/usage/0/data/0/results/${at++}`,
    bucketStart: '2026-10-01T00:00:00Z',
    dimensions,
    pricing: {
      batch: dimensions.serviceTier === 'batch',
      geo: dimensions.inferenceGeo === 'us' ? 'us' : 'global',
      longContext: null,
      fast: false,
    },
    tokens: {
      uncachedInput: BigInt(tokens.uncached ?? 0),
      cacheRead: BigInt(tokens.read ?? 0),
      cacheWrite5m: BigInt(tokens.w5 ?? 0),
      cacheWrite1h: BigInt(tokens.w1 ?? 0),
      output: BigInt(tokens.out ?? 0),
    },
    webSearchRequests: 0n,
    requests: null,
  }
}

function observed(records: UsageRecord[], days = 10): ObservedUsage {
  const reported = USAGE_DIMENSIONS.filter((k) => records.some((r) => r.dimensions[k] !== null))
  return {
    source: 'test',
    period: {
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-10-11T00:00:00.000Z',
      days: d(days),
      buckets: days,
    },
    reported,
    records,
    notes: [],
  }
}

const options = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  grouping: null,
  namePrefix: '',
  volume: { outputTokensPerRequest: d(500), inputTokensPerRequest: null },
  groups: [],
  userWaiting: null,
  team: null,
  tags: null,
  unknownModels: 'reject',
  label: (dim: UsageDimension) => dim,
  ...overrides,
})

/** The planner's own monthly baseline of the derived workloads. */
const modelled = (fields: Record<string, unknown>[]) =>
  modelledMonthlySpend(
    fields.map((f) => CreateWorkloadSchema.parse(f)),
    BOOK,
  ).map(toCents)

const thrown = (work: () => unknown) => {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('did not throw')
}

describe('planImport: figures', () => {
  it('derives requests, tokens per request, hit rate and prefix so the baseline costs what the usage did', () => {
    // 10 days: 1,000 requests of 700 uncached + 3,000 prefix (read 75% of the time) + 500 out.
    const plan = planImport(
      observed([
        record({ model: SONNET }, { uncached: 400_000, read: 1_500_000, w5: 500_000, out: 300_000 }),
        record(
          { model: 'claude-sonnet-4-5' },
          { uncached: 300_000, read: 750_000, w5: 250_000, out: 200_000 },
        ),
      ]),
      null,
      BOOK,
      options(),
    )
    expect(plan.grouping).toEqual(['model'])
    expect(plan.workloads).toHaveLength(1)
    const [w] = plan.workloads
    expect(w!.fields).toMatchObject({
      name: SONNET,
      model: SONNET,
      requestsPerMonth: '3043.6875',
      inputTokensPerRequest: '3700',
      outputTokensPerRequest: '500',
      cacheablePrefixTokens: '3000',
      currentCacheHitRate: '0.75',
      cacheTtl: '5m',
      currentBatchShare: '0',
      userWaiting: true,
      inferenceGeo: 'global',
    })
    // 0.7M × $3 + 2.25M × $0.30 + 0.75M × $3.75 + 0.5M × $15 per MTok = $13.0875 in 10 days.
    expect(toCents(w!.listPricedMonthly)).toBe(toCents(d('13.0875').times('3.0436875')))
    expect(modelled([w!.fields])).toEqual([toCents(w!.observedMonthly)])
    expect(plan.notes.map((n) => n.code)).toEqual(['USER_WAITING_ASSUMED'])
  })

  it('batch share weighs batch and real-time requests by cost, so a mixed group reproduces its spend', () => {
    const plan = planImport(
      observed([
        record({ model: HAIKU, serviceTier: 'standard' }, { uncached: 1_000_000, out: 100_000 }),
        // Batch prompts ten times longer.
        record({ model: HAIKU, serviceTier: 'batch' }, { uncached: 10_000_000, out: 100_000 }),
      ]),
      null,
      BOOK,
      options({ grouping: ['model'] }),
    )
    const [w] = plan.workloads
    // Real-time costs: $1.50 standard, $10.50 batch → share 10.5 / 12 = 0.875; by tokens it would be 0.9.
    expect(w!.fields.currentBatchShare).toBe('0.875')
    expect(w!.batchShareOfTokens.toFixed()).toBe(d(10_100_000).div(11_200_000).toFixed())
    expect(modelled([w!.fields])).toEqual([toCents(w!.observedMonthly)])
    expect(toCents(w!.observedMonthly)).toBe(toCents(d('6.75').times('3.0436875')))
  })

  it('a group all in batch is not waited on; the default grouping keeps tiers and geos apart', () => {
    const plan = planImport(
      observed([
        record({ model: HAIKU, serviceTier: 'batch', inferenceGeo: 'global' }, { uncached: 1000, out: 500 }),
        record(
          { model: HAIKU, serviceTier: 'standard', inferenceGeo: 'global' },
          { uncached: 1000, out: 500 },
        ),
      ]),
      null,
      BOOK,
      options(),
    )
    expect(plan.grouping).toEqual(['model', 'serviceTier', 'inferenceGeo'])
    expect(
      plan.workloads.map((w) => [w.fields.name, w.fields.userWaiting, w.fields.currentBatchShare]),
    ).toEqual([
      [`${HAIKU} / batch / global`, false, '1'],
      [`${HAIKU} / standard / global`, true, '0'],
    ])
  })

  it('what a workload cannot hold is said in notes, and the baseline differs by it', () => {
    const m = 1_000_000
    const plan = planImport(
      observed([
        // Writes at both lifetimes.
        record(
          { model: SONNET, workspace: 'a' },
          { uncached: m, read: 6000 * m, w5: 2000 * m, w1: 1000 * m, out: 500 * m },
        ),
        // Writes, never a read.
        record({ model: SONNET, workspace: 'b' }, { uncached: m, w5: 3000 * m, out: 500 * m }),
        // A prefix of 900 tokens per request: below Haiku 4.5's 4,096.
        record({ model: HAIKU, workspace: 'c' }, { uncached: m, read: 800 * m, w5: 100 * m, out: 500 * m }),
        // US-only and global tokens mixed (Sonnet 4.5 offers no US-only price: priced as global).
        record({ model: SONNET, workspace: 'd', inferenceGeo: 'us' }, { uncached: m, out: 500 * m }),
        record({ model: SONNET, workspace: 'd', inferenceGeo: 'global' }, { uncached: 3 * m, out: 500 * m }),
      ]),
      null,
      BOOK,
      options({ grouping: ['model', 'workspace'] }),
    )
    const codes = plan.workloads.map((w) => [w.fields.name, w.notes.map((n) => n.code)])
    expect(codes).toEqual([
      [`${HAIKU} / c`, ['PREFIX_BELOW_MINIMUM']],
      [`${SONNET} / a`, ['MIXED_CACHE_TTL']],
      [`${SONNET} / b`, ['CACHE_WRITES_WITHOUT_READS']],
      [`${SONNET} / d`, ['MIXED_INFERENCE_GEO']],
    ])
    expect(plan.workloads[1]!.fields.cacheTtl).toBe('5m')
    const baseline = modelled(plan.workloads.map((w) => w.fields))
    const observedSpend = plan.workloads.map((w) => toCents(w.observedMonthly))
    expect(baseline.map((b, i) => b === observedSpend[i])).toEqual([false, false, false, true])
  })
})

describe('planImport: settings and refusals', () => {
  const usage = observed([
    record({ model: SONNET, workspace: 'w1', apiKey: 'k1' }, { uncached: 1000, out: 100 }),
    record({ model: SONNET, workspace: 'w1', apiKey: 'k2' }, { uncached: 3000, out: 300 }),
    record({ model: HAIKU, workspace: null, apiKey: null }, { uncached: 1000, out: 100 }),
  ])

  it('the first matching entry applies: a name, a request count, ownership; a model matches by alias', () => {
    const plan = planImport(
      usage,
      null,
      BOOK,
      options({
        namePrefix: 'acme/',
        team: 'platform',
        groups: [
          {
            pointer: '/groups/0',
            match: { model: 'claude-sonnet-4-5', apiKey: 'k2' },
            name: 'bulk',
            requests: d(3),
          },
          { pointer: '/groups/1', match: { model: 'claude-sonnet-4-5' }, userWaiting: false, tags: ['x'] },
          { pointer: '/groups/2', match: { workspace: null }, kind: 'lookup' },
        ],
      }),
    )
    expect(plan.workloads.map((w) => w.fields)).toEqual([
      expect.objectContaining({
        name: 'acme/claude-haiku-4-5-20251001 / default-workspace / no-api-key',
        kind: 'lookup',
        team: 'platform',
      }),
      expect.objectContaining({
        name: 'acme/claude-sonnet-4-5-20250929 / w1 / k1',
        userWaiting: false,
        tags: ['x'],
      }),
      expect.objectContaining({ name: 'bulk', outputTokensPerRequest: '100', userWaiting: true }),
    ])
    expect(plan.workloads[2]!.volume.basis).toBe('requests')
  })

  it('an entry that matches nothing, or names several groups, an unknown model, no volume: one 422 naming each', () => {
    const unknown = observed([
      ...usage.records,
      record({ model: 'claude-sonnet-9' }, { uncached: 5, out: 1 }),
    ])
    const error = thrown(() =>
      planImport(
        unknown,
        null,
        BOOK,
        options({
          grouping: ['model', 'apiKey'],
          volume: { outputTokensPerRequest: null, inputTokensPerRequest: null },
          groups: [
            { pointer: '/groups/0', match: { workspace: 'nope' } },
            { pointer: '/groups/1', match: { model: SONNET }, name: 'one' },
          ],
        }),
      ),
    )
    expect(error.statusCode).toBe(422)
    expect(error.errors?.map((e) => [e.pointer, e.code])).toEqual([
      [`/usage/0/data/0/results/${at - 1}/model`, 'unknown_model'],
      ['/groups/0/match', 'matches_no_group'],
      ['/groups/1', 'matches_several_groups'],
      ['/groups', 'duplicate_name'],
      ['/volume', 'no_volume'],
    ])
    expect(error.errors?.[0]?.detail).toMatch(/^no model 'claude-sonnet-9' in price book 'anthropic-list'/)
  })

  it('unknown models may be skipped; only empty or unknown groups is a 422', () => {
    const plan = planImport(
      observed([
        record({ model: 'gpt-4o' }, { uncached: 5, out: 1 }),
        record({ model: HAIKU }, { uncached: 5, out: 1 }),
      ]),
      null,
      BOOK,
      options({ unknownModels: 'skip' }),
    )
    expect(plan.skipped.map((s) => s.reason)).toEqual(['unknown_model'])
    expect(plan.workloads).toHaveLength(1)
    const none = thrown(() =>
      planImport(
        observed([record({ model: 'gpt-4o' }, { out: 1 }), record({ model: HAIKU }, {})]),
        null,
        BOOK,
        options({ unknownModels: 'skip' }),
      ),
    )
    expect(none.errors?.[0]?.code).toBe('no_usage')
  })
})

describe('planImport: a cost report', () => {
  const cost = (records: ObservedCost['records'], reported: UsageDimension[]): ObservedCost => ({
    period: { start: '2026-10-01T00:00:00.000Z', end: '2026-10-11T00:00:00.000Z', days: d(10), buckets: 10 },
    reported,
    records,
    notes: [],
  })
  const costRecord = (
    dims: Partial<DimensionValues>,
    amount: string,
    tokenClass: 'output' | null = null,
  ) => ({
    pointer: '/cost/0/data/0/results/0',
    dimensions: Object.fromEntries(USAGE_DIMENSIONS.map((k) => [k, dims[k] ?? null])) as DimensionValues,
    kind: 'tokens' as const,
    tokenClass,
    amount: d(amount),
  })

  it('splits a model’s amount between its API keys by list-priced usage', () => {
    const usage = observed([
      record({ model: SONNET, apiKey: 'k1' }, { uncached: 1_000_000 }),
      record({ model: SONNET, apiKey: 'k2' }, { uncached: 3_000_000 }),
    ])
    // $12 at list; the invoice says $8 (a negotiated third off).
    const plan = planImport(
      usage,
      cost([costRecord({ model: 'claude-sonnet-4-5' }, '8')], ['model']),
      BOOK,
      options({
        volume: { outputTokensPerRequest: null, inputTokensPerRequest: d(1000) },
      }),
    )
    expect(plan.observedSource).toBe('cost_report')
    expect(plan.workloads.map((w) => toCents(w.observedMonthly))).toEqual([
      toCents(d(2).times('3.0436875')),
      toCents(d(6).times('3.0436875')),
    ])
    expect(plan.workloads.map((w) => w.fields.observedMonthlySpend)).toEqual(['6.09', '18.26'])
    expect(plan.notes.map((n) => n.code)).toEqual(['COST_APPORTIONED', 'USER_WAITING_ASSUMED'])
  })

  it('an amount no usage matches is noted, not attributed; a group without any cost keeps its list price', () => {
    const usage = observed([
      record({ model: SONNET, serviceTier: 'standard' }, { uncached: 1000, out: 500 }),
      record({ model: SONNET, serviceTier: 'priority' }, { uncached: 1_000_000, out: 500 }),
    ])
    const plan = planImport(
      usage,
      cost(
        [
          costRecord({ model: HAIKU, serviceTier: 'standard' }, '5'),
          costRecord({ model: SONNET, serviceTier: 'standard' }, '1', 'output'),
        ],
        ['model', 'serviceTier'],
      ),
      BOOK,
      options({ grouping: ['model', 'serviceTier'] }),
    )
    expect(plan.notes.map((n) => n.code)).toContain('COST_NOT_ATTRIBUTED')
    const [priority, standard] = plan.workloads
    expect(toCents(standard!.observedMonthly)).toBe(toCents(d('1').times('3.0436875')))
    expect(standard!.observedSource).toBe('cost_report')
    expect(priority!.observedSource).toBe('price_book')
    expect(priority!.observedMonthly.eq(priority!.listPricedMonthly)).toBe(true)
    expect(priority!.notes.map((n) => n.code)).toEqual(['NO_COST_FOUND', 'SERVICE_TIER_AS_STANDARD'])
  })
})
