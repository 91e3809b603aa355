import { formatCount, formatPercent, formatUsd } from '../format.js'
import { Decimal, ONE } from '../money.js'
import type { SimulatedSpend } from '../simulation.js'
import type { LowestPayment } from './lowest-payment.js'
import { SAME_AMOUNT, type Settlement } from './settlement.js'
import { confidentAmount, type Rung, type SizedCommit, type TierLadder } from './tiers.js'

/**
 * The words of the options: a short `label` per kind and a `basis` sentence saying how the amount was derived —
 * which quantile, which tier, why — quoting the figures a finance reader would check.
 */

/** A kind's label and the basis of its amount. */
export interface OptionSentences {
  label: string
  basis: string
}

interface SentenceInput {
  settlement: Settlement
  ladder: TierLadder
  confidence: Decimal
  term: SimulatedSpend
  baselineTermSpend: Decimal
  /** The figure the recommendation rule sized: q (term) or Q = Σ q_y (annual). */
  confident: Decimal
}

const usd = (x: Decimal) => formatUsd(x, 'dollars')
const off = (rung: Rung) =>
  rung.discountRate.isZero() ? 'at list price' : `at ${formatPercent(rung.discountRate)} off`
const tierName = (rung: Rung) =>
  `tier ${rung.index} (${usd(rung.minCommit)} minimum, ${formatPercent(rung.discountRate)} off)`

/** The sentence builders of one plan. */
export function optionSentences(input: SentenceInput) {
  const { settlement: s, ladder, confidence } = input
  const risk = ONE.minus(confidence)
  const quantile = `P${risk.times(100).toDecimalPlaces(2).toString()}`
  const runs = formatCount(new Decimal(s.runs))
  const annual = s.structure === 'annual'
  const forecast = annual
    ? `the sum of each contract year's ${quantile} of the simulated optimized spend, ${usd(input.confident)} (each year is at least its figure in ${formatPercent(confidence)} of ${runs} runs)`
    : `the ${quantile} of the simulated optimized term spend, ${usd(input.confident)} (the spend is at least this in ${formatPercent(confidence)} of ${runs} runs)`
  const byConfident = !s.confidentTotal.isZero()
  const allocation = annual
    ? `, allocated to the contract years in proportion to their ${byConfident ? 'confident' : 'planned'} spend`
    : ''

  /** How a sized amount came about, for the recommendation and the baseline-sized option. */
  const sized = (what: string, x: Decimal, c: SizedCommit): string => {
    if (c.rung.index === 0) return noTier(what, x, c)
    const consumed = `at ${tierName(c.rung)} it consumes ${usd(c.uncapped)}, which reaches the minimum`
    const cap = c.cappedBelow
      ? `; that is more than the ${usd(c.cappedBelow.minCommit)} minimum of tier ${c.cappedBelow.index}, which it does not reach at that tier's own discount (${usd(confidentAmount(x, c.cappedBelow))}), so it is capped at ${usd(c.commit)} inside tier ${c.rung.index} — compare committing the next minimum (TIER_CLIFF)`
      : ''
    return `${what}; ${consumed}${cap}. Commit ${usd(c.commit)}${allocation}.`
  }

  const noTier = (what: string, x: Decimal, c: SizedCommit): string => {
    const first = ladder[1]
    if (!first) {
      return `${what}. No discount tiers were given, so committing it at list price saves nothing: it is the amount to negotiate tiers around.`
    }
    // Runs whose consumption at the smallest tier's discount reaches its minimum: the largest ratios.
    const term = input.term
    const keep = term.deterministic.times(ONE.minus(first.discountRate))
    let reach = 0
    while (
      reach < term.runs &&
      keep.times(term.ratio(term.runs - 1 - reach)).gte(first.minCommit.minus(SAME_AMOUNT))
    )
      reach++
    const cap = c.cappedBelow ? ` (kept at ${usd(c.commit)}, a dollar below that minimum)` : ''
    // The share of runs quotes the optimized simulation: it says how far the forecast is from the tier, which is
    // what the recommendation's reader needs; for the baseline-sized amount it would answer another question.
    const share =
      x === input.confident
        ? `, which ${formatPercent(new Decimal(reach).div(s.runs))} of the simulated runs reach`
        : ''
    return `${what}. No tier is reachable: at the smallest tier's ${formatPercent(first.discountRate)} discount it would consume ${usd(confidentAmount(x, first))}, short of that tier's ${usd(first.minCommit)} minimum${share}. ${usd(c.commit)}${cap} is the amount to negotiate with: committing it at list price saves nothing.`
  }

  return {
    recommended(c: SizedCommit): OptionSentences {
      return {
        label: `Recommended: commit ${usd(c.commit)} ${off(c.rung)}, the spend the optimized plan consumes with ${formatPercent(confidence)} confidence`,
        basis: sized(`The recommendation sizes on ${forecast}`, input.confident, c),
      }
    },
    tier(rung: Rung, c: SizedCommit): OptionSentences {
      const consumed = confidentAmount(input.confident, rung)
      const basis = consumed.gte(rung.minCommit)
        ? `Tier ${rung.index}'s confident amount: at its ${formatPercent(rung.discountRate)} discount ${forecast} consumes ${usd(consumed)}${c.cappedBelow ? `, capped at ${usd(c.commit)} below tier ${c.cappedBelow.index}'s minimum` : ''}${allocation}.`
        : `Tier ${rung.index}'s minimum: at its ${formatPercent(rung.discountRate)} discount ${forecast} consumes only ${usd(consumed)}, below the ${usd(rung.minCommit)} minimum, so reaching the tier means committing the minimum${allocation}.`
      return {
        label: `Tier ${rung.index}: commit ${usd(c.commit)} ${off(rung)} (minimum ${usd(rung.minCommit)})`,
        basis,
      }
    },
    proposed(total: Decimal, rung: Rung, byYear: readonly Decimal[] | null): OptionSentences {
      const ramp = byYear ? `, by contract year ${byYear.map(usd).join(', ')}` : allocation
      const earns =
        rung.index === 0 ? 'reaches no tier and is billed at list price' : `reaches ${tierName(rung)}`
      return {
        label: `Proposed: commit ${usd(total)} ${off(rung)}`,
        basis: `The proposed commitment as given${ramp}; its total ${usd(total)} ${earns}.`,
      }
    },
    baseline(c: SizedCommit): OptionSentences {
      return {
        label: `Sized on today's baseline: commit ${usd(c.commit)} ${off(c.rung)}, what committing before optimizing would sign`,
        basis: sized(
          `The recommendation rule applied to today's deterministic baseline term spend, ${usd(input.baselineTermSpend)}, in place of the optimized forecast`,
          input.baselineTermSpend,
          c,
        ),
      }
    },
    lowest(l: LowestPayment): OptionSentences {
      const bands =
        s.overage === 'list'
          ? ', and, with overage billed at list, the runs’ consumption inside each tier’s band'
          : ''
      return {
        label: `Lowest expected payment: commit ${usd(l.commit)} ${off(l.rung)}`,
        basis: `Of ${formatCount(new Decimal(l.candidates))} candidate amounts (no commitment, each tier's minimum${bands}), ${usd(l.commit)} has the lowest mean payment over the ${runs} simulated runs, whatever its shortfall risk${allocation}.`,
      }
    },
    none(): OptionSentences {
      return {
        label: 'No commitment: pay as you go at list price',
        basis:
          'Nothing committed, every dollar billed at list: the reference row every effective savings rate is measured against.',
      }
    },
  }
}
