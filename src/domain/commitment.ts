import { formatPercent, formatUsd } from './format.js'
import { Decimal, ONE, ZERO } from './money.js'
import type { DiscountTier, OverageBilling } from './plan-request.js'
import { type SimulatedSpend, spendQuantile } from './simulation.js'

/**
 * The recommended commitment and the side-by-side evaluation of commitment options (docs/cost-model.md, the commitment model). Every
 * expectation is over the simulated term spend U_i = U_det·k_i; with the ratios sorted and prefix-summed, each
 * option needs one binary search and a few Decimal operations.
 */

/** Which option: the recommendation, one per discount tier, the buyer's proposed commit, the baseline-sized one. */
export type OptionKind = 'recommended' | 'tier' | 'proposed' | 'baseline'

/** The expected outcome of committing `commit` at `discountRate`. */
export interface OptionFigures {
  commit: Decimal
  discountRate: Decimal
  /** E[min(C, consumption)] / C (1 when C = 0). */
  expectedUtilization: Decimal
  /** E[min(C, consumption)] / E[consumption] (1 when there is no usage). */
  expectedCoverage: Decimal
  /** Share of runs whose consumption U·(1 − d) is strictly below C. */
  shortfallProbability: Decimal
  /** E[max(0, C − consumption)]: the commitment paid but not used. */
  expectedStranded: Decimal
  /** Expected total payment for the term (commitment plus overage). */
  expectedPayment: Decimal
  /** (E[U] − expected payment) / E[U]: saving versus paying list with no commitment (0 when E[U] is 0). */
  effectiveSavingsRate: Decimal
}

/** One evaluated option, with a short human label. */
export interface CommitmentOption extends OptionFigures {
  kind: OptionKind
  label: string
}

/** Number of runs whose consumption a·k_i is strictly below `commit` (ratios ascending, a ≥ 0). */
function countBelow(sim: SimulatedSpend, a: Decimal, commit: Decimal): number {
  let lo = 0
  let hi = sim.runs
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a.times(sim.ratios[mid]!).lt(commit)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Evaluates a commitment C at discount d. Consumption is cons_i = U_i·(1 − d). Overage above C is billed at the
 * discounted rate (payment max(C, cons)) or at list (C + max(0, cons − C)/(1 − d)).
 */
export function evaluateCommitment(
  sim: SimulatedSpend,
  commit: Decimal,
  discountRate: Decimal,
  overage: OverageBilling,
): OptionFigures {
  const n = sim.runs
  const a = sim.deterministic.times(ONE.minus(discountRate))
  const j = countBelow(sim, a, commit)
  const sumAll = sim.prefix[n]!
  const sumBelow = sim.prefix[j]!
  const below = new Decimal(j).div(n)
  const above = new Decimal(n - j).div(n)
  const meanLowK = sumBelow.div(n)
  const meanHighK = sumAll.minus(sumBelow).div(n)
  const meanMin = a.times(meanLowK).plus(commit.times(above))
  const meanConsumption = a.times(sumAll.div(n))
  const meanSpend = sim.deterministic.times(sumAll.div(n))
  const expectedPayment =
    overage === 'discounted'
      ? commit.times(below).plus(a.times(meanHighK))
      : commit.plus(a.times(meanHighK).minus(commit.times(above)).div(ONE.minus(discountRate)))
  return {
    commit,
    discountRate,
    expectedUtilization: commit.isZero() ? ONE : meanMin.div(commit),
    expectedCoverage: meanConsumption.isZero() ? ONE : meanMin.div(meanConsumption),
    shortfallProbability: below,
    expectedStranded: commit.times(below).minus(a.times(meanLowK)),
    expectedPayment,
    effectiveSavingsRate: meanSpend.isZero() ? ZERO : meanSpend.minus(expectedPayment).div(meanSpend),
  }
}

/** The commitment the buyer is `confidence`-sure to consume, and its discount. */
export interface RecommendedCommit {
  commit: Decimal
  discountRate: Decimal
  /** Index of the tier it falls in, or -1 when none qualifies (list price). */
  tier: number
}

/**
 * For each tier t, C_t = (1 − confidence)-quantile of U·(1 − d_t) (= (1 − d_t) × the quantile of U, the quantile
 * commuting with a positive scale); the recommendation is C_t of the highest-discount tier with C_t ≥ minCommit_t
 * (ties: the earlier tier), or else d = 0 and C = the quantile of U. With no uncertainty it is U_det·(1 − d).
 */
export function recommendCommit(
  sim: SimulatedSpend,
  confidence: Decimal,
  tiers: readonly DiscountTier[],
): RecommendedCommit {
  const q = spendQuantile(sim, ONE.minus(confidence))
  let best: RecommendedCommit = { commit: q, discountRate: ZERO, tier: -1 }
  tiers.forEach((tier, i) => {
    const c = q.times(ONE.minus(tier.discountRate))
    if (c.gte(tier.minCommit) && (best.tier < 0 || tier.discountRate.gt(best.discountRate))) {
      best = { commit: c, discountRate: tier.discountRate, tier: i }
    }
  })
  return best
}

/** The highest discount among tiers whose minimum a commitment of `commit` reaches (0 when none). */
export function discountFor(commit: Decimal, tiers: readonly DiscountTier[]): Decimal {
  let d = ZERO
  for (const t of tiers) if (commit.gte(t.minCommit) && t.discountRate.gt(d)) d = t.discountRate
  return d
}

/** Inputs of {@link commitmentOptions}. */
export interface OptionsInput {
  sim: SimulatedSpend
  confidence: Decimal
  tiers: readonly DiscountTier[]
  overage: OverageBilling
  proposedCommit: Decimal | null
  /** Deterministic baseline term spend (what a buyer who commits before optimizing would size on). */
  baselineTermSpend: Decimal
}

/**
 * Every option, side by side, in this order: the recommendation; one per tier (C = max(C_t, minCommit_t) at d_t,
 * in the request's tier order); the proposed commit (at the best discount its size reaches); and a commitment sized
 * on today's baseline (B·(1 − d_t) for the highest-discount tier it reaches, else B at list).
 */
export function commitmentOptions(input: OptionsInput): CommitmentOption[] {
  const { sim, confidence, tiers, overage } = input
  const confidenceText = formatPercent(confidence)
  const option = (kind: OptionKind, label: string, commit: Decimal, d: Decimal): CommitmentOption => ({
    kind,
    label,
    ...evaluateCommitment(sim, commit, d, overage),
  })
  const discountText = (d: Decimal) => (d.isZero() ? 'at list price' : `at ${formatPercent(d)} off`)

  const rec = recommendCommit(sim, confidence, tiers)
  const options: CommitmentOption[] = [
    option(
      'recommended',
      `Recommended: commit ${formatUsd(rec.commit, 'dollars')} ${discountText(rec.discountRate)}, the spend the optimized plan consumes with ${confidenceText} confidence`,
      rec.commit,
      rec.discountRate,
    ),
  ]
  const q = spendQuantile(sim, ONE.minus(confidence))
  tiers.forEach((tier, i) => {
    const c = Decimal.max(q.times(ONE.minus(tier.discountRate)), tier.minCommit)
    options.push(
      option(
        'tier',
        `Tier ${i + 1}: commit ${formatUsd(c, 'dollars')} ${discountText(tier.discountRate)} (minimum ${formatUsd(tier.minCommit, 'dollars')})`,
        c,
        tier.discountRate,
      ),
    )
  })
  if (input.proposedCommit) {
    const d = discountFor(input.proposedCommit, tiers)
    options.push(
      option(
        'proposed',
        `Proposed: commit ${formatUsd(input.proposedCommit, 'dollars')} ${discountText(d)}`,
        input.proposedCommit,
        d,
      ),
    )
  }
  const b = input.baselineTermSpend
  let baseline = { commit: b, discountRate: ZERO }
  for (const t of tiers) {
    const c = b.times(ONE.minus(t.discountRate))
    if (c.gte(t.minCommit) && t.discountRate.gt(baseline.discountRate))
      baseline = { commit: c, discountRate: t.discountRate }
  }
  options.push(
    option(
      'baseline',
      `Sized on today's baseline: commit ${formatUsd(baseline.commit, 'dollars')} ${discountText(baseline.discountRate)}, what committing before optimizing would sign`,
      baseline.commit,
      baseline.discountRate,
    ),
  )
  return options
}
