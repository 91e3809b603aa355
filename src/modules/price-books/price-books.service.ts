import type { Prisma } from '../../db/generated/client.js'
import { findModel } from '../../domain/price-book.js'
import type { AuthContext } from '../../lib/auth-context.js'
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../../lib/errors.js'
import { etagOf } from '../../lib/etag.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import { presentBook, presentBookMeta, presentModel } from './price-books.presenter.js'
import { isSlugConflict, isStillReferenced, type PriceBookRepository } from './price-books.repository.js'
import type { CreatePriceBookBody, UpdatePriceBookBody } from './price-books.schemas.js'
import type { ModelPriceInput, StoredModelPrice, StoredPriceBook } from './price-books.types.js'

export interface PriceBookServiceDeps {
  repository: Pick<
    PriceBookRepository,
    'findVisible' | 'list' | 'slugTaken' | 'create' | 'update' | 'isReferenced' | 'remove'
  >
  idempotency: Pick<IdempotencyService, 'run'>
  transaction: <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>
}

const slugTaken = (slug: string) =>
  new ConflictError(`A price book with slug '${slug}' already exists.`, 'SLUG_TAKEN')

/**
 * Runs `write`, turning a unique violation of the slug index into the same SLUG_TAKEN as the check
 * that precedes every write: two requests racing for one slug both pass the check, and the index
 * decides — the loser must hear the same answer as a request that came second.
 */
async function guardSlug<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (slug !== undefined && isSlugConflict(error)) throw slugTaken(slug)
    throw error
  }
}

/** Model ids and aliases must name one model each within a book (lookups are case-insensitive). */
function assertUniqueModelNames(models: readonly ModelPriceInput[]): void {
  const seen = new Map<string, number>()
  const issues = []
  for (const [index, model] of models.entries()) {
    for (const name of [model.modelId, ...model.aliases]) {
      const key = name.toLowerCase()
      if (seen.has(key) && seen.get(key) !== index) {
        issues.push({
          in: 'body' as const,
          pointer: `/models/${index}/modelId`,
          code: 'duplicate_model',
          detail: `'${name}' already names model #${seen.get(key)}`,
        })
      }
      seen.set(key, index)
    }
  }
  if (issues.length > 0) throw new UnprocessableError('Model names must be unique within a book.', issues)
}

/**
 * Price books: the built-in list prices every organization reads, and each organization's own
 * negotiated books. Owns visibility (another organization's book is a 404), the read-only rule for
 * built-in books, optimistic concurrency and idempotent creation.
 */
export function createPriceBookService({ repository, idempotency, transaction }: PriceBookServiceDeps) {
  async function visibleBook(auth: AuthContext, ref: string): Promise<StoredPriceBook> {
    const book = await repository.findVisible(auth.organizationId, ref)
    if (!book) throw new NotFoundError('Price book', ref)
    return book
  }

  async function ownBook(auth: AuthContext, ref: string): Promise<StoredPriceBook> {
    const book = await visibleBook(auth, ref)
    if (book.organizationId === null) {
      throw new ForbiddenError(
        `Price book '${book.slug}' is built in and read-only; create your own book instead.`,
      )
    }
    return book
  }

  return {
    async listModels(auth: AuthContext, ref: string) {
      const book = await visibleBook(auth, ref)
      return {
        priceBook: { id: book.id, slug: book.slug, name: book.name, effectiveFrom: book.effectiveFrom },
        data: book.models.map(presentModel),
      }
    },

    /** One model by dated id or alias (case-insensitive), as priced in a book the organization can see. */
    async getModel(auth: AuthContext, name: string, ref: string) {
      const book = await visibleBook(auth, ref)
      const model = findModel(book, name)
      if (!model) throw new NotFoundError(`Model in price book '${book.slug}'`, name)
      return {
        priceBook: { id: book.id, slug: book.slug, name: book.name, effectiveFrom: book.effectiveFrom },
        model: presentModel(model as StoredModelPrice),
      }
    },

    async list(auth: AuthContext, query: PageQuery) {
      const rows = await repository.list(auth.organizationId, query.limit, decodeCursor(query.startingAfter))
      return toPage(rows, query.limit, (row) => ({ ...presentBookMeta(row), modelCount: row.modelCount }))
    },

    async get(auth: AuthContext, ref: string) {
      const book = await visibleBook(auth, ref)
      return { body: presentBook(book), etag: etagOf(book.id, book.version) }
    },

    async create(auth: AuthContext, body: CreatePriceBookBody, idempotencyKey: string | undefined) {
      return idempotency.run(
        {
          organizationId: auth.organizationId,
          key: idempotencyKey,
          method: 'POST',
          path: '/v1/price-books',
          body,
        },
        async (tx) => {
          let models: ModelPriceInput[] | undefined = body.models
          if (!models) {
            if (!body.basedOn) {
              throw new UnprocessableError('Give the models of the book, or a book to copy them from.', [
                { in: 'body', pointer: '/models', code: 'required', detail: 'give `models` or `basedOn`' },
              ])
            }
            const base = await repository.findVisible(auth.organizationId, body.basedOn, tx)
            if (!base) {
              throw new UnprocessableError(`Price book '${body.basedOn}' does not exist.`, [
                { in: 'body', pointer: '/basedOn', code: 'not_found', detail: 'no such price book' },
              ])
            }
            models = base.models
          }
          assertUniqueModelNames(models)
          if (await repository.slugTaken(auth.organizationId, body.slug, null, tx)) throw slugTaken(body.slug)
          const book = await guardSlug(body.slug, () =>
            repository.create(
              auth.organizationId,
              {
                slug: body.slug,
                name: body.name,
                effectiveFrom: body.effectiveFrom,
                source: body.source,
                description: body.description,
                models,
              },
              tx,
            ),
          )
          return {
            statusCode: 201,
            body: presentBook(book),
            headers: { etag: etagOf(book.id, book.version), location: `/v1/price-books/${book.id}` },
          }
        },
      )
    },

    async update(
      auth: AuthContext,
      ref: string,
      expectedVersion: (id: string) => number,
      body: UpdatePriceBookBody,
    ) {
      const book = await ownBook(auth, ref)
      const version = expectedVersion(book.id)
      if (body.models) assertUniqueModelNames(body.models)
      if (body.slug && (await repository.slugTaken(auth.organizationId, body.slug, book.id))) {
        throw slugTaken(body.slug)
      }
      const updated = await guardSlug(body.slug, () =>
        transaction(async (tx) => {
          const result = await repository.update(auth.organizationId, book.id, version, body, tx)
          if (!result)
            throw new PreconditionFailedError('The price book was changed since you read it; read it again.')
          return result
        }),
      )
      return { body: presentBook(updated), etag: etagOf(updated.id, updated.version) }
    },

    /**
     * Deletes one of the organization's books unless scenarios use it. The check and the delete run
     * in one transaction, and a scenario that starts using the book in between makes the delete
     * fail on the foreign key (the database's own check): both are the same 409 IN_USE.
     */
    async remove(auth: AuthContext, ref: string, expectedVersion: ((id: string) => number) | null) {
      const book = await ownBook(auth, ref)
      const version = expectedVersion ? expectedVersion(book.id) : null
      const inUse = new ConflictError(
        `Price book '${book.slug}' is used by scenarios; change them first.`,
        'IN_USE',
      )
      const removed = await transaction(async (tx) => {
        if (await repository.isReferenced(book.id, tx)) throw inUse
        return repository.remove(auth.organizationId, book.id, version, tx)
      }).catch((error: unknown) => {
        throw isStillReferenced(error) ? inUse : error
      })
      if (!removed)
        throw new PreconditionFailedError('The price book was changed since you read it; read it again.')
    },
  }
}

export type PriceBookService = ReturnType<typeof createPriceBookService>
