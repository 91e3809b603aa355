import { Decimal, ONE } from '../money.js'
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

/** Share of a simulated mean payment below which two candidates' payments are the same (float prefix-sum noise). */
const RELATIVE_NOISE = new Decimal('1e-9')

/**
 * How far apart two expected payments may be and still count as the same payment. Without uncertainty every figure
 * is exact and the tolerance is the arithmetic's ({@link SAME_AMOUNT}); with it, the mean is read from float prefix
 * sums of the ratios (about 1e-13 of it), so where the mean is flat — between the breakpoints at d·n and d·n + 1 —
 * two candidates that are equal in exact arithmetic differ by that noise: 1e-9 of the payment absorbs it.
 */
export function paymentTie(s: Settlement, payment: Decimal): Decimal {
  return s.certain ? SAME_AMOUNT : Decimal.max(SAME_AMOUNT, payment.abs().times(RELATIVE_NOISE))
}

/** The lowest-payment amount, with how many candidates were weighed. */
export interface LowestPayment {
  commit: Decimal
  rung: Rung
  candidates: number
}

/**
 * The breakpoints at d = 0, ascending: totals at which one run's period consumption equals its allocation. Ordered
 * and accumulated in floats (their shares only decide *where* the slope turns); each candidate taken from them is
 * then computed and evaluated exactly.
 */
interface Breakpoints {
  /** Period and sorted-run index of each breakpoint. */
  period: Int32Array
  run: Int32Array
  /** cumulative[i] = Σ_{j ≤ i} share of breakpoint j's period (× runs: 1 per breakpoint under `term`). */
  cumulative: Float64Array
}

function breakpoints(s: Settlement): Breakpoints {
  const shares = s.weights.map((w) => (w.isZero() ? 0 : w.div(s.weightTotal).toNumber()))
  const items: { period: number; run: number; order: number }[] = []
  s.periods.forEach((p, y) => {
    if (shares[y] === 0) return
    const scale = p.deterministic.toNumber() / shares[y]!
    for (let i = 0; i < p.runs; i++) items.push({ period: y, run: i, order: p.sorted[i]! * scale })
  })
  items.sort((a, b) => a.order - b.order)
  const cumulative = new Float64Array(items.length)
  let running = 0
  items.forEach((item, i) => {
    running += s.periods.length === 1 ? 1 : shares[item.period]!
    cumulative[i] = running
  })
  return {
    period: Int32Array.from(items, (i) => i.period),
    run: Int32Array.from(items, (i) => i.run),
    cumulative,
  }
}

/** The exact total at breakpoint i at discount keep = 1 − d: C with C·w_p ÷ Σw = U_p·(1 − d) for that run. */
function breakpointTotal(s: Settlement, points: Breakpoints, i: number, keep: Decimal): Decimal {
  const y = points.period[i]!
  const p = s.periods[y]!
  const k = p.ratio(points.run[i]!)
  const consumption = p.deterministic.times(keep).times(k)
  if (s.periods.length === 1) return consumption
  const w = s.weights[y]!
  // Without uncertainty each year's weight is its own spend: every breakpoint is then Σw × (1 − d) itself.
  if (k.eq(ONE) && p.deterministic.eq(w)) return s.weightTotal.times(keep)
  return consumption.times(s.weightTotal).div(w)
}

/** First index whose cumulative share reaches `target`. */
function firstReaching(cumulative: Float64Array, target: number): number {
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]! >= target) hi = mid
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
    for (const rung of ladder) {
      if (rung.index === 0 || points.cumulative.length === 0) continue
      const keep = ONE.minus(rung.discountRate)
      const next = ladder[rung.index + 1]
      // Where the shares reach d·n; the neighbours are weighed too, so float rounding cannot pick the wrong one.
      const at = firstReaching(points.cumulative, rung.discountRate.toNumber() * s.runs * (1 - 1e-12))
      for (const i of [at - 1, at, at + 1]) {
        if (i < 0 || i >= points.cumulative.length) continue
        const commit = breakpointTotal(s, points, i, keep)
        if (commit.lt(rung.minCommit) || (next && commit.gte(next.minCommit))) continue
        candidates.push({ commit, rung })
      }
    }
  }
  // Payments within `paymentTie` of each other are equal, and the smaller amount wins (§3.5).
  let best: { commit: Decimal; rung: Rung; payment: Decimal } | null = null
  const seen = new Set<string>()
  for (const c of candidates) {
    const key = `${c.rung.index}:${c.commit.toString()}`
    if (seen.has(key)) continue
    seen.add(key)
    const payment = expectedPayment(s, allocate(s, c.commit), c.rung.discountRate)
    const tie = paymentTie(s, payment)
    if (
      !best ||
      payment.lt(best.payment.minus(tie)) ||
      (payment.lte(best.payment.plus(tie)) && c.commit.lt(best.commit))
    ) {
      best = { ...c, payment }
    }
  }
  return { commit: best!.commit, rung: best!.rung, candidates: seen.size }
}
