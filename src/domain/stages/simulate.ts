import type { UncertaintyDrivers } from '../commitment/explanation.js'
import { CORNER_COUNT } from '../levers.js'
import { Decimal, ONE } from '../money.js'
import { LEVERS, type Lever } from '../plan-request.js'
import type { SpendPercentiles } from '../plan-shape.js'
import type { ScenarioSchedules } from '../projection.js'
import {
  type CornerSpendTable,
  type SimulatedSpend,
  type SimulationSettings,
  simulatedSpend,
  simulateRatios,
  spendQuantile,
} from '../simulation.js'
import type { ValidPlan } from '../validation.js'
import type { PortfolioProjection } from './portfolio.js'
import type { PortfolioAccumulator } from './project.js'

/**
 * Stage 5: the seeded Monte Carlo of the optimized spend — of the term (U) and of each contract year (U_y) — and
 * the same simulation with one source of uncertainty at a time, so the recommendation can say which moved the
 * median.
 */

const P10 = new Decimal('0.1')
const P50 = new Decimal('0.5')
const P90 = new Decimal('0.9')

/** The simulation's outcome. */
export interface SimulationOutcome {
  term: SimulatedSpend
  /** Each contract year's simulated spend U_y. */
  years: SimulatedSpend[]
  percentiles: SpendPercentiles
  yearPercentiles: SpendPercentiles[]
  drivers: UncertaintyDrivers
}

/** P10/P50/P90 of a simulated spend. */
export const percentilesOf = (s: SimulatedSpend): SpendPercentiles => ({
  p10: spendQuantile(s, P10),
  p50: spendQuantile(s, P50),
  p90: spendQuantile(s, P90),
})

/** Runs the simulation of a projected plan. */
export function simulatePlan(
  plan: ValidPlan,
  schedules: ScenarioSchedules,
  acc: PortfolioAccumulator,
  portfolio: PortfolioProjection,
): SimulationOutcome {
  const c = plan.commitment
  const optimizedTerm = portfolio.optimized.termSpend
  const settings: SimulationSettings = {
    runs: c.simulations,
    seed: c.seed,
    growthStdDev: c.growthStdDev.toNumber(),
    adoptionSlipMonths: c.adoptionSlipMonths,
    minRealization: perLever((l) => c.minRealization[l].toNumber()),
  }
  const listed = plan.levers
  const table = optimizedTerm.isZero() ? null : cornerSpendTable(acc, schedules)
  const run = (s: SimulationSettings) => {
    if (!table) {
      const ones = new Float64Array(s.runs).fill(1)
      return { term: ones, years: portfolio.yearSpend.map(() => ones) }
    }
    return simulateRatios(table, listed, s)
  }
  const ratios = run(settings)
  const term = simulatedSpend(optimizedTerm, ratios.term)
  const years = ratios.years.map((r, y) => simulatedSpend(portfolio.yearSpend[y]!.optimized, r))

  const neutral: SimulationSettings = {
    ...settings,
    growthStdDev: 0,
    adoptionSlipMonths: perLever(() => 0),
    minRealization: perLever(() => 1),
  }
  const median = (s: SimulationSettings) => spendQuantile(simulatedSpend(ONE, run(s).term), P50)
  const drivers: UncertaintyDrivers = {}
  const used = listed.map((l) => l.lever)
  if (settings.growthStdDev > 0) {
    drivers.growth = {
      median: median({ ...neutral, growthStdDev: settings.growthStdDev }),
      stdDev: c.growthStdDev,
    }
  }
  const maxSlip = Math.max(0, ...used.map((l) => c.adoptionSlipMonths[l]))
  if (maxSlip > 0) {
    drivers.slip = {
      median: median({ ...neutral, adoptionSlipMonths: c.adoptionSlipMonths }),
      maxMonths: maxSlip,
    }
  }
  const minimum = used.reduce((m, l) => Decimal.min(m, c.minRealization[l]), ONE)
  if (minimum.lt(ONE)) {
    drivers.realization = { median: median({ ...neutral, minRealization: settings.minRealization }), minimum }
  }
  return {
    term,
    years,
    percentiles: percentilesOf(term),
    yearPercentiles: years.map(percentilesOf),
    drivers,
  }
}

function perLever<T>(value: (lever: Lever) => T): Record<Lever, T> {
  return Object.fromEntries(LEVERS.map((l) => [l, value(l)])) as Record<Lever, T>
}

/**
 * The portfolio's spend per month and corner as floats, for the Monte Carlo's dimensionless ratios: each growth
 * rate's aggregated corner spends and powers are converted to floats once and multiplied there.
 */
function cornerSpendTable(acc: PortfolioAccumulator, schedules: ScenarioSchedules): CornerSpendTable {
  const months = schedules.months
  const values = new Float64Array(months * CORNER_COUNT)
  for (const { table, corners } of acc.tables.values()) {
    // Corners outside the listed levers never get weight; their aggregate is not maintained.
    const floats = corners.map((a, c) => ((c & schedules.listedMask) === c ? a.toNumber() : 0))
    for (let m = 0; m < months; m++) {
      const g = table.powers[m]!.toNumber()
      for (let c = 0; c < CORNER_COUNT; c++) values[m * CORNER_COUNT + c]! += g * floats[c]!
    }
  }
  return { months, values }
}
