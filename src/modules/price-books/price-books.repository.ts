import type { PrismaClient } from '../../db/client.js'
import type { Prisma } from '../../db/generated/client.js'
import { type Db, dateOf, isForeignKeyViolation, isoDate, prismaCode } from '../../db/prisma-helpers.js'
import { type Decimal, dec } from '../../domain/money.js'
import { mapModelDecimals } from '../../domain/price-book.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'
import type {
  ModelPriceInput,
  PriceBookInput,
  StoredModelPrice,
  StoredPriceBook,
} from './price-books.types.js'

export type { Db }

const WITH_MODELS = {
  models: {
    orderBy: [{ position: 'asc' }, { modelId: 'asc' }],
    include: { longContextBands: { orderBy: { thresholdTokens: 'asc' } } },
  },
} as const satisfies Prisma.PriceBookInclude

type BookRow = Prisma.PriceBookGetPayload<{ include: typeof WITH_MODELS }>
type ModelRow = BookRow['models'][number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Prisma's Decimal is its own bundled decimal.js: cross the boundary by string, never by number.
const toDec = (value: Prisma.Decimal): Decimal => dec(value.toString())
const isoDateOrNull = (value: Date | null): string | null => (value === null ? null : isoDate(value))
const toDate = dateOf
const toDateOrNull = (iso: string | null | undefined): Date | null => (iso ? toDate(iso) : null)

// Every decimal through the one mapping of price-book.ts (each price field listed once, there).
function toModel(row: ModelRow): StoredModelPrice {
  return {
    modelId: row.modelId,
    aliases: row.aliases,
    displayName: row.displayName,
    ...mapModelDecimals(row, toDec),
    deprecatedAt: isoDateOrNull(row.deprecatedAt),
    retiresAt: isoDateOrNull(row.retiresAt),
    successor: row.successor,
    effectiveFrom: isoDateOrNull(row.effectiveFrom),
    source: row.source,
  }
}

function toBookMeta(row: Prisma.PriceBookGetPayload<object>): Omit<StoredPriceBook, 'models'> {
  return {
    id: row.id,
    slug: row.slug,
    organizationId: row.organizationId,
    name: row.name,
    currency: 'USD',
    effectiveFrom: isoDate(row.effectiveFrom),
    source: row.source,
    description: row.description,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function toBook(row: BookRow): StoredPriceBook {
  return { ...toBookMeta(row), models: row.models.map(toModel) }
}

/**
 * A model's columns and its bands' rows, every decimal as its exact text (Prisma's Decimal is another
 * decimal.js: crossing by string keeps every digit).
 */
function modelColumns(model: ModelPriceInput) {
  const { longContextBands, ...decimals } = mapModelDecimals(model, (value: Decimal) => value.toString())
  return {
    columns: {
      modelId: model.modelId,
      aliases: [...model.aliases],
      displayName: model.displayName,
      ...decimals,
      deprecatedAt: toDateOrNull(model.deprecatedAt),
      retiresAt: toDateOrNull(model.retiresAt),
      successor: model.successor ?? null,
      effectiveFrom: toDateOrNull(model.effectiveFrom),
      source: model.source ?? '',
    },
    bands: longContextBands,
  }
}

function modelCreateData(
  model: ModelPriceInput,
  position: number,
): Prisma.ModelPriceCreateWithoutPriceBookInput {
  const { columns, bands } = modelColumns(model)
  return { ...columns, position, longContextBands: { create: bands } }
}

/**
 * The constraint a P2002 names: its columns (PGlite's driver gives those, quoted) or its index name
 * (node-postgres's driver gives that), lower-cased, quotes removed.
 */
function uniqueViolationTarget(error: unknown): string[] {
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {}
  const cause = (
    meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown; index?: unknown } } }
  )?.cause
  const target = meta.target ?? cause?.constraint?.fields ?? cause?.constraint?.index
  const names = Array.isArray(target) ? target : [target]
  return names
    .filter((name) => typeof name === 'string')
    .map((name) => name.replaceAll('"', '').toLowerCase())
}

/** True for a unique violation of a book's slug (two creates or renames racing for one slug). */
export function isSlugConflict(error: unknown): boolean {
  return (
    prismaCode(error) === 'P2002' &&
    uniqueViolationTarget(error).some((name) => name === 'slug' || name.endsWith('_slug_key'))
  )
}

/** True for a foreign-key violation: a delete that rows elsewhere still refer to (scenarios). */
export function isStillReferenced(error: unknown): boolean {
  return isForeignKeyViolation(error)
}

/** Books an organization can see: the built-in ones and its own. */
const visibleTo = (organizationId: string): Prisma.PriceBookWhereInput => ({
  OR: [{ organizationId: null }, { organizationId }],
})

/**
 * Prisma queries for price books. Every read is scoped to what the organization can see; every
 * write to what it owns. Rows are mapped to domain types with our Decimal at this boundary.
 */
export function createPriceBookRepository(db: PrismaClient) {
  return {
    /** By uuid or slug; the organization's own slug wins over a built-in one. */
    async findVisible(organizationId: string, ref: string, tx: Db = db): Promise<StoredPriceBook | null> {
      const where: Prisma.PriceBookWhereInput = UUID.test(ref) ? { id: ref } : { slug: ref }
      const rows = await tx.priceBook.findMany({
        where: { AND: [where, visibleTo(organizationId)] },
        include: WITH_MODELS,
        orderBy: { organizationId: { sort: 'asc', nulls: 'last' } },
        take: 1,
      })
      return rows[0] ? toBook(rows[0]) : null
    },

    async list(organizationId: string, limit: number, after: Cursor | undefined, tx: Db = db) {
      const rows = await tx.priceBook.findMany({
        where: { AND: [visibleTo(organizationId), afterCursor(after)] },
        include: { _count: { select: { models: true } } },
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
      return rows.map((row) => ({ ...toBookMeta(row), modelCount: row._count.models }))
    },

    async slugTaken(
      organizationId: string,
      slug: string,
      exceptId: string | null,
      tx: Db = db,
    ): Promise<boolean> {
      const found = await tx.priceBook.findFirst({
        where: { slug, ...visibleTo(organizationId), ...(exceptId ? { NOT: { id: exceptId } } : {}) },
        select: { id: true },
      })
      return found !== null
    },

    async create(organizationId: string | null, input: PriceBookInput, tx: Db = db, contentHash?: string) {
      const row = await tx.priceBook.create({
        data: {
          organizationId,
          slug: input.slug,
          name: input.name,
          effectiveFrom: toDate(input.effectiveFrom),
          source: input.source,
          description: input.description,
          contentHash: contentHash ?? null,
          models: { create: input.models.map(modelCreateData) },
        },
        include: WITH_MODELS,
      })
      return toBook(row)
    },

    /**
     * Updates an organization's book if it still has `expectedVersion`; returns null when it does
     * not (stale ETag or gone). Replaces the model list when `models` is given.
     */
    async update(
      organizationId: string,
      id: string,
      expectedVersion: number,
      changes: Partial<PriceBookInput>,
      tx: Db,
    ): Promise<StoredPriceBook | null> {
      const { count } = await tx.priceBook.updateMany({
        where: { id, organizationId, version: expectedVersion },
        data: {
          ...(changes.slug !== undefined ? { slug: changes.slug } : {}),
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.effectiveFrom !== undefined ? { effectiveFrom: toDate(changes.effectiveFrom) } : {}),
          ...(changes.source !== undefined ? { source: changes.source } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          version: { increment: 1 },
        },
      })
      if (count === 0) return null
      if (changes.models) {
        await tx.modelPrice.deleteMany({ where: { priceBookId: id } })
        for (const [position, model] of changes.models.entries()) {
          await tx.modelPrice.create({
            data: { ...modelCreateData(model, position), priceBook: { connect: { id } } },
          })
        }
      }
      const row = await tx.priceBook.findUniqueOrThrow({ where: { id }, include: WITH_MODELS })
      return toBook(row)
    },

    /**
     * Replaces one model of an organization's book (found by its stored `modelId`; its position is kept) and
     * bumps the book's version, if the book still has `expectedVersion`; returns null when it does not.
     */
    async updateModel(
      organizationId: string,
      id: string,
      expectedVersion: number,
      modelId: string,
      model: ModelPriceInput,
      tx: Db,
    ): Promise<StoredPriceBook | null> {
      const { count } = await tx.priceBook.updateMany({
        where: { id, organizationId, version: expectedVersion },
        data: { version: { increment: 1 } },
      })
      if (count === 0) return null
      const { columns, bands } = modelColumns(model)
      await tx.modelPrice.update({
        where: { priceBookId_modelId: { priceBookId: id, modelId } },
        data: { ...columns, longContextBands: { deleteMany: {}, create: bands } },
      })
      const row = await tx.priceBook.findUniqueOrThrow({ where: { id }, include: WITH_MODELS })
      return toBook(row)
    },

    /** True while a scenario or a portfolio (as its default) uses the book. */
    async isReferenced(id: string, tx: Db = db): Promise<boolean> {
      const [scenarios, portfolios] = await Promise.all([
        tx.scenario.count({ where: { priceBookId: id } }),
        tx.portfolio.count({ where: { defaultPriceBookId: id } }),
      ])
      return scenarios + portfolios > 0
    },

    /** Deletes an organization's book at `expectedVersion` (any version when null); false if none matched. */
    async remove(
      organizationId: string,
      id: string,
      expectedVersion: number | null,
      tx: Db = db,
    ): Promise<boolean> {
      const { count } = await tx.priceBook.deleteMany({
        where: { id, organizationId, ...(expectedVersion === null ? {} : { version: expectedVersion }) },
      })
      return count > 0
    },

    /** Built-in book by slug, with the hash of the data it was seeded from. */
    async findBuiltin(slug: string, tx: Db = db) {
      return tx.priceBook.findFirst({
        where: { slug, organizationId: null },
        select: { id: true, contentHash: true },
      })
    },

    /** Replaces a built-in book's contents (re-seeding after the shipped data changed). */
    async replaceBuiltin(id: string, input: PriceBookInput, contentHash: string, tx: Db) {
      await tx.modelPrice.deleteMany({ where: { priceBookId: id } })
      await tx.priceBook.update({
        where: { id },
        data: {
          name: input.name,
          effectiveFrom: toDate(input.effectiveFrom),
          source: input.source,
          description: input.description,
          contentHash,
          version: { increment: 1 },
          models: { create: input.models.map(modelCreateData) },
        },
      })
    },
  }
}

export type PriceBookRepository = ReturnType<typeof createPriceBookRepository>
