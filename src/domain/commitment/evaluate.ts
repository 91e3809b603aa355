import { Decimal, ONE, ZERO } from '../money.js'
import type { SimulatedSpend } from '../simulation.js'
import { SAME_AMOUNT, type Settlement, sum } from './settlement.js'

/**
 * The expected outcome of a commitment over the simulated runs (docs/cost-model.md, what a commitment costs). In
 * each period p, with d the discount the *total* earns and consumption cons = U_p·(1 − d):
 *
 *     payment   max(C_p, cons)                          overage billed at the discounted rate
 *               C_p + max(0, cons − C_p) ÷ (1 − d)      overage billed at list
 *     stranded  max(0, C_p − cons)
 *
 * A run's payment is the sum of its periods' payments; it is a shortfall when any period's consumption is below
 * its commitment. Payment, stranded and consumed amounts are sums over periods, each period's expectation read
 * from its sorted ratios and prefix sums (one binary search); the joint figures (shortfall, coverage) of several
 * periods are counted run by run.
 */

/** One period of an evaluated option. */
export interface PeriodOutcome {
  commit: Decimal
  expectedPayment: Decimal
  expectedStranded: Decimal
}

/** The expected outcome of committing `commits` (one per period) at discount d. */
export interface Outcome {
  commit: Decimal
  discountRate: Decimal
  expectedUtilization: Decimal | null
  expectedCoverage: Decimal
  shortfallProbability: Decimal
  expectedStranded: Decimal
  expectedPayment: Decimal
  effectiveSavingsRate: Decimal
  periods: PeriodOutcome[]
}

/** Number of runs whose consumption a·k_i falls short of `commit` (by more than {@link SAME_AMOUNT}). */
function countShort(p: SimulatedSpend, a: Decimal, commit: Decimal): number {
  const threshold = commit.minus(SAME_AMOUNT)
  if (!threshold.isPositive() || threshold.isZero()) return 0
  let lo = 0
  let hi = p.runs
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a.times(p.ratio(mid)).lt(threshold)) lo = mid + 1
    else hi = mid
  }
  return lo
}

interface PeriodSums {
  short: number
  /** E[min(C, cons)], E[cons], E[payment], E[stranded]. */
  consumed: Decimal
  usage: Decimal
  payment: Decimal
  stranded: Decimal
}

function periodSums(p: SimulatedSpend, commit: Decimal, d: Decimal, listOverage: boolean): PeriodSums {
  const n = p.runs
  const keep = ONE.minus(d)
  const a = d.isZero() ? p.deterministic : p.deterministic.times(keep)
  const j = countShort(p, a, commit)
  const sumAll = p.prefix(n)
  const sumBelow = p.prefix(j)
  const aboveCount = n - j
  const consumedBelow = a.times(sumBelow)
  const usageAbove = a.times(sumAll.minus(sumBelow))
  const consumed = consumedBelow.plus(commit.times(aboveCount)).div(n)
  const stranded = commit.times(j).minus(consumedBelow).div(n)
  const payment = listOverage
    ? commit.plus(usageAbove.minus(commit.times(aboveCount)).div(keep).div(n))
    : commit.times(j).plus(usageAbove).div(n)
  return { short: j, consumed, usage: a.times(sumAll).div(n), payment, stranded }
}

/** Mean over runs of min(C, cons_i) ÷ cons_i for one period (a run with no usage counts as covered). */
function singlePeriodCoverage(p: SimulatedSpend, a: Decimal, commit: Decimal, short: number): Decimal {
  const n = p.runs
  if (a.isZero()) return ONE
  if (commit.isZero()) return new Decimal(p.zeroRuns()).div(n)
  // Runs short of C are fully covered; the others cover C ÷ (a·k_i).
  const inverse = p.inverseSuffix(short)
  return new Decimal(short).plus(commit.div(a).times(inverse)).div(n)
}

/**
 * Joint shortfall probability and mean coverage of several periods, run by run. Without uncertainty every run is
 * the deterministic plan, evaluated once in Decimals; with uncertainty these are figures of the simulation (the
 * ratios are floats already), counted in floats — a consumption within 10⁻¹² of its commitment meets it.
 */
function jointFigures(
  s: Settlement,
  commits: readonly Decimal[],
  d: Decimal,
): { short: Decimal; coverage: Decimal } {
  const keep = ONE.minus(d)
  if (s.certain) {
    let consumed = ZERO
    let usage = ZERO
    let short = false
    s.periods.forEach((p, y) => {
      const cons = p.deterministic.times(keep)
      const c = commits[y]!
      if (cons.lt(c.minus(SAME_AMOUNT))) short = true
      consumed = consumed.plus(cons.lt(c) ? cons : c)
      usage = usage.plus(cons)
    })
    return { short: short ? ONE : ZERO, coverage: usage.isZero() ? ONE : consumed.div(usage) }
  }
  const keepFloat = keep.toNumber()
  const scale = s.periods.map((p) => p.deterministic.toNumber() * keepFloat)
  const limit = commits.map((c) => c.toNumber())
  const threshold = limit.map((c) => c * (1 - 1e-12))
  const ratios = s.periods.map((p) => p.byRunFloat)
  let shortRuns = 0
  let coverage = 0
  for (let i = 0; i < s.runs; i++) {
    let consumed = 0
    let usage = 0
    let short = false
    for (let y = 0; y < scale.length; y++) {
      const cons = scale[y]! * ratios[y]![i]!
      if (cons < threshold[y]!) short = true
      consumed += cons < limit[y]! ? cons : limit[y]!
      usage += cons
    }
    if (short) shortRuns++
    coverage += usage === 0 ? 1 : consumed / usage
  }
  return { short: new Decimal(shortRuns).div(s.runs), coverage: new Decimal((coverage / s.runs).toString()) }
}

/**
 * Evaluates a commitment of `commits` (one amount per settlement period) at discount d. `total` is the amount the
 * commitment was sized as (the periods' sum unless given: an allocation's parts may add up to it only to the last
 * digit).
 */
export function evaluate(
  s: Settlement,
  commits: readonly Decimal[],
  d: Decimal,
  total: Decimal = sum(commits),
): Outcome {
  const list = s.overage === 'list'
  const sums = s.periods.map((p, y) => periodSums(p, commits[y]!, d, list))
  const payment = sum(sums.map((x) => x.payment))
  const consumed = sum(sums.map((x) => x.consumed))
  let shortfall: Decimal
  let coverage: Decimal
  if (s.periods.length === 1) {
    const p = s.periods[0]!
    shortfall = new Decimal(sums[0]!.short).div(p.runs)
    const a = d.isZero() ? p.deterministic : p.deterministic.times(ONE.minus(d))
    coverage = singlePeriodCoverage(p, a, total, sums[0]!.short)
  } else {
    const joint = jointFigures(s, commits, d)
    shortfall = joint.short
    coverage = joint.coverage
  }
  const listSpend = s.expectedListSpend
  return {
    commit: total,
    discountRate: d,
    expectedUtilization: total.isZero() ? null : consumed.div(total),
    expectedCoverage: coverage,
    shortfallProbability: shortfall,
    expectedStranded: sum(sums.map((x) => x.stranded)),
    expectedPayment: payment,
    effectiveSavingsRate: listSpend.isZero() ? ZERO : listSpend.minus(payment).div(listSpend),
    periods: sums.map((x, y) => ({
      commit: commits[y]!,
      expectedPayment: x.payment,
      expectedStranded: x.stranded,
    })),
  }
}

/** E[payment] alone (the search for the lowest expected payment evaluates many amounts). */
export function expectedPayment(s: Settlement, commits: readonly Decimal[], d: Decimal): Decimal {
  const list = s.overage === 'list'
  return sum(s.periods.map((p, y) => periodSums(p, commits[y]!, d, list).payment))
}
