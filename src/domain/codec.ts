import { type Decimal, dec } from './money.js'
import type { LongContextBand, ModelPrice, PriceBook, TokenPrices } from './price-book.js'

/**
 * Plain-data forms of the engine's inputs, for crossing a thread boundary. A {@link Decimal} cannot be posted to
 * another thread (the structured clone of `postMessage` refuses it, DataCloneError), so a price book travels with every decimal written as its exact decimal string and is rebuilt on the other side. Encoding
 * and decoding are exact: `decodePriceBook(encodePriceBook(book))` equals `book` digit for digit.
 */

/** {@link TokenPrices} with every price a decimal string. */
export type TokenPricesWire = { [K in keyof TokenPrices]: string }

/** A {@link LongContextBand} with every decimal a decimal string. */
export type LongContextBandWire = TokenPricesWire & { thresholdTokens: string }

/** A {@link ModelPrice} with every decimal a decimal string. */
export interface ModelPriceWire extends TokenPricesWire {
  modelId: string
  aliases: string[]
  displayName: string
  batchDiscount: string
  minCacheableTokens: string
  tokenizerRatio: string
  longContextBands: LongContextBandWire[]
  dataResidencyMultiplier: string | null
  deprecatedAt: string | null
  retiresAt: string | null
}

/** A {@link PriceBook} as plain data (strings, arrays, null): safe to post to a worker thread. */
export interface PriceBookWire {
  id: string
  name: string
  currency: 'USD'
  effectiveFrom: string
  source: string
  models: ModelPriceWire[]
}

// toFixed() never switches to exponent notation, so the string is the value's exact digits.
const text = (value: Decimal): string => value.toFixed()

function encodeTokenPrices(prices: TokenPrices): TokenPricesWire {
  return {
    input: text(prices.input),
    output: text(prices.output),
    cacheWrite5m: text(prices.cacheWrite5m),
    cacheWrite1h: text(prices.cacheWrite1h),
    cacheRead: text(prices.cacheRead),
  }
}

function decodeTokenPrices(prices: TokenPricesWire): TokenPrices {
  return {
    input: dec(prices.input),
    output: dec(prices.output),
    cacheWrite5m: dec(prices.cacheWrite5m),
    cacheWrite1h: dec(prices.cacheWrite1h),
    cacheRead: dec(prices.cacheRead),
  }
}

function encodeModel(model: ModelPrice): ModelPriceWire {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...encodeTokenPrices(model),
    batchDiscount: text(model.batchDiscount),
    minCacheableTokens: text(model.minCacheableTokens),
    tokenizerRatio: text(model.tokenizerRatio),
    longContextBands: model.longContextBands.map((band) => ({
      thresholdTokens: text(band.thresholdTokens),
      ...encodeTokenPrices(band),
    })),
    dataResidencyMultiplier:
      model.dataResidencyMultiplier === null ? null : text(model.dataResidencyMultiplier),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
  }
}

function decodeModel(model: ModelPriceWire): ModelPrice {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...decodeTokenPrices(model),
    batchDiscount: dec(model.batchDiscount),
    minCacheableTokens: dec(model.minCacheableTokens),
    tokenizerRatio: dec(model.tokenizerRatio),
    longContextBands: model.longContextBands.map(
      (band): LongContextBand => ({ thresholdTokens: dec(band.thresholdTokens), ...decodeTokenPrices(band) }),
    ),
    dataResidencyMultiplier:
      model.dataResidencyMultiplier === null ? null : dec(model.dataResidencyMultiplier),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
  }
}

/**
 * A price book as plain data: every decimal as its exact decimal string. Only the fields of {@link PriceBook}
 * are kept (a stored book's owner, version and timestamps stay behind).
 * @param book the book to encode
 * @returns a structured-clone-safe copy
 */
export function encodePriceBook(book: PriceBook): PriceBookWire {
  return {
    id: book.id,
    name: book.name,
    currency: book.currency,
    effectiveFrom: book.effectiveFrom,
    source: book.source,
    models: book.models.map(encodeModel),
  }
}

/**
 * Rebuilds a price book from {@link encodePriceBook}'s plain data.
 * @param wire the plain data
 * @returns the book with every decimal one of the engine's {@link Decimal}s
 * @throws RangeError (or decimal.js's error) when a decimal string is not a finite decimal
 */
export function decodePriceBook(wire: PriceBookWire): PriceBook {
  return {
    id: wire.id,
    name: wire.name,
    currency: wire.currency,
    effectiveFrom: wire.effectiveFrom,
    source: wire.source,
    models: wire.models.map(decodeModel),
  }
}
