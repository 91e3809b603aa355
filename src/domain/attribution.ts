import { LEVER_BIT } from './levers.js'
import { type Decimal, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type { WorkloadProjection } from './projection.js'

/**
 * Attribution of the saving baseline − optimized to the levers (docs/cost-model.md, waterfall and Shapley attribution). Both methods work on v(S), the term
 * spend with the levers of subset S on their own schedules and the others not applied; both add up to
 * v(∅) − v(all listed) (the waterfall exactly, as it telescopes; Shapley values to the working precision).
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
 * computed from the game's Harsanyi dividends Q_T (the term spend of a subset is v(S) = Σ_{T ⊆ S} Q_T), for which
 * φ_i = −Σ_{T ∋ i} Q_T / |T|: the same number in a handful of operations instead of 2^n subset spends. The dividends
 * are grouped by |T| and divided once per group, so a value is exact whenever its decimal expansion fits the
 * working precision (only a division by 3 can be inexact, at the 40th digit). Each value stands on its own; their
 * sum equals baseline − optimized to that precision, and a lever that changes nothing gets exactly 0.
 *
 * @param contributions Q_T indexed by lever mask (a workload's, or the portfolio's sums of them)
 * @param active levers that change anything (mask); the others get 0
 */
export function shapleyFromContributions(
  contributions: readonly Decimal[],
  active: number,
  levers: readonly Lever[],
): Partial<Record<Lever, Decimal>> {
  const result: Partial<Record<Lever, Decimal>> = {}
  for (const lever of levers) {
    const bit = LEVER_BIT[lever]
    if (!(active & bit)) {
      result[lever] = ZERO
      continue
    }
    const bySize = [ZERO, ZERO, ZERO, ZERO]
    for (let t = 1; t < 8; t++) {
      if (!(t & bit) || (t & active) !== t || contributions[t]!.isZero()) continue
      const size = popcount(t)
      bySize[size] = bySize[size]!.plus(contributions[t]!)
    }
    const share = bySize[1]!.plus(bySize[2]!.div(2)).plus(bySize[3]!.div(3))
    result[lever] = share.isZero() ? ZERO : share.negated()
  }
  return result
}

/** {@link shapleyFromContributions} of one workload's projection. */
export function shapleyFromDividends(
  p: Pick<WorkloadProjection, 'contributions' | 'active'>,
  levers: readonly Lever[],
): Partial<Record<Lever, Decimal>> {
  return shapleyFromContributions(p.contributions, p.active, levers)
}
