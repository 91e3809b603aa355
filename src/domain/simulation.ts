import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'
import { adoptionFractionFloat } from './adoption.js'
import { contractYearCount, yearOfMonth } from './contract-years.js'
import { CORNER_COUNT, cornerWeightsFloat } from './levers.js'
import { Decimal, ONE, ZERO } from './money.js'
import { LEVERS, type Lever, type LeverSpec } from './plan-request.js'
import { quantileSorted } from './quantile.js'

/**
 * The seeded Monte Carlo of the term's optimized spend U (docs/cost-model.md, the simulation).
 *
 * Each run draws (in this order, from pure-rand's xoroshiro128+ seeded with the plan's seed):
 * - a growth shock ε ~ Normal(0, growthStdDev) by Box–Muller from two uniforms; every month m's volume is
 *   multiplied by max(0, 1 + ε)^m, so the portfolio's monthly growth moves by about ε;
 * - for each listed lever, in the canonical order routing, caching, batch (so the scenario's order does not change
 *   the draws): a slip uniform in {0 … maxSlip} months added to its start month, then a realization uniform in
 *   [minRealization, 1] multiplying its adoption fraction.
 *
 * A run's spend is evaluated on the portfolio's per-month corner spends (months × 8 floats, converted once from the
 * Decimal aggregates) and turned into a dimensionless ratio k = spend(draw) / spend(neutral draw), the neutral
 * draw (ε = 0, no slip, full realization) going through the very same function. The simulated spends are then
 * U_i = U_det × k_i with U_det the exact Decimal optimized term spend. Draws and ratios are floats; every money
 * figure is a Decimal. With no uncertainty every k_i is exactly 1, so every percentile equals U_det exactly.
 */

/** The uncertainty of one simulation, per lever where it applies. */
export interface SimulationSettings {
  runs: number
  seed: number
  growthStdDev: number
  adoptionSlipMonths: Readonly<Record<Lever, number>>
  minRealization: Readonly<Record<Lever, number>>
}

/** The portfolio's spend per month and corner (row-major, `months` rows of 8), in floats. */
export interface CornerSpendTable {
  months: number
  values: Float64Array
}

/**
 * One settlement period's simulated spend U_i = deterministic × k_i (the term, or one contract year): the ratios
 * sorted with their prefix sums, so that an expectation over the runs needs one binary search and O(1) arithmetic,
 * and in run order, for figures that join several periods run by run.
 */
export interface SimulatedSpend {
  /** The deterministic optimized spend U_det of the period, which the ratios multiply. */
  deterministic: Decimal
  /** k_i ascending (U_i = deterministic × k_i). */
  ratios: readonly Decimal[]
  /** prefix[j] = Σ_{i<j} ratios[i]; length runs + 1. */
  prefix: readonly Decimal[]
  /** k of each run, in run order, as the floats the simulation drew. */
  byRunFloat: Float64Array
  runs: number
  /** True when every ratio is exactly 1 (no uncertainty): every run is the deterministic figure. */
  certain: boolean
}

interface Draw {
  growth: number
  slip: number[]
  realization: number[]
}

/**
 * Simulated spend of one draw: Σ_m max(0, 1 + ε)^m · Σ_c table[m][c] · weight_c(adoption of month m), per contract
 * year into `years` (overwritten), the term's total returned. `levers` are the listed levers; unlisted levers stay
 * at 0. `weights` is scratch space.
 */
function drawSpend(
  table: CornerSpendTable,
  levers: readonly LeverSpec[],
  leverIndex: readonly number[],
  draw: Draw,
  weights: Float64Array,
  years: Float64Array,
): number {
  const f = [0, 0, 0]
  const values = table.values
  years.fill(0)
  let total = 0
  let factor = 1
  for (let m = 0; m < table.months; m++) {
    for (let i = 0; i < levers.length; i++) {
      const l = levers[i]!
      const li = leverIndex[i]!
      f[li] = adoptionFractionFloat(l.startMonth, l.rampMonths, m, draw.slip[li]!, draw.realization[li]!)
    }
    cornerWeightsFloat(f[0]!, f[1]!, f[2]!, weights)
    const row = m * CORNER_COUNT
    let month = 0
    for (let c = 0; c < CORNER_COUNT; c++) month += values[row + c]! * weights[c]!
    const spend = factor * month
    total += spend
    years[yearOfMonth(m)]! += spend
    factor *= draw.growth
  }
  return total
}

function normal(rng: RandomGenerator): number {
  const u1 = uniformFloat64(rng)
  const u2 = uniformFloat64(rng)
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)
}

/** The ratios of every run, in run order: the term's, and each contract year's (`years[y][run]`). */
export interface SimulatedRatios {
  term: Float64Array
  years: Float64Array[]
}

/**
 * Runs the Monte Carlo and returns the ratios k_i = spend(draw_i)/spend(neutral) of the term and of each contract
 * year, unsorted, in run order. A period whose neutral spend is 0 has every ratio 1.
 */
export function simulateRatios(
  table: CornerSpendTable,
  levers: readonly LeverSpec[],
  settings: SimulationSettings,
): SimulatedRatios {
  const leverIndex = levers.map((l) => LEVERS.indexOf(l.lever))
  const canonical = LEVERS.map((lever) => levers.some((l) => l.lever === lever))
  const weights = new Float64Array(CORNER_COUNT)
  const yearCount = contractYearCount(table.months)
  const neutralYears = new Float64Array(yearCount)
  const neutral = drawSpend(
    table,
    levers,
    leverIndex,
    { growth: 1, slip: [0, 0, 0], realization: [1, 1, 1] },
    weights,
    neutralYears,
  )
  const term = new Float64Array(settings.runs)
  const years = Array.from({ length: yearCount }, () => new Float64Array(settings.runs))
  const runYears = new Float64Array(yearCount)
  const rng = xoroshiro128plus(settings.seed)
  const sigma = settings.growthStdDev
  const slip = [0, 0, 0]
  const realization = [1, 1, 1]
  for (let run = 0; run < settings.runs; run++) {
    const epsilon = sigma * normal(rng)
    for (let li = 0; li < LEVERS.length; li++) {
      if (!canonical[li]) continue
      const lever = LEVERS[li]!
      slip[li] = uniformInt(rng, 0, settings.adoptionSlipMonths[lever])
      const min = settings.minRealization[lever]
      realization[li] = min + uniformFloat64(rng) * (1 - min)
    }
    const draw = { growth: Math.max(0, 1 + epsilon), slip, realization }
    const spend = drawSpend(table, levers, leverIndex, draw, weights, runYears)
    term[run] = neutral === 0 ? 1 : spend / neutral
    for (let y = 0; y < yearCount; y++) {
      years[y]![run] = neutralYears[y] === 0 ? 1 : runYears[y]! / neutralYears[y]!
    }
  }
  return { term, years }
}

/**
 * Sorts the ratios, converts each to a Decimal once (through its shortest round-trip decimal string; equal
 * neighbours share one Decimal) and builds Decimal prefix sums, so every commitment option is evaluated with a binary
 * search and O(1) arithmetic.
 */
export function simulatedSpend(deterministic: Decimal, ratios: Float64Array): SimulatedSpend {
  const sorted = Float64Array.from(ratios).sort()
  const n = sorted.length
  const decimals: Decimal[] = new Array(n)
  const prefix: Decimal[] = new Array(n + 1)
  prefix[0] = ZERO
  let previous = Number.NaN
  let previousDecimal = ONE
  let certain = true
  for (let i = 0; i < n; i++) {
    const k = sorted[i]!
    const d = k === previous ? previousDecimal : k === 1 ? ONE : new Decimal(k.toString())
    if (k !== 1) certain = false
    decimals[i] = d
    prefix[i + 1] = prefix[i]!.plus(d)
    previous = k
    previousDecimal = d
  }
  return { deterministic, ratios: decimals, prefix, byRunFloat: ratios, runs: n, certain }
}

/**
 * p-quantiles (type 7) of U = deterministic × k straight from the floats of a simulation, converting only the two
 * order statistics each interpolates between (the same figures as {@link spendQuantile} on their SimulatedSpend).
 */
export function floatQuantiles(
  deterministic: Decimal,
  ratios: Float64Array,
  ps: readonly Decimal[],
): Decimal[] {
  const sorted = Float64Array.from(ratios).sort()
  const near = (k: number) => (k === 1 ? ONE : new Decimal(k.toString()))
  return ps.map((p) => {
    const h = p.times(sorted.length - 1)
    const i = h.floor().toNumber()
    const lo = near(sorted[Math.min(i, sorted.length - 1)]!)
    const q = quantileSorted(i + 1 < sorted.length ? [lo, near(sorted[i + 1]!)] : [lo], h.minus(i))
    return q.eq(ONE) ? deterministic : deterministic.times(q)
  })
}

/** The p-quantile (type 7) of the simulated spend U = U_det × k. */
export function spendQuantile(sim: SimulatedSpend, p: Decimal): Decimal {
  const q = quantileSorted(sim.ratios, p)
  return q.eq(ONE) ? sim.deterministic : sim.deterministic.times(q)
}

/** Mean of the simulated spend. */
export function spendMean(sim: SimulatedSpend): Decimal {
  return sim.deterministic.times(sim.prefix[sim.runs]!.div(sim.runs))
}
