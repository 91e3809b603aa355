import type { Decimal } from '../../domain/money.js'
import { mapModelDecimals, sortModels } from '../../domain/price-book.js'
import type { StoredModelPrice, StoredPriceBook } from './price-books.types.js'

// Stored decimals are presented exactly as stored (no rounding): prices are facts, not results.
const text = (value: Decimal) => value.toFixed()

/** What a model's answer holds beyond its prices. */
export interface ModelPresentation {
  /**
   * Include `source`, the model's references and notes (often a thousand characters): always in a book's
   * own answer, in model listings only when asked for (`?include=source`).
   */
  source: boolean
}

/** One model as the API answers it: every decimal a string, in the field order of the `ModelPrice` schema. */
export function presentModel(model: StoredModelPrice, { source }: ModelPresentation = { source: true }) {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    ...mapModelDecimals(model, text),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    successor: model.successor ?? null,
    effectiveFrom: model.effectiveFrom,
    ...(source ? { source: model.source } : {}),
  }
}

/** A book's models in catalogue order (family, newest version first), as every answer lists them. */
export function presentModels(models: readonly StoredModelPrice[], presentation?: ModelPresentation) {
  return sortModels(models).map((model) => presentModel(model, presentation))
}

type BookMeta = Omit<StoredPriceBook, 'models'>

/** A book's own fields, without its models (lists of books). */
export function presentBookMeta(book: BookMeta) {
  return {
    id: book.id,
    slug: book.slug,
    name: book.name,
    builtIn: book.organizationId === null,
    currency: book.currency,
    effectiveFrom: book.effectiveFrom,
    source: book.source,
    description: book.description,
    version: book.version,
    createdAt: book.createdAt.toISOString(),
    updatedAt: book.updatedAt.toISOString(),
  }
}

/** A whole book with every model (its sources included), in catalogue order. */
export function presentBook(book: StoredPriceBook) {
  return { ...presentBookMeta(book), models: presentModels(book.models) }
}

/** How a book is named beside its models in model answers. */
export function presentBookRef(book: BookMeta) {
  return { id: book.id, slug: book.slug, name: book.name, effectiveFrom: book.effectiveFrom }
}
