import type { Decimal } from '../../domain/money.js'
import type { StoredModelPrice, StoredPriceBook } from './price-books.types.js'

// Stored decimals are presented exactly as stored (no rounding): prices are facts, not results.
const text = (value: Decimal) => value.toFixed()

export function presentModel(model: StoredModelPrice) {
  return {
    modelId: model.modelId,
    aliases: [...model.aliases],
    displayName: model.displayName,
    input: text(model.input),
    output: text(model.output),
    cacheWrite5m: text(model.cacheWrite5m),
    cacheWrite1h: text(model.cacheWrite1h),
    cacheRead: text(model.cacheRead),
    batchDiscount: text(model.batchDiscount),
    minCacheableTokens: text(model.minCacheableTokens),
    tokenizerRatio: text(model.tokenizerRatio),
    longContextBands: model.longContextBands.map((band) => ({
      thresholdTokens: text(band.thresholdTokens),
      input: text(band.input),
      output: text(band.output),
      cacheWrite5m: text(band.cacheWrite5m),
      cacheWrite1h: text(band.cacheWrite1h),
      cacheRead: text(band.cacheRead),
    })),
    dataResidencyMultiplier:
      model.dataResidencyMultiplier === null ? null : text(model.dataResidencyMultiplier),
    deprecatedAt: model.deprecatedAt,
    retiresAt: model.retiresAt,
    effectiveFrom: model.effectiveFrom,
    source: model.source,
  }
}

type BookMeta = Omit<StoredPriceBook, 'models'>

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

export function presentBook(book: StoredPriceBook) {
  return { ...presentBookMeta(book), models: book.models.map(presentModel) }
}
