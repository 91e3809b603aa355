import type { FastifyBaseLogger } from 'fastify'
import { validatePlanRequest } from '../../domain/index.js'
import { hashSecret } from '../../lib/api-key-secret.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { ConflictError } from '../../lib/errors.js'
import { CreatePortfolioSchema } from '../portfolios/portfolios.schemas.js'
import type { PortfolioService } from '../portfolios/portfolios.service.js'
import { DEFAULT_PRICE_BOOK } from '../price-books/builtin-books.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import { CreateScenarioSchema } from '../scenarios/scenarios.schemas.js'
import type { ScenarioService } from '../scenarios/scenarios.service.js'
import { BulkCreateWorkloadsSchema } from '../workloads/workloads.schemas.js'
import type { WorkloadService } from '../workloads/workloads.service.js'
import type { DemoRepository } from './demo.repository.js'
import { DEMO_PORTFOLIO, DEMO_PORTFOLIO_NAME, DEMO_SCENARIOS, DEMO_WORKLOADS } from './demo-data.js'

export interface DemoSeedDeps {
  repository: Pick<DemoRepository, 'findKey' | 'hasPortfolio' | 'portfolioEverCreated'>
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  portfolios: Pick<PortfolioService, 'create'>
  workloads: Pick<WorkloadService, 'create'>
  scenarios: Pick<ScenarioService, 'create'>
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>
  now?: () => Date
}

/** Why the seed wrote nothing, when it did not. */
export type DemoSkipReason =
  /** `BOOTSTRAP_ADMIN_KEY` is not set: there is no bootstrap organization to seed. */
  | 'no_bootstrap_key'
  /** The secret is not a key of this database (it had keys already when the secret was first configured). */
  | 'bootstrap_key_unknown'
  /** The bootstrap key is revoked or expired: nobody to attribute the seed to. */
  | 'bootstrap_key_inactive'
  /** The organization has a portfolio (archived ones count). */
  | 'organization_has_portfolios'
  /** The organization's history shows the demo portfolio was created once (it was since deleted). */
  | 'seeded_before'
  /** Another instance created the demo portfolio at the same moment. */
  | 'seeded_concurrently'
  /** Something failed; logged. */
  | 'failed'

export type DemoSeedOutcome =
  | { seeded: true; organizationId: string; portfolioId: string; scenarioIds: string[] }
  | { seeded: false; reason: DemoSkipReason }

/** The request bodies, validated by the schemas the routes use (a client's request would be the same). */
function demoBodies() {
  return {
    portfolio: CreatePortfolioSchema.parse(DEMO_PORTFOLIO),
    workloads: BulkCreateWorkloadsSchema.parse({ workloads: DEMO_WORKLOADS }),
    scenarios: DEMO_SCENARIOS.map((scenario) => CreateScenarioSchema.parse(scenario)),
  }
}

/**
 * Seeds the sample portfolio of docs/demo.md into the bootstrap key's organization, through the services
 * with that key's auth context: the data passes every check a user's would, and the portfolio's history
 * records the bootstrap key as its author. Only the rows are written; the plans are computed on their first
 * read, on the worker pool, like any other.
 *
 * **Seeded once.** It writes only when the organization has no portfolio at all (archived ones included)
 * **and** its history holds no creation of a portfolio named {@link DEMO_PORTFOLIO_NAME}. History is
 * append-only and outlives what it records, so that entry is the marker that the demo was seeded: a restart
 * finds the portfolio (or, once the user deleted it, the entry) and writes nothing, and a user who deleted
 * the demo does not get it back. It never writes without a registered, active bootstrap key. Two instances
 * starting together cannot both seed: the portfolio's unique name turns the second away.
 *
 * Before writing anything it checks the whole demo as a plan would (every scenario against the built-in
 * book), so a demo that the current price book or rules refuse writes nothing at all. Never throws: a
 * failure is logged and start-up goes on (a failure between two writes, such as the database going away,
 * can leave part of the demo, which is then not completed on a later start).
 */
export async function seedDemo(
  deps: DemoSeedDeps,
  bootstrapSecret: string | undefined,
): Promise<DemoSeedOutcome> {
  const { repository, priceBooks, portfolios, workloads, scenarios, log } = deps
  const now = deps.now ?? (() => new Date())
  if (!bootstrapSecret) return { seeded: false, reason: 'no_bootstrap_key' }
  let portfolioId: string | undefined
  try {
    const key = await repository.findKey(hashSecret(bootstrapSecret))
    if (!key) return { seeded: false, reason: 'bootstrap_key_unknown' }
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now())) {
      return { seeded: false, reason: 'bootstrap_key_inactive' }
    }
    const auth: AuthContext = {
      organizationId: key.organizationId,
      apiKeyId: key.id,
      apiKeyName: key.name,
      scopes: key.scopes,
    }
    if (await repository.hasPortfolio(auth.organizationId)) {
      return { seeded: false, reason: 'organization_has_portfolios' }
    }
    if (await repository.portfolioEverCreated(auth.organizationId, DEMO_PORTFOLIO_NAME)) {
      return { seeded: false, reason: 'seeded_before' }
    }

    const bodies = demoBodies()
    const book = await priceBooks.findVisible(auth.organizationId, DEFAULT_PRICE_BOOK)
    if (!book) throw new Error(`the built-in price book '${DEFAULT_PRICE_BOOK}' is missing`)
    for (const scenario of bodies.scenarios) {
      validatePlanRequest(
        {
          term: scenario.term!,
          levers: scenario.levers!,
          workloads: bodies.workloads.workloads,
          commitment: scenario.commitment ?? null,
        },
        book,
      )
    }

    try {
      portfolioId = (await portfolios.create(auth, bodies.portfolio, undefined)).body.id
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'NAME_TAKEN') {
        return { seeded: false, reason: 'seeded_concurrently' }
      }
      throw error
    }
    await workloads.create(auth, portfolioId, bodies.workloads, undefined)
    const scenarioIds: string[] = []
    for (const scenario of bodies.scenarios) {
      scenarioIds.push((await scenarios.create(auth, portfolioId, scenario, undefined)).body.id)
    }
    log.info(
      { organizationId: auth.organizationId, portfolioId, scenarioIds },
      `seeded the demo portfolio '${DEMO_PORTFOLIO_NAME}' (docs/demo.md)`,
    )
    return { seeded: true, organizationId: auth.organizationId, portfolioId, scenarioIds }
  } catch (error) {
    log.warn(
      { err: error, ...(portfolioId ? { portfolioId } : {}) },
      portfolioId
        ? 'seeding the demo portfolio failed part-way; what was written stays'
        : 'seeding the demo portfolio failed; nothing was written',
    )
    return { seeded: false, reason: 'failed' }
  }
}
