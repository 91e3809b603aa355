import { type Decimal, ONE, ZERO } from '../money.js'
import type { DiscountTier } from '../plan-request.js'

/**
 * The tier ladder of a commitment (docs/cost-model.md, the discount a commitment earns). Tiers are sorted by
 * `minCommit` (validation sorts and checks them: minimums distinct whole dollars above 0, discounts strictly
 * rising); "no commitment" is tier 0 with m_0 = 0 and d_0 = 0, which every amount reaches. Every minimum is a total
 * for the whole term, whatever the structure.
 */

/** One rung: tier 0 is "no commitment". */
export interface Rung {
  /** 0 for no commitment, 1 for the smallest minimum, … */
  index: number
  minCommit: Decimal
  discountRate: Decimal
}

/** The ladder, rung 0 first. */
export type TierLadder = readonly Rung[]

/** Builds the ladder from validated tiers (ascending `minCommit`). */
export function tierLadder(tiers: readonly DiscountTier[]): TierLadder {
  return [
    { index: 0, minCommit: ZERO, discountRate: ZERO },
    ...tiers.map((t, i) => ({ index: i + 1, minCommit: t.minCommit, discountRate: t.discountRate })),
  ]
}

/** The rung a total commitment C reaches: the highest whose minimum m_t ≤ C (rung 0 below every tier). */
export function rungFor(ladder: TierLadder, commit: Decimal): Rung {
  let rung = ladder[0]!
  for (const r of ladder) if (r.minCommit.lte(commit)) rung = r
  return rung
}

/** d(C) = max{ d_t : m_t ≤ C }: the discount a total commitment earns. */
export const discountFor = (ladder: TierLadder, commit: Decimal): Decimal =>
  rungFor(ladder, commit).discountRate

/** What the sizing rule gives for one spend figure. */
export interface SizedCommit {
  /** Ĉ_t: the confident amount kept inside its tier. */
  commit: Decimal
  rung: Rung
  /** C_t = x·(1 − d_t) before the cap. */
  uncapped: Decimal
  /** The next rung's minimum when C_t reached it and was capped at m_{t+1} − 1, else null. */
  cappedBelow: Rung | null
}

/**
 * The recommendation rule (§3.5) applied to a spend figure x (the confident quantile q, the annual sum Q, or the
 * baseline B): for each rung t, C_t = x·(1 − d_t) kept inside its tier, Ĉ_t = min(C_t, m_{t+1} − 1) (the top tier
 * has no cap); the answer is Ĉ_t of the highest-discount rung with C_t ≥ m_t (rung 0 always qualifies).
 */
export function sizeCommit(ladder: TierLadder, x: Decimal): SizedCommit {
  let chosen = ladder[0]!
  for (const r of ladder) if (r.index > 0 && confidentAmount(x, r).gte(r.minCommit)) chosen = r
  return keepInside(ladder, chosen, confidentAmount(x, chosen))
}

/** C_t = x·(1 − d_t). */
export const confidentAmount = (x: Decimal, rung: Rung): Decimal =>
  rung.discountRate.isZero() ? x : x.times(ONE.minus(rung.discountRate))

/** Ĉ_t = min(C_t, m_{t+1} − 1), with the rung that capped it. */
export function keepInside(ladder: TierLadder, rung: Rung, amount: Decimal): SizedCommit {
  const next = ladder[rung.index + 1]
  if (next) {
    const cap = next.minCommit.minus(ONE)
    if (amount.gt(cap)) return { commit: cap, rung, uncapped: amount, cappedBelow: next }
  }
  return { commit: amount, rung, uncapped: amount, cappedBelow: null }
}

/** A tier's own option amount: max(m_t, Ĉ_t) — the confident amount when the tier qualifies, else its minimum. */
export function tierAmount(ladder: TierLadder, rung: Rung, x: Decimal): SizedCommit {
  const inside = keepInside(ladder, rung, confidentAmount(x, rung))
  return inside.commit.lt(rung.minCommit) ? { ...inside, commit: rung.minCommit, cappedBelow: null } : inside
}
