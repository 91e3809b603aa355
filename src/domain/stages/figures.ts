import { waterfall } from '../attribution.js'
import type { ContractYearSpan } from '../contract-years.js'
import { Decimal, ZERO } from '../money.js'
import type { Lever } from '../plan-request.js'
import type { ProjectionFiguresOf, YearOf } from '../plan-shape.js'
import type { MonthSpend, YearSpend } from '../projection.js'

const TWELVE = new Decimal(12)

/**
 * Run-rates are annualized monthly spend: `startRunRate` = 12 × the term's first month, `endRunRate` = 12 × its
 * last month (what the buyer spends a year at the start and at the end of the term). A figure that is the same
 * object as another of its month (the optimized and fully optimized last months, once every lever is fully adopted)
 * is annualized once.
 */
function annualized(m: Omit<MonthSpend, 'month'>): Omit<MonthSpend, 'month'> {
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

/**
 * Term totals, run-rates, savings and the waterfall of one projection (a workload or the portfolio); Shapley values
 * are the attribution stage's. `subsetSpend` is the term spend per lever-subset mask (the waterfall's bars).
 */
export function projectionFigures(
  subsetSpend: readonly Decimal[],
  fullTerm: Decimal,
  first: Omit<MonthSpend, 'month'>,
  last: Omit<MonthSpend, 'month'>,
  listedMask: number,
  order: readonly Lever[],
): Omit<ProjectionFiguresOf<Decimal>, 'shapley'> {
  const baselineTerm = subsetSpend[0]!
  const optimizedTerm = subsetSpend[listedMask]!
  const scheduled = baselineTerm.minus(optimizedTerm)
  const full = baselineTerm.minus(fullTerm)
  // A division each (not a product with the reciprocal): an exact rate such as 0.0000005 must stay exact, or a
  // tie would round the wrong way.
  const rateOf = (saving: Decimal) =>
    saving.isZero() || baselineTerm.isZero() ? ZERO : saving.div(baselineTerm)
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
    savings: { scheduled, full, scheduledRate: rateOf(scheduled), fullRate: rateOf(full) },
    waterfall: waterfall(subsetSpend, order),
  }
}

/** Contract-year entries from per-year spends. */
export function yearEntries(
  spans: readonly ContractYearSpan[],
  spend: readonly YearSpend[],
): YearOf<Decimal>[] {
  return spans.map((y, i) => ({ year: y.year, start: y.start, months: y.months, ...spend[i]! }))
}
