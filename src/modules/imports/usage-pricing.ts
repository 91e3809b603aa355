import { type Decimal, type ModelPrice, ONE, ZERO } from '../../domain/index.js'
import { bandIndex, type RateCard, rateCard } from '../../domain/request-cost.js'
import { TOKEN_CLASSES, type TokenClass, type TokenTotals } from './observed-usage.js'
import type { Segment } from './usage-grouping.js'

/**
 * Observed tokens priced with a price book: what the usage cost at the book's rates, class by class. This is
 * billing, not the planner's model of a request — each token is priced in its own class (a 5-minute write at
 * the 5-minute price, a batch token at the batch discount) — so comparing it with the planner's baseline of
 * the workload made from the same tokens shows whatever the model cannot hold.
 */

/** A group's rate cards, one per inference geo (the residency multiplier differs). */
export interface GroupCards {
  global: RateCard
  us: RateCard
}

/**
 * The rates a group's requests pay: the long-context band an average request of `inputPerRequest` tokens falls
 * in — the rule the planner applies to the workload, so the two agree on the band — and each geo's multiplier.
 */
export function groupCards(model: ModelPrice, inputPerRequest: Decimal): GroupCards {
  const band = bandIndex(model, inputPerRequest)
  return { global: rateCard(model, band, 'global'), us: rateCard(model, band, 'us') }
}

/** Per-token price of each token class on a card. */
function priceOf(card: RateCard, cls: TokenClass): Decimal {
  switch (cls) {
    case 'uncachedInput':
      return card.input
    case 'cacheRead':
      return card.cacheRead
    case 'cacheWrite5m':
      return card.cacheWrite5m
    case 'cacheWrite1h':
      return card.cacheWrite1h
    case 'output':
      return card.output
  }
}

/** Real-time (not batch-discounted) cost of each token class of `tokens`. */
export function realTimeCosts(tokens: TokenTotals, card: RateCard): Record<TokenClass, Decimal> {
  const out = {} as Record<TokenClass, Decimal>
  for (const cls of TOKEN_CLASSES) out[cls] = tokens[cls].times(priceOf(card, cls))
  return out
}

const sum = (costs: Record<TokenClass, Decimal>) =>
  TOKEN_CLASSES.reduce((total, cls) => total.plus(costs[cls]), ZERO)

/** What a segment cost at the book's rates, class by class: real time, or with the batch discount. */
export function segmentCosts(segment: Segment, cards: GroupCards): Record<TokenClass, Decimal> {
  const costs = realTimeCosts(segment.tokens, cards[segment.geo])
  if (!segment.batch) return costs
  const keep = ONE.minus(cards.global.batchDiscount)
  for (const cls of TOKEN_CLASSES) costs[cls] = costs[cls].times(keep)
  return costs
}

/** A group's usage priced: the list cost and the real-time cost of the part that ran in batch. */
export interface GroupPricing {
  /** What the usage cost at the book's rates (batch discounted). */
  listCost: Decimal
  /** What all of it would have cost in real time. */
  realTimeCost: Decimal
  /** What the batch part would have cost in real time. */
  batchRealTimeCost: Decimal
}

/** Prices a group's segments with its cards. */
export function priceSegments(segments: readonly Segment[], cards: GroupCards): GroupPricing {
  let listCost = ZERO
  let realTime = ZERO
  let batchRealTime = ZERO
  for (const segment of segments) {
    const rt = sum(realTimeCosts(segment.tokens, cards[segment.geo]))
    realTime = realTime.plus(rt)
    if (segment.batch) {
      batchRealTime = batchRealTime.plus(rt)
      listCost = listCost.plus(rt.times(ONE.minus(cards.global.batchDiscount)))
    } else listCost = listCost.plus(rt)
  }
  return { listCost, realTimeCost: realTime, batchRealTimeCost: batchRealTime }
}

/**
 * The batch share a workload needs for its baseline to cost what its usage did: the share of the group's
 * real-time cost that ran in batch. When batch and real-time requests look alike it is the share of requests
 * in batch; when they do not (batch prompts are often longer), it weighs each by what it costs, which is what
 * `cost × (1 − share × discount)` needs to come out right.
 */
export function batchShare(pricing: GroupPricing): Decimal {
  return pricing.realTimeCost.isZero() ? ZERO : pricing.batchRealTimeCost.div(pricing.realTimeCost)
}
