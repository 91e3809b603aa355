import { shapleyFromDividends } from '../attribution.js'
import type { ContractYearSpan } from '../contract-years.js'
import {
  CORNER_COUNT,
  LEVER_BIT,
  type PricingContext,
  vectorCost,
  vectorCosts,
  workloadCosts,
} from '../levers.js'
import { type Decimal, ZERO } from '../money.js'
import type { Lever } from '../plan-request.js'
import type { WorkloadResult } from '../plan-shape.js'
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

/** What the portfolio-level warnings read of a workload (its name, position and models). */
export type WorkloadRef = Pick<ValidWorkload, 'index' | 'name' | 'model' | 'routeToModel'>

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
  /**
   * Each workload, with the levers ({@link LEVER_BIT}s) whose Shapley value for it is a saving: what the
   * portfolio-level warnings read of the workloads.
   */
  workloadRefs: { workload: WorkloadRef; savingLevers: number }[]
}

/**
 * The portfolio's sums are accumulated in blocks of consecutive workloads, and the blocks' sums are then added in
 * block order ({@link mergeAccumulators}). Decimal addition rounds at the working precision, so the grouping is part
 * of the result; it depends only on the number of workloads — never on how a large plan is split over threads, as
 * long as each part is a run of whole blocks ({@link blockBounds}) — so a plan computed in shards and merged gives
 * the very figures of the plan computed in one piece.
 */
export const ACCUMULATION_BLOCKS = { max: 24, minSize: 100 } as const

/**
 * Where each block of a plan of `total` workloads starts, with `total` last: `[0, b₁, …, total]`. Up to
 * {@link ACCUMULATION_BLOCKS}.max blocks of nearly equal size, each of at least `minSize` workloads (one block
 * below that).
 */
export function blockBounds(total: number): number[] {
  const count = Math.max(
    1,
    Math.min(ACCUMULATION_BLOCKS.max, Math.floor(total / ACCUMULATION_BLOCKS.minSize)),
  )
  return Array.from({ length: count + 1 }, (_, i) => Math.floor((i * total) / count))
}

function emptyAccumulator(): PortfolioAccumulator {
  return {
    tables: new Map(),
    subsetTotals: new Array(CORNER_COUNT).fill(ZERO),
    fullTotal: ZERO,
    contributions: new Array(CORNER_COUNT).fill(ZERO),
    active: 0,
    workloadWarnings: [],
    workloadRefs: [],
  }
}

/**
 * The portfolio's sums from its blocks' (in block order): each sum is the blocks' sums added one after the other,
 * the growth tables in order of first appearance, the warnings and workloads one block after the other. One block
 * is returned as it is; none gives the sums of an empty portfolio.
 */
export function mergeAccumulators(blocks: readonly PortfolioAccumulator[]): PortfolioAccumulator {
  if (blocks.length === 1) return blocks[0]!
  const acc = emptyAccumulator()
  for (const block of blocks) {
    for (const [key, { table, corners }] of block.tables) {
      const entry = acc.tables.get(key)
      if (!entry) acc.tables.set(key, { table, corners: [...corners] })
      else for (let c = 0; c < CORNER_COUNT; c++) entry.corners[c] = entry.corners[c]!.plus(corners[c]!)
    }
    for (let c = 0; c < CORNER_COUNT; c++) {
      acc.subsetTotals[c] = acc.subsetTotals[c]!.plus(block.subsetTotals[c]!)
      acc.contributions[c] = acc.contributions[c]!.plus(block.contributions[c]!)
    }
    acc.fullTotal = acc.fullTotal.plus(block.fullTotal)
    acc.active |= block.active
    for (const w of block.workloadWarnings) acc.workloadWarnings.push(w)
    for (const w of block.workloadRefs) acc.workloadRefs.push(w)
  }
  return acc
}

/** A workload's figures as the project stage computes them (months and years only when asked for). */
export type ProjectedWorkload = WorkloadResult

/**
 * {@link vectorCosts} of the schedule's first and last months' vectors only (the other entries left empty): the
 * figures of a workload without its monthly series read no other month. The same values, computed the same way.
 */
function endVectorCosts(
  corners: readonly Decimal[],
  schedule: ScenarioSchedules['scheduled'],
  last: number,
): Decimal[] {
  const spans: (Decimal | undefined)[] = []
  const out: Decimal[] = new Array(schedule.vectors.length)
  for (const v of [schedule.monthVector[0]!, schedule.monthVector[last]!]) {
    out[v] ??= vectorCost(corners, schedule.vectors[v]!, spans)
  }
  return out
}

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
  return mergeAccumulators(
    projectWorkloadBlocks(plan, schedules, years, ctx, parts, keep, out, plan.workloads.length),
  )
}

/**
 * Projects the plan's workloads — every workload of a plan, or a run of whole blocks of a larger one (`total`
 * workloads; each workload's `index` is its position among them) — and returns the sums of each block they fill,
 * in order ({@link ACCUMULATION_BLOCKS}).
 */
export function projectWorkloadBlocks<T>(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  years: readonly ContractYearSpan[],
  ctx: PricingContext,
  parts: WorkloadParts,
  keep: (workload: ProjectedWorkload) => T,
  out: T[],
  total: number,
): PortfolioAccumulator[] {
  const order: Lever[] = plan.levers.map((l) => l.lever)
  const listed = schedules.listedMask
  const last = plan.months - 1
  const bounds = blockBounds(total)
  const blocks: PortfolioAccumulator[] = []
  let acc = emptyAccumulator()
  let block = 0
  // Growth tables are shared by the blocks (each block sums its own corners).
  const tables = new Map<string, GrowthTable>()
  const warningContext: WarningContext = { plan, listedMask: listed, ctx }
  for (const w of plan.workloads) {
    if (w.index >= bounds[block + 1]!) {
      if (acc.workloadRefs.length > 0) blocks.push(acc)
      acc = emptyAccumulator()
      while (w.index >= bounds[block + 1]!) block++
    }
    const costs = workloadCosts(w, ctx)
    const key = w.growthRate.toString()
    let entry = acc.tables.get(key)
    if (!entry) {
      let table = tables.get(key)
      if (!table) {
        table = growthTable(w.growthRate, schedules)
        tables.set(key, table)
      }
      entry = { table, corners: new Array(CORNER_COUNT).fill(ZERO) }
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
    // Every vector's interpolation for the monthly series; for the first and last months only, just theirs.
    const perVector = parts.months
      ? vectorCosts(projection.scaledCorners, projection.schedule.vectors)
      : endVectorCosts(projection.scaledCorners, projection.schedule, last)
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
    let savingLevers = 0
    for (const lever of order) if (shapley[lever]?.gt(0)) savingLevers |= LEVER_BIT[lever]
    acc.workloadRefs.push({ workload: w, savingLevers })
  }
  if (acc.workloadRefs.length > 0) blocks.push(acc)
  return blocks
}
