import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.js'
import { adaptCostPages, adaptUsagePages } from './anthropic-usage.adapter.js'
import { CostPageSchema, UsagePageSchema } from './anthropic-usage.schemas.js'

const result = (fields: Record<string, unknown> = {}) => ({
  uncached_input_tokens: 100,
  cache_creation: { ephemeral_5m_input_tokens: 20, ephemeral_1h_input_tokens: 30 },
  cache_read_input_tokens: 40,
  output_tokens: 50,
  server_tool_use: { web_search_requests: 2 },
  model: 'claude-sonnet-4-5-20250929',
  workspace_id: null,
  api_key_id: 'apikey_01',
  service_tier: 'batch',
  context_window: '200k-1M',
  inference_geo: 'us',
  ...fields,
})
const bucket = (start: string, end: string, results: unknown[] = [result()]) => ({
  starting_at: start,
  ending_at: end,
  results,
})
const usagePage = (data: unknown[], hasMore = false) =>
  UsagePageSchema.parse({ data, has_more: hasMore, next_page: hasMore ? 'page_x' : null })

const thrown = (work: () => unknown) => {
  try {
    work()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('did not throw')
}

describe('adaptUsagePages', () => {
  it('reads every token class, dimension and pricing trait, with a pointer into the body', () => {
    const usage = adaptUsagePages([
      usagePage([bucket('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z')]),
      usagePage([
        bucket('2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z', [result({ service_tier: 'standard' })]),
      ]),
    ])
    expect(usage.period).toMatchObject({
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-10-03T00:00:00.000Z',
      buckets: 2,
    })
    expect(usage.period.days.toFixed()).toBe('2')
    expect(usage.reported).toEqual(['model', 'apiKey', 'serviceTier', 'contextWindow', 'inferenceGeo'])
    const [first, second] = usage.records
    expect(first!.pointer).toBe('/usage/0/data/0/results/0')
    expect(second!.pointer).toBe('/usage/1/data/0/results/0')
    expect(first!.tokens).toEqual({
      uncachedInput: 100n,
      cacheRead: 40n,
      cacheWrite5m: 20n,
      cacheWrite1h: 30n,
      output: 50n,
    })
    expect(first!.webSearchRequests).toBe(2n)
    expect(first!.requests).toBeNull()
    expect(first!.pricing).toEqual({ batch: true, geo: 'us', longContext: true, fast: false })
    expect(second!.pricing.batch).toBe(false)
    expect(usage.notes).toEqual([])
  })

  it('hourly buckets count as fractions of a day; a gap and a report that goes on are noted', () => {
    const usage = adaptUsagePages([
      usagePage(
        [
          bucket('2026-10-01T00:00:00Z', '2026-10-01T01:00:00Z'),
          bucket('2026-10-01T05:00:00Z', '2026-10-01T06:00:00Z'),
        ],
        true,
      ),
    ])
    expect(usage.period.days.times(24).toFixed()).toBe('2')
    expect(usage.notes.map((n) => n.code)).toEqual(['BUCKET_GAP', 'REPORT_CONTINUES'])
  })

  it('overlapping buckets and buckets that end before they start are a 400 with pointers', () => {
    const day = bucket('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z')
    const error = thrown(() =>
      adaptUsagePages([
        usagePage([day, bucket('2026-10-03T00:00:00Z', '2026-10-03T00:00:00Z')]),
        usagePage([bucket('2026-10-01T12:00:00Z', '2026-10-01T13:00:00Z')]),
      ]),
    )
    expect(error.statusCode).toBe(400)
    expect(error.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/usage/0/data/1/ending_at', 'bucket_ends_before_start'],
      ['/usage/1/data/0/starting_at', 'overlapping_bucket'],
    ])
  })

  it('pages without any bucket are a 422', () => {
    expect(thrown(() => adaptUsagePages([usagePage([])])).statusCode).toBe(422)
  })
})

describe('adaptCostPages', () => {
  const costPage = (results: unknown[]) =>
    CostPageSchema.parse({
      data: [{ starting_at: '2026-10-01T00:00:00Z', ending_at: '2026-10-02T00:00:00Z', results }],
      has_more: false,
      next_page: null,
    })

  it('reads cents as dollars, and the kind and token class of each amount', () => {
    const cost = adaptCostPages([
      costPage([
        {
          amount: '123.45',
          currency: 'USD',
          cost_type: 'tokens',
          token_type: 'cache_creation.ephemeral_1h_input_tokens',
          model: 'claude-haiku-4-5-20251001',
          service_tier: 'batch',
          workspace_id: 'wrkspc_1',
        },
        { amount: '700', currency: 'USD', cost_type: 'web_search', workspace_id: 'wrkspc_1' },
        { amount: '5', currency: 'USD', cost_type: 'session_usage', workspace_id: null },
        { amount: '9.5', currency: 'USD', workspace_id: null },
      ]),
    ])
    expect(cost.records.map((r) => [r.amount.toFixed(), r.kind, r.tokenClass])).toEqual([
      ['1.2345', 'tokens', 'cacheWrite1h'],
      ['7', 'web_search', null],
      ['0.05', 'other', null],
      ['0.095', null, null],
    ])
    expect(cost.reported).toEqual(['model', 'workspace', 'serviceTier'])
  })

  it('an amount in another currency is a 422 pointing at it', () => {
    const error = thrown(() => adaptCostPages([costPage([{ amount: '1', currency: 'EUR' }])]))
    expect(error.statusCode).toBe(422)
    expect(error.errors?.[0]?.pointer).toBe('/cost/0/data/0/results/0/currency')
  })
})
