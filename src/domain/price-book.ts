import { PRICE_LIMITS } from './limits.js'
import { Decimal, ONE, ROUNDING } from './money.js'

/**
 * The per-token prices of a token class set, in the order every mapping writes them. This tuple is the one
 * list of them: the database mapping, the presenters, the request and response schemas, the codec and the
 * discount all iterate it, so a new token class is added here and nowhere else.
 */
export const TOKEN_PRICE_FIELDS = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const

/** One of {@link TOKEN_PRICE_FIELDS}. */
export type TokenPriceField = (typeof TOKEN_PRICE_FIELDS)[number]

/**
 * The decimals of a model that are not token prices and apply to the model as a whole (not to a long-context
 * band), in the order every mapping writes them. A discount off list leaves them alone.
 */
export const MODEL_FACTOR_FIELDS = ['batchDiscount', 'minCacheableTokens', 'tokenizerRatio'] as const

/** One of {@link MODEL_FACTOR_FIELDS}. */
export type ModelFactorField = (typeof MODEL_FACTOR_FIELDS)[number]

/** The token prices with values of any type: decimals, decimal strings, zod schemas, database decimals. */
export type TokenPricesOf<T> = { [K in TokenPriceField]: T }

/** A long-context band with values of any type (see {@link TokenPricesOf}). */
export type LongContextBandOf<T> = TokenPricesOf<T> & { thresholdTokens: T }

/**
 * Every decimal of a model — token prices, factors, bands and the residency multiplier — with values of any
 * type. The generic shape lets one function ({@link mapModelDecimals}) convert between representations.
 */
export type ModelDecimalsOf<T> = TokenPricesOf<T> & { [K in ModelFactorField]: T } & {
  longContextBands: readonly LongContextBandOf<T>[]
  dataResidencyMultiplier: T | null
}

/** Per-MTok prices of one token class set (USD per million tokens). */
export interface TokenPrices extends TokenPricesOf<Decimal> {
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
  /**
   * The id of the model of the same book that replaces this one (what `MODEL_RETIRING` tells a plan to move
   * to), or null / absent when the book names none. Never the model itself: a book that stores one checks it
   * names another of its models (see {@link successorProblem}).
   */
  successor?: string | null
}

/** A versioned set of model prices (the built-in list prices, or an organization's negotiated rates). */
export interface PriceBook {
  id: string
  /**
   * The short name the book is referred to by (`anthropic-list`), when the caller has it; messages name the
   * book by it (an id means nothing to the person reading them).
   */
  slug?: string
  name: string
  currency: 'USD'
  /** ISO date (YYYY-MM-DD) from which these prices apply. */
  effectiveFrom: string
  source: string
  models: readonly ModelPrice[]
}

/** A record with one entry per token price field, each made by `make` (schemas, descriptions…). */
export function tokenPriceRecord<T>(make: (field: TokenPriceField) => T): TokenPricesOf<T> {
  const out = {} as TokenPricesOf<T>
  for (const field of TOKEN_PRICE_FIELDS) out[field] = make(field)
  return out
}

/** Converts every token price with `convert`; other members of `prices` are not copied. */
export function mapTokenPrices<A, B>(
  prices: TokenPricesOf<A>,
  convert: (value: A, field: TokenPriceField) => B,
): TokenPricesOf<B> {
  return tokenPriceRecord((field) => convert(prices[field], field))
}

/**
 * Converts every decimal of a model — token prices, factors, each band's threshold and prices, the residency
 * multiplier (null stays null) — with `convert`, and returns only those members, in the order of the API's
 * documents. Names, dates and sources are the caller's to copy: their types differ between representations
 * (a database row holds dates as `Date`s), decimals all go through `convert`.
 */
export function mapModelDecimals<A, B>(
  model: ModelDecimalsOf<A>,
  convert: (value: A) => B,
): ModelDecimalsOf<B> & { longContextBands: LongContextBandOf<B>[] } {
  const factors = {} as { [K in ModelFactorField]: B }
  for (const field of MODEL_FACTOR_FIELDS) factors[field] = convert(model[field])
  return {
    ...mapTokenPrices(model, convert),
    ...factors,
    longContextBands: model.longContextBands.map((band) => ({
      thresholdTokens: convert(band.thresholdTokens),
      ...mapTokenPrices(band, convert),
    })),
    dataResidencyMultiplier:
      model.dataResidencyMultiplier === null ? null : convert(model.dataResidencyMultiplier),
  }
}

/**
 * What is wrong with a model's `successor` in a book, or null when nothing is: it must be the id of another model
 * of the same book (exactly its `modelId`, so that renaming an alias cannot break it), never the model itself.
 * Absent and null are fine (the book names no successor). Shared by the built-in book's loader and the
 * price-book routes, which put the sentence at their own pointer.
 *
 * @param book the book's models, as they will be stored
 * @param model the model whose successor is checked
 * @returns a sentence in lower case (`successor 'x' is not a model id of this book…`), or null
 */
export function successorProblem(
  book: { models: readonly Pick<ModelPrice, 'modelId' | 'aliases'>[] },
  model: Pick<ModelPrice, 'modelId' | 'successor'>,
): string | null {
  const successor = model.successor
  if (successor === null || successor === undefined) return null
  if (successor === model.modelId) return `a model cannot be its own successor ('${successor}')`
  if (book.models.some((m) => m.modelId === successor)) return null
  const wanted = successor.trim().toLowerCase()
  const named = book.models.find((m) => modelNames(m).some((name) => name.toLowerCase() === wanted))
  if (named && named.modelId === model.modelId) return `a model cannot be its own successor ('${successor}')`
  if (named) return `successor '${successor}' must be a model id: use '${named.modelId}'`
  return `successor '${successor}' is not a model of this book; name another model of the book by its id`
}

/** Every name a model answers to: its id, then its aliases. */
export function modelNames(model: Pick<ModelPrice, 'modelId' | 'aliases'>): string[] {
  return [model.modelId, ...model.aliases]
}

/**
 * Finds a model in a price book by canonical id or alias (case-insensitive), or returns undefined.
 */
export function findModel<M extends ModelPrice>(book: { models: readonly M[] }, name: string): M | undefined {
  const wanted = name.trim().toLowerCase()
  return book.models.find(
    (m) => m.modelId.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
  )
}

/**
 * Applies a uniform discount off the book's prices to one model: every per-token price — base rates and each
 * long-context band's — becomes `price × (1 − discount)`. Everything else is kept as it is: the batch discount
 * (a share, not a price), the tokenizer ratio, the minimum cacheable prefix, the residency multiplier, the band
 * thresholds, names and dates.
 *
 * **Rounding.** The product is exact in decimal.js (a price has at most 10 + 10 digits and the discount at most
 * 6 decimals, well inside the 40 significant digits of {@link Decimal}); prices are stored as
 * `NUMERIC(20, 10)`, so a product with more than {@link PRICE_LIMITS.maxDecimals} decimals is rounded once to
 * 10 decimals, **half up** (the rounding of every figure we present, {@link ROUNDING.money}). We round here,
 * rather than let the database do it, so that the figure is the same on every database and is the one the
 * answer shows. Example: 3 × (1 − 0.123457) = 2.629629 exactly; 0.0000000003 × (1 − 0.5) = 0.00000000015,
 * stored as 0.0000000002.
 *
 * @param model a model of the book copied from
 * @param discount the share taken off, 0 ≤ discount < 1 (the caller validates it)
 * @returns a new model; `model` is not changed
 */
export function discountModelPrices<M extends ModelPrice>(model: M, discount: Decimal): M {
  const keep = ONE.minus(discount)
  // Through our own constructor: a price may come from another decimal.js instance (Prisma bundles one).
  const off = (price: Decimal) =>
    new Decimal(price).times(keep).toDecimalPlaces(PRICE_LIMITS.maxDecimals, ROUNDING.money)
  return {
    ...model,
    ...mapTokenPrices(model, off),
    longContextBands: model.longContextBands.map((band) => ({ ...band, ...mapTokenPrices(band, off) })),
  }
}

/**
 * The families listed first, in this order: the most capable first. Any other family follows, alphabetically.
 */
export const MODEL_FAMILY_ORDER: readonly string[] = ['opus', 'sonnet', 'haiku']

interface CatalogueKey {
  rank: number
  family: string
  version: number[]
  date: string
}

/**
 * Reads a model id the way Anthropic writes them, old (`claude-3-5-haiku-20241022`) and new
 * (`claude-opus-4-5-20251101`, `claude-sonnet-5`) alike: the family is the first word that is not `claude`,
 * the version the short numbers (3-5 → 3.5), the snapshot date the eight-digit number.
 */
function catalogueKey(modelId: string): CatalogueKey {
  const tokens = modelId.toLowerCase().split(/[-_.\s]+/)
  const family = tokens.find((t) => /^[a-z]+$/.test(t) && t !== 'claude') ?? ''
  const known = MODEL_FAMILY_ORDER.indexOf(family)
  return {
    rank: known >= 0 ? known : family === '' ? MODEL_FAMILY_ORDER.length + 1 : MODEL_FAMILY_ORDER.length,
    family,
    version: tokens.filter((t) => /^\d{1,4}$/.test(t)).map(Number),
    date: tokens.find((t) => /^\d{8}$/.test(t)) ?? '',
  }
}

/** Compares versions component by component, a missing component counting as 0 (4 = 4.0 < 4.1). */
function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

/**
 * The catalogue order of models: by family (Opus, Sonnet, Haiku, then other families alphabetically, then ids
 * with no family word), newest version first within a family (5.5, 5, 4.8 … 4.1, 4, 3), then the newest
 * snapshot date, then the id. A total order, so every answer lists a book's models the same way.
 */
export function compareModels(a: Pick<ModelPrice, 'modelId'>, b: Pick<ModelPrice, 'modelId'>): number {
  const ka = catalogueKey(a.modelId)
  const kb = catalogueKey(b.modelId)
  if (ka.rank !== kb.rank) return ka.rank - kb.rank
  if (ka.family !== kb.family) return ka.family < kb.family ? -1 : 1
  const version = compareVersions(kb.version, ka.version)
  if (version !== 0) return version
  if (ka.date !== kb.date) return ka.date > kb.date ? -1 : 1
  return a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0
}

/** A copy of `models` in {@link compareModels}'s catalogue order. */
export function sortModels<M extends Pick<ModelPrice, 'modelId'>>(models: readonly M[]): M[] {
  return [...models].sort(compareModels)
}
