import { carry } from './carry.js'
import { LEVER_BIT } from './levers.js'
import { Decimal, ONE, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type { WorkloadProjection } from './projection.js'

/**
 * Attribution of the saving baseline − optimized to the levers (design §3.4). Both methods work on v(S), the term
 * spend with the levers of subset S on their own schedules and the others not applied. Every v(S) is on the carry
 * grid, so both add up to v(∅) − v(all listed) exactly.
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

/**
 * Waterfall in the scenario's order: step i goes from v(first i − 1 levers) to v(first i levers). `spend` is
 * indexed by lever subset mask ({@link LEVER_BIT}).
 */
export function waterfall(spend: readonly Decimal[], order: readonly Lever[]): WaterfallStep[] {
  let mask = 0
  return order.map((lever) => {
    const spendBefore = spend[mask]!
    mask |= LEVER_BIT[lever]
    const spendAfter = spend[mask]!
    return { lever, spendBefore, spendAfter, savings: spendBefore.minus(spendAfter) }
  })
}

const INVERSE_SIZE = [ONE, ONE, new Decimal('0.5'), ONE.div(3)]

function popcount(mask: number): number {
  let count = 0
  for (let m = mask; m; m &= m - 1) count++
  return count
}

/**
 * Exact Shapley values of the listed levers, as savings:
 *
 *     φ_i = Σ_{S ⊆ N∖{i}} |S|!·(n − |S| − 1)!/n! · (v(S) − v(S ∪ {i}))
 *
 * computed from the projection's coefficient contributions: the term spend of a subset is v(S) = Σ_{T ⊆ S} Q_T, so
 * the Q_T are the game's Harsanyi dividends and φ_i = −Σ_{T ∋ i} Q_T / |T| (the same number, in a handful of
 * operations instead of 2^n subset spends). A lever that changes nothing for the workload gets exactly 0.
 *
 * The division by |T| = 3 is not exact in decimal, so every value but one is put on the carry grid (1e-20 USD) and
 * the last active lever in the scenario's order gets the remainder v(∅) − v(listed) − Σ others: the values then sum
 * exactly to the saving, each within a few 1e-20 USD of the exact quotient.
 */
export function shapleyFromDividends(
  p: Pick<WorkloadProjection, 'contributions' | 'subsetSpend' | 'active' | 'listedMask'>,
  levers: readonly Lever[],
): Partial<Record<Lever, Decimal>> {
  const result: Partial<Record<Lever, Decimal>> = {}
  for (const l of levers) result[l] = ZERO
  const active = levers.filter((l) => p.active & LEVER_BIT[l])
  let remainder = p.subsetSpend[0]!.minus(p.subsetSpend[p.listedMask]!)
  for (let i = 0; i < active.length - 1; i++) {
    const bit = LEVER_BIT[active[i]!]
    let sum = ZERO
    for (let t = 1; t < 8; t++) {
      if (!(t & bit) || (t & p.active) !== t) continue
      const q = p.contributions[t]!
      if (q.isZero()) continue
      const size = popcount(t)
      sum = sum.plus(size === 1 ? q : q.times(INVERSE_SIZE[size]!))
    }
    const value = carry(sum.negated())
    result[active[i]!] = value
    remainder = remainder.minus(value)
  }
  if (active.length > 0) result[active[active.length - 1]!] = remainder
  return result
}
