import { shapleyFromDividends } from '../attribution.js'
import type { ContractYearSpan } from '../contract-years.js'
import { CORNER_COUNT, type PricingContext, vectorCosts, workloadCosts } from '../levers.js'
import { type Decimal, ZERO } from '../money.js'
import type { Lever } from '../plan-request.js'
import type { ShapleyValues, WorkloadResult } from '../plan-shape.js'
import {
  type GrowthTable,
  growthTable,
  type MonthSpend,
  monthSpend,
  projectWorkload,
  type ScenarioSchedules,
  workloadYears,
} from '../projection.js'
import type { ValidPlan, ValidWorkload } from '../validation.js'
import { type RankedWarning, type WarningContext, workloadWarnings } from '../warnings.js'
import { projectionFigures, yearEntries } from './figures.js'

/**
 * Stage 3 of the plan (after validation and pricing each workload's lever corners): the projection of every
 * workload over the term, and what the later stages need of the portfolio, accumulated as the workloads go by —
 * term spend per waterfall bar, the multilinear contributions Shapley values are computed from, and the scaled
 * corner spends aggregated per growth rate (from which the portfolio's months, years and the Monte Carlo's table
 * come). Each workload's figures are handed to `keep` at once, so a caller that presents them never holds every
 * workload's unrounded figures.
 */

/** Which per-workload series to build besides the term figures. */
export interface WorkloadParts {
  /** Per-workload monthly series. */
  months: boolean
  /** Per-workload contract years. */
  years: boolean
}

/** The portfolio's running sums. */
export interface PortfolioAccumulator {
  /** One growth table per distinct growth rate, with the workloads' scaled corners summed. */
  tables: Map<string, { table: GrowthTable; corners: Decimal[] }>
  /** Term spend per waterfall bar (lever mask). */
  subsetTotals: Decimal[]
  fullTotal: Decimal
  /** Σ over workloads of the multilinear contributions Q_T. */
  contributions: Decimal[]
  /** Levers that change anything for some workload. */
  active: number
  /** Per-workload warnings, in workload order. */
  workloadWarnings: RankedWarning[]
  /** Each workload and its Shapley values, for the portfolio-level warnings. */
  shapleyByWorkload: { workload: ValidWorkload; shapley: ShapleyValues }[]
}

/** A workload's figures as the project stage computes them (months and years only when asked for). */
export type ProjectedWorkload = WorkloadResult

/** Projects every workload; returns the portfolio's sums. */
export function projectWorkloads<T>(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  years: readonly ContractYearSpan[],
  ctx: PricingContext,
  parts: WorkloadParts,
  keep: (workload: ProjectedWorkload) => T,
  out: T[],
): PortfolioAccumulator {
  const order: Lever[] = plan.levers.map((l) => l.lever)
  const listed = schedules.listedMask
  const last = plan.months - 1
  const acc: PortfolioAccumulator = {
    tables: new Map(),
    subsetTotals: new Array(CORNER_COUNT).fill(ZERO),
    fullTotal: ZERO,
    contributions: new Array(CORNER_COUNT).fill(ZERO),
    active: 0,
    workloadWarnings: [],
    shapleyByWorkload: [],
  }
  const warningContext: WarningContext = { plan, listedMask: listed, ctx }
  for (const w of plan.workloads) {
    const costs = workloadCosts(w, ctx)
    const key = w.growthRate.toString()
    let entry = acc.tables.get(key)
    if (!entry) {
      entry = { table: growthTable(w.growthRate, schedules), corners: new Array(CORNER_COUNT).fill(ZERO) }
      acc.tables.set(key, entry)
    }
    const projection = projectWorkload(w.requestsPerMonth, costs, entry.table, schedules)
    for (let c = 0; c < CORNER_COUNT; c++) {
      if ((c & listed) === c) entry.corners[c] = entry.corners[c]!.plus(projection.scaledCorners[c]!)
    }
    for (const s of schedules.prefixes)
      acc.subsetTotals[s] = acc.subsetTotals[s]!.plus(projection.subsetSpend[s]!)
    acc.fullTotal = acc.fullTotal.plus(projection.fullTerm)
    acc.active |= projection.active
    for (let t = 1; t < CORNER_COUNT; t++) {
      if (!projection.contributions[t]!.isZero()) {
        acc.contributions[t] = acc.contributions[t]!.plus(projection.contributions[t]!)
      }
    }
    const shapley = shapleyFromDividends(projection, order)
    const perVector = vectorCosts(projection.scaledCorners, projection.schedule.vectors)
    let months: MonthSpend[] | null = null
    if (parts.months) {
      months = new Array(plan.months)
      for (let m = 0; m < plan.months; m++) months[m] = monthSpend(projection, m, perVector)
    }
    const first = months ? months[0]! : monthSpend(projection, 0, perVector)
    const final = months ? months[last]! : monthSpend(projection, last, perVector)
    const workload: ProjectedWorkload = {
      name: w.name,
      kind: w.kind,
      model: w.model.modelId,
      routeToModel: w.routeToModel?.modelId ?? null,
      ...projectionFigures(projection.subsetSpend, projection.fullTerm, first, final, listed, order),
      shapley,
    }
    if (parts.years) workload.years = yearEntries(years, workloadYears(projection))
    if (months) workload.months = months
    out.push(keep(workload))
    workloadWarnings(
      warningContext,
      { workload: w, costs, monthZeroBaseline: projection.scaledCorners[0]!, shapley },
      acc.workloadWarnings,
    )
    acc.shapleyByWorkload.push({ workload: w, shapley })
  }
  return acc
}
