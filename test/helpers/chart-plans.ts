import { type PlanRequest, type PriceBook, previewPlan } from '../../src/domain/index.js'
import type { ChartPlan } from '../../src/modules/charts/chart-plan.js'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { type PreviewRequestInput, PreviewRequestSchema } from '../../src/modules/plans/plans.schemas.js'
import { loadAnthropicListBook } from '../../src/modules/price-books/anthropic-list.js'

/**
 * Plans the chart tests draw, as the preview requests a client would send (the integration tests POST them or
 * store them as a scenario) and, for the unit tests, as the presented plan the engine makes of them.
 */

/** The worked example, typed as the request it is (JSON imports widen its enums to strings). */
const EXAMPLE = PREVIEW_EXAMPLE_REQUEST as PreviewRequestInput
const { workloads: exampleWorkloads, ...example } = EXAMPLE

const support = {
  name: 'support-chat',
  model: 'claude-sonnet-4-5',
  requestsPerMonth: '900000',
  inputTokensPerRequest: '3000',
  outputTokensPerRequest: '400',
  cacheablePrefixTokens: '2000',
  targetCacheHitRate: '0.7',
  userWaiting: true,
  monthlyGrowthRate: '0.01',
}

/** A hostile name: markup, an entity, quotes and a formula start. */
export const HOSTILE_NAME = `</text><script>alert("x")</script> & R&D 'ops' =1+1`

/** The chart tests' plans, by name. */
export const CHART_REQUESTS = {
  /** One lever (batch, from the third month). */
  oneLever: {
    term: { start: '2027-01-01', months: 12 },
    levers: [{ lever: 'batch', startMonth: 2, rampMonths: 0 }],
    workloads: [{ ...exampleWorkloads[0]!, name: 'nightly-digest' }],
    commitment: { simulations: 300, seed: 7 },
  },
  /** The worked example of docs/cost-model.md: routing, caching on a ramp, batch; tiers and a proposal. */
  threeLevers: EXAMPLE,
  /** The example with a proposed commitment far above anything the forecast reaches. */
  aboveForecast: {
    ...example,
    workloads: exampleWorkloads,
    commitment: { ...example.commitment, proposedCommit: '900000' },
  },
  /** 30 months, a commitment per contract year (the vendor's ramp proposed year by year), two workloads. */
  annual: {
    term: { start: '2027-03-01', months: 30 },
    levers: [
      { lever: 'batch', startMonth: 0, rampMonths: 0 },
      { lever: 'caching', startMonth: 4, rampMonths: 6 },
      { lever: 'routing', startMonth: 12, rampMonths: 3 },
    ],
    workloads: [{ ...exampleWorkloads[0]!, name: 'nightly-digest' }, support],
    commitment: {
      structure: 'annual',
      proposedCommitByYear: ['700000', '700000', '350000'],
      discountTiers: [{ minCommit: '1000000', discountRate: '0.08' }],
      uncertainty: { growthStdDev: '0.01', adoptionSlipMonths: 2, minRealization: '0.8' },
      simulations: 400,
      seed: 3,
    },
  },
  /** Caching at a hit rate too low to pay for its writes: a step that costs money. */
  increase: {
    term: { start: '2027-01-01', months: 12 },
    levers: [
      { lever: 'caching', startMonth: 0, rampMonths: 0 },
      { lever: 'batch', startMonth: 0, rampMonths: 0 },
    ],
    workloads: [{ ...support, targetCacheHitRate: '0.02', userWaiting: false, targetBatchShare: '0.5' }],
    commitment: { simulations: 200 },
  },
  /** No lever at all: the waterfall is the baseline and the optimized bar. */
  noLevers: {
    term: { start: '2027-01-01', months: 6 },
    levers: [],
    workloads: [support],
    commitment: { simulations: 100 },
  },
} satisfies Record<string, PreviewRequestInput>

export type ChartRequestName = keyof typeof CHART_REQUESTS

const book: PriceBook = { id: 'anthropic-list', ...loadAnthropicListBook() }

const computed = new WeakMap<object, ChartPlan>()

/** The presented plan of one of {@link CHART_REQUESTS} (months and years, no per-workload parts), computed once. */
export function chartPlanOf(request: PreviewRequestInput): ChartPlan {
  const known = computed.get(request)
  if (known) return known
  const plan = computePlan(request)
  computed.set(request, plan)
  return plan
}

function computePlan(request: PreviewRequestInput): ChartPlan {
  const { priceBook: _book, ...parsed } = PreviewRequestSchema.parse(request)
  const { workloads: _workloads, ...plan } = previewPlan(parsed as PlanRequest, book, {
    workloadMonths: false,
    workloadYears: false,
  })
  return plan
}
