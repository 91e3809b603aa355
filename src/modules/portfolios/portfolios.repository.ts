import type { PrismaClient } from '../../db/client.js'
import type { Prisma } from '../../db/generated/client.js'
import type { Db } from '../../db/prisma-helpers.js'
import { afterCursor, type Cursor, PAGE_ORDER } from '../../lib/pagination.js'

/** A portfolio as stored, with its default price book. */
export interface StoredPortfolio {
  id: string
  organizationId: string
  name: string
  description: string
  currency: 'USD'
  defaultPriceBook: { id: string; slug: string; name: string; version: number }
  version: number
  workloadsRevision: number
  archivedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface PortfolioInput {
  name: string
  description: string
  defaultPriceBookId: string
}

const WITH_BOOK = {
  defaultPriceBook: { select: { id: true, slug: true, name: true, version: true } },
} as const satisfies Prisma.PortfolioInclude

type PortfolioRow = Prisma.PortfolioGetPayload<{ include: typeof WITH_BOOK }>

function toPortfolio(row: PortfolioRow): StoredPortfolio {
  if (!row.defaultPriceBook) throw new Error(`portfolio ${row.id} has no default price book`)
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    currency: 'USD',
    defaultPriceBook: row.defaultPriceBook,
    version: row.version,
    workloadsRevision: row.workloadsRevision,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** Prisma queries for portfolios, every one scoped to the organization that owns them. */
export function createPortfolioRepository(db: PrismaClient) {
  return {
    async findOwned(organizationId: string, id: string, tx: Db = db): Promise<StoredPortfolio | null> {
      const row = await tx.portfolio.findFirst({ where: { id, organizationId }, include: WITH_BOOK })
      return row ? toPortfolio(row) : null
    },

    async list(
      organizationId: string,
      includeArchived: boolean,
      limit: number,
      after: Cursor | undefined,
      tx: Db = db,
    ): Promise<StoredPortfolio[]> {
      const rows = await tx.portfolio.findMany({
        where: { AND: [{ organizationId }, includeArchived ? {} : { archivedAt: null }, afterCursor(after)] },
        include: WITH_BOOK,
        orderBy: PAGE_ORDER,
        take: limit + 1,
      })
      return rows.map(toPortfolio)
    },

    async create(organizationId: string, input: PortfolioInput, tx: Db): Promise<StoredPortfolio> {
      const row = await tx.portfolio.create({
        data: { organizationId, ...input },
        include: WITH_BOOK,
      })
      return toPortfolio(row)
    },

    /** Applies `changes` if the portfolio is still at `expectedVersion`; null when it is not (or gone). */
    async update(
      organizationId: string,
      id: string,
      expectedVersion: number,
      changes: Partial<PortfolioInput> & { archivedAt?: Date },
      tx: Db,
    ): Promise<StoredPortfolio | null> {
      const { count } = await tx.portfolio.updateMany({
        where: { id, organizationId, version: expectedVersion },
        data: { ...changes, version: { increment: 1 } },
      })
      if (count === 0) return null
      return toPortfolio(await tx.portfolio.findUniqueOrThrow({ where: { id }, include: WITH_BOOK }))
    },

    async hasScenarios(id: string, tx: Db = db): Promise<boolean> {
      return (await tx.scenario.count({ where: { portfolioId: id } })) > 0
    },

    /** Deletes the portfolio (its workloads go with it) if still at `expectedVersion`. */
    async remove(organizationId: string, id: string, expectedVersion: number, tx: Db): Promise<boolean> {
      const { count } = await tx.portfolio.deleteMany({
        where: { id, organizationId, version: expectedVersion },
      })
      return count > 0
    },

    /**
     * Marks a change to the portfolio's workloads (a plan input) and takes the portfolio's row lock for the
     * rest of the transaction, so concurrent workload writes to one portfolio are serialized (the workload
     * limit and name checks then see each other's rows). Returns the portfolio as it now is.
     */
    async touchWorkloads(organizationId: string, id: string, tx: Db): Promise<StoredPortfolio | null> {
      // Raw, so that neither the portfolio's version nor its updatedAt move: its own representation (and
      // so its ETag) is unchanged by a change to its workloads.
      const count = await tx.$executeRaw`
        UPDATE "Portfolio" SET "workloadsRevision" = "workloadsRevision" + 1
        WHERE "id" = ${id}::uuid AND "organizationId" = ${organizationId}::uuid`
      if (count === 0) return null
      return toPortfolio(await tx.portfolio.findUniqueOrThrow({ where: { id }, include: WITH_BOOK }))
    },
  }
}

export type PortfolioRepository = ReturnType<typeof createPortfolioRepository>
