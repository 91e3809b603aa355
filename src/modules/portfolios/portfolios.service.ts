import type { Prisma } from '../../db/generated/client.js'
import { isUniqueViolation } from '../../db/prisma-helpers.js'
import type { AuthContext } from '../../lib/auth-context.js'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../../lib/errors.js'
import { etagOf } from '../../lib/etag.js'
import { decodeCursor, toPage } from '../../lib/pagination.js'
import type { Created, Tagged } from '../../lib/write-route.js'
import { changedFields, type HistoryRepository } from '../history/history.repository.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import { DEFAULT_PRICE_BOOK } from '../price-books/builtin-books.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { PortfolioRepository, StoredPortfolio } from './portfolios.repository.js'
import type { CreatePortfolioBody, UpdatePortfolioBody } from './portfolios.schemas.js'

export type Transaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>

export interface PortfolioServiceDeps {
  repository: Pick<
    PortfolioRepository,
    'findOwned' | 'list' | 'create' | 'update' | 'remove' | 'hasScenarios'
  >
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  history: Pick<HistoryRepository, 'record'>
  idempotency: Pick<IdempotencyService, 'create'>
  transaction: Transaction
}

/** A portfolio as the API answers it. */
export function presentPortfolio(portfolio: StoredPortfolio) {
  return {
    id: portfolio.id,
    name: portfolio.name,
    description: portfolio.description,
    currency: portfolio.currency,
    defaultPriceBook: {
      id: portfolio.defaultPriceBook.id,
      slug: portfolio.defaultPriceBook.slug,
      name: portfolio.defaultPriceBook.name,
    },
    archivedAt: portfolio.archivedAt?.toISOString() ?? null,
    version: portfolio.version,
    createdAt: portfolio.createdAt.toISOString(),
    updatedAt: portfolio.updatedAt.toISOString(),
  }
}
export type PortfolioView = ReturnType<typeof presentPortfolio>

const tagged = (portfolio: StoredPortfolio): Tagged<PortfolioView> => ({
  body: presentPortfolio(portfolio),
  etag: etagOf(portfolio.id, portfolio.version),
})

const nameTaken = (name: string) =>
  new ConflictError(`Your organization already has a portfolio named '${name}'.`, 'NAME_TAKEN')

/** Runs `write`; a unique violation (two writes racing for one name) is the same 409 as the check's. */
export async function guardName<T>(
  name: string | undefined,
  taken: (name: string) => Error,
  write: () => Promise<T>,
) {
  try {
    return await write()
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw taken(name)
    throw error
  }
}

const stale = (what: string) =>
  new PreconditionFailedError(`The ${what} was changed since you read it; read it again.`)

/**
 * Access to a portfolio for the modules whose resources live in one (workloads, scenarios, history):
 * another organization's portfolio is a 404, an archived one is read-only (409 ARCHIVED).
 */
export function portfolioAccess(repository: Pick<PortfolioRepository, 'findOwned'>) {
  async function readable(auth: AuthContext, id: string, tx?: Prisma.TransactionClient) {
    const portfolio = await repository.findOwned(auth.organizationId, id, tx)
    if (!portfolio) throw new NotFoundError('Portfolio', id)
    return portfolio
  }
  return {
    readable,
    async writable(auth: AuthContext, id: string, tx?: Prisma.TransactionClient) {
      const portfolio = await readable(auth, id, tx)
      if (portfolio.archivedAt) {
        throw new ConflictError(
          `Portfolio '${portfolio.name}' is archived (it was deleted while it had scenarios) and is read-only.`,
          'ARCHIVED',
        )
      }
      return portfolio
    },
  }
}
export type PortfolioAccess = ReturnType<typeof portfolioAccess>

/**
 * A price book the organization can see, by id or slug, for a field of a write; an unknown one is a 422
 * pointing at the field.
 */
export async function resolvePriceBook(
  priceBooks: Pick<PriceBookRepository, 'findVisible'>,
  auth: AuthContext,
  ref: string,
  pointer: string,
  tx?: Prisma.TransactionClient,
) {
  const book = await priceBooks.findVisible(auth.organizationId, ref, tx)
  if (!book) {
    throw new UnprocessableError(`Price book '${ref}' does not exist.`, [
      {
        in: 'body',
        pointer,
        code: 'unknown_price_book',
        detail: `no price book '${ref}' in your organization or built in`,
      },
    ])
  }
  return book
}

/**
 * Portfolios: a buyer's set of workloads and the scenarios planned over them. Owns the name rule (unique
 * within the organization), the default price book, archiving (a DELETE keeps a portfolio that has
 * scenarios, read-only) and the history of its own changes.
 */
export function createPortfolioService(deps: PortfolioServiceDeps) {
  const { repository, priceBooks, history, idempotency, transaction } = deps
  const access = portfolioAccess(repository)

  return {
    async create(
      auth: AuthContext,
      body: CreatePortfolioBody,
      idempotencyKey: string | undefined,
    ): Promise<Created<PortfolioView>> {
      return guardName(body.name, nameTaken, () =>
        idempotency.create(
          {
            organizationId: auth.organizationId,
            key: idempotencyKey,
            method: 'POST',
            path: '/v1/portfolios',
            body,
          },
          async (tx) => {
            const book = await resolvePriceBook(
              priceBooks,
              auth,
              body.defaultPriceBook ?? DEFAULT_PRICE_BOOK,
              '/defaultPriceBook',
              tx,
            )
            const portfolio = await repository.create(
              auth.organizationId,
              { name: body.name, description: body.description, defaultPriceBookId: book.id },
              tx,
            )
            const view = tagged(portfolio)
            await history.record(tx, auth, [
              {
                portfolioId: portfolio.id,
                resourceType: 'portfolio',
                resourceId: portfolio.id,
                action: 'created',
                before: null,
                after: view.body,
              },
            ])
            return { ...view, location: `/v1/portfolios/${portfolio.id}` }
          },
        ),
      )
    },

    async list(
      auth: AuthContext,
      query: { limit: number; startingAfter?: string | undefined; includeArchived: boolean },
    ) {
      const rows = await repository.list(
        auth.organizationId,
        query.includeArchived,
        query.limit,
        decodeCursor(query.startingAfter),
      )
      return toPage(rows, query.limit, presentPortfolio)
    },

    async get(auth: AuthContext, id: string): Promise<Tagged<PortfolioView>> {
      return tagged(await access.readable(auth, id))
    },

    async update(
      auth: AuthContext,
      id: string,
      expectedVersion: (id: string) => number,
      body: UpdatePortfolioBody,
    ): Promise<Tagged<PortfolioView>> {
      return guardName(body.name, nameTaken, () =>
        transaction(async (tx) => {
          const current = await access.writable(auth, id, tx)
          const version = expectedVersion(current.id)
          const changes: { name?: string; description?: string; defaultPriceBookId?: string } = {}
          if (body.name !== undefined) changes.name = body.name
          if (body.description !== undefined) changes.description = body.description
          if (body.defaultPriceBook !== undefined) {
            const ref = body.defaultPriceBook ?? DEFAULT_PRICE_BOOK
            changes.defaultPriceBookId = (
              await resolvePriceBook(priceBooks, auth, ref, '/defaultPriceBook', tx)
            ).id
          }
          const updated = await repository.update(auth.organizationId, id, version, changes, tx)
          if (!updated) throw stale('portfolio')
          const before = presentPortfolio(current)
          const view = tagged(updated)
          const diff = changedFields(before, view.body)
          if (diff) {
            await history.record(tx, auth, [
              { portfolioId: id, resourceType: 'portfolio', resourceId: id, action: 'updated', ...diff },
            ])
          }
          return view
        }),
      )
    },

    /**
     * Deletes a portfolio with its workloads; one that has scenarios is archived instead (kept, read-only,
     * listed only with `includeArchived`), so that no plan a buyer may have shared disappears.
     */
    async remove(auth: AuthContext, id: string, expectedVersion: (id: string) => number) {
      return transaction(async (tx) => {
        const current = await access.readable(auth, id, tx)
        const version = expectedVersion(current.id)
        const before = presentPortfolio(current)
        if (current.archivedAt) return { id, outcome: 'archived' as const, archivedAt: before.archivedAt }
        if (await repository.hasScenarios(id, tx)) {
          const archived = await repository.update(
            auth.organizationId,
            id,
            version,
            { archivedAt: new Date() },
            tx,
          )
          if (!archived) throw stale('portfolio')
          const after = presentPortfolio(archived)
          await history.record(tx, auth, [
            {
              portfolioId: id,
              resourceType: 'portfolio',
              resourceId: id,
              action: 'archived',
              before: { archivedAt: null },
              after: { archivedAt: after.archivedAt },
            },
          ])
          return { id, outcome: 'archived' as const, archivedAt: after.archivedAt }
        }
        if (!(await repository.remove(auth.organizationId, id, version, tx))) throw stale('portfolio')
        await history.record(tx, auth, [
          {
            portfolioId: id,
            resourceType: 'portfolio',
            resourceId: id,
            action: 'deleted',
            before,
            after: null,
          },
        ])
        return { id, outcome: 'deleted' as const, archivedAt: null }
      })
    },
  }
}

export type PortfolioService = ReturnType<typeof createPortfolioService>
