import { Decimal, ONE, ZERO } from '../money.js'
import type { OverageBilling } from '../plan-request.js'
import { type SimulatedSpend, spendMean, spendQuantile } from '../simulation.js'

/**
 * How a commitment is settled (docs/cost-model.md, the commitment model and contract years): under
 * `structure: term` one amount for the whole term, settled at its end against the term's simulated spend U; under
 * `annual` one amount per contract year, each settled at its year's end against that year's U_y (no rollover, no
 * carry-forward of overage). Either way the settlement has periods, each with its simulated spend, and a total
 * commitment is allocated to them in proportion to each period's confident spend q_p.
 */

/** Amounts closer than this (USD) are the same amount: the arithmetic's precision, not money. */
export const SAME_AMOUNT = new Decimal('1e-18')

/** The settlement periods and the allocation rule of one plan. */
export interface Settlement {
  structure: 'term' | 'annual'
  overage: OverageBilling
  /** The term (one period) or the contract years. */
  periods: readonly SimulatedSpend[]
  /** q_p: the (1 − confidence) quantile of each period's simulated spend. */
  confident: readonly Decimal[]
  /** Q = Σ q_p. */
  confidentTotal: Decimal
  /** The allocation weights' numerators and their sum: C_p = C · weight_p ÷ weightTotal. */
  weights: readonly Decimal[]
  weightTotal: Decimal
  runs: number
  /** Every period certain (no uncertainty): every run is the deterministic plan. */
  certain: boolean
  /** E[U]: the expected list spend (Σ of the periods' means). */
  expectedListSpend: Decimal
}

/**
 * The settlement of a plan. Allocation weights are the periods' confident spends q_p; when they are all 0 (nothing
 * is confidently spent) the periods' deterministic optimized spends, and when those are 0 too, their lengths in
 * months — so a total is always allocated somewhere.
 */
export function settlement(
  structure: 'term' | 'annual',
  overage: OverageBilling,
  periods: readonly SimulatedSpend[],
  confidence: Decimal,
  periodMonths: readonly number[],
): Settlement {
  const risk = ONE.minus(confidence)
  const confident = periods.map((p) => spendQuantile(p, risk))
  const confidentTotal = sum(confident)
  let weights: readonly Decimal[] = confident
  if (confidentTotal.isZero()) {
    const deterministic = periods.map((p) => p.deterministic)
    weights = sum(deterministic).isZero() ? periodMonths.map((m) => new Decimal(m)) : deterministic
  }
  return {
    structure,
    overage,
    periods,
    confident,
    confidentTotal,
    weights,
    weightTotal: sum(weights),
    runs: periods[0]!.runs,
    certain: periods.every((p) => p.certain),
    expectedListSpend: sum(periods.map(spendMean)),
  }
}

/** C_p = C · weight_p ÷ Σ weight (exact up to the last digit; the one period of a term gets C itself). */
export function allocate(s: Settlement, total: Decimal): Decimal[] {
  if (s.periods.length === 1) return [total]
  return s.weights.map((w) => (w.isZero() || total.isZero() ? ZERO : total.times(w).div(s.weightTotal)))
}

export function sum(values: readonly Decimal[]): Decimal {
  let total = ZERO
  for (const v of values) total = total.plus(v)
  return total
}
