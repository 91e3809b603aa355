import { Decimal } from '../../src/domain/index.js'

/**
 * Builds Anthropic Admin API report pages the way that API writes them — `GET
 * /v1/organizations/usage_report/messages` and `GET /v1/organizations/cost_report` — from a description of
 * the traffic behind them (requests a day and what one request looks like), so a test knows the true figures
 * and can check what the import derives. Field names, nesting, nulls for dimensions not grouped by, daily
 * buckets oldest first, `has_more` / `next_page` pagination, cost amounts in cents as decimal strings: as in
 * the API reference.
 */

/** One kind of traffic: one model in one workspace on one tier, with a fixed request shape. */
export interface Traffic {
  /** As the API names it, e.g. `claude-sonnet-4-5-20250929`. */
  model: string
  workspaceId: string | null
  apiKeyId?: string | null
  serviceTier: 'standard' | 'batch' | 'priority'
  contextWindow?: '0-200k' | '200k-1M'
  inferenceGeo?: 'global' | 'us' | 'not_available'
  /** Requests each day of the report (0 = none that day: no result that day). */
  requestsPerDay: readonly number[]
  /** Per request: input tokens outside the cached prefix. */
  uncachedInput: number
  /** Per request: the cached prefix (read on a hit, written on a miss). */
  prefix: number
  /** Share of requests that hit the cache; `requests × hitRate` must be whole each day. */
  hitRate: number
  ttl: '5m' | '1h'
  output: number
  /** Web searches each day. */
  webSearchesPerDay?: number
}

/** Per-MTok list prices of a model, for the cost report. */
export interface Prices {
  input: string
  output: string
  cacheWrite5m: string
  cacheWrite1h: string
  cacheRead: string
  batchDiscount: string
}

/** The list prices (USD per MTok) of the models the tests use. */
export const LIST_PRICES: Readonly<Record<string, Prices>> = {
  'claude-sonnet-4-5-20250929': {
    input: '3',
    output: '15',
    cacheWrite5m: '3.75',
    cacheWrite1h: '6',
    cacheRead: '0.3',
    batchDiscount: '0.5',
  },
  'claude-haiku-4-5-20251001': {
    input: '1',
    output: '5',
    cacheWrite5m: '1.25',
    cacheWrite1h: '2',
    cacheRead: '0.1',
    batchDiscount: '0.5',
  },
}

export type GroupBy =
  | 'model'
  | 'workspace_id'
  | 'api_key_id'
  | 'service_tier'
  | 'context_window'
  | 'inference_geo'

export interface ReportOptions {
  /** First day, `YYYY-MM-DD`. */
  start: string
  /** Buckets per page (the API's `limit`). */
  pageSize: number
  groupBy: readonly GroupBy[]
}

const DAY_MS = 86_400_000
const dayStart = (start: string, i: number) => new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY_MS)
const rfc3339 = (d: Date) => d.toISOString().replace('.000Z', 'Z')

interface DayTokens {
  uncached: number
  read: number
  write5m: number
  write1h: number
  output: number
  webSearches: number
}

/** What one traffic used on day `i`, or null when it made no request. */
function tokensOn(t: Traffic, i: number): DayTokens | null {
  const requests = t.requestsPerDay[i] ?? 0
  if (requests === 0) return null
  const hits = requests * t.hitRate
  if (!Number.isInteger(hits)) throw new Error(`requests × hitRate is not whole on day ${i} of ${t.model}`)
  const writes = (requests - hits) * t.prefix
  return {
    uncached: requests * t.uncachedInput,
    read: hits * t.prefix,
    write5m: t.ttl === '5m' ? writes : 0,
    write1h: t.ttl === '1h' ? writes : 0,
    output: requests * t.output,
    webSearches: t.webSearchesPerDay ?? 0,
  }
}

const dimensionsOf = (t: Traffic, groupBy: readonly GroupBy[]) => ({
  api_key_id: groupBy.includes('api_key_id') ? (t.apiKeyId ?? null) : null,
  workspace_id: groupBy.includes('workspace_id') ? t.workspaceId : null,
  model: groupBy.includes('model') ? t.model : null,
  service_tier: groupBy.includes('service_tier') ? t.serviceTier : null,
  context_window: groupBy.includes('context_window') ? (t.contextWindow ?? '0-200k') : null,
  inference_geo: groupBy.includes('inference_geo') ? (t.inferenceGeo ?? 'global') : null,
})

function paginate<R>(buckets: { starting_at: string; ending_at: string; results: R[] }[], pageSize: number) {
  const pages = []
  for (let i = 0; i < buckets.length; i += pageSize) {
    const rest = buckets[i + pageSize]
    pages.push({
      data: buckets.slice(i, i + pageSize),
      has_more: rest !== undefined,
      next_page: rest ? `page_${Buffer.from(rest.starting_at).toString('base64')}` : null,
    })
  }
  return pages
}

/** The usage report's pages: one daily bucket per day, results summed per distinct grouped value. */
export function usageReport(traffic: readonly Traffic[], days: number, options: ReportOptions) {
  const buckets = Array.from({ length: days }, (_, i) => {
    const results = new Map<string, Record<string, unknown> & { totals: DayTokens }>()
    for (const t of traffic) {
      const used = tokensOn(t, i)
      if (!used) continue
      const dims = dimensionsOf(t, options.groupBy)
      const key = JSON.stringify(dims)
      const existing = results.get(key)
      if (existing) {
        for (const k of Object.keys(used) as (keyof DayTokens)[]) existing.totals[k] += used[k]
      } else results.set(key, { ...dims, totals: { ...used } })
    }
    return {
      starting_at: rfc3339(dayStart(options.start, i)),
      ending_at: rfc3339(dayStart(options.start, i + 1)),
      results: [...results.values()].map(({ totals, ...dims }) => ({
        uncached_input_tokens: totals.uncached,
        cache_creation: {
          ephemeral_1h_input_tokens: totals.write1h,
          ephemeral_5m_input_tokens: totals.write5m,
        },
        cache_read_input_tokens: totals.read,
        output_tokens: totals.output,
        server_tool_use: { web_search_requests: totals.webSearches },
        ...dims,
      })),
    }
  })
  return paginate(buckets, options.pageSize)
}

const TOKEN_TYPES = [
  ['uncached_input_tokens', 'uncached', 'input', 'Input Tokens'],
  ['output_tokens', 'output', 'output', 'Output Tokens'],
  ['cache_read_input_tokens', 'read', 'cacheRead', 'Cache Read'],
  ['cache_creation.ephemeral_5m_input_tokens', 'write5m', 'cacheWrite5m', 'Cache Write (5m)'],
  ['cache_creation.ephemeral_1h_input_tokens', 'write1h', 'cacheWrite1h', 'Cache Write (1h)'],
] as const

const displayName = (model: string) =>
  model
    .replace(/^claude-/, 'Claude ')
    .replace(/-(\d+)-(\d+)-\d{8}$/, ' $1.$2')
    .replace(/(^|\s)([a-z])/g, (_, a, b: string) => a + b.toUpperCase())

/**
 * The cost report's pages, priced at `prices` (the list prices unless given): grouped by workspace and
 * description (model, tier, token type) as `group_by[]=workspace_id&group_by[]=description` answers, or by
 * workspace alone (one amount per workspace and day, every kind of cost in it).
 */
export function costReport(
  traffic: readonly Traffic[],
  days: number,
  options: { start: string; pageSize: number; byDescription: boolean; prices?: Record<string, Prices> },
) {
  const prices = options.prices ?? LIST_PRICES
  const buckets = Array.from({ length: days }, (_, i) => {
    const results: Record<string, unknown>[] = []
    const perWorkspace = new Map<string | null, Decimal>()
    const add = (row: Record<string, unknown>, amount: Decimal) => {
      if (options.byDescription) results.push({ ...row, amount: amount.toFixed(), currency: 'USD' })
      const ws = row.workspace_id as string | null
      perWorkspace.set(ws, (perWorkspace.get(ws) ?? new Decimal(0)).plus(amount))
    }
    for (const t of traffic) {
      const used = tokensOn(t, i)
      if (!used) continue
      const p = prices[t.model]
      if (!p) throw new Error(`no prices for ${t.model}`)
      const keep = t.serviceTier === 'batch' ? new Decimal(1).minus(p.batchDiscount) : new Decimal(1)
      for (const [tokenType, field, price, label] of TOKEN_TYPES) {
        if (used[field] === 0) continue
        // USD per MTok → cents: tokens × price ÷ 1,000,000 × 100.
        const cents = new Decimal(used[field]).times(p[price]).div(10_000).times(keep)
        add(
          {
            workspace_id: t.workspaceId,
            description: `${displayName(t.model)} Usage - ${label}`,
            cost_type: 'tokens',
            model: t.model,
            service_tier: t.serviceTier === 'batch' ? 'batch' : 'standard',
            token_type: tokenType,
            context_window: t.contextWindow ?? '0-200k',
            inference_geo: null,
          },
          cents,
        )
      }
      if (used.webSearches > 0)
        add(
          {
            workspace_id: t.workspaceId,
            description: 'Web Search',
            cost_type: 'web_search',
            model: null,
            service_tier: null,
            token_type: null,
            context_window: null,
            inference_geo: null,
          },
          // $10 per 1,000 searches: one cent each.
          new Decimal(used.webSearches),
        )
    }
    if (!options.byDescription)
      for (const [ws, amount] of perWorkspace)
        results.push({
          workspace_id: ws,
          description: null,
          cost_type: null,
          model: null,
          service_tier: null,
          token_type: null,
          context_window: null,
          inference_geo: null,
          amount: amount.toFixed(),
          currency: 'USD',
        })
    return {
      starting_at: rfc3339(dayStart(options.start, i)),
      ending_at: rfc3339(dayStart(options.start, i + 1)),
      results,
    }
  })
  return paginate(buckets, options.pageSize)
}
