import { z } from 'zod'
import { type Decimal, dec } from '../../domain/money.js'
import {
  type ModelPrice,
  mapModelDecimals,
  successorProblem,
  tokenPriceRecord,
} from '../../domain/price-book.js'
import data from './anthropic-list.json' with { type: 'json' }

/** A non-negative decimal string such as `"6.25"` (no sign, no exponent, no thousands separators). */
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string like "6.25"')

/** An ISO calendar date, `YYYY-MM-DD`. */
const isoDate = z.iso.date()

/** The five per-MTok token prices shared by a model's base rates and its long-context bands. */
const tokenPricesShape = tokenPriceRecord(() => decimalString)

/** JSON form of a long-context band (`LongContextBand`). */
export const longContextBandJsonSchema = z.strictObject({
  thresholdTokens: decimalString,
  ...tokenPricesShape,
})

/** JSON form of one model's list prices: {@link ModelPrice} plus its own effective date and sources. */
export const modelPriceJsonSchema = z
  .strictObject({
    modelId: z.string().min(1),
    aliases: z.array(z.string().min(1)),
    displayName: z.string().min(1),
    ...tokenPricesShape,
    batchDiscount: decimalString,
    minCacheableTokens: decimalString,
    tokenizerRatio: decimalString,
    longContextBands: z.array(longContextBandJsonSchema),
    dataResidencyMultiplier: decimalString.nullable(),
    deprecatedAt: isoDate.nullable(),
    retiresAt: isoDate.nullable(),
    /** Id of the model of this book that replaces this one; absent when the fact sheet names none. */
    successor: z.string().min(1).optional(),
    effectiveFrom: isoDate,
    source: z.string().min(1),
  })
  .superRefine((model, ctx) => {
    // Bands must be listed lowest threshold first, without duplicates (the domain type relies on it).
    let previous: Decimal | undefined
    model.longContextBands.forEach((band, i) => {
      const threshold = dec(band.thresholdTokens)
      if (previous !== undefined && !threshold.gt(previous)) {
        ctx.addIssue({
          code: 'custom',
          path: ['longContextBands', i, 'thresholdTokens'],
          message: 'long-context bands must have strictly ascending thresholds',
        })
      }
      previous = threshold
    })
  })

/**
 * Schema of `anthropic-list.json`, the built-in Anthropic list-price book. All prices are decimal
 * strings in USD per million tokens; model ids and aliases must be unique across the book
 * (case-insensitively, as `findModel` in `src/domain/price-book.ts` matches them).
 */
export const anthropicListBookSchema = z
  .strictObject({
    slug: z.string().min(1),
    name: z.string().min(1),
    currency: z.literal('USD'),
    effectiveFrom: isoDate,
    source: z.string().min(1),
    models: z.array(modelPriceJsonSchema).min(1),
  })
  .superRefine((book, ctx) => {
    const seen = new Map<string, string>()
    book.models.forEach((model, i) => {
      for (const name of [model.modelId, ...model.aliases]) {
        const key = name.trim().toLowerCase()
        const owner = seen.get(key)
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['models', i],
            message: `model name "${name}" is already used by ${owner}`,
          })
        } else {
          seen.set(key, model.modelId)
        }
      }
    })
    book.models.forEach((model, i) => {
      const problem = successorProblem(book, model)
      if (problem) ctx.addIssue({ code: 'custom', path: ['models', i, 'successor'], message: problem })
    })
  })

/** The parsed JSON of the built-in book, prices still as decimal strings. */
export type AnthropicListBookJson = z.infer<typeof anthropicListBookSchema>

/** One model of the built-in book: a {@link ModelPrice} with the date its prices apply from and their sources. */
export interface AnthropicListModel extends ModelPrice {
  /** ISO date (YYYY-MM-DD) from which this model's prices apply. */
  effectiveFrom: string
  /** Where the prices come from (URLs), with notes on conflicts and judgement calls. */
  source: string
}

/** The built-in Anthropic list-price book with every price as a {@link Decimal}. */
export interface AnthropicListBook {
  slug: string
  name: string
  currency: 'USD'
  /** ISO date (YYYY-MM-DD): the newest price change contained in the book. */
  effectiveFrom: string
  source: string
  models: AnthropicListModel[]
}

// Every decimal through the one mapping of price-book.ts (each price field listed once, there).
function toModel(model: z.infer<typeof modelPriceJsonSchema>): AnthropicListModel {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, dec),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    successor: model.successor ?? null,
    effectiveFrom: model.effectiveFrom,
    source: model.source,
  }
}

/**
 * Parses a price book in the `anthropic-list.json` format and converts every price to the engine's
 * {@link Decimal} (straight from the decimal strings, never through JS numbers).
 *
 * @param json - The raw JSON value.
 * @returns The book with decimal prices.
 * @throws {z.ZodError} When the JSON does not match {@link anthropicListBookSchema}.
 */
export function parseAnthropicListBook(json: unknown): AnthropicListBook {
  const book = anthropicListBookSchema.parse(json)
  return {
    slug: book.slug,
    name: book.name,
    currency: book.currency,
    effectiveFrom: book.effectiveFrom,
    source: book.source,
    models: book.models.map(toModel),
  }
}

/**
 * Loads the built-in Anthropic list-price book (`anthropic-list.json`, compiled from the shared pricing
 * fact sheet): every Claude model with its base, cache and long-context prices in USD per MTok, batch
 * discount, minimum cacheable prefix, tokenizer ratio, data-residency multiplier, lifecycle dates and, where the
 * fact sheet names one, the successor model.
 *
 * Each call validates the bundled JSON and returns fresh objects, so a caller mutating the result
 * cannot affect other callers.
 *
 * @returns The book; its `models` are {@link ModelPrice}s (with their own `effectiveFrom` and `source`),
 *   to be looked up with `findModel` from `src/domain/price-book.ts`.
 * @throws {z.ZodError} If the bundled JSON is invalid (a packaging error, caught by the unit tests).
 */
export function loadAnthropicListBook(): AnthropicListBook {
  return parseAnthropicListBook(data)
}
