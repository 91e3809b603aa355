import { PlanValidationError, type PriceBook, validatePlanRequest } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '../../lib/errors.js'
import { etagOf } from '../../lib/etag.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import type { Created, Tagged } from '../../lib/write-route.js'
import { changedFields, type HistoryRepository } from '../history/history.repository.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import type { PortfolioRepository } from '../portfolios/portfolios.repository.js'
import { guardName, type PortfolioAccess, type Transaction } from '../portfolios/portfolios.service.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import { newWorkloads, type StoredWorkload, type WorkloadRepository } from './workloads.repository.js'
import { type CreateWorkloadBody, type UpdateWorkloadBody, WorkloadInputSchema } from './workloads.schemas.js'

export interface WorkloadServiceDeps {
  repository: Pick<
    WorkloadRepository,
    'findOwned' | 'list' | 'pages' | 'count' | 'namesTaken' | 'insertMany' | 'update' | 'remove'
  >
  portfolios: Pick<PortfolioRepository, 'touchWorkloads'>
  access: PortfolioAccess
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  history: Pick<HistoryRepository, 'record'>
  idempotency: Pick<IdempotencyService, 'create'>
  transaction: Transaction
}

/** How long a bulk create's transaction may take (Prisma's default of 5 s is too short for 10,000 rows). */
export const BULK_TRANSACTION_TIMEOUT_MS = 60_000

/** Workloads read per query while an export streams. */
const EXPORT_PAGE_SIZE = 500

/**
 * A workload as the API answers it, and as its history entries record it: every field but the
 * organization, times as ISO text. Field by field, not a rest and a spread of the workload: a bulk create
 * presents 10,000, and V8's object spread of this many fields cost ~10 µs each (the `satisfies` keeps the
 * list complete: a field added to {@link StoredWorkload} and missing here fails to compile).
 */
export function presentWorkload(w: StoredWorkload) {
  return {
    id: w.id,
    portfolioId: w.portfolioId,
    name: w.name,
    kind: w.kind,
    model: w.model,
    routeToModel: w.routeToModel,
    requestsPerMonth: w.requestsPerMonth,
    inputTokensPerRequest: w.inputTokensPerRequest,
    outputTokensPerRequest: w.outputTokensPerRequest,
    cacheablePrefixTokens: w.cacheablePrefixTokens,
    currentCacheHitRate: w.currentCacheHitRate,
    targetCacheHitRate: w.targetCacheHitRate,
    cacheTtl: w.cacheTtl,
    userWaiting: w.userWaiting,
    currentBatchShare: w.currentBatchShare,
    targetBatchShare: w.targetBatchShare,
    routableShare: w.routableShare,
    monthlyGrowthRate: w.monthlyGrowthRate,
    inferenceGeo: w.inferenceGeo,
    observedMonthlySpend: w.observedMonthlySpend,
    team: w.team,
    tags: w.tags,
    version: w.version,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  } satisfies Record<Exclude<keyof StoredWorkload, 'organizationId'>, unknown>
}
export type WorkloadView = ReturnType<typeof presentWorkload>
/** What a bulk create answers: the workloads made, in the order given (they have no single ETag). */
export type WorkloadList = { object: 'list'; data: WorkloadView[] }

const tagged = (w: StoredWorkload): Tagged<WorkloadView> => ({
  body: presentWorkload(w),
  etag: etagOf(w.id, w.version),
})

/** The engine's fields of a stored workload, as a preview request carries them (absent = default). */
export function engineFields(w: StoredWorkload): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: w.name,
    model: w.model,
    requestsPerMonth: w.requestsPerMonth,
    inputTokensPerRequest: w.inputTokensPerRequest,
    outputTokensPerRequest: w.outputTokensPerRequest,
    cacheablePrefixTokens: w.cacheablePrefixTokens,
    currentCacheHitRate: w.currentCacheHitRate,
    cacheTtl: w.cacheTtl,
    userWaiting: w.userWaiting,
    currentBatchShare: w.currentBatchShare,
    monthlyGrowthRate: w.monthlyGrowthRate,
    inferenceGeo: w.inferenceGeo,
  }
  const optional = {
    kind: w.kind,
    routeToModel: w.routeToModel,
    targetCacheHitRate: w.targetCacheHitRate,
    targetBatchShare: w.targetBatchShare,
    routableShare: w.routableShare,
    observedMonthlySpend: w.observedMonthlySpend,
  }
  for (const [key, value] of Object.entries(optional)) if (value !== null) fields[key] = value
  return fields
}

/** A transaction's client, as the services pass it to repositories. */
type Tx = Parameters<Parameters<Transaction>[0]>[0]

/**
 * Locks the portfolio for this transaction's workload change (another organization's is a 404, an
 * archived one a 409), marks its workloads as changed — so its scenarios' stored plans are recomputed —
 * and returns its default price book, which the workloads' models are checked against.
 */
export async function beginWorkloadChange(
  deps: Pick<WorkloadServiceDeps, 'access' | 'portfolios' | 'priceBooks'>,
  auth: AuthContext,
  portfolioId: string,
  tx: Tx,
): Promise<PriceBook> {
  await deps.access.writable(auth, portfolioId, tx)
  const portfolio = await deps.portfolios.touchWorkloads(auth.organizationId, portfolioId, tx)
  if (!portfolio) throw new NotFoundError('Portfolio', portfolioId)
  const book = await deps.priceBooks.findVisible(auth.organizationId, portfolio.defaultPriceBook.id, tx)
  if (!book) throw new Error(`portfolio ${portfolioId} names a price book that is gone`)
  return book
}

/** A promise's value or error, so that a rejection waiting its turn to be looked at is never unhandled. */
const settle = <T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )

/**
 * Writes new workloads (from {@link newWorkloads}) and the history entry of each creation, in the caller's
 * transaction: one statement ({@link WorkloadRepository.insertMany}), whose failure rolls the caller's
 * transaction back. The workloads are presented while the database inserts them.
 * @returns the workloads as the API presents them, which their history entries record
 */
export async function writeCreated(
  deps: { repository: Pick<WorkloadRepository, 'insertMany'> },
  auth: AuthContext,
  workloads: readonly StoredWorkload[],
  tx: Tx,
): Promise<WorkloadView[]> {
  const inserted = settle(deps.repository.insertMany(workloads, auth, tx))
  // One turn of the event loop, for the statement to reach the connection before the views are built.
  await new Promise((resolve) => setImmediate(resolve))
  const views = workloads.map(presentWorkload)
  const outcome = await inserted
  if ('error' in outcome) throw outcome.error
  return views
}

const nameTaken = (name: string) =>
  new ConflictError(
    `The portfolio already has a workload named '${name}'; names are unique within a portfolio.`,
    'NAME_TAKEN',
  )

/**
 * The checks a plan makes of each workload (models of the price book, prefix within input, shares that
 * go together…), made when the workload is written, so a stored portfolio never holds a workload its plan
 * would refuse. The issues point into the request as it was sent: `/field` for one workload,
 * `/workloads/i/field` for several.
 */
export function checkForPlan(
  workloads: readonly CreateWorkloadBody[],
  book: PriceBook,
  pointerOf: (index: number, rest: string) => string,
) {
  try {
    validatePlanRequest(
      { term: { start: '2027-01-01', months: 1 }, levers: [], workloads: workloads as never },
      book,
    )
  } catch (error) {
    if (!(error instanceof PlanValidationError)) throw error
    throw new PlanValidationError(
      error.issues.map((issue) => {
        const match = /^\/workloads\/(\d+)(.*)$/.exec(issue.pointer)
        return match ? { ...issue, pointer: pointerOf(Number(match[1]), match[2] ?? '') } : issue
      }),
    )
  }
}

/**
 * Workloads of a portfolio. Owns the name rule (unique within the portfolio), the workload limit (a plan
 * computes at most {@link PREVIEW_LIMITS.maxWorkloads}), the plan's checks at write time, and marking the
 * portfolio's workloads as changed (which invalidates its scenarios' stored plans) in the same transaction
 * as the change and its history.
 */
export function createWorkloadService(deps: WorkloadServiceDeps) {
  const { repository, portfolios, access, priceBooks, history, idempotency, transaction } = deps

  const beginChange = (auth: AuthContext, portfolioId: string, tx: Tx) =>
    beginWorkloadChange({ access, portfolios, priceBooks }, auth, portfolioId, tx)

  async function owned(
    auth: AuthContext,
    portfolioId: string,
    id: string,
    tx?: Parameters<Parameters<Transaction>[0]>[0],
  ) {
    const workload = await repository.findOwned(auth.organizationId, portfolioId, id, tx)
    if (!workload) throw new NotFoundError('Workload', id)
    return workload
  }

  return {
    /**
     * Creates one workload, or several (`{ workloads: [...] }`) all or nothing.
     * @param scope the request the `Idempotency-Key` covers when another operation creates its workloads
     *   through this one (the usage import: its path and body, so a replay answers the import); default: this
     * @returns one created workload, or the list of them
     */
    async create(
      auth: AuthContext,
      portfolioId: string,
      body: CreateWorkloadBody | { workloads: CreateWorkloadBody[] },
      idempotencyKey: string | undefined,
      scope?: { path: string; body: unknown },
    ): Promise<Created<WorkloadView | WorkloadList>> {
      const bulk = 'workloads' in body
      const inputs = bulk ? body.workloads : [body]
      const pointerOf = (i: number, rest: string) => (bulk ? `/workloads/${i}${rest}` : rest || '/')
      const seen = new Map<string, number>()
      for (const [i, input] of inputs.entries()) {
        const earlier = seen.get(input.name)
        if (earlier !== undefined) {
          throw new ValidationError(
            `Workload names must be unique within a portfolio; '${input.name}' is given twice.`,
            [
              {
                in: 'body',
                pointer: pointerOf(i, '/name'),
                code: 'duplicate_name',
                detail: `'${input.name}' is also workload #${earlier}`,
              },
            ],
          )
        }
        seen.set(input.name, i)
      }
      const names = inputs.map((w) => `'${w.name}'`).join(', ')
      const raced = () =>
        new ConflictError(
          `A workload named ${names.slice(0, 300)} was created meanwhile; names are unique.`,
          'NAME_TAKEN',
        )
      return guardName(names, raced, () =>
        idempotency.create(
          {
            organizationId: auth.organizationId,
            key: idempotencyKey,
            method: 'POST',
            path: scope?.path ?? `/v1/portfolios/${portfolioId}/workloads`,
            body: scope ? scope.body : body,
          },
          async (tx): Promise<Tagged<WorkloadView | WorkloadList> & { location: string }> => {
            const book = await beginChange(auth, portfolioId, tx)
            checkForPlan(inputs, book, pointerOf)
            const existing = await repository.count(portfolioId, tx)
            if (existing + inputs.length > PREVIEW_LIMITS.maxWorkloads) {
              throw new UnprocessableError(
                `The portfolio has ${existing} workloads; ${inputs.length} more would exceed the ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} one plan computes.`,
                [
                  {
                    in: 'body',
                    pointer: bulk ? '/workloads' : '/',
                    code: 'too_many_workloads',
                    detail: `at most ${PREVIEW_LIMITS.maxWorkloads - existing} more`,
                  },
                ],
                'TOO_MANY_WORKLOADS',
              )
            }
            const taken = await repository.namesTaken(
              portfolioId,
              inputs.map((w) => w.name),
              null,
              tx,
            )
            if (taken.length > 0) throw nameTaken(taken[0]!)
            const created = newWorkloads(auth.organizationId, portfolioId, inputs)
            const views = await writeCreated({ repository }, auth, created, tx)
            const location = `/v1/portfolios/${portfolioId}/workloads`
            if (bulk) return { body: { object: 'list' as const, data: views }, etag: '', location }
            const one = created[0]!
            return { ...tagged(one), location: `${location}/${one.id}` }
          },
          // A bulk create of 10,000 workloads writes as many rows and history entries in one transaction.
          { timeoutMs: bulk ? BULK_TRANSACTION_TIMEOUT_MS : undefined },
        ),
      )
    },

    async list(auth: AuthContext, portfolioId: string, query: PageQuery) {
      await access.readable(auth, portfolioId)
      const rows = await repository.list(
        auth.organizationId,
        portfolioId,
        query.limit,
        decodeCursor(query.startingAfter),
      )
      return toPage(rows, query.limit, presentWorkload)
    },

    /**
     * Every workload of the portfolio, in list order, read a page at a time as the caller consumes them (the
     * CSV export). The portfolio is checked first, so another organization's is a 404 before anything is sent.
     */
    async exportAll(auth: AuthContext, portfolioId: string) {
      const portfolio = await access.readable(auth, portfolioId)
      const pages = repository.pages(auth.organizationId, portfolioId, EXPORT_PAGE_SIZE)
      async function* workloads(): AsyncGenerator<StoredWorkload> {
        for await (const page of pages) yield* page
      }
      return { portfolio, workloads: workloads() }
    },

    async get(auth: AuthContext, portfolioId: string, id: string): Promise<Tagged<WorkloadView>> {
      return tagged(await owned(auth, portfolioId, id))
    },

    async update(
      auth: AuthContext,
      portfolioId: string,
      id: string,
      expectedVersion: (id: string) => number,
      body: UpdateWorkloadBody,
    ): Promise<Tagged<WorkloadView>> {
      return guardName(body.name, nameTaken, () =>
        transaction(async (tx) => {
          const current = await owned(auth, portfolioId, id, tx)
          const version = expectedVersion(current.id)
          const book = await beginChange(auth, portfolioId, tx)
          // The workload as it would be, checked as a plan would check it.
          const merged = WorkloadInputSchema.parse({ ...engineFields(current), ...withoutOwnership(body) })
          checkForPlan([merged as CreateWorkloadBody], book, (_i, rest) => rest || '/')
          if (
            body.name &&
            body.name !== current.name &&
            (await repository.namesTaken(portfolioId, [body.name], id, tx)).length > 0
          ) {
            throw nameTaken(body.name)
          }
          const updated = await repository.update(auth.organizationId, portfolioId, id, version, body, tx)
          if (!updated)
            throw new PreconditionFailedError('The workload was changed since you read it; read it again.')
          const view = tagged(updated)
          const diff = changedFields(presentWorkload(current), view.body)
          if (diff)
            await history.record(tx, auth, [
              { portfolioId, resourceType: 'workload', resourceId: id, action: 'updated', ...diff },
            ])
          return view
        }),
      )
    },

    async remove(
      auth: AuthContext,
      portfolioId: string,
      id: string,
      expectedVersion: (id: string) => number,
    ): Promise<void> {
      await transaction(async (tx) => {
        const current = await owned(auth, portfolioId, id, tx)
        const version = expectedVersion(current.id)
        await beginChange(auth, portfolioId, tx)
        if (!(await repository.remove(auth.organizationId, portfolioId, id, version, tx))) {
          throw new PreconditionFailedError('The workload was changed since you read it; read it again.')
        }
        await history.record(tx, auth, [
          {
            portfolioId,
            resourceType: 'workload',
            resourceId: id,
            action: 'deleted',
            before: presentWorkload(current),
            after: null,
          },
        ])
      })
    },
  }
}

/** The engine's fields of a PATCH body (team and tags are not the engine's); nulls kept (they reset). */
function withoutOwnership(body: UpdateWorkloadBody): Record<string, unknown> {
  const { team: _team, tags: _tags, ...fields } = body
  // Decimals back to text, for the engine schema to read them as a client would have sent them.
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value !== null && typeof value === 'object' ? (value as { toFixed(): string }).toFixed() : value,
    ]),
  )
}

export type WorkloadService = ReturnType<typeof createWorkloadService>
