import { shapleyFromContributions } from '../attribution.js'
import { addMonths, formatIsoDate } from '../calendar.js'
import { type ContractYearSpan, sumByYear } from '../contract-years.js'
import { vectorCosts } from '../levers.js'
import { type Decimal, ONE, ZERO } from '../money.js'
import type { Lever } from '../plan-request.js'
import type { PortfolioMonth, ProjectionFiguresOf } from '../plan-shape.js'
import type { ScenarioSchedules, YearSpend } from '../projection.js'
import type { ValidPlan } from '../validation.js'
import { projectionFigures } from './figures.js'
import type { PortfolioAccumulator } from './project.js'

/**
 * Stage 4: the portfolio's own figures from the workloads' sums. Term figures are sums of the workloads' term
 * figures; Shapley values come from the summed multilinear contributions (each value divided once, not a sum of
 * rounded quotients); the months are computed from the scaled corners aggregated per growth rate, each its own
 * unrounded value; a contract year is the sum of its months.
 */

/** The portfolio's projection: figures, months and contract-year spend. */
export interface PortfolioProjection extends ProjectionFiguresOf<Decimal> {
  months: PortfolioMonth[]
  yearSpend: YearSpend[]
}

/** Attributes and sums the portfolio. */
export function portfolioProjection(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  years: readonly ContractYearSpan[],
  acc: PortfolioAccumulator,
): PortfolioProjection {
  const order: Lever[] = plan.levers.map((l) => l.lever)
  const months = portfolioMonths(plan, schedules, acc)
  const shapley = shapleyFromContributions(acc.contributions, acc.active, order)
  const figures = projectionFigures(
    acc.subsetTotals,
    acc.fullTotal,
    months[0]!,
    months[months.length - 1]!,
    schedules.listedMask,
    order,
  )
  const baseline = sumByYear(
    months.map((m) => m.baseline),
    years,
  )
  const optimized = sumByYear(
    months.map((m) => m.optimized),
    years,
  )
  const fullyOptimized = sumByYear(
    months.map((m) => m.fullyOptimized),
    years,
  )
  return {
    ...figures,
    shapley,
    months,
    yearSpend: years.map((_, i) => ({
      baseline: baseline[i]!,
      optimized: optimized[i]!,
      fullyOptimized: fullyOptimized[i]!,
    })),
  }
}

/** Portfolio months from the per-growth-rate aggregates of the workloads' scaled corners. */
function portfolioMonths(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  acc: PortfolioAccumulator,
): PortfolioMonth[] {
  const schedule = schedules.scheduled
  const listed = schedules.listedMask
  const perTable = [...acc.tables.values()].map(({ table, corners }) => ({
    table,
    corners,
    perVector: vectorCosts(corners, schedule.vectors),
  }))
  const months: PortfolioMonth[] = []
  for (let m = 0; m < schedules.months; m++) {
    let baseline = ZERO
    let optimized = ZERO
    let fullyOptimized = ZERO
    const v = schedule.monthVector[m]!
    for (const { table, corners, perVector } of perTable) {
      const g = table.powers[m]!
      const scale = (x: Decimal) => (g === ONE ? x : x.times(g))
      const base = scale(corners[0]!)
      const full = scale(corners[listed]!)
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
