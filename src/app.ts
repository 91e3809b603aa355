import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config/env.js'
import { type Database, openDatabase } from './db/client.js'
import type { Prisma } from './db/generated/client.js'
import { migrate } from './db/migrate.js'
import { loggerOptions } from './lib/logging.js'
import { createApiKeyRepository } from './modules/api-keys/api-keys.repository.js'
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes.js'
import { createApiKeyService } from './modules/api-keys/api-keys.service.js'
import { chartRoutes } from './modules/charts/charts.routes.js'
import { createChartService } from './modules/charts/charts.service.js'
import { createDemoRepository } from './modules/demo/demo.repository.js'
import { seedDemo } from './modules/demo/demo.seed.js'
import { focusRoutes } from './modules/focus/focus.routes.js'
import { createFocusService } from './modules/focus/focus.service.js'
import { createHistoryRepository } from './modules/history/history.repository.js'
import { historyRoutes } from './modules/history/history.routes.js'
import { createHistoryService } from './modules/history/history.service.js'
import { createIdempotencyService } from './modules/idempotency/idempotency.service.js'
import { importRoutes } from './modules/imports/imports.routes.js'
import { createImportService } from './modules/imports/imports.service.js'
import { PREVIEW_WORKER } from './modules/plans/plans.protocol.js'
import { planRoutes } from './modules/plans/plans.routes.js'
import { createPlanService } from './modules/plans/plans.service.js'
import { createPortfolioRepository } from './modules/portfolios/portfolios.repository.js'
import { portfolioRoutes } from './modules/portfolios/portfolios.routes.js'
import { createPortfolioService, portfolioAccess } from './modules/portfolios/portfolios.service.js'
import { seedBuiltinPriceBooks } from './modules/price-books/builtin-books.js'
import { createPriceBookRepository } from './modules/price-books/price-books.repository.js'
import { priceBookRoutes } from './modules/price-books/price-books.routes.js'
import { createPriceBookService } from './modules/price-books/price-books.service.js'
import { createProjectionRepository } from './modules/projections/projections.repository.js'
import { projectionRoutes } from './modules/projections/projections.routes.js'
import { createProjectionService } from './modules/projections/projections.service.js'
import { reportRoutes } from './modules/reports/reports.routes.js'
import { createReportService } from './modules/reports/reports.service.js'
import { createScenarioRepository } from './modules/scenarios/scenarios.repository.js'
import { scenarioRoutes } from './modules/scenarios/scenarios.routes.js'
import { createScenarioService } from './modules/scenarios/scenarios.service.js'
import { createShareLinkRepository } from './modules/share-links/share-links.repository.js'
import { shareLinkRoutes } from './modules/share-links/share-links.routes.js'
import {
  createShareLinkService,
  SHARE_LINK_RESOLVABLE_PARAMS,
} from './modules/share-links/share-links.service.js'
import { signingSecrets } from './modules/share-links/signing-secrets.js'
import { tableRoutes } from './modules/tables/tables.routes.js'
import { createTableService } from './modules/tables/tables.service.js'
import { workbookRoutes } from './modules/workbook/workbook.routes.js'
import { createWorkbookService } from './modules/workbook/workbook.service.js'
import { createWorkloadImportService } from './modules/workloads/workloads.import.js'
import { workloadImportRoutes } from './modules/workloads/workloads.import.routes.js'
import { createWorkloadRepository } from './modules/workloads/workloads.repository.js'
import { workloadRoutes } from './modules/workloads/workloads.routes.js'
import { createWorkloadService } from './modules/workloads/workloads.service.js'
import { authPlugin, routePolicyPlugin } from './plugins/auth.js'
import { computePlugin } from './plugins/compute.js'
import { dbPlugin } from './plugins/db.js'
import { clientErrorHandler, errorsPlugin, frameworkErrorHandler } from './plugins/errors.js'
import { healthPlugin } from './plugins/health.js'
import { inputSafetyPlugin } from './plugins/input-safety.js'
import { pressurePlugin } from './plugins/pressure.js'
import { rateLimitPlugin } from './plugins/rate-limit.js'
import { securityPlugin } from './plugins/security.js'
import { shareableRoutesPlugin } from './plugins/shareable-routes.js'
import { shutdownPlugin } from './plugins/shutdown.js'
import { swaggerPlugin } from './plugins/swagger.js'

/** Longest path parameter the router matches (a longer one is a 414 before any work). */
const MAX_PARAM_LENGTH = 200

export interface BuildOptions {
  /** An already-open database (tests share one); otherwise one is opened from the config. */
  database?: Database
  /** Where logs go (tests capture them); default: standard output. */
  logStream?: NodeJS.WritableStream
  /** The clock share links' expiry and the secrets' grace periods are checked against (tests move it). */
  clock?: () => Date
}

/**
 * Prepares the database (migrations, built-in price books, bootstrap key) and builds the app with
 * every plugin and module registered. Never listens: `server.ts` does, and tests use `inject`.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? (await openDatabase(config))
  let app: FastifyInstance | undefined
  try {
    await database.withConnection((conn) => migrate(conn))
    await seedBuiltinPriceBooks(database.prisma)

    app = Fastify({
      logger: loggerOptions(config.LOG_LEVEL, options.logStream),
      bodyLimit: config.BODY_LIMIT_BYTES,
      trustProxy: config.TRUST_PROXY,
      // Our own ids only: a client-chosen id could be forged or unbounded.
      requestIdHeader: false,
      genReqId: () => randomUUID(),
      return503OnClosing: true,
      // A client may take its time to send a 16 MiB plan, not forever (Fastify's default is no limit).
      requestTimeout: 120_000,
      forceCloseConnections: 'idle',
      routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
      // Router and HTTP-parser errors are problems too, like every other error.
      frameworkErrors: frameworkErrorHandler({ maxParamLength: MAX_PARAM_LENGTH }),
      clientErrorHandler,
    }).withTypeProvider<ZodTypeProvider>()
    // Every body of this API is JSON: a text/plain one is a 415 naming what is accepted, not a 400.
    app.removeContentTypeParser('text/plain')
    app.setValidatorCompiler(validatorCompiler)
    app.setSerializerCompiler(serializerCompiler)

    // Composition root: repositories, then services, then the plugins and routes that call them.
    const { prisma } = database
    const idempotency = createIdempotencyService(prisma)
    const apiKeys = createApiKeyService({
      repository: createApiKeyRepository(prisma),
      idempotency,
      cacheTtlMs: config.AUTH_CACHE_TTL_MS,
    })

    await app.register(errorsPlugin)
    await app.register(routePolicyPlugin)
    await app.register(shareableRoutesPlugin, { resolvableParams: SHARE_LINK_RESOLVABLE_PARAMS })
    await app.register(inputSafetyPlugin)
    await app.register(shutdownPlugin)
    await app.register(dbPlugin, { database, closeOnShutdown: !options.database })
    await app.register(securityPlugin, { corsOrigins: config.CORS_ORIGINS })
    await app.register(pressurePlugin, {
      maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.MAX_HEAP_USED_MB * 1024 * 1024,
    })
    await app.register(rateLimitPlugin, {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
      ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    })
    // Share links are verified by the auth hook, but made from the stores below: resolved once they exist.
    let shareLinks: ReturnType<typeof createShareLinkService> | undefined
    await app.register(authPlugin, {
      authenticate: apiKeys.authenticate,
      verifyShareLink: (request, link) => {
        if (!shareLinks) throw new Error('share links are not wired')
        return shareLinks.verify(request, link)
      },
    })
    await app.register(swaggerPlugin)
    await app.register(healthPlugin)
    // Plan computations run on worker threads, bounded per key and overall, each with a deadline.
    await app.register(computePlugin, {
      entry: PREVIEW_WORKER,
      workers: config.PLAN_WORKERS,
      queueSize: config.PLAN_QUEUE_SIZE,
      concurrencyPerKey: config.PLAN_CONCURRENCY_PER_KEY,
      deadlineMs: config.PLAN_DEADLINE_MS,
    })

    const priceBookRepository = createPriceBookRepository(prisma)
    const plans = createPlanService({ priceBooks: priceBookRepository, compute: app.compute })
    const priceBooks = createPriceBookService({
      repository: priceBookRepository,
      idempotency,
      transaction: (work) => prisma.$transaction(work),
    })
    await apiKeys.bootstrap(config.BOOTSTRAP_ADMIN_KEY, config.BOOTSTRAP_ORG_NAME)

    // Stored plans: portfolios, their workloads and scenarios, the plans computed from them, history.
    const transaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => prisma.$transaction(work)
    const portfolioRepository = createPortfolioRepository(prisma)
    const workloadRepository = createWorkloadRepository(prisma)
    const scenarioRepository = createScenarioRepository(prisma)
    const historyRepository = createHistoryRepository(prisma)
    const access = portfolioAccess(portfolioRepository)
    const writes = { priceBooks: priceBookRepository, history: historyRepository, idempotency, transaction }
    const portfolios = createPortfolioService({ repository: portfolioRepository, ...writes })
    const workloads = createWorkloadService({
      repository: workloadRepository,
      portfolios: portfolioRepository,
      access,
      ...writes,
    })
    // CSV files of workloads, checked and written as the bulk create checks and writes workloads.
    const workloadImports = createWorkloadImportService({
      repository: workloadRepository,
      portfolios: portfolioRepository,
      access,
      ...writes,
    })
    const scenarios = createScenarioService({ repository: scenarioRepository, access, ...writes })
    const projections = createProjectionService({
      repository: createProjectionRepository(prisma),
      scenarios: scenarioRepository,
      workloads: workloadRepository,
      access,
      plans,
      // A claim outlives the computation's deadline by a margin before another reader takes it over.
      claimTimeoutMs: config.PLAN_DEADLINE_MS + 10_000,
    })
    const history = createHistoryService({ repository: historyRepository, access })
    // Tables and the FOCUS export read the stored plans the projection service computes and keeps.
    const tables = createTableService({ projections })
    const focus = createFocusService({ projections })
    // Charts draw the same stored plans, and a preview's plan computed as the preview computes it.
    const charts = createChartService({ projections, plans })
    // The workbook: a stored plan's inputs as cells, its figures as formulas over them.
    const workbook = createWorkbookService({
      projections,
      priceBooks: priceBookRepository,
      compute: app.compute,
    })
    // Printable reports: the same stored plans as HTML pages, with the charts inline.
    const reports = createReportService({ projections, priceBooks: priceBookRepository, access })
    // Usage reports become workloads through the workloads' own bulk create.
    const imports = createImportService({
      access,
      priceBooks: priceBookRepository,
      workloads,
      repository: workloadRepository,
      transaction,
    })
    shareLinks = createShareLinkService({
      repository: createShareLinkRepository(prisma),
      idempotency,
      routes: app,
      access,
      scenarios: scenarioRepository,
      secrets: signingSecrets(config, (message) => app?.log.warn(message)),
      ...(options.clock ? { now: options.clock } : {}),
    })
    // The sample portfolio of docs/demo.md, once, for the bootstrap key's organization (rows only: fast).
    if (config.SEED_DEMO) {
      const demo = { repository: createDemoRepository(prisma), priceBooks: priceBookRepository, log: app.log }
      await seedDemo({ ...demo, portfolios, workloads, scenarios }, config.BOOTSTRAP_ADMIN_KEY)
    }

    await app.register(priceBookRoutes, { service: priceBooks })
    await app.register(apiKeyRoutes, { service: apiKeys })
    await app.register(planRoutes, { service: plans })
    await app.register(portfolioRoutes, { service: portfolios })
    await app.register(workloadRoutes, { service: workloads })
    await app.register(workloadImportRoutes, { service: workloadImports })
    await app.register(importRoutes, { service: imports })
    await app.register(scenarioRoutes, { service: scenarios })
    await app.register(projectionRoutes, { service: projections })
    await app.register(tableRoutes, { service: tables })
    await app.register(focusRoutes, { service: focus })
    await app.register(chartRoutes, { service: charts })
    await app.register(workbookRoutes, { service: workbook })
    await app.register(reportRoutes, { service: reports })
    await app.register(historyRoutes, { service: history })
    await app.register(shareLinkRoutes, { service: shareLinks, publicBaseUrl: config.PUBLIC_BASE_URL })
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id)
    })
    return app
  } catch (error) {
    // Whatever registered so far (worker pool, Redis connection) must not keep the process alive.
    await app?.close().catch(() => {})
    if (!options.database) await database.close().catch(() => {})
    throw error
  }
}
