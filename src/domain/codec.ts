import { type Decimal, dec } from './money.js'
import {
  type LongContextBandOf,
  type ModelDecimalsOf,
  type ModelPrice,
  mapModelDecimals,
  type PriceBook,
  type TokenPricesOf,
} from './price-book.js'

/**
 * Plain-data forms of the engine's inputs, for crossing a thread boundary. A {@link Decimal} cannot be posted to
 * another thread (the structured clone of `postMessage` refuses it, DataCloneError), so a price book travels with every decimal written as its exact decimal string and is rebuilt on the other side. Encoding
 * and decoding are exact: `decodePriceBook(encodePriceBook(book))` equals `book` digit for digit.
 */

/** {@link TokenPrices} with every price a decimal string. */
export type TokenPricesWire = TokenPricesOf<string>

/** A {@link LongContextBand} with every decimal a decimal string. */
export type LongContextBandWire = LongContextBandOf<string>

/** A {@link ModelPrice} with every decimal a decimal string. */
export interface ModelPriceWire extends Omit<ModelDecimalsOf<string>, 'longContextBands'> {
  modelId: string
  aliases: string[]
  displayName: string
  longContextBands: LongContextBandWire[]
  deprecatedAt: string | null
  retiresAt: string | null
  /** The successor's model id, or null when the book names none. */
  successor: string | null
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

// The decimals are converted by the one mapping of price-book.ts (every field listed once); names and dates
// are the same on both sides.
function encodeModel(model: ModelPrice): ModelPriceWire {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, text),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    successor: model.successor ?? null,
  }
}

function decodeModel(model: ModelPriceWire): ModelPrice {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, dec),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    // Absent when the book names none, as a book built without the field has it.
    ...(model.successor ? { successor: model.successor } : {}),
  }
}

/**
 * A price book as plain data: every decimal as its exact decimal string. Only the fields of {@link PriceBook}
 * the engine computes with are kept (a stored book's slug, owner, version and timestamps stay behind).
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
