import type { Decimal } from '../money.js'
import type { CommitmentOption, OptionKind } from '../plan-shape.js'
import type { SimulatedSpend } from '../simulation.js'
import { evaluate, type Outcome } from './evaluate.js'
import { lowestExpectedPayment } from './lowest-payment.js'
import { type OptionSentences, optionSentences } from './sentences.js'
import { allocate, SAME_AMOUNT, type Settlement, sum } from './settlement.js'
import { type Rung, rungFor, type SizedCommit, sizeCommit, type TierLadder, tierAmount } from './tiers.js'

/**
 * The commitment options, always side by side (docs/cost-model.md, options): exactly these six kinds, in this
 * order — the recommendation; every tier at its best amount inside the tier; the proposed commitment; one sized on
 * today's baseline; the lowest expected payment; no commitment. Every amount is evaluated at the discount its
 * total earns, d(C). An option equal to one listed before it (the same discount and the same amount in every
 * period) is not repeated: the earlier one carries both kinds and both labels.
 */

/** What the options are built from. */
export interface OptionsInput {
  settlement: Settlement
  ladder: TierLadder
  confidence: Decimal
  /** The term's simulated spend (for the share of runs that reach the smallest tier). */
  term: SimulatedSpend
  proposedCommit: Decimal | null
  /** The vendor's ramp, one amount per contract year (`structure: annual` only). */
  proposedCommitByYear: readonly Decimal[] | null
  /** Deterministic baseline term spend B. */
  baselineTermSpend: Decimal
}

/** The options and what the warnings need to know about how they were sized. */
export interface CommitmentAnalysis {
  options: CommitmentOption[]
  /** The settlement the options were evaluated over (its periods' confident spend q_p included). */
  settlement: Settlement
  /** How the recommendation was sized (its cap, when the next tier's minimum stopped it). */
  recommended: SizedCommit
  /** How the baseline-sized option was sized. */
  baseline: SizedCommit
  /** Evaluates another total, allocated like `shape` (or by the settlement's weights), at the discount it earns. */
  evaluateTotal(total: Decimal, shape?: readonly Decimal[]): Outcome
}

interface Candidate {
  kind: OptionKind
  total: Decimal
  commits: Decimal[]
  rung: Rung
  sentences: OptionSentences
}

/** Builds every option (see the module comment). */
export function commitmentOptions(input: OptionsInput): CommitmentAnalysis {
  const { settlement: s, ladder } = input
  const annual = s.structure === 'annual'
  const x = annual ? s.confidentTotal : s.confident[0]!
  const say = optionSentences({ ...input, confident: x })

  const recommended = sizeCommit(ladder, x)
  const candidates: Candidate[] = [
    {
      kind: 'recommended',
      total: recommended.commit,
      commits: allocate(s, recommended.commit),
      rung: recommended.rung,
      sentences: say.recommended(recommended),
    },
  ]
  for (const rung of ladder.slice(1)) {
    const amount = tierAmount(ladder, rung, x)
    candidates.push({
      kind: 'tier',
      total: amount.commit,
      commits: allocate(s, amount.commit),
      rung,
      sentences: say.tier(rung, amount),
    })
  }
  const proposed = input.proposedCommitByYear ? [...input.proposedCommitByYear] : null
  const proposedTotal = proposed ? sum(proposed) : input.proposedCommit
  if (proposedTotal) {
    const rung = rungFor(ladder, proposedTotal)
    candidates.push({
      kind: 'proposed',
      total: proposedTotal,
      commits: proposed ?? allocate(s, proposedTotal),
      rung,
      sentences: say.proposed(proposedTotal, rung, proposed),
    })
  }
  const baseline = sizeCommit(ladder, input.baselineTermSpend)
  candidates.push({
    kind: 'baseline',
    total: baseline.commit,
    commits: allocate(s, baseline.commit),
    rung: baseline.rung,
    sentences: say.baseline(baseline),
  })
  const lowest = lowestExpectedPayment(s, ladder)
  candidates.push({
    kind: 'lowestExpectedPayment',
    total: lowest.commit,
    commits: allocate(s, lowest.commit),
    rung: lowest.rung,
    sentences: say.lowest(lowest),
  })
  candidates.push({
    kind: 'noCommitment',
    total: ladder[0]!.minCommit,
    commits: allocate(s, ladder[0]!.minCommit),
    rung: ladder[0]!,
    sentences: say.none(),
  })

  const options: CommitmentOption[] = []
  for (const c of candidates) {
    const same = options.find(
      (o) =>
        o.discountRate.eq(c.rung.discountRate) &&
        o.commit.minus(c.total).abs().lte(SAME_AMOUNT) &&
        sameAmounts(o, c.commits),
    )
    if (same) {
      same.kinds.push(c.kind)
      same.labels.push(c.sentences.label)
      continue
    }
    const outcome = evaluate(s, c.commits, c.rung.discountRate, c.total)
    options.push(toOption(c, outcome))
  }

  return {
    options,
    settlement: s,
    recommended,
    baseline,
    evaluateTotal(total, shape) {
      const shapeTotal = shape ? sum(shape) : null
      const commits =
        shape && shapeTotal && !shapeTotal.isZero()
          ? shape.map((c) => c.times(total).div(shapeTotal))
          : allocate(s, total)
      return evaluate(s, commits, rungFor(ladder, total).discountRate, total)
    },
  }
}

function sameAmounts(o: CommitmentOption, commits: readonly Decimal[]): boolean {
  return o.years.every((y, i) => y.commit.minus(commits[i]!).abs().lte(SAME_AMOUNT))
}

function toOption(c: Candidate, o: Outcome): CommitmentOption {
  return {
    kind: c.kind,
    kinds: [c.kind],
    label: c.sentences.label,
    labels: [c.sentences.label],
    basis: c.sentences.basis,
    commit: o.commit,
    discountRate: o.discountRate,
    tier: c.rung.index,
    expectedUtilization: o.expectedUtilization,
    expectedCoverage: o.expectedCoverage,
    shortfallProbability: o.shortfallProbability,
    expectedStranded: o.expectedStranded,
    expectedPayment: o.expectedPayment,
    effectiveSavingsRate: o.effectiveSavingsRate,
    years: o.periods.map((p, i) => ({
      year: i + 1,
      commit: p.commit,
      expectedPayment: p.expectedPayment,
      expectedStranded: p.expectedStranded,
    })),
  }
}
