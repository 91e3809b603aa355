import { createHash } from 'node:crypto'
import type { PrismaClient } from '../../db/client.js'
import { loadAnthropicListBook } from './anthropic-list.js'
import data from './anthropic-list.json' with { type: 'json' }
import { createPriceBookRepository } from './price-books.repository.js'

/** Slug of the built-in Anthropic list-price book, the default of every request that takes a book. */
export const DEFAULT_PRICE_BOOK = 'anthropic-list'

/**
 * Seeds the built-in price books, and re-seeds one when the data shipped with the service changed
 * (tracked by a hash of the data file). Runs at start-up after migrations; safe to run concurrently
 * from several instances because it runs in one transaction under a transaction-level advisory lock.
 */
export async function seedBuiltinPriceBooks(
  prisma: PrismaClient,
): Promise<'created' | 'updated' | 'unchanged'> {
  const repository = createPriceBookRepository(prisma)
  const book = loadAnthropicListBook()
  const contentHash = createHash('sha256').update(JSON.stringify(data)).digest('hex')
  const input = {
    slug: book.slug,
    name: book.name,
    effectiveFrom: book.effectiveFrom,
    source: book.source,
    description: 'Anthropic public list prices (USD per million tokens), built in.',
    models: book.models,
  }
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707370)`
    const existing = await repository.findBuiltin(book.slug, tx)
    if (!existing) {
      await repository.create(null, input, tx, contentHash)
      return 'created'
    }
    if (existing.contentHash === contentHash) return 'unchanged'
    await repository.replaceBuiltin(existing.id, input, contentHash, tx)
    return 'updated'
  })
}
