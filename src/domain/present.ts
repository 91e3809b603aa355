import type { WaterfallStep } from './attribution.js'
import type { CommitmentOption } from './commitment.js'
import { type Decimal, toCents, toRate, toWholeDollars } from './money.js'
import type {
  CommitmentOptionPreview,
  PercentilesPreview,
  PlanPreview,
  SavingsPreview,
  SeriesTotalsPreview,
  ShapleyPreview,
  WaterfallStepPreview,
  WorkloadMonthPreview,
  WorkloadPreview,
} from './plan-preview.js'
import type { Lever } from './plan-request.js'
import type {
  PlanResult,
  SavingsSummary,
  SeriesTotals,
  ShapleyValues,
  SpendPercentiles,
  WorkloadMonth,
  WorkloadResult,
} from './plan-result.js'

/**
 * Presentation: the only place figures are rounded. Each presented figure is its own unrounded value rounded once
 * (ROUND_HALF_UP): money to cents, simulated recommendation and option money to whole dollars, rates and shares
 * to six decimals. Rounded parts may therefore differ from a rounded total by a cent.
 */

/** Presents a computed plan. */
export function presentPlan(result: PlanResult): PlanPreview {
  return presentPlanWith(result, result.workloads.map(presentWorkload))
}

/** Presents a computed plan whose workloads are already presented (the streaming path of `previewPlan`). */
export function presentPlanWith(
  result: Omit<PlanResult, 'workloads'>,
  workloads: WorkloadPreview[],
): PlanPreview {
  return {
    currency: result.currency,
    priceBook: { ...result.priceBook },
    term: { ...result.term },
    levers: result.levers.map((l) => ({
      lever: l.lever,
      startMonth: l.startMonth,
      rampMonths: l.rampMonths,
    })),
    baseline: presentTotals(result.baseline),
    optimized: presentTotals(result.optimized),
    fullyOptimized: presentTotals(result.fullyOptimized),
    savings: presentSavings(result.savings),
    waterfall: presentWaterfall(result.waterfall),
    shapley: presentShapley(result.shapley),
    months: result.months.map((m) => ({
      month: m.month,
      start: m.start,
      adoption: mapLevers(m.adoption, (x) => toRate(x)),
      baseline: toCents(m.baseline),
      optimized: toCents(m.optimized),
      fullyOptimized: toCents(m.fullyOptimized),
    })),
    workloads,
    recommendation: {
      ...presentOption(result.recommendation),
      kind: 'recommended',
      percentiles: presentPercentiles(result.recommendation.percentiles),
      deterministicTermSpend: toCents(result.recommendation.deterministicTermSpend),
    },
    options: result.options.map(presentOption),
    simulation: {
      runs: result.simulation.runs,
      seed: result.simulation.seed,
      growthStdDev: toRate(result.simulation.growthStdDev),
      adoptionSlipMonths: { ...result.simulation.adoptionSlipMonths },
      minRealization: mapLevers(result.simulation.minRealization, (x) => toRate(x)),
      percentiles: presentPercentiles(result.simulation.percentiles),
      mean: toWholeDollars(result.simulation.mean),
    },
    warnings: result.warnings.map((w) => {
      const amount =
        w.amount === null
          ? null
          : w.amountPrecision === 'dollars'
            ? toWholeDollars(w.amount)
            : toCents(w.amount)
      return {
        code: w.code,
        severity: w.severity,
        amount,
        workloads: [...w.workloads],
        ...(w.lever ? { lever: w.lever } : {}),
        message: w.message,
      }
    }),
  }
}

function mapLevers<T, U>(values: Partial<Record<Lever, T>>, f: (value: T) => U): Partial<Record<Lever, U>> {
  const out: Partial<Record<Lever, U>> = {}
  for (const [lever, value] of Object.entries(values) as [Lever, T][]) out[lever] = f(value)
  return out
}

/** Presents one workload. */
export function presentWorkload(w: WorkloadResult): WorkloadPreview {
  return presentWorkloadWith(w, presentMonths(w.months))
}

/**
 * Presents a monthly series. A figure that is the same value (object) as another figure of the same month or as
 * the same series' previous month (no growth, no lever change) reuses that string instead of rounding again.
 */
export function presentMonths(months: readonly WorkloadMonth[]): WorkloadMonthPreview[] {
  const out: WorkloadMonthPreview[] = new Array(months.length)
  let previous: WorkloadMonth | undefined
  let shown: WorkloadMonthPreview | undefined
  for (let i = 0; i < months.length; i++) {
    const m = months[i]!
    const baseline = previous?.baseline === m.baseline ? shown!.baseline : toCents(m.baseline)
    const fullyOptimized =
      m.fullyOptimized === m.baseline
        ? baseline
        : previous?.fullyOptimized === m.fullyOptimized
          ? shown!.fullyOptimized
          : toCents(m.fullyOptimized)
    const optimized =
      m.optimized === m.baseline
        ? baseline
        : m.optimized === m.fullyOptimized
          ? fullyOptimized
          : previous?.optimized === m.optimized
            ? shown!.optimized
            : toCents(m.optimized)
    shown = { month: m.month, baseline, optimized, fullyOptimized }
    out[i] = shown
    previous = m
  }
  return out
}

/** Presents one workload's figures with its already presented months. */
export function presentWorkloadWith(
  w: Omit<WorkloadResult, 'months'>,
  months: WorkloadMonthPreview[],
): WorkloadPreview {
  return {
    name: w.name,
    kind: w.kind,
    model: w.model,
    routeToModel: w.routeToModel,
    baseline: presentTotals(w.baseline),
    optimized: presentTotals(w.optimized),
    fullyOptimized: presentTotals(w.fullyOptimized),
    savings: presentSavings(w.savings),
    waterfall: presentWaterfall(w.waterfall),
    shapley: presentShapley(w.shapley),
    months,
  }
}

function presentTotals(t: SeriesTotals): SeriesTotalsPreview {
  return {
    termSpend: toCents(t.termSpend),
    startRunRate: toCents(t.startRunRate),
    endRunRate: toCents(t.endRunRate),
  }
}

function presentSavings(s: SavingsSummary): SavingsPreview {
  return {
    scheduled: toCents(s.scheduled),
    full: toCents(s.full),
    scheduledRate: toRate(s.scheduledRate),
    fullRate: toRate(s.fullRate),
  }
}

function presentWaterfall(steps: readonly WaterfallStep[]): WaterfallStepPreview[] {
  let previous: { value: Decimal; text: string } | null = null
  return steps.map((s) => {
    const spendBefore = previous?.value === s.spendBefore ? previous.text : toCents(s.spendBefore)
    const spendAfter = toCents(s.spendAfter)
    previous = { value: s.spendAfter, text: spendAfter }
    return { lever: s.lever, spendBefore, spendAfter, savings: toCents(s.savings) }
  })
}

function presentShapley(values: ShapleyValues): ShapleyPreview {
  return mapLevers(values, toCents)
}

function presentPercentiles(p: SpendPercentiles): PercentilesPreview {
  return { p10: toWholeDollars(p.p10), p50: toWholeDollars(p.p50), p90: toWholeDollars(p.p90) }
}

/** Presents an option: simulated money in whole dollars, rates to six decimals. */
export function presentOption(o: CommitmentOption): CommitmentOptionPreview {
  return {
    kind: o.kind,
    label: o.label,
    commit: toWholeDollars(o.commit),
    discountRate: toRate(o.discountRate),
    expectedUtilization: toRate(o.expectedUtilization),
    expectedCoverage: toRate(o.expectedCoverage),
    shortfallProbability: toRate(o.shortfallProbability),
    expectedStranded: toWholeDollars(o.expectedStranded),
    expectedPayment: toWholeDollars(o.expectedPayment),
    effectiveSavingsRate: toRate(o.effectiveSavingsRate),
  }
}
