import { Decimal, ONE } from './money.js'
import type { CacheTtl, InferenceGeo } from './plan-request.js'
import type { ModelPrice, TokenPrices } from './price-book.js'

/** Prices are per million tokens; the engine works per token. */
const PER_MTOK = new Decimal('0.000001')

/**
 * The per-token prices one request pays on one model: the long-context band (if any) already chosen, the
 * data-residency multiplier already applied.
 */
export interface RateCard {
  input: Decimal
  output: Decimal
  cacheRead: Decimal
  cacheWrite5m: Decimal
  cacheWrite1h: Decimal
  /** cacheWrite5m − cacheRead: h·read + (1 − h)·write = write − h·(write − read). */
  writeSpread5m: Decimal
  /** cacheWrite1h − cacheRead. */
  writeSpread1h: Decimal
  batchDiscount: Decimal
  minCacheableTokens: Decimal
}

/** A request's token counts (averages, may be fractional), already scaled to the model it runs on. */
export interface RequestTokens {
  input: Decimal
  prefix: Decimal
  output: Decimal
}

/** Whether and how a request caches its prefix: null = it does not cache (no write premium). */
export interface CachingState {
  hitRate: Decimal
  ttl: CacheTtl
}

/**
 * Index of the long-context band a request with `inputTokens` input tokens falls in: the highest band whose
 * threshold the input *exceeds* (strictly, as the price pages say "over 200K"), or -1 for base rates.
 */
export function bandIndex(model: ModelPrice, inputTokens: Decimal): number {
  for (let i = model.longContextBands.length - 1; i >= 0; i--) {
    if (inputTokens.gt(model.longContextBands[i]!.thresholdTokens)) return i
  }
  return -1
}

/** Builds a rate card: per-MTok prices of `band` (-1 = base) ÷ 1,000,000, times the residency multiplier. */
export function rateCard(model: ModelPrice, band: number, geo: InferenceGeo): RateCard {
  const prices: TokenPrices = band < 0 ? model : model.longContextBands[band]!
  const multiplier = geo === 'us' && model.dataResidencyMultiplier ? model.dataResidencyMultiplier : ONE
  const scale = multiplier.eq(ONE) ? PER_MTOK : PER_MTOK.times(multiplier)
  const cacheRead = prices.cacheRead.times(scale)
  const cacheWrite5m = prices.cacheWrite5m.times(scale)
  const cacheWrite1h = prices.cacheWrite1h.times(scale)
  return {
    input: prices.input.times(scale),
    output: prices.output.times(scale),
    cacheRead,
    cacheWrite5m,
    cacheWrite1h,
    writeSpread5m: cacheWrite5m.minus(cacheRead),
    writeSpread1h: cacheWrite1h.minus(cacheRead),
    batchDiscount: model.batchDiscount,
    minCacheableTokens: model.minCacheableTokens,
  }
}

/** Looks up (and memoizes) the rate card a request with `inputTokens` input tokens pays on `model`. */
export type RateCards = (model: ModelPrice, inputTokens: Decimal, geo: InferenceGeo) => RateCard

/**
 * A memoizing {@link RateCards} for one plan computation: a portfolio has few distinct (model, band, geo)
 * combinations, so each card is built once. The memo lives only as long as the returned function.
 */
export function createRateCards(): RateCards {
  const memo = new Map<ModelPrice, Map<string, RateCard>>()
  return (model, inputTokens, geo) => {
    const band = bandIndex(model, inputTokens)
    const key = `${band}|${geo === 'us' && model.dataResidencyMultiplier ? 'us' : 'global'}`
    let byKey = memo.get(model)
    if (!byKey) {
      byKey = new Map()
      memo.set(model, byKey)
    }
    let card = byKey.get(key)
    if (!card) {
      card = rateCard(model, band, geo)
      byKey.set(key, card)
    }
    return card
  }
}

/** True when a request with these tokens actually caches on this card (a prefix at or above the minimum). */
export function prefixCacheable(card: RateCard, tokens: RequestTokens, ignoreMinimum = false): boolean {
  return (
    !tokens.prefix.isZero() &&
    !tokens.prefix.isNegative() &&
    (ignoreMinimum || tokens.prefix.gte(card.minCacheableTokens))
  )
}

/**
 * Real-time cost of one request (docs/cost-model.md, the cost of one request):
 *
 *     uncached  c = I·in + O·out
 *     cached    c = (I − P)·in + P·(h·read + (1 − h)·write_ttl) + O·out
 *
 * The cached formula applies only when `caching` is given and the prefix is cacheable on this card
 * ({@link prefixCacheable}); otherwise the prefix is plain input, with no write premium. `ignoreMinimum`
 * prices caching even below the model's minimum (used only to size CACHE_PREFIX_TOO_SHORT). The batch tier is
 * applied by the caller, as c·(1 − batchDiscount). The per-prefix-token price is computed as
 * write − h·(write − read), which equals h·read + (1 − h)·write.
 */
export function requestCost(
  card: RateCard,
  tokens: RequestTokens,
  caching: CachingState | null,
  ignoreMinimum = false,
): Decimal {
  return requestCosts(card, tokens, [caching], ignoreMinimum)[0]!
}

/**
 * {@link requestCost} for several caching states of the same request, sharing the parts they have in common
 * (I·in, O·out, (I − P)·in). States that are the same object give the same result object.
 */
export function requestCosts(
  card: RateCard,
  tokens: RequestTokens,
  states: readonly (CachingState | null)[],
  ignoreMinimum = false,
): Decimal[] {
  const out = tokens.output.times(card.output)
  const cacheable = prefixCacheable(card, tokens, ignoreMinimum)
  let uncached: Decimal | undefined
  let rest: Decimal | undefined
  const results: Decimal[] = []
  for (let i = 0; i < states.length; i++) {
    const state = states[i] ?? null
    const same = states.indexOf(state)
    if (same < i) {
      results.push(results[same]!)
      continue
    }
    if (!state || !cacheable) {
      uncached ??= tokens.input.times(card.input).plus(out)
      results.push(uncached)
      continue
    }
    rest ??= tokens.input.minus(tokens.prefix).times(card.input).plus(out)
    const write = state.ttl === '1h' ? card.cacheWrite1h : card.cacheWrite5m
    const spread = state.ttl === '1h' ? card.writeSpread1h : card.writeSpread5m
    const h = state.hitRate
    const perPrefixToken = h.isZero() ? write : write.minus(h.times(spread))
    results.push(rest.plus(tokens.prefix.times(perPrefixToken)))
  }
  return results
}
