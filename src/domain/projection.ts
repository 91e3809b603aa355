import { type AdoptionSchedule, adoptionSchedule } from './adoption.js'
import { MONTHS_PER_YEAR } from './contract-years.js'
import {
  CORNER_COUNT,
  cornerCosts,
  dividends,
  LEVER_BIT,
  type vectorCost,
  vectorCosts,
  type WorkloadCosts,
} from './levers.js'
import { type Decimal, ONE, ZERO } from './money.js'
import type { LeverSpec } from './plan-request.js'

/**
 * Projection over the term (docs/cost-model.md, projection over the term). A workload's month-m spend is
 * requestsPerMonth · (1 + g)^m · cost(adoption of month m), and its cost is multilinear in the adoption fractions:
 * cost(f) = Σ_T D_T · Π_{lever ∈ T} f_lever, with D the multilinear coefficients of the corner costs
 * ({@link dividends}). Writing G(m) = (1 + g)^m and M_g(T) = Σ_m G(m) · Π_{lever ∈ T} f_lever(m):
 *
 *     term spend with the levers of S on their own schedules, the others not applied:
 *         v(S) = Σ_{T ⊆ S} R·D_T · M_g(T)
 *
 * because a lever outside S has fraction 0, which zeroes every term that contains it. M depends only on the growth
 * rate and the schedule, so it is computed once per distinct growth rate; each workload then needs one
 * multiplication per coefficient (at most 8) for the term spend of any lever subset. This is the same sum as
 * Σ_corners R·C_corner·K_g(S, corner), rearranged. The engine needs v(S) only for the waterfall's bars (the first i
 * levers of the scenario); the Shapley values come from the coefficients directly (see attribution.ts).
 */

/** The scenario's schedule. */
export interface ScenarioSchedules {
  months: number
  /** Mask of the listed levers. */
  listedMask: number
  /** Masks of the first 0, 1, …, n levers in the scenario's order: the bars of the waterfall. */
  prefixes: readonly number[]
  /** The scenario as scheduled (all listed levers on their own schedules). */
  scheduled: AdoptionSchedule
}

/** Builds the scenario's schedule. */
export function scenarioSchedules(levers: readonly LeverSpec[], months: number): ScenarioSchedules {
  let listedMask = 0
  for (const l of levers) listedMask |= LEVER_BIT[l.lever]
  const prefixes = [0]
  for (const l of levers) prefixes.push(prefixes[prefixes.length - 1]! | LEVER_BIT[l.lever])
  return { months, listedMask, prefixes, scheduled: adoptionSchedule(levers, months, listedMask) }
}

/** Growth powers and term moments of one growth rate. */
export interface GrowthTable {
  rate: Decimal
  /** (1 + rate)^m for m = 0 … months − 1. */
  powers: readonly Decimal[]
  /** Σ_m (1 + rate)^m. */
  total: Decimal
  /** M(T) = Σ_m (1 + rate)^m · Π_{lever ∈ T} f_lever(m) per lever subset mask T (ZERO outside the listed levers). */
  moments: readonly Decimal[]
  /** Per contract year y: Σ_{m ∈ y} (1 + rate)^m. */
  yearTotals: readonly Decimal[]
  /** Per contract year y: M_y(T), the moments over the months of year y only (M(T) = Σ_y M_y(T)). */
  yearMoments: readonly (readonly Decimal[])[]
  /**
   * Per contract year: `zero` when no listed lever is adopted in any of its months, `full` when every one is fully
   * adopted in all of them (the year's optimized spend is then its baseline or its fully optimized spend), else
   * `mixed`.
   */
  yearStates: readonly ('zero' | 'full' | 'mixed')[]
}

/** Computes a growth table (powers by repeated multiplication at the engine's 40-digit precision). */
export function growthTable(rate: Decimal, schedules: ScenarioSchedules): GrowthTable {
  const factor = ONE.plus(rate)
  const powers: Decimal[] = [ONE]
  let total = ONE
  for (let m = 1; m < schedules.months; m++) {
    const p = rate.isZero() ? ONE : powers[m - 1]!.times(factor)
    powers.push(p)
    total = total.plus(p)
  }
  const yearTotals: Decimal[] = []
  const yearMoments: Decimal[][] = []
  const yearStates: ('zero' | 'full' | 'mixed')[] = []
  const { monthVector, zeroVector, fullVector } = schedules.scheduled
  for (let first = 0; first < schedules.months; first += MONTHS_PER_YEAR) {
    const last = Math.min(first + MONTHS_PER_YEAR, schedules.months)
    const moments = momentsOver(schedules, powers, first, last)
    yearTotals.push(moments[0]!)
    yearMoments.push(moments)
    const vectors = monthVector.slice(first, last)
    yearStates.push(
      vectors.every((v) => v === zeroVector)
        ? 'zero'
        : vectors.every((v) => v === fullVector)
          ? 'full'
          : 'mixed',
    )
  }
  // The term's moments are the sums of the years' (M(T) = Σ_y M_y(T)), so a term's figures and its years agree.
  const moments =
    yearMoments.length === 1
      ? yearMoments[0]!
      : yearMoments[0]!.map((_, t) =>
          yearMoments.reduce((sum, y) => (y[t]!.isZero() ? sum : sum.plus(y[t]!)), ZERO),
        )
  return { rate, powers, total, moments, yearTotals, yearMoments, yearStates }
}

/** M(T) over months [first, last): Σ_m (1 + rate)^m · Π_{lever ∈ T} f_lever(m), grouped by adoption vector. */
function momentsOver(
  schedules: ScenarioSchedules,
  powers: readonly Decimal[],
  first: number,
  last: number,
): Decimal[] {
  const schedule = schedules.scheduled
  const groupSums: Decimal[] = schedule.vectors.map(() => ZERO)
  let total = ZERO
  for (let m = first; m < last; m++) {
    const v = schedule.monthVector[m]!
    groupSums[v] = groupSums[v]!.plus(powers[m]!)
    total = total.plus(powers[m]!)
  }
  const moments: Decimal[] = new Array(CORNER_COUNT).fill(ZERO)
  moments[0] = total
  for (let t = 1; t < CORNER_COUNT; t++) {
    if ((t & schedules.listedMask) !== t) continue
    let sum = ZERO
    schedule.vectors.forEach((vector, v) => {
      const f = vector.products[t]!
      if (!f.isZero() && !groupSums[v]!.isZero())
        sum = sum.plus(f.eq(ONE) ? groupSums[v]! : groupSums[v]!.times(f))
    })
    moments[t] = sum
  }
  return moments
}

/** Spend of one month in the three series (unrounded). */
export interface MonthSpend {
  month: number
  baseline: Decimal
  optimized: Decimal
  fullyOptimized: Decimal
}

/** A workload's projection: its corner spends, their coefficients and the term spend of every lever subset. */
export interface WorkloadProjection {
  /** requestsPerMonth × corner cost, per corner (the month-0 spend at each corner). */
  scaledCorners: readonly Decimal[]
  /** Listed levers that change anything for this workload. */
  active: number
  /** Multilinear coefficients of `scaledCorners` (ZERO outside `active`). */
  dividends: readonly Decimal[]
  /** Q_T = D_T · M(T): each coefficient's contribution to the term spend (ZERO outside `active`). */
  contributions: readonly Decimal[]
  /**
   * Term spend v(S) with the levers of S on their own schedules and the others not applied, for each
   * waterfall bar S (a prefix of the scenario's order), indexed by lever mask; other masks are not computed. v(∅) is
   * the baseline, v(listed) the optimized term spend. Bars that differ only in levers with no effect on the
   * workload share one object.
   */
  subsetSpend: readonly Decimal[]
  /** Term spend with every listed lever fully adopted from month 0. */
  fullTerm: Decimal
  table: GrowthTable
  schedule: AdoptionSchedule
  /** Listed-lever mask, so the fully optimized corner is `scaledCorners[listedMask]`. */
  listedMask: number
}

/** Projects one workload's term spends from its segment costs. */
export function projectWorkload(
  requestsPerMonth: Decimal,
  costs: WorkloadCosts,
  table: GrowthTable,
  schedules: ScenarioSchedules,
): WorkloadProjection {
  const listed = schedules.listedMask
  const scaled = cornerCosts(costs, listed, requestsPerMonth)
  const active = costs.activeMask & listed
  const d = dividends(scaled, active)
  // Q_T = D_T · M(T), the dividends of the lever game.
  const contributions: Decimal[] = new Array(CORNER_COUNT).fill(ZERO)
  for (let t = 0; t < CORNER_COUNT; t++) {
    if ((t & active) !== t || d[t]!.isZero()) continue
    contributions[t] = d[t]!.times(table.moments[t]!)
  }
  // v(S) = Σ_{T ⊆ S} Q_T, summed in one fixed order (ascending T) whatever the scenario's lever order, so the
  // optimized spend is the same number however the levers are listed.
  const subsetSpend: Decimal[] = new Array(CORNER_COUNT)
  const byEffective = new Map<number, Decimal>()
  for (const prefix of schedules.prefixes) {
    const effective = prefix & active
    let spend = byEffective.get(effective)
    if (!spend) {
      spend = ZERO
      for (let t = 0; t < CORNER_COUNT; t++) {
        if ((t & effective) === t && !contributions[t]!.isZero()) spend = spend.plus(contributions[t]!)
      }
      byEffective.set(effective, spend)
    }
    subsetSpend[prefix] = spend
  }
  const full = scaled[listed]!
  const fullTerm = full === scaled[0] ? subsetSpend[0]! : full.times(table.total)
  return {
    scaledCorners: scaled,
    active,
    dividends: d,
    contributions,
    subsetSpend,
    fullTerm,
    table,
    schedule: schedules.scheduled,
    listedMask: listed,
  }
}

/** What the monthly series needs from a projection. */
export type MonthSource = Pick<WorkloadProjection, 'scaledCorners' | 'table' | 'schedule' | 'listedMask'>

/**
 * Spend of month m: baseline = G(m)·RC_∅, fully optimized = G(m)·RC_full, optimized = G(m)·(the multilinear
 * interpolation of the scaled corners RC at month m's adoption, {@link vectorCost}). `perVector` holds that
 * interpolation for every vector of the schedule ({@link vectorCosts}; computed here when not given). Months whose
 * adoption is all zero or all one reuse the baseline or fully optimized figure itself (the same object).
 *
 * The growth factor is the receiver of each multiplication: decimal.js copies the argument of `times`, and a corner
 * has fewer digits than a 40-digit power (the product, exact before rounding, is the same either way).
 */
export function monthSpend(
  p: MonthSource,
  m: number,
  perVector: readonly Decimal[] = vectorCosts(p.scaledCorners, p.schedule.vectors),
): MonthSpend {
  const base = p.scaledCorners[0]!
  const full = p.scaledCorners[p.listedMask]!
  const g = p.table.powers[m]!
  const one = g === ONE
  const baseline = one ? base : g.times(base)
  const fullyOptimized = full === base ? baseline : one ? full : g.times(full)
  // The zero and full vectors interpolate to the corners themselves: base and full.
  const x = perVector[p.schedule.monthVector[m]!]!
  const optimized = x === base ? baseline : x === full ? fullyOptimized : one ? x : g.times(x)
  return { month: m, baseline, optimized, fullyOptimized }
}

/** The whole monthly series of a projection ({@link monthSpend} for every month of the term). */
export function monthSeries(p: MonthSource): MonthSpend[] {
  const perVector = vectorCosts(p.scaledCorners, p.schedule.vectors)
  const months: MonthSpend[] = new Array(p.table.powers.length)
  for (let m = 0; m < months.length; m++) months[m] = monthSpend(p, m, perVector)
  return months
}

/** Spend of one contract year in the three series (unrounded). */
export interface YearSpend {
  baseline: Decimal
  optimized: Decimal
  fullyOptimized: Decimal
}

/**
 * A workload's spend per contract year, from the per-year moments: baseline = RC_∅ · Σ_{m∈y} G(m), fully optimized =
 * RC_full · Σ_{m∈y} G(m), optimized = Σ_{T ⊆ active} D_T · M_y(T) — the same sums as adding the year's months, without
 * building them. A year in which the scenario is at its baseline or fully adopted throughout reuses that figure.
 */
export function workloadYears(p: WorkloadProjection): YearSpend[] {
  const base = p.scaledCorners[0]!
  const full = p.scaledCorners[p.listedMask]!
  const table = p.table
  return table.yearTotals.map((g, y) => {
    const baseline = base.isZero() ? ZERO : g.times(base)
    const fullyOptimized = full === base ? baseline : full.isZero() ? ZERO : g.times(full)
    const state = table.yearStates[y]
    if (p.active === 0 || state === 'zero') return { baseline, optimized: baseline, fullyOptimized }
    if (state === 'full') return { baseline, optimized: fullyOptimized, fullyOptimized }
    const moments = table.yearMoments[y]!
    let optimized = ZERO
    for (let t = 0; t < CORNER_COUNT; t++) {
      if ((t & p.active) !== t) continue
      const d = p.dividends[t]!
      if (!d.isZero() && !moments[t]!.isZero()) optimized = optimized.plus(d.times(moments[t]!))
    }
    return { baseline, optimized, fullyOptimized }
  })
}
