import { shapleyFromContributions, shapleyFromDividends, waterfall } from './attribution.js'
import { addMonths, formatIsoDate } from './calendar.js'
import { commitmentOptions } from './commitment.js'
import { CORNER_COUNT, createPricingContext, vectorCosts, workloadCosts } from './levers.js'
import { Decimal, ONE, ZERO } from './money.js'
import type { PlanPreview } from './plan-preview.js'
import type { Lever, PlanRequest } from './plan-request.js'
import type {
  PlanResult,
  PortfolioMonth,
  SavingsSummary,
  ShapleyValues,
  WorkloadMonth,
  WorkloadResult,
} from './plan-result.js'
import { presentMonths, presentPlanWith, presentWorkloadWith } from './present.js'
import type { PriceBook } from './price-book.js'
import {
  type GrowthTable,
  growthTable,
  type MonthSpend,
  monthSeries,
  projectWorkload,
  type ScenarioSchedules,
  scenarioSchedules,
} from './projection.js'
import { createRateCards } from './request-cost.js'
import {
  type CornerSpendTable,
  simulatedSpend,
  simulateRatios,
  spendMean,
  spendQuantile,
} from './simulation.js'
import { type ValidPlan, validatePlanRequest } from './validation.js'
import { collectWarnings, type RankedWarning, type WarningInput, workloadWarnings } from './warnings.js'

const TWELVE = new Decimal(12)
const P10 = new Decimal('0.1')
const P50 = new Decimal('0.5')
const P90 = new Decimal('0.9')

/** The plan without its workloads, and the workloads in whatever form the caller turned them into. */
interface AssembledPlan<T> {
  result: Omit<PlanResult, 'workloads'>
  workloads: T[]
}

/**
 * Computes a whole plan, unrounded: validation (throws one PlanValidationError with every issue), per-workload
 * corner costs, the projection of each workload and of the portfolio, waterfall and Shapley attribution, the
 * Monte Carlo, the commitment options and the warnings.
 *
 * Portfolio term figures are the sums of the workloads' term figures, and the portfolio Shapley values come from
 * the sums of the workloads' dividends (each value divided once, not a sum of rounded quotients). Portfolio monthly figures are computed from the workloads' corner spends
 * aggregated per growth rate, each its own unrounded value.
 */
export function computePlan(request: PlanRequest, book: PriceBook): PlanResult {
  const { result, workloads } = assemblePlan(
    request,
    book,
    (figures, months): WorkloadResult => ({ ...figures, months: months as WorkloadMonth[] }),
  )
  return { ...result, workloads }
}

/**
 * Computes a plan and presents it: money strings (cents, or whole dollars for simulated figures), rate strings.
 * Identical to `presentPlan(computePlan(request, book))`; each workload is presented as soon as it is computed, so
 * the hundreds of thousands of unrounded figures of a large portfolio are never all held at once.
 */
export function previewPlan(request: PlanRequest, book: PriceBook): PlanPreview {
  const { result, workloads } = assemblePlan(request, book, (figures, months) =>
    presentWorkloadWith(figures, presentMonths(months)),
  )
  return presentPlanWith(result, workloads)
}

/**
 * Computes everything. Each workload's figures and monthly series are handed to `keepWorkload` as soon as they are
 * computed, so that `previewPlan` can present them at once (the unrounded figures are then short-lived garbage,
 * never promoted to the old generation) while `computePlan` keeps them.
 */
function assemblePlan<T>(
  request: PlanRequest,
  book: PriceBook,
  keepWorkload: (figures: Omit<WorkloadResult, 'months'>, months: MonthSpend[]) => T,
): AssembledPlan<T> {
  const plan = validatePlanRequest(request, book)
  const ctx = createPricingContext(createRateCards())
  const schedules = scenarioSchedules(plan.levers, plan.months)
  const order = plan.levers.map((l) => l.lever)
  const listed = schedules.listedMask
  const last = plan.months - 1
  const tables = new Map<string, GrowthTable>()
  const aggregates = new Map<GrowthTable, Decimal[]>()
  const subsetTotals: Decimal[] = new Array(CORNER_COUNT).fill(ZERO)
  let fullTotal = ZERO
  const portfolioContributions: Decimal[] = new Array(CORNER_COUNT).fill(ZERO)
  let portfolioActive = 0

  const workloads: T[] = []
  const warningContext = { plan, listedMask: listed, ctx }
  const workloadLevelWarnings: RankedWarning[] = []
  const warningWorkloads: WarningInput['workloads'][number][] = []
  for (const w of plan.workloads) {
    const costs = workloadCosts(w, ctx)
    const key = w.growthRate.toString()
    let table = tables.get(key)
    if (!table) {
      table = growthTable(w.growthRate, schedules)
      tables.set(key, table)
      aggregates.set(table, new Array(CORNER_COUNT).fill(ZERO))
    }
    const projection = projectWorkload(w.requestsPerMonth, costs, table, schedules)
    const aggregate = aggregates.get(table)!
    for (let c = 0; c < CORNER_COUNT; c++) {
      if ((c & listed) === c) aggregate[c] = aggregate[c]!.plus(projection.scaledCorners[c]!)
    }
    for (const s of schedules.prefixes) subsetTotals[s] = subsetTotals[s]!.plus(projection.subsetSpend[s]!)
    fullTotal = fullTotal.plus(projection.fullTerm)

    const values = shapleyFromDividends(projection, order)
    portfolioActive |= projection.active
    for (let t = 1; t < CORNER_COUNT; t++) {
      if (!projection.contributions[t]!.isZero()) {
        portfolioContributions[t] = portfolioContributions[t]!.plus(projection.contributions[t]!)
      }
    }
    const months = monthSeries(projection)
    workloads.push(
      keepWorkload(
        {
          name: w.name,
          kind: w.kind,
          model: w.model.modelId,
          routeToModel: w.routeToModel?.modelId ?? null,
          ...figures(projection.subsetSpend, projection.fullTerm, months[0]!, months[last]!, listed, order),
          shapley: values,
        },
        months,
      ),
    )
    workloadWarnings(
      warningContext,
      { workload: w, costs, monthZeroBaseline: projection.scaledCorners[0]!, shapley: values },
      workloadLevelWarnings,
    )
    warningWorkloads.push({ workload: w, shapley: values })
  }

  const portfolioMonths = portfolioSeries(plan, schedules, aggregates)
  const portfolioShapley: ShapleyValues = shapleyFromContributions(
    portfolioContributions,
    portfolioActive,
    order,
  )
  const portfolio = {
    ...figures(subsetTotals, fullTotal, portfolioMonths[0]!, portfolioMonths[last]!, listed, order),
    shapley: portfolioShapley,
  }

  const commitment = plan.commitment
  const optimizedTerm = subsetTotals[listed]!
  const ratios = optimizedTerm.isZero()
    ? new Float64Array(commitment.simulations).fill(1)
    : simulateRatios(cornerSpendTable(aggregates, schedules), plan.levers, {
        runs: commitment.simulations,
        seed: commitment.seed,
        growthStdDev: commitment.growthStdDev.toNumber(),
        adoptionSlipMonths: commitment.adoptionSlipMonths,
        minRealization: {
          routing: commitment.minRealization.routing.toNumber(),
          caching: commitment.minRealization.caching.toNumber(),
          batch: commitment.minRealization.batch.toNumber(),
        },
      })
  const sim = simulatedSpend(optimizedTerm, ratios)
  const percentiles = {
    p10: spendQuantile(sim, P10),
    p50: spendQuantile(sim, P50),
    p90: spendQuantile(sim, P90),
  }
  const options = commitmentOptions({
    sim,
    confidence: commitment.confidence,
    tiers: commitment.tiers,
    overage: commitment.overage,
    proposedCommit: commitment.proposedCommit,
    baselineTermSpend: subsetTotals[0]!,
  })

  const warnings = collectWarnings(
    {
      ...warningContext,
      workloads: warningWorkloads,
      portfolioShapley,
      monthZeroAdoption: portfolioMonths[0]!.adoption,
      options,
    },
    workloadLevelWarnings,
  )

  return {
    result: {
      currency: 'USD',
      priceBook: { id: book.id, name: book.name, effectiveFrom: book.effectiveFrom },
      term: { start: formatIsoDate(plan.termStart), months: plan.months, end: plan.termEnd },
      levers: plan.levers.map((l) => ({ ...l })),
      ...portfolio,
      months: portfolioMonths,
      recommendation: {
        ...options[0]!,
        kind: 'recommended',
        percentiles,
        deterministicTermSpend: optimizedTerm,
      },
      options,
      simulation: {
        runs: commitment.simulations,
        seed: commitment.seed,
        growthStdDev: commitment.growthStdDev,
        adoptionSlipMonths: perListed(order, (l) => commitment.adoptionSlipMonths[l]),
        minRealization: perListed(order, (l) => commitment.minRealization[l]),
        percentiles,
        mean: spendMean(sim),
      },
      warnings,
    },
    workloads,
  }
}

function perListed<T>(order: readonly Lever[], value: (lever: Lever) => T): Partial<Record<Lever, T>> {
  const out: Partial<Record<Lever, T>> = {}
  for (const lever of order) out[lever] = value(lever)
  return out
}

/**
 * Run-rates are annualized monthly spend: `startRunRate` = 12 × the term's first month, `endRunRate` = 12 × its
 * last month (what the buyer spends a year at the start and at the end of the term). A figure that is the same
 * object as another of its month (the optimized and fully optimized last months, once every lever is fully adopted)
 * is annualized once.
 */
function annualized(m: MonthSpend): Omit<MonthSpend, 'month'> {
  const baseline = m.baseline.times(TWELVE)
  const fullyOptimized = m.fullyOptimized === m.baseline ? baseline : m.fullyOptimized.times(TWELVE)
  const optimized =
    m.optimized === m.baseline
      ? baseline
      : m.optimized === m.fullyOptimized
        ? fullyOptimized
        : m.optimized.times(TWELVE)
  return { baseline, optimized, fullyOptimized }
}

/** Term totals, run-rates, savings and the waterfall of one projection (a workload or the portfolio). */
function figures(
  subsetSpend: readonly Decimal[],
  fullTerm: Decimal,
  first: MonthSpend,
  last: MonthSpend,
  listedMask: number,
  order: readonly Lever[],
) {
  const baselineTerm = subsetSpend[0]!
  const optimizedTerm = subsetSpend[listedMask]!
  const scheduled = baselineTerm.minus(optimizedTerm)
  const full = baselineTerm.minus(fullTerm)
  // A division each (not a product with the reciprocal): an exact rate such as 0.0000005 must stay exact, or a
  // tie would round the wrong way.
  const rateOf = (saving: Decimal) =>
    saving.isZero() || baselineTerm.isZero() ? ZERO : saving.div(baselineTerm)
  const savings: SavingsSummary = {
    scheduled,
    full,
    scheduledRate: rateOf(scheduled),
    fullRate: rateOf(full),
  }
  const start = annualized(first)
  const end = annualized(last)
  return {
    baseline: { termSpend: baselineTerm, startRunRate: start.baseline, endRunRate: end.baseline },
    optimized: { termSpend: optimizedTerm, startRunRate: start.optimized, endRunRate: end.optimized },
    fullyOptimized: {
      termSpend: fullTerm,
      startRunRate: start.fullyOptimized,
      endRunRate: end.fullyOptimized,
    },
    savings,
    waterfall: waterfall(subsetSpend, order),
  }
}

/** Portfolio months from the per-growth-rate aggregates of the workloads' scaled corners. */
function portfolioSeries(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  aggregates: ReadonlyMap<GrowthTable, readonly Decimal[]>,
): PortfolioMonth[] {
  const schedule = schedules.scheduled
  const listed = schedules.listedMask
  const perTable = [...aggregates].map(([table, aggregate]) => ({
    table,
    aggregate,
    perVector: vectorCosts(aggregate, schedule.vectors),
  }))
  const months: PortfolioMonth[] = []
  for (let m = 0; m < schedules.months; m++) {
    let baseline = ZERO
    let optimized = ZERO
    let fullyOptimized = ZERO
    const v = schedule.monthVector[m]!
    for (const { table, aggregate, perVector } of perTable) {
      const g = table.powers[m]!
      const scale = (x: Decimal) => (g === ONE ? x : x.times(g))
      const base = scale(aggregate[0]!)
      const full = scale(aggregate[listed]!)
      baseline = baseline.plus(base)
      fullyOptimized = fullyOptimized.plus(full)
      optimized = optimized.plus(
        v === schedule.fullVector ? full : v === schedule.zeroVector ? base : scale(perVector[v]!),
      )
    }
    const adoption: Partial<Record<Lever, Decimal>> = {}
    for (const l of plan.levers) adoption[l.lever] = schedule.vectors[v]!.fractions[l.lever]
    months.push({
      month: m,
      start: formatIsoDate(addMonths(plan.termStart, m)),
      adoption,
      baseline,
      optimized,
      fullyOptimized,
    })
  }
  return months
}

/**
 * The portfolio's spend per month and corner as floats, for the Monte Carlo's dimensionless ratios: each growth
 * rate's aggregated corner spends and powers are converted to floats once and multiplied there.
 */
function cornerSpendTable(
  aggregates: ReadonlyMap<GrowthTable, readonly Decimal[]>,
  schedules: ScenarioSchedules,
): CornerSpendTable {
  const months = schedules.months
  const values = new Float64Array(months * CORNER_COUNT)
  for (const [table, aggregate] of aggregates) {
    // Corners outside the listed levers never get weight; their aggregate is not maintained.
    const corners = aggregate.map((a, c) => ((c & schedules.listedMask) === c ? a.toNumber() : 0))
    for (let m = 0; m < months; m++) {
      const g = table.powers[m]!.toNumber()
      for (let c = 0; c < CORNER_COUNT; c++) values[m * CORNER_COUNT + c]! += g * corners[c]!
    }
  }
  return { months, values }
}
