import type { z } from 'zod'
import type { CreatePortfolioSchema } from '../portfolios/portfolios.schemas.js'
import type { CreateScenarioSchema } from '../scenarios/scenarios.schemas.js'
import type { CreateWorkloadSchema } from '../workloads/workloads.schemas.js'

/**
 * The sample portfolio seeded on a fresh embedded installation (`SEED_DEMO`, see docs/demo.md): the kinds of
 * Claude traffic the planner exists for, on current models of the built-in list prices, and two scenarios
 * that show why one optimizes before committing. Every figure is illustrative, not a customer's. These are
 * request bodies exactly as a client would send them; the seed validates them with the same schemas.
 */

/** The demo portfolio's name: unique within the organization, and how the seed recognizes its own work. */
export const DEMO_PORTFOLIO_NAME = 'Demo: sample Claude portfolio'

/** Current models of the built-in book (no deprecation or retirement date, tokenizer ratio 1). */
const OPUS = 'claude-opus-4-6'
const SONNET = 'claude-sonnet-4-6'
const HAIKU = 'claude-haiku-4-5'

export const DEMO_PORTFOLIO: z.input<typeof CreatePortfolioSchema> = {
  name: DEMO_PORTFOLIO_NAME,
  description:
    'Sample data seeded on first start (SEED_DEMO): eight typical Claude workloads and two scenarios, ' +
    '"commit now on today\'s spend" and "optimize first". Illustrative figures, not a customer\'s; ' +
    'see docs/demo.md. Edit it, copy it, or delete it: it is never seeded again.',
  defaultPriceBook: 'anthropic-list',
}

type Workload = z.input<typeof CreateWorkloadSchema>

/** Eight workloads; only the two a person watches (`support-chat`, `writing-assistant`) have `userWaiting`. */
export const DEMO_WORKLOADS: Workload[] = [
  {
    name: 'nightly-account-reports',
    kind: 'overnight_report',
    model: OPUS,
    requestsPerMonth: '60000',
    inputTokensPerRequest: '12000',
    outputTokensPerRequest: '1500',
    cacheablePrefixTokens: '8000',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.85',
    userWaiting: false,
    currentBatchShare: '0',
    targetBatchShare: '1',
    routeToModel: SONNET,
    routableShare: '0.5',
    monthlyGrowthRate: '0.015',
    observedMonthlySpend: '5920.00',
    team: 'finance-analytics',
    tags: ['demo', 'reporting'],
  },
  {
    name: 'ticket-classification',
    kind: 'bulk_classification',
    model: SONNET,
    requestsPerMonth: '1000000',
    inputTokensPerRequest: '5000',
    outputTokensPerRequest: '60',
    cacheablePrefixTokens: '4500',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.9',
    userWaiting: false,
    currentBatchShare: '0.2',
    targetBatchShare: '1',
    routeToModel: HAIKU,
    routableShare: '0.8',
    monthlyGrowthRate: '0.02',
    observedMonthlySpend: '14100.00',
    team: 'support-ops',
    tags: ['demo', 'classification'],
  },
  {
    name: 'catalog-enrichment',
    kind: 'content_enrichment',
    model: SONNET,
    requestsPerMonth: '250000',
    inputTokensPerRequest: '5000',
    outputTokensPerRequest: '600',
    cacheablePrefixTokens: '4200',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.8',
    userWaiting: false,
    currentBatchShare: '0',
    targetBatchShare: '1',
    routeToModel: HAIKU,
    routableShare: '0.6',
    monthlyGrowthRate: '0.015',
    observedMonthlySpend: '6150.00',
    team: 'commerce-content',
    tags: ['demo', 'content'],
  },
  {
    name: 'model-eval-suite',
    kind: 'evaluation',
    model: OPUS,
    requestsPerMonth: '40000',
    inputTokensPerRequest: '8000',
    outputTokensPerRequest: '1000',
    cacheablePrefixTokens: '6000',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.7',
    userWaiting: false,
    currentBatchShare: '0',
    targetBatchShare: '1',
    monthlyGrowthRate: '0.01',
    observedMonthlySpend: '2580.00',
    team: 'ml-platform',
    tags: ['demo', 'evaluation'],
  },
  {
    name: 'archive-backfill',
    kind: 'backfill',
    model: SONNET,
    requestsPerMonth: '200000',
    inputTokensPerRequest: '9000',
    outputTokensPerRequest: '800',
    cacheablePrefixTokens: '2500',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.9',
    userWaiting: false,
    currentBatchShare: '0',
    targetBatchShare: '1',
    monthlyGrowthRate: '-0.04',
    observedMonthlySpend: '7650.00',
    team: 'records',
    tags: ['demo', 'backfill'],
  },
  {
    name: 'contract-extraction-stage',
    kind: 'pipeline_stage',
    model: SONNET,
    requestsPerMonth: '300000',
    inputTokensPerRequest: '6000',
    outputTokensPerRequest: '400',
    cacheablePrefixTokens: '4500',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.85',
    userWaiting: false,
    currentBatchShare: '0',
    targetBatchShare: '0.6',
    routeToModel: HAIKU,
    routableShare: '0.5',
    monthlyGrowthRate: '0.02',
    observedMonthlySpend: '7300.00',
    team: 'legal-data',
    tags: ['demo', 'pipeline'],
  },
  {
    name: 'support-chat',
    kind: 'interactive_chat',
    model: SONNET,
    requestsPerMonth: '400000',
    inputTokensPerRequest: '7000',
    outputTokensPerRequest: '350',
    cacheablePrefixTokens: '5000',
    currentCacheHitRate: '0.4',
    targetCacheHitRate: '0.8',
    userWaiting: true,
    currentBatchShare: '0',
    routeToModel: HAIKU,
    routableShare: '0.3',
    monthlyGrowthRate: '0.03',
    observedMonthlySpend: '9400.00',
    team: 'support-product',
    tags: ['demo', 'chat'],
  },
  {
    name: 'writing-assistant',
    kind: 'live_assistance',
    model: OPUS,
    requestsPerMonth: '100000',
    inputTokensPerRequest: '10000',
    outputTokensPerRequest: '400',
    cacheablePrefixTokens: '6000',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.7',
    userWaiting: true,
    currentBatchShare: '0',
    routeToModel: SONNET,
    routableShare: '0.4',
    monthlyGrowthRate: '0.025',
    observedMonthlySpend: '6100.00',
    team: 'editor',
    tags: ['demo', 'assistant'],
  },
]

type Scenario = z.input<typeof CreateScenarioSchema>

const TERM = { start: '2027-01-01', months: 36 }

/** A deal shaped like real ones: bands near $250K, $1M and $5M over the term, the discount rising with each. */
const DISCOUNT_TIERS = [
  { minCommit: '250000', discountRate: '0.05' },
  { minCommit: '1000000', discountRate: '0.1' },
  { minCommit: '5000000', discountRate: '0.15' },
]

/** What may go differently: growth, levers starting late, levers delivering less than planned. */
const UNCERTAINTY = {
  growthStdDev: '0.005',
  adoptionSlipMonths: { routing: 3, caching: 2, batch: 1 },
  minRealization: { routing: '0.7', caching: '0.8', batch: '0.9' },
}

const COMMITMENT = {
  confidence: '0.9',
  overage: 'discounted' as const,
  discountTiers: DISCOUNT_TIERS,
  uncertainty: UNCERTAINTY,
  simulations: 2000,
  seed: 2027,
}

/**
 * The two scenarios. "commit now on today's spend" signs the vendor's figure, sized on today's run-rate
 * (about $59K a month × 36), and pulls the same levers only after signing; "optimize first" pulls them from
 * the term's first months and lets the planner size the commitment on the optimized forecast.
 */
export const DEMO_SCENARIOS: Scenario[] = [
  {
    name: "commit now on today's spend",
    term: TERM,
    levers: [
      { lever: 'batch', startMonth: 6, rampMonths: 3 },
      { lever: 'caching', startMonth: 9, rampMonths: 6 },
      { lever: 'routing', startMonth: 12, rampMonths: 6 },
    ],
    commitment: { ...COMMITMENT, proposedCommit: '2000000' },
  },
  {
    name: 'optimize first',
    term: TERM,
    levers: [
      { lever: 'batch', startMonth: 0, rampMonths: 2 },
      { lever: 'caching', startMonth: 1, rampMonths: 3 },
      { lever: 'routing', startMonth: 3, rampMonths: 6 },
    ],
    commitment: COMMITMENT,
  },
]
