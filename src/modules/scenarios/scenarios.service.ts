import { validatePlanRequest } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
} from '../../lib/errors.js'
import { etagOf } from '../../lib/etag.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import { plainJson } from '../../lib/plain-json.js'
import type { Created, Tagged } from '../../lib/write-route.js'
import { changedFields, type HistoryRepository } from '../history/history.repository.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import {
  guardName,
  type PortfolioAccess,
  resolvePriceBook,
  type Transaction,
} from '../portfolios/portfolios.service.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { ScenarioInput, ScenarioRepository, StoredScenario } from './scenarios.repository.js'
import { CommitmentSchema, type CreateScenarioBody, type UpdateScenarioBody } from './scenarios.schemas.js'

type Tx = Parameters<Parameters<Transaction>[0]>[0]

export interface ScenarioServiceDeps {
  repository: Pick<ScenarioRepository, 'findOwned' | 'list' | 'nameTaken' | 'create' | 'update' | 'remove'>
  access: PortfolioAccess
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  history: Pick<HistoryRepository, 'record'>
  idempotency: Pick<IdempotencyService, 'create'>
  transaction: Transaction
}

/** A scenario as the API answers it. */
export function presentScenario(s: StoredScenario) {
  return {
    id: s.id,
    portfolioId: s.portfolioId,
    name: s.name,
    basedOn: s.basedOnId,
    term: s.term,
    levers: s.levers,
    commitment: s.commitment,
    priceBook: s.priceBookId,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }
}
export type ScenarioView = ReturnType<typeof presentScenario>

const tagged = (s: StoredScenario): Tagged<ScenarioView> => ({
  body: presentScenario(s),
  etag: etagOf(s.id, s.version),
})

const nameTaken = (name: string) =>
  new ConflictError(
    `The portfolio already has a scenario named '${name}'; names are unique within a portfolio.`,
    'NAME_TAKEN',
  )

/**
 * The checks a plan makes of a scenario's levers and commitment settings (one entry per lever, tiers
 * that make sense…), made when it is written; issues point at the body's fields.
 */
function checkForPlan(input: ScenarioInput, book: Parameters<typeof validatePlanRequest>[1]) {
  // Stored settings were validated on the way in; they parse again (as a preview's would).
  const commitment = CommitmentSchema.parse(input.commitment)
  validatePlanRequest({ term: input.term, levers: input.levers, workloads: [], commitment }, book)
}

/**
 * Scenarios of a portfolio: a term, a lever sequence with its schedule, commitment settings and an optional
 * price book of their own. Owns the name rule, copying (`basedOn`), the plan's checks at write time and the
 * history of its changes. Any change bumps the version, which is part of the stored plan's input revision.
 */
export function createScenarioService(deps: ScenarioServiceDeps) {
  const { repository, access, priceBooks, history, idempotency, transaction } = deps

  async function owned(auth: AuthContext, portfolioId: string, id: string, tx?: Tx) {
    const scenario = await repository.findOwned(auth.organizationId, portfolioId, id, tx)
    if (!scenario) throw new NotFoundError('Scenario', id)
    return scenario
  }

  /** The book a scenario's plan uses: its own, else the portfolio's default. */
  async function bookFor(auth: AuthContext, priceBookId: string | null, defaultBookId: string, tx: Tx) {
    const book = await priceBooks.findVisible(auth.organizationId, priceBookId ?? defaultBookId, tx)
    if (!book) throw new Error('a scenario names a price book that is gone')
    return book
  }

  return {
    async create(
      auth: AuthContext,
      portfolioId: string,
      body: CreateScenarioBody,
      idempotencyKey: string | undefined,
    ): Promise<Created<ScenarioView>> {
      return guardName(body.name, nameTaken, () =>
        idempotency.create(
          {
            organizationId: auth.organizationId,
            key: idempotencyKey,
            method: 'POST',
            path: `/v1/portfolios/${portfolioId}/scenarios`,
            body,
          },
          async (tx) => {
            const portfolio = await access.writable(auth, portfolioId, tx)
            let base: StoredScenario | null = null
            if (body.basedOn) {
              base = await repository.findOwned(auth.organizationId, portfolioId, body.basedOn, tx)
              if (!base) {
                throw new UnprocessableError(
                  `Scenario '${body.basedOn}' is not a scenario of this portfolio.`,
                  [
                    {
                      in: 'body',
                      pointer: '/basedOn',
                      code: 'not_found',
                      detail: 'no such scenario in this portfolio',
                    },
                  ],
                )
              }
            }
            const term = body.term ?? base?.term
            const levers = body.levers ?? base?.levers
            const missing = [...(term ? [] : ['term']), ...(levers ? [] : ['levers'])]
            if (missing.length > 0 || !term || !levers) {
              throw new ValidationError(
                `A scenario needs ${missing.join(' and ')} (or \`basedOn\` to copy them from).`,
                missing.map((field) => ({
                  in: 'body' as const,
                  pointer: `/${field}`,
                  code: 'required',
                  detail: `is required unless \`basedOn\` names a scenario to copy it from`,
                })),
              )
            }
            const priceBookId =
              body.priceBook !== undefined
                ? body.priceBook === null
                  ? null
                  : (await resolvePriceBook(priceBooks, auth, body.priceBook, '/priceBook', tx)).id
                : (base?.priceBookId ?? null)
            const input: ScenarioInput = {
              name: body.name,
              basedOnId: base?.id ?? null,
              term,
              levers,
              commitment:
                body.commitment !== undefined
                  ? ((plainJson(body.commitment) ?? {}) as Record<string, unknown>)
                  : (base?.commitment ?? {}),
              priceBookId,
            }
            checkForPlan(input, await bookFor(auth, priceBookId, portfolio.defaultPriceBook.id, tx))
            if (await repository.nameTaken(portfolioId, body.name, null, tx)) throw nameTaken(body.name)
            const scenario = await repository.create(auth.organizationId, portfolioId, input, tx)
            const view = tagged(scenario)
            await history.record(tx, auth, [
              {
                portfolioId,
                resourceType: 'scenario',
                resourceId: scenario.id,
                action: 'created',
                before: null,
                after: view.body,
              },
            ])
            return { ...view, location: `/v1/portfolios/${portfolioId}/scenarios/${scenario.id}` }
          },
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
      return toPage(rows, query.limit, presentScenario)
    },

    async get(auth: AuthContext, portfolioId: string, id: string): Promise<Tagged<ScenarioView>> {
      await access.readable(auth, portfolioId)
      return tagged(await owned(auth, portfolioId, id))
    },

    async update(
      auth: AuthContext,
      portfolioId: string,
      id: string,
      expectedVersion: (id: string) => number,
      body: UpdateScenarioBody,
    ): Promise<Tagged<ScenarioView>> {
      return guardName(body.name, nameTaken, () =>
        transaction(async (tx) => {
          const portfolio = await access.writable(auth, portfolioId, tx)
          const current = await owned(auth, portfolioId, id, tx)
          const version = expectedVersion(current.id)
          const changes: Partial<ScenarioInput> = {}
          if (body.name !== undefined) changes.name = body.name
          if (body.term !== undefined) changes.term = body.term
          if (body.levers !== undefined) changes.levers = body.levers
          if (body.commitment !== undefined)
            changes.commitment = (plainJson(body.commitment ?? {}) ?? {}) as Record<string, unknown>
          if (body.priceBook !== undefined) {
            changes.priceBookId =
              body.priceBook === null
                ? null
                : (await resolvePriceBook(priceBooks, auth, body.priceBook, '/priceBook', tx)).id
          }
          const next: ScenarioInput = { ...current, ...changes }
          checkForPlan(next, await bookFor(auth, next.priceBookId, portfolio.defaultPriceBook.id, tx))
          if (body.name && (await repository.nameTaken(portfolioId, body.name, id, tx)))
            throw nameTaken(body.name)
          const updated = await repository.update(auth.organizationId, portfolioId, id, version, changes, tx)
          if (!updated)
            throw new PreconditionFailedError('The scenario was changed since you read it; read it again.')
          const view = tagged(updated)
          const diff = changedFields(presentScenario(current), view.body)
          if (diff)
            await history.record(tx, auth, [
              { portfolioId, resourceType: 'scenario', resourceId: id, action: 'updated', ...diff },
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
        await access.writable(auth, portfolioId, tx)
        const current = await owned(auth, portfolioId, id, tx)
        const version = expectedVersion(current.id)
        if (!(await repository.remove(auth.organizationId, portfolioId, id, version, tx))) {
          throw new PreconditionFailedError('The scenario was changed since you read it; read it again.')
        }
        await history.record(tx, auth, [
          {
            portfolioId,
            resourceType: 'scenario',
            resourceId: id,
            action: 'deleted',
            before: presentScenario(current),
            after: null,
          },
        ])
      })
    },
  }
}

export type ScenarioService = ReturnType<typeof createScenarioService>
