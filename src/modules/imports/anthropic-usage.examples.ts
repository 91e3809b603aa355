import { EXAMPLE_IDS, EXAMPLE_TIMES } from '../portfolios/portfolios.schemas.js'

/**
 * The usage import's documented examples: two days of a usage report (Sonnet 4.5 in real time with prompt
 * caching, Haiku 4.5 in batch) and what the import makes of them. `test/integration/usage-import.test.ts`
 * checks that the answers are what the API answers for the request.
 */

const WORKSPACE = 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ'

const day = (date: string, next: string) => ({
  starting_at: `${date}T00:00:00Z`,
  ending_at: `${next}T00:00:00Z`,
  results: [
    {
      uncached_input_tokens: 1_200_000,
      cache_creation: { ephemeral_5m_input_tokens: 400_000, ephemeral_1h_input_tokens: 0 },
      cache_read_input_tokens: 3_600_000,
      output_tokens: 500_000,
      server_tool_use: { web_search_requests: 0 },
      model: 'claude-sonnet-4-5-20250929',
      workspace_id: WORKSPACE,
      api_key_id: null,
      service_tier: 'standard',
      context_window: '0-200k',
    },
    {
      uncached_input_tokens: 6_000_000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      cache_read_input_tokens: 0,
      output_tokens: 500_000,
      server_tool_use: { web_search_requests: 0 },
      model: 'claude-haiku-4-5-20251001',
      workspace_id: WORKSPACE,
      api_key_id: null,
      service_tier: 'batch',
      context_window: '0-200k',
    },
  ],
})

/** `POST /v1/portfolios/{id}/imports/anthropic-usage`: one page of two daily buckets. */
export const EXAMPLE_IMPORT_REQUEST = {
  usage: [
    {
      data: [day('2026-10-01', '2026-10-02'), day('2026-10-02', '2026-10-03')],
      has_more: false,
      next_page: null,
    },
  ],
  namePrefix: 'acme/',
  volume: { outputTokensPerRequest: '500' },
  groups: [
    {
      match: { model: 'claude-haiku-4-5', service_tier: 'batch' },
      requests: '4000',
      name: 'acme/nightly-tagging',
    },
  ],
}

const observed = (tokens: Record<string, string>, readShare: string, batchShare: string) => ({
  uncached_input_tokens: tokens.uncached ?? '0',
  cache_read_input_tokens: tokens.read ?? '0',
  ephemeral_5m_input_tokens: tokens.write5m ?? '0',
  ephemeral_1h_input_tokens: '0',
  output_tokens: tokens.output ?? '0',
  web_search_requests: '0',
  cacheReadShareOfInput: readShare,
  batchShareOfTokens: batchShare,
})

const workload = (fields: Record<string, unknown>) => ({
  name: '',
  kind: null,
  model: '',
  routeToModel: null,
  requestsPerMonth: '',
  inputTokensPerRequest: '',
  outputTokensPerRequest: '',
  cacheablePrefixTokens: '0',
  currentCacheHitRate: '0',
  targetCacheHitRate: null,
  cacheTtl: '5m',
  userWaiting: true,
  currentBatchShare: '0',
  targetBatchShare: null,
  routableShare: null,
  monthlyGrowthRate: '0',
  inferenceGeo: 'global',
  observedMonthlySpend: null,
  team: null,
  tags: [],
  ...fields,
})

const group = (model: string, tier: string) => ({
  model,
  workspace_id: WORKSPACE,
  service_tier: tier,
  context_window: '0-200k',
})

/**
 * The two workloads, priced at list (a month is 30.436875 ÷ 2 = 15.2184375 times the report's two days):
 * 4,000 Haiku 4.5 batch requests (a count from the caller's logs) of 3,000 + 250 tokens, $6 + $2.50 a day at
 * half price = $8.50 → $129.36 a month; and 2,000 Sonnet 4.5 chats (1,000,000 output tokens ÷ 500 a request)
 * of 5,200 input tokens whose 4,000-token prefix is read 90% of the time: $3.60 uncached + $1.08 reads + $1.50
 * writes + $7.50 output = $13.68 a day → $416.38 a month.
 */
const ITEMS = [
  {
    group: group('claude-haiku-4-5-20251001', 'batch'),
    workload: workload({
      name: 'acme/nightly-tagging',
      model: 'claude-haiku-4-5-20251001',
      requestsPerMonth: '60873.75',
      inputTokensPerRequest: '3000',
      outputTokensPerRequest: '250',
      userWaiting: false,
      currentBatchShare: '1',
      observedMonthlySpend: '129.36',
    }),
    volume: { basis: 'requests', requestsInPeriod: '4000' },
    observed: observed({ uncached: '12000000', output: '1000000' }, '0', '1'),
    observedMonthlySpend: '129.36',
    observedSpendSource: 'price_book',
    listPricedMonthlySpend: '129.36',
    modelledMonthlySpend: '129.36',
    notes: [],
  },
  {
    group: group('claude-sonnet-4-5-20250929', 'standard'),
    workload: workload({
      name: `acme/claude-sonnet-4-5-20250929 / ${WORKSPACE} / standard / 0-200k`,
      model: 'claude-sonnet-4-5-20250929',
      requestsPerMonth: '30436.875',
      inputTokensPerRequest: '5200',
      outputTokensPerRequest: '500',
      cacheablePrefixTokens: '4000',
      currentCacheHitRate: '0.9',
      observedMonthlySpend: '416.38',
    }),
    volume: { basis: 'output_tokens_per_request', requestsInPeriod: '2000' },
    observed: observed(
      { uncached: '2400000', read: '7200000', write5m: '800000', output: '1000000' },
      '0.6923076923',
      '0',
    ),
    observedMonthlySpend: '416.38',
    observedSpendSource: 'price_book',
    listPricedMonthlySpend: '416.38',
    modelledMonthlySpend: '416.38',
    notes: [],
  },
]

const head = {
  object: 'usage_import',
  portfolioId: EXAMPLE_IDS.portfolio,
  priceBook: { id: EXAMPLE_IDS.priceBook, slug: 'anthropic-list', name: 'Anthropic list prices' },
  period: { start: '2026-10-01T00:00:00.000Z', end: '2026-10-03T00:00:00.000Z', days: '2', buckets: 2 },
  costPeriod: null,
  daysPerMonth: '30.436875',
  grouping: ['model', 'workspace_id', 'service_tier', 'context_window'],
  observedSpendSource: 'price_book',
  totals: {
    observedMonthlySpend: '545.73',
    listPricedMonthlySpend: '545.73',
    modelledMonthlySpend: '545.73',
  },
}

const tail = {
  skipped: [],
  notes: [
    {
      code: 'USER_WAITING_ASSUMED',
      detail:
        '1 workload(s) not all in batch are taken as waited on (userWaiting true), so the batch lever moves nothing there until you say otherwise (userWaiting or groups[].userWaiting, or PATCH the workload).',
    },
  ],
}

/** The dry run's answer to {@link EXAMPLE_IMPORT_REQUEST} (priced at list: no cost report was sent). */
export const EXAMPLE_PREVIEW_RESULT = { ...head, dryRun: true, workloads: ITEMS, ...tail }

/** The ids the example's created workloads get. */
export const EXAMPLE_IMPORTED_IDS = [EXAMPLE_IDS.workload, '5b7d9f1a-3c5e-4a7b-9d1f-2e4a6c8e0b16'] as const

/** The import's answer to {@link EXAMPLE_IMPORT_REQUEST}: the same, with the workloads as created. */
export const EXAMPLE_IMPORT_RESULT = {
  ...head,
  dryRun: false,
  workloads: ITEMS.map((item, i) => ({
    ...item,
    workload: {
      id: EXAMPLE_IMPORTED_IDS[i],
      portfolioId: EXAMPLE_IDS.portfolio,
      ...item.workload,
      version: 1,
      createdAt: EXAMPLE_TIMES.created,
      updatedAt: EXAMPLE_TIMES.created,
    },
  })),
  ...tail,
}
