import type { Prisma } from '../../db/generated/client.js'
import { unknownModelMessage } from '../../domain/model-suggestions.js'
import { dec } from '../../domain/money.js'
import { discountModelPrices, findModel, modelNames, successorProblem } from '../../domain/price-book.js'
import type { AuthContext } from '../../lib/auth-context.js'
import {
  AppError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../../lib/errors.js'
import { etagOf } from '../../lib/etag.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import {
  type ModelPresentation,
  presentBook,
  presentBookMeta,
  presentBookRef,
  presentModel,
  presentModels,
} from './price-books.presenter.js'
import { isSlugConflict, isStillReferenced, type PriceBookRepository } from './price-books.repository.js'
import type { CreatePriceBookBody, UpdateModelBody, UpdatePriceBookBody } from './price-books.schemas.js'
import type { ModelPriceInput, StoredModelPrice, StoredPriceBook } from './price-books.types.js'

export interface PriceBookServiceDeps {
  repository: Pick<
    PriceBookRepository,
    'findVisible' | 'list' | 'slugTaken' | 'create' | 'update' | 'updateModel' | 'isReferenced' | 'remove'
  >
  idempotency: Pick<IdempotencyService, 'create'>
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

/** The issue of a model whose long-context bands share a threshold, at `pointer` (one per repeat). */
function duplicateBands(model: ModelPriceInput, pointer: (band: number) => string): FieldIssue[] {
  const thresholds = new Set<string>()
  const issues: FieldIssue[] = []
  for (const [band, { thresholdTokens }] of model.longContextBands.entries()) {
    const key = dec(thresholdTokens).toFixed()
    if (thresholds.has(key)) {
      issues.push({
        in: 'body',
        pointer: pointer(band),
        code: 'duplicate_band',
        detail: `another band of this model starts above ${key} tokens too; give each band its own threshold`,
      })
    }
    thresholds.add(key)
  }
  return issues
}

/** The issue of a model whose `successor` is not the id of another model of `book`, at `pointer`. */
function badSuccessor(
  book: { models: readonly ModelPriceInput[] },
  model: ModelPriceInput,
  pointer: string,
): FieldIssue[] {
  const detail = successorProblem(book, model)
  return detail ? [{ in: 'body', pointer, code: 'invalid_successor', detail }] : []
}

/** A 422 for `issues`, its sentence naming the rules broken (names and thresholds unique, successors). */
function invalidModels(issues: readonly FieldIssue[]): UnprocessableError {
  const successors = issues.every((issue) => issue.code === 'invalid_successor')
  return new UnprocessableError(
    successors
      ? "A model's successor must be the id of another model of the same book."
      : 'Each model name, and each band threshold of a model, must be unique within a book' +
          (issues.some((issue) => issue.code === 'invalid_successor')
            ? "; a model's successor must be the id of another model of the same book."
            : '.'),
    issues,
  )
}

/**
 * The checks a book's models must pass before they are written, each a 422 listing every offender: model
 * ids and aliases name one model each within a book (lookups are case-insensitive), a model's
 * long-context bands have distinct thresholds (a request above a threshold must fall in one band; the
 * database's unique index would otherwise answer a bare conflict), and a model's `successor`, when it has
 * one, is the id of another model of the same book (at `/models/i/successor`).
 */
function assertValidModels(models: readonly ModelPriceInput[]): void {
  const seen = new Map<string, number>()
  const issues: FieldIssue[] = []
  for (const [index, model] of models.entries()) {
    for (const name of [model.modelId, ...model.aliases]) {
      const key = name.toLowerCase()
      if (seen.has(key) && seen.get(key) !== index) {
        issues.push({
          in: 'body',
          pointer: `/models/${index}/modelId`,
          code: 'duplicate_model',
          detail: `'${name}' already names model #${seen.get(key)}`,
        })
      }
      seen.set(key, index)
    }
    issues.push(
      ...duplicateBands(model, (band) => `/models/${index}/longContextBands/${band}/thresholdTokens`),
    )
  }
  for (const [index, model] of models.entries()) {
    issues.push(...badSuccessor({ models }, model, `/models/${index}/successor`))
  }
  if (issues.length > 0) throw invalidModels(issues)
}

/**
 * The same rules for a one-model update, worded for its body: an alias another model of the book already
 * answers to, two bands at one threshold, or a successor that is not another model's id point into the body
 * (`/aliases/1`, `/longContextBands/0/…`, `/successor`).
 */
function assertValidModelChange(
  book: StoredPriceBook,
  current: StoredModelPrice,
  next: ModelPriceInput,
): void {
  const issues: FieldIssue[] = []
  for (const [i, alias] of next.aliases.entries()) {
    const owner = book.models.find(
      (model) =>
        model !== current && modelNames(model).some((name) => name.toLowerCase() === alias.toLowerCase()),
    )
    if (owner) {
      issues.push({
        in: 'body',
        pointer: `/aliases/${i}`,
        code: 'duplicate_model',
        detail: `'${alias}' already names ${owner.modelId} in this book; a name may belong to one model only`,
      })
    }
  }
  issues.push(...duplicateBands(next, (band) => `/longContextBands/${band}/thresholdTokens`))
  issues.push(...badSuccessor(book, next, '/successor'))
  if (issues.length > 0) throw invalidModels(issues)
}

/** A 404 for a model the book does not have, suggesting the nearest names the book does have. */
function unknownModel(book: StoredPriceBook, name: string): AppError {
  const detail = unknownModelMessage(book, name)
  // A sentence of its own: capitalized, and a full stop unless it ends with its question.
  const sentence = `${detail.charAt(0).toUpperCase()}${detail.slice(1)}${detail.endsWith('?') ? '' : '.'}`
  return new AppError(404, 'NOT_FOUND', 'Not found', sentence)
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
    /** Every model of a book the organization can see, in catalogue order; sources only when asked for. */
    async listModels(auth: AuthContext, ref: string, presentation: ModelPresentation) {
      const book = await visibleBook(auth, ref)
      return { priceBook: presentBookRef(book), data: presentModels(book.models, presentation) }
    },

    /** One model by dated id or alias (case-insensitive), as priced in a book the organization can see. */
    async getModel(auth: AuthContext, name: string, ref: string, presentation: ModelPresentation) {
      const book = await visibleBook(auth, ref)
      const model = findModel(book, name)
      if (!model) throw unknownModel(book, name)
      return { priceBook: presentBookRef(book), model: presentModel(model, presentation) }
    },

    /** One model of a book with the book's ETag, the one `updateModel` takes in `If-Match`. */
    async getBookModel(auth: AuthContext, ref: string, name: string) {
      const book = await visibleBook(auth, ref)
      const model = findModel(book, name)
      if (!model) throw unknownModel(book, name)
      return {
        body: { priceBook: presentBookRef(book), model: presentModel(model) },
        etag: etagOf(book.id, book.version),
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
      return idempotency.create(
        {
          organizationId: auth.organizationId,
          key: idempotencyKey,
          method: 'POST',
          path: '/v1/price-books',
          body,
        },
        async (tx) => {
          // Checked before anything is read: a discount applies only to the models copied from `basedOn`.
          if (body.discountOffList !== undefined && (!body.basedOn || body.models)) {
            throw new UnprocessableError('A discount off list needs a book to copy the models from.', [
              {
                in: 'body',
                pointer: '/discountOffList',
                code: 'requires_based_on',
                detail: body.models
                  ? 'applies to the models copied with `basedOn`, not to `models` you send: send one or the other'
                  : 'needs `basedOn`, the book whose prices it is taken off (e.g. "anthropic-list")',
              },
            ])
          }
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
            const discount = body.discountOffList
            models = discount ? base.models.map((model) => discountModelPrices(model, discount)) : base.models
          }
          assertValidModels(models)
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
            body: presentBook(book),
            etag: etagOf(book.id, book.version),
            location: `/v1/price-books/${book.id}`,
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
      if (body.models) assertValidModels(body.models)
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
     * Changes some fields of one model of one of the organization's books (the model named by id or alias,
     * case-insensitive), at the version `expectedVersion` reads from `If-Match`; the book's version goes up
     * by one. Nothing is written when any check fails: built-in book (403), unknown book or model (404),
     * missing or stale ETag (428/412), a name or band threshold the book would then hold twice (422).
     */
    async updateModel(
      auth: AuthContext,
      ref: string,
      name: string,
      expectedVersion: (id: string) => number,
      changes: UpdateModelBody,
    ) {
      const book = await ownBook(auth, ref)
      const current = findModel(book, name)
      if (!current) throw unknownModel(book, name)
      const version = expectedVersion(book.id)
      // Only the fields sent: an absent one keeps its stored value (null is a value: it clears a date).
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
      const next: StoredModelPrice = { ...current, ...given }
      assertValidModelChange(book, current, next)
      const updated = await transaction(async (tx) => {
        const result = await repository.updateModel(
          auth.organizationId,
          book.id,
          version,
          current.modelId,
          next,
          tx,
        )
        if (!result)
          throw new PreconditionFailedError('The price book was changed since you read it; read it again.')
        return result
      })
      return { body: presentBook(updated), etag: etagOf(updated.id, updated.version) }
    },

    /**
     * Deletes one of the organization's books unless scenarios use it. The check and the delete run
     * in one transaction, and a scenario that starts using the book in between makes the delete
     * fail on the foreign key (the database's own check): both are the same 409 IN_USE.
     */
    async remove(auth: AuthContext, ref: string, expectedVersion: (id: string) => number) {
      const book = await ownBook(auth, ref)
      const version = expectedVersion(book.id)
      const inUse = new ConflictError(
        `Price book '${book.slug}' is used by portfolios or scenarios; change them first.`,
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
