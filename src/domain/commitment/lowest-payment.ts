import { Decimal, ONE, ZERO } from '../money.js'
import { expectedPayment } from './evaluate.js'
import { allocate, SAME_AMOUNT, type Settlement } from './settlement.js'
import type { Rung, TierLadder } from './tiers.js'

/**
 * The lowest expected payment (docs/cost-model.md, option 5): the total C ≥ 0 whose mean payment over the simulated
 * runs is lowest, whatever its shortfall risk (ties: the smaller amount).
 *
 * Within the band [m_t, m_{t+1}) of one discount d the mean payment is piecewise linear and convex in C. With
 * discounted overage every period's payment max(C_p, cons) only grows with C, so the band's best amount is its
 * minimum m_t: the candidates are 0 and the tier minimums. With overage at list a period's payment falls with slope
 * −w_p·d/(1 − d) until its consumption is met and rises with slope w_p after (w_p its allocation share), so the
 * mean's slope turns non-negative at the first breakpoint b (a total at which some run's period consumption
 * equals its allocated amount) where the shares of the breakpoints up to b reach d·n: that breakpoint — checked
 * exactly against its neighbours — is the band's candidate when it lies inside the band. The band's open end needs
 * no candidate: m_{t+1} earns a higher discount and is at least as good. Every candidate is evaluated exactly.
 */

/** The lowest-payment amount, with how many candidates were weighed. */
export interface LowestPayment {
  commit: Decimal
  rung: Rung
  candidates: number
}

interface Breakpoints {
  /** Totals at which one run's period consumption equals its allocation, at d = 0; ascending. */
  base: Decimal[]
  /** cumulative[i] = Σ_{j ≤ i} share of breakpoint j's period. */
  cumulative: Decimal[]
  /** For a single period: the ratio k behind each breakpoint (the candidate is then det·(1 − d)·k exactly). */
  ratios: Decimal[] | null
}

function breakpoints(s: Settlement): Breakpoints {
  if (s.periods.length === 1) {
    const p = s.periods[0]!
    const cumulative = p.ratios.map((_, i) => new Decimal(i + 1))
    return { base: p.ratios.map((k) => p.deterministic.times(k)), cumulative, ratios: [...p.ratios] }
  }
  const items: { value: Decimal; order: number; share: Decimal }[] = []
  s.periods.forEach((p, y) => {
    const w = s.weights[y]!
    if (w.isZero()) return
    const share = w.div(s.weightTotal)
    const scale = s.weightTotal.div(w)
    const exact = p.deterministic.eq(w)
    for (const k of p.ratios) {
      const value = exact && k.eq(ONE) ? s.weightTotal : p.deterministic.times(k).times(scale)
      items.push({ value, order: value.toNumber(), share })
    }
  })
  items.sort((a, b) => a.order - b.order)
  const cumulative: Decimal[] = []
  let running = ZERO
  for (const item of items) {
    running = running.plus(item.share)
    cumulative.push(running)
  }
  return { base: items.map((i) => i.value), cumulative, ratios: null }
}

/** First index whose cumulative share reaches `target`. */
function firstReaching(cumulative: readonly Decimal[], target: Decimal): number {
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]!.gte(target)) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Finds the lowest-expected-payment total. */
export function lowestExpectedPayment(s: Settlement, ladder: TierLadder): LowestPayment {
  const candidates: { commit: Decimal; rung: Rung }[] = ladder.map((rung) => ({
    commit: rung.minCommit,
    rung,
  }))
  if (s.overage === 'list') {
    const points = breakpoints(s)
    const n = new Decimal(s.runs)
    for (const rung of ladder) {
      if (rung.index === 0 || points.base.length === 0) continue
      const keep = ONE.minus(rung.discountRate)
      const next = ladder[rung.index + 1]
      const at = firstReaching(points.cumulative, rung.discountRate.times(n))
      for (const i of [at - 1, at, at + 1]) {
        if (i < 0 || i >= points.base.length) continue
        const k = points.ratios?.[i]
        const commit = k ? s.periods[0]!.deterministic.times(keep).times(k) : keep.times(points.base[i]!)
        if (commit.lt(rung.minCommit) || (next && commit.gte(next.minCommit))) continue
        candidates.push({ commit, rung })
      }
    }
  }
  let best: { commit: Decimal; rung: Rung; payment: Decimal } | null = null
  for (const c of candidates) {
    const payment = expectedPayment(s, allocate(s, c.commit), c.rung.discountRate)
    if (
      !best ||
      payment.lt(best.payment.minus(SAME_AMOUNT)) ||
      (payment.lte(best.payment.plus(SAME_AMOUNT)) && c.commit.lt(best.commit))
    ) {
      best = { ...c, payment }
    }
  }
  return { commit: best!.commit, rung: best!.rung, candidates: candidates.length }
}
