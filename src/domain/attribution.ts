import { CARRY_PLACES, CARRY_UNIT } from './carry.js'
import { LEVER_BIT } from './levers.js'
import { Decimal, ONE, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type { WorkloadProjection } from './projection.js'

/**
 * Attribution of the saving baseline − optimized to the levers (design §3.4). Both methods work on v(S), the term
 * spend with the levers of subset S on their own schedules and the others not applied, given as an array indexed
 * by subset mask ({@link LEVER_BIT}). Every v(S) is on the carry grid, so both methods add up to
 * v(∅) − v(all) exactly.
 */

/** One bar-to-bar step of the waterfall. */
export interface WaterfallStep {
  lever: Lever
  /** Term spend with the levers before this one applied. */
  spendBefore: Decimal
  /** Term spend once this lever is applied too. */
  spendAfter: Decimal
  /** spendBefore − spendAfter (negative when the lever costs money, e.g. caching at a poor hit rate). */
  savings: Decimal
}

/** Waterfall in the scenario's order: step i goes from v(first i − 1 levers) to v(first i levers). */
export function waterfall(spend: readonly Decimal[], order: readonly Lever[]): WaterfallStep[] {
  let mask = 0
  return order.map((lever) => {
    const spendBefore = spend[mask]!
    mask |= LEVER_BIT[lever]
    const spendAfter = spend[mask]!
    return { lever, spendBefore, spendAfter, savings: spendBefore.minus(spendAfter) }
  })
}

const FACTORIAL = [1, 1, 2, 6]

/**
 * Exact Shapley values of the listed levers (their saving, positive when the lever saves):
 *
 *     φ_i = Σ_{S ⊆ N∖{i}} |S|!·(n − |S| − 1)!/n! · (v(S) − v(S ∪ {i}))
 *
 * The integer-weighted numerators are exact on the carry grid; the division by n! is not always (1/3, 1/6), so
 * each φ_i is floored to the carry grid and the few remaining grid units (fewer than n) go to the levers with
 * the largest remainders, ties to the earlier lever in `levers` (the largest-remainder method dinero.js uses to
 * allocate). The values then sum exactly to v(∅) − v(N); each is within 1e-20 USD of the true quotient.
 */
export function shapley(
  spend: readonly Decimal[],
  levers: readonly Lever[],
): Partial<Record<Lever, Decimal>> {
  const n = levers.length
  const result: Partial<Record<Lever, Decimal>> = {}
  if (n === 0) return result
  let all = 0
  for (const l of levers) all |= LEVER_BIT[l]
  const total = spend[0]!.minus(spend[all]!)
  if (n === 1) {
    result[levers[0]!] = total
    return result
  }
  const nFact = FACTORIAL[n]!
  const divisor = new Decimal(nFact)
  const reciprocal = RECIPROCALS[n]!
  const span = CARRY_UNIT.times(nFact)
  const quotients: Decimal[] = []
  const remainders: Decimal[] = []
  let allocated = ZERO
  for (const lever of levers) {
    const bit = LEVER_BIT[lever]
    const others = all & ~bit
    let numerator = ZERO
    // Every subset S of the other levers, weighted |S|!·(n − |S| − 1)!.
    for (let s = others; ; s = (s - 1) & others) {
      const delta = spend[s]!.minus(spend[s | bit]!)
      if (!delta.isZero()) {
        const size = popcount(s)
        const weight = FACTORIAL[size]! * FACTORIAL[n - size - 1]!
        numerator = numerator.plus(weight === 1 ? delta : delta.times(weight))
      }
      if (s === 0) break
    }
    let q = numerator.times(reciprocal).toDecimalPlaces(CARRY_PLACES, Decimal.ROUND_FLOOR)
    let r = numerator.minus(q.times(divisor))
    // Repair the rare case where the rounded reciprocal put the floor one grid unit off.
    while (r.isNegative() && !r.isZero()) {
      q = q.minus(CARRY_UNIT)
      r = r.plus(span)
    }
    while (r.gte(span)) {
      q = q.plus(CARRY_UNIT)
      r = r.minus(span)
    }
    quotients.push(q)
    remainders.push(r)
    allocated = allocated.plus(q)
  }
  let extra = total.minus(allocated).div(CARRY_UNIT).toNumber()
  const byRemainder = levers.map((_, i) => i).sort((a, b) => remainders[b]!.cmp(remainders[a]!) || a - b)
  for (const i of byRemainder) {
    if (extra <= 0) break
    quotients[i] = quotients[i]!.plus(CARRY_UNIT)
    extra--
  }
  levers.forEach((lever, i) => {
    result[lever] = quotients[i]!
  })
  return result
}

const RECIPROCALS = FACTORIAL.map((f) => ONE.div(f))
const INVERSE_SIZE = [ONE, ONE, new Decimal('0.5'), ONE.div(3)]

/**
 * The same exact Shapley values, computed from a projection's coefficient contributions instead of the 2^n subset
 * spends. The term spend of a subset is v(S) = Σ_{T ⊆ S} Q_T, so the Q_T are the game's Harsanyi dividends and
 * φ_i = −Σ_{T ∋ i} Q_T / |T| (a saving, hence the sign). A lever that changes nothing for the workload gets 0. As in
 * {@link shapley}, each value is floored to the carry grid and the remaining grid units go to the largest remainders
 * (taken from the smallest when the carried total is below the floors' sum), so the values sum exactly to
 * v(∅) − v(listed).
 */
export function shapleyFromDividends(
  p: Pick<WorkloadProjection, 'contributions' | 'subsetSpend' | 'active' | 'listedMask'>,
  levers: readonly Lever[],
): Partial<Record<Lever, Decimal>> {
  const result: Partial<Record<Lever, Decimal>> = {}
  for (const l of levers) result[l] = ZERO
  const active = levers.filter((l) => p.active & LEVER_BIT[l])
  const total = p.subsetSpend[0]!.minus(p.subsetSpend[p.listedMask]!)
  if (active.length === 0) return result
  if (active.length === 1) {
    result[active[0]!] = total
    return result
  }
  const raw = active.map((lever) => {
    const bit = LEVER_BIT[lever]
    let sum = ZERO
    for (let t = 1; t < 8; t++) {
      if (!(t & bit) || (t & p.active) !== t) continue
      const q = p.contributions[t]!
      if (q.isZero()) continue
      const size = popcount(t)
      sum = sum.plus(size === 1 ? q : q.times(INVERSE_SIZE[size]!))
    }
    return sum.negated()
  })
  const quotients = raw.map((x) => x.toDecimalPlaces(CARRY_PLACES, Decimal.ROUND_FLOOR))
  const remainders = raw.map((x, i) => x.minus(quotients[i]!))
  let allocated = ZERO
  for (const q of quotients) allocated = allocated.plus(q)
  distribute(quotients, remainders, total.minus(allocated).div(CARRY_UNIT).toNumber())
  active.forEach((lever, i) => {
    result[lever] = quotients[i]!
  })
  return result
}

/** Adds (or removes) `units` grid units, largest remainders first (smallest first when removing), ties in order. */
function distribute(values: Decimal[], remainders: readonly Decimal[], units: number): void {
  if (units === 0) return
  const order = values.map((_, i) => i)
  order.sort(
    (a, b) => (units > 0 ? remainders[b]!.cmp(remainders[a]!) : remainders[a]!.cmp(remainders[b]!)) || a - b,
  )
  const step = units > 0 ? CARRY_UNIT : CARRY_UNIT.negated()
  for (let k = 0; k < Math.abs(units); k++) {
    const i = order[k % order.length]!
    values[i] = values[i]!.plus(step)
  }
}

function popcount(mask: number): number {
  let count = 0
  for (let m = mask; m; m &= m - 1) count++
  return count
}
