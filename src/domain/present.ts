import { type Decimal, toCents, toRate, toWholeDollars, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type {
  MonthOf,
  OptionOf,
  PercentilesOf,
  PlanPreview,
  PlanResult,
  PlanWarning,
  ProjectionFiguresOf,
  SeriesTotalsOf,
  WarningOf,
  WaterfallStepOf,
  WorkloadPreview,
  WorkloadResult,
  YearOf,
} from './plan-shape.js'

/**
 * Presentation: the only place figures are rounded. Each presented figure is its own unrounded value rounded once
 * (ROUND_HALF_UP, a value on a rounding tie as its exact rational rounds): money to cents, simulated
 * recommendation and option money to whole dollars, rates and shares to six decimals. Rounded parts may therefore
 * differ from a rounded total by a cent — except an option's contract-year amounts, which add up to its presented
 * total: every year but the last is rounded, and the last is the total less the others.
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
    structure: result.structure,
    levers: result.levers.map((l) => ({
      lever: l.lever,
      startMonth: l.startMonth,
      rampMonths: l.rampMonths,
    })),
    ...presentFigures(result),
    months: result.months.map((m) => {
      const { month, ...figures } = presentMonth(m)
      return { month, start: m.start, adoption: mapLevers(m.adoption, (x) => toRate(x)), ...figures }
    }),
    years: result.years.map((y) => ({ ...presentYear(y), percentiles: presentPercentiles(y.percentiles) })),
    workloads,
    recommendation: {
      ...presentOption(result.recommendation),
      kind: 'recommended',
      percentiles: presentPercentiles(result.recommendation.percentiles),
      deterministicTermSpend: toCents(result.recommendation.deterministicTermSpend),
      explanation: result.recommendation.explanation,
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
    warnings: result.warnings.map(presentWarning),
  }
}

function presentWarning(w: PlanWarning): WarningOf<string> {
  const amount =
    w.amount === null ? null : w.amountPrecision === 'dollars' ? toWholeDollars(w.amount) : toCents(w.amount)
  return {
    code: w.code,
    severity: w.severity,
    amount,
    workloads: [...w.workloads],
    ...(w.lever ? { lever: w.lever } : {}),
    message: w.message,
  }
}

function mapLevers<T, U>(values: Partial<Record<Lever, T>>, f: (value: T) => U): Partial<Record<Lever, U>> {
  const out: Partial<Record<Lever, U>> = {}
  for (const [lever, value] of Object.entries(values) as [Lever, T][]) out[lever] = f(value)
  return out
}

/** Presents one workload (its years and months when it has them). */
export function presentWorkload(w: WorkloadResult): WorkloadPreview {
  const out: WorkloadPreview = {
    name: w.name,
    kind: w.kind,
    model: w.model,
    routeToModel: w.routeToModel,
    ...presentFigures(w),
  }
  if (w.years) out.years = w.years.map(presentYear)
  if (w.months) out.months = presentMonths(w.months)
  return out
}

function presentFigures(f: ProjectionFiguresOf<Decimal>): ProjectionFiguresOf<string> {
  return {
    baseline: presentTotals(f.baseline),
    optimized: presentTotals(f.optimized),
    fullyOptimized: presentTotals(f.fullyOptimized),
    savings: {
      scheduled: toCents(f.savings.scheduled),
      full: toCents(f.savings.full),
      scheduledRate: toRate(f.savings.scheduledRate),
      fullRate: toRate(f.savings.fullRate),
    },
    waterfall: presentWaterfall(f.waterfall),
    shapley: mapLevers(f.shapley, toCents),
  }
}

type ThreeSeries<N> = Pick<MonthOf<N>, 'baseline' | 'optimized' | 'fullyOptimized'>

/** The three figures of a month or a year, each rounded once; a figure that is another's object reuses its string. */
function presentThree(x: ThreeSeries<Decimal>): ThreeSeries<string> {
  const baseline = toCents(x.baseline)
  const fullyOptimized = x.fullyOptimized === x.baseline ? baseline : toCents(x.fullyOptimized)
  const optimized =
    x.optimized === x.baseline
      ? baseline
      : x.optimized === x.fullyOptimized
        ? fullyOptimized
        : toCents(x.optimized)
  return { baseline, optimized, fullyOptimized }
}

function presentMonth(m: MonthOf<Decimal>): MonthOf<string> {
  return { month: m.month, ...presentThree(m) }
}

function presentYear(y: YearOf<Decimal>): YearOf<string> {
  return { year: y.year, start: y.start, months: y.months, ...presentThree(y) }
}

/**
 * Presents a monthly series. A figure that is the same value (object) as another figure of the same month or as
 * the same series' previous month (no growth, no lever change) reuses that string instead of rounding again.
 */
export function presentMonths(months: readonly MonthOf<Decimal>[]): MonthOf<string>[] {
  const out: MonthOf<string>[] = new Array(months.length)
  let previous: MonthOf<Decimal> | undefined
  let shown: MonthOf<string> | undefined
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

function presentTotals(t: SeriesTotalsOf<Decimal>): SeriesTotalsOf<string> {
  return {
    termSpend: toCents(t.termSpend),
    startRunRate: toCents(t.startRunRate),
    endRunRate: toCents(t.endRunRate),
  }
}

function presentWaterfall(steps: readonly WaterfallStepOf<Decimal>[]): WaterfallStepOf<string>[] {
  let previous: { value: Decimal; text: string } | null = null
  return steps.map((s) => {
    const spendBefore = previous?.value === s.spendBefore ? previous.text : toCents(s.spendBefore)
    const spendAfter = toCents(s.spendAfter)
    previous = { value: s.spendAfter, text: spendAfter }
    return { lever: s.lever, spendBefore, spendAfter, savings: toCents(s.savings) }
  })
}

function presentPercentiles(p: PercentilesOf<Decimal>): PercentilesOf<string> {
  return { p10: toWholeDollars(p.p10), p50: toWholeDollars(p.p50), p90: toWholeDollars(p.p90) }
}

/**
 * Presents an option: simulated money in whole dollars, rates to six decimals. Its contract-year commitments add up
 * to its presented total: every year but the last rounded half up, the last the presented total less the others.
 */
export function presentOption(o: OptionOf<Decimal>): OptionOf<string> {
  const commit = toWholeDollars(o.commit)
  return {
    kind: o.kind,
    kinds: [...o.kinds],
    label: o.label,
    labels: [...o.labels],
    basis: o.basis,
    commit,
    discountRate: toRate(o.discountRate),
    tier: o.tier,
    expectedUtilization: o.expectedUtilization === null ? null : toRate(o.expectedUtilization),
    expectedCoverage: toRate(o.expectedCoverage),
    shortfallProbability: toRate(o.shortfallProbability),
    expectedStranded: toWholeDollars(o.expectedStranded),
    expectedPayment: toWholeDollars(o.expectedPayment),
    effectiveSavingsRate: toRate(o.effectiveSavingsRate),
    years: presentOptionYears(o, commit),
  }
}

/**
 * An option's years, whole dollars, adding up to its presented total: every year but the last rounded half up and
 * the last the total less the others (§3.7). When that would leave the last year negative (amounts of a few dollars,
 * or a ramp whose years end in 50 cents), the years are rounded cumulatively instead — year i = round(Σ_{≤i}) −
 * round(Σ_{<i}) — which also adds up and is never negative.
 */
function presentOptionYears(o: OptionOf<Decimal>, commit: string): OptionOf<string>['years'] {
  const last = o.years.length - 1
  const rounded = o.years.map((y) => BigInt(toWholeDollars(y.commit)))
  let others = 0n
  for (let i = 0; i < last; i++) others += rounded[i]!
  let commits: bigint[]
  if (BigInt(commit) - others >= 0n) {
    commits = [...rounded.slice(0, last), BigInt(commit) - others]
  } else {
    commits = []
    let running = ZERO
    let before = 0n
    o.years.forEach((y, i) => {
      running = running.plus(y.commit)
      const upTo = i === last ? BigInt(commit) : BigInt(toWholeDollars(running))
      commits.push(upTo - before)
      before = upTo
    })
  }
  return o.years.map((y, i) => ({
    year: y.year,
    commit: commits[i]!.toString(),
    expectedPayment: toWholeDollars(y.expectedPayment),
    expectedStranded: toWholeDollars(y.expectedStranded),
  }))
}
