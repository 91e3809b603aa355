import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { committedDocument, servedDocument } from '../fuzz/openapi.js'
import { formatFigures, formatFindings, fuzz } from '../fuzz/runner.js'
import { buildTestApp, createTenant, databaseKind, type Tenant } from '../helpers/app.js'
import { ownDatabase } from '../helpers/databases.js'

/**
 * The HTTP fuzzer: every operation of the OpenAPI document the app serves — new routes included,
 * with no list here — gets valid requests built from its schemas and examples and hostile ones
 * (see test/fuzz/plans.ts), and every answer is held to the contract (see test/fuzz/oracle.ts).
 * Reproducible: a fixed seed unless FUZZ_SEED is set; FUZZ_RUNS sets the number of requests.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_270_101)
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)

let app: FastifyInstance
let tenant: Tenant
let other: Tenant
let database: Awaited<ReturnType<typeof ownDatabase>>

beforeAll(async () => {
  // Row counts must see only this file's writes: on PostgreSQL it gets a database of its own.
  database = await ownDatabase('ccp_fuzz')
  app = await buildTestApp({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_MINUTE: '1000000',
    // The fuzzer sends 10,000-level JSON and 17 MB bodies on purpose; shedding load would hide answers.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    PLAN_WORKERS: '1',
    PLAN_QUEUE_SIZE: '1000',
    PLAN_CONCURRENCY_PER_KEY: '1000',
    PLAN_DEADLINE_MS: '120000',
  })
  tenant = await createTenant(app, 'fuzz')
  other = await createTenant(app, 'fuzz-other')
})
afterAll(async () => {
  await app?.close()
  await database?.dispose()
})

describe('the HTTP fuzzer', () => {
  it(
    `sends ${RUNS.toLocaleString('en-US')} generated requests over every operation: no 5xx, only documented problems and statuses, 2xx as documented, no rows from rejected writes`,
    async () => {
      const report = await fuzz({
        app,
        served: servedDocument(app),
        committed: await committedDocument(),
        tenant,
        other,
        seed: SEED,
        runs: RUNS,
        // Plans stay small so 10,000 requests fit in minutes; bigger ones are the preview tests' job.
        integerCaps: { simulations: 200 },
        maxArrayItems: 3,
      })
      console.log(formatFigures(report, databaseKind))
      expect(report.requests).toBeGreaterThanOrEqual(Math.min(RUNS, 10_000) * 0.99)
      for (const [id, stats] of report.perOperation) expect(stats.requests, id).toBeGreaterThan(0)
      // Every error status an operation answered is one its OpenAPI responses list (those of the HTTP layer
      // are added to every operation in src/plugins/swagger.ts); the findings show requests reproducing any other.
      const undocumented = report.findings.filter((f) => f.kind === 'undocumented error status')
      expect(
        Object.fromEntries(report.undocumentedStatuses),
        `error statuses missing from an operation's documented responses (operation status: answers)\n${formatFindings({ ...report, findings: undocumented })}`,
      ).toEqual({})
      if (report.findings.length > 0) expect.fail(formatFindings(report))
    },
    15 * 60_000,
  )
})
