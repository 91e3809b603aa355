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
 * One settlement period's simulated spend U_i = deterministic × k_i (the term, or one contract year). The ratios
 * stay the floats the simulation drew, sorted, with float prefix sums of k and of 1/k; a figure converts to a
 * Decimal only the few values it reads — an expectation needs one binary search over the sorted ratios and two
 * prefix sums — so a period costs one sort, not thousands of Decimal conversions. Without uncertainty every ratio
 * is exactly 1 and every prefix sum an exact integer, so every figure is the deterministic one exactly.
 */
export class SimulatedSpend {
  /** k ascending. */
  readonly sorted: Float64Array
  /** prefix[j] = Σ_{i<j} sorted[i] (floats). */
  private readonly prefixes: Float64Array
  private inverses: Float64Array | null = null
  private readonly decimals = new Map<number, Decimal>()
  /** True when every ratio is exactly 1 (no uncertainty): every run is the deterministic figure. */
  readonly certain: boolean
  readonly runs: number

  /**
   * @param deterministic the deterministic optimized spend U_det of the period, which the ratios multiply
   * @param byRunFloat k of each run, in run order
   */
  constructor(
    readonly deterministic: Decimal,
    readonly byRunFloat: Float64Array,
  ) {
    this.sorted = Float64Array.from(byRunFloat).sort()
    this.runs = this.sorted.length
    this.prefixes = new Float64Array(this.runs + 1)
    let certain = true
    for (let i = 0; i < this.runs; i++) {
      const k = this.sorted[i]!
      if (k !== 1) certain = false
      this.prefixes[i + 1] = this.prefixes[i]! + k
    }
    this.certain = certain
  }

  private decimal(x: number): Decimal {
    if (x === 1) return ONE
    if (x === 0) return ZERO
    let d = this.decimals.get(x)
    if (!d) {
      d = new Decimal(x.toString())
      this.decimals.set(x, d)
    }
    return d
  }

  /** The i-th smallest ratio, as a Decimal (through its shortest round-trip decimal string). */
  ratio(i: number): Decimal {
    return this.decimal(this.sorted[i]!)
  }

  /** Σ_{i<j} k_(i), the sum of the j smallest ratios. */
  prefix(j: number): Decimal {
    return j === 0 ? ZERO : this.decimal(this.prefixes[j]!)
  }

  /** Σ_{i≥j} 1 ÷ k_(i) over the positive ratios. */
  inverseSuffix(j: number): Decimal {
    if (!this.inverses) {
      const inverses = new Float64Array(this.runs + 1)
      for (let i = this.runs - 1; i >= 0; i--) {
        const k = this.sorted[i]!
        inverses[i] = inverses[i + 1]! + (k > 0 ? 1 / k : 0)
      }
      this.inverses = inverses
    }
    return this.decimal(this.inverses[j]!)
  }

  /** How many runs have a ratio of 0 (no spend at all). */
  zeroRuns(): number {
    let n = 0
    while (n < this.runs && this.sorted[n] === 0) n++
    return n
  }
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

/** The simulated spend of a period from its deterministic figure and the ratios of its runs. */
export function simulatedSpend(deterministic: Decimal, ratios: Float64Array): SimulatedSpend {
  return new SimulatedSpend(deterministic, ratios)
}

/** The p-quantile (type 7) of the simulated spend U = U_det × k (only the two neighbouring ratios converted). */
export function spendQuantile(sim: SimulatedSpend, p: Decimal): Decimal {
  const n = sim.runs
  if (n === 0) return ZERO
  const h = p.times(n - 1)
  const i = h.floor().toNumber()
  const lo = sim.ratio(Math.min(i, n - 1))
  const q = quantileSorted(i + 1 < n ? [lo, sim.ratio(i + 1)] : [lo], h.minus(i))
  return q.eq(ONE) ? sim.deterministic : sim.deterministic.times(q)
}

/** Mean of the simulated spend. */
export function spendMean(sim: SimulatedSpend): Decimal {
  const total = sim.prefix(sim.runs)
  return total.eq(sim.runs) ? sim.deterministic : sim.deterministic.times(total.div(sim.runs))
}
