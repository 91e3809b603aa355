import type { Decimal } from './money.js'

/** Per-MTok prices of one token class set (USD per million tokens). */
export interface TokenPrices {
  /** Plain (uncached) input. */
  input: Decimal
  output: Decimal
  /** Cache write with the 5-minute TTL (1.25× input on list prices). */
  cacheWrite5m: Decimal
  /** Cache write with the 1-hour TTL (2× input on list prices). */
  cacheWrite1h: Decimal
  /** Cache hit (read or refresh), 0.1× input on most list prices. */
  cacheRead: Decimal
}

/**
 * A long-context band: when a request's input tokens exceed `thresholdTokens`, the *whole* request
 * (every token class) is priced at the band's rates instead of the base rates.
 */
export interface LongContextBand extends TokenPrices {
  thresholdTokens: Decimal
}

/** One model's prices in a price book. All prices are USD per MTok. */
export interface ModelPrice extends TokenPrices {
  /** Canonical (dated where one exists) model id, e.g. `claude-opus-4-5-20251101`. */
  modelId: string
  /** Alternative names accepted in requests, e.g. `claude-opus-4-5`. */
  aliases: readonly string[]
  displayName: string
  /** Fraction taken off every token class of a batch request (0.5 on list prices). */
  batchDiscount: Decimal
  /** A cacheable prefix shorter than this many tokens is not cached and is billed as plain input. */
  minCacheableTokens: Decimal
  /** Tokens this model produces for a text relative to the previous tokenizer (1.0, or about 1.3). */
  tokenizerRatio: Decimal
  /** Long-context bands, lowest threshold first; empty when the model prices its whole context flat. */
  longContextBands: readonly LongContextBand[]
  /** Multiplier on every token class for US-only inference where it applies (1.1), or null. */
  dataResidencyMultiplier: Decimal | null
  /** ISO date (YYYY-MM-DD) the model was deprecated, or null. */
  deprecatedAt: string | null
  /** ISO date (YYYY-MM-DD) the model retires, or null. */
  retiresAt: string | null
}

/** A versioned set of model prices (the built-in list prices, or an organization's negotiated rates). */
export interface PriceBook {
  id: string
  name: string
  currency: 'USD'
  /** ISO date (YYYY-MM-DD) from which these prices apply. */
  effectiveFrom: string
  source: string
  models: readonly ModelPrice[]
}

/**
 * Finds a model in a price book by canonical id or alias (case-insensitive), or returns undefined.
 */
export function findModel(book: Pick<PriceBook, 'models'>, name: string): ModelPrice | undefined {
  const wanted = name.trim().toLowerCase()
  return book.models.find(
    (m) => m.modelId.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
  )
}
