import { readFile } from 'node:fs/promises'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { expect, inject } from 'vitest'
import { type BuildOptions, buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config/env.js'
import { openDatabase } from '../../src/db/client.js'
import { ProblemSchema } from '../../src/lib/problem.js'
import type { Scope } from '../../src/lib/scopes.js'
import { createApiKeyRepository } from '../../src/modules/api-keys/api-keys.repository.js'
import { createApiKeyService } from '../../src/modules/api-keys/api-keys.service.js'
import { createIdempotencyService } from '../../src/modules/idempotency/idempotency.service.js'

/** This run's fresh PostgreSQL database, or undefined when the suite runs on PGlite. */
export const databaseUrl: string | undefined = inject('databaseUrl') || undefined
export const databaseKind = databaseUrl ? 'postgres' : 'pglite'

const templateFiles = inject('pgliteTemplates')
const templates = new Map<'empty' | 'migrated', Promise<Blob>>()

/**
 * One of this run's PGlite data-directory tarballs (test/global-setup.ts), read once per test file;
 * undefined on PostgreSQL runs. `migrated` is what buildApp leaves a new database as, `empty` a new
 * database before any migration.
 */
export function pgliteTemplate(kind: 'empty' | 'migrated'): Promise<Blob> | undefined {
  if (!templateFiles) return undefined
  let template = templates.get(kind)
  if (!template) {
    template = readFile(templateFiles[kind]).then((bytes) => new Blob([bytes]))
    templates.set(kind, template)
  }
  return template
}

/** The configuration tests run with: this run's database, quiet logs, generous limits. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    DATA_DIR: 'memory://',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_FAILURES_PER_MINUTE: '100000',
    // Tests change keys behind the service's back (an expiry moved in the database): look keys up every time.
    AUTH_CACHE_TTL_MS: '0',
    // Several apps share one test process; one app's start-up (PGlite initdb) must not make another shed load.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    SEED_DEMO: 'false',
    ...overrides,
  })
}

/**
 * `buildApp` and `ready` with {@link testConfig}. An in-memory PGlite database (the default on PGlite
 * runs) starts from the run's migrated template instead of initdb and every migration, and is closed
 * with the app; any other database is opened by `buildApp` as in production.
 */
export async function buildTestApp(
  overrides: Record<string, string | undefined> = {},
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const config = testConfig(overrides)
  const template =
    !options.database && !config.DATABASE_URL && config.DATA_DIR === 'memory://'
      ? pgliteTemplate('migrated')
      : undefined
  if (!template) {
    const app = await buildApp(config, options)
    await app.ready()
    return app
  }
  const database = await openDatabase(config, { pgliteTemplate: await template })
  let app: FastifyInstance
  try {
    app = await buildApp(config, { ...options, database })
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
  // buildApp leaves a database it was given open; this one belongs to the app. (Its onClose hook runs
  // before the plugins' own, which never use the database: in-flight requests are over by then.)
  app.addHook('onClose', async () => {
    await database.close()
  })
  await app.ready()
  return app
}

export interface Tenant {
  organizationId: string
  keys: Record<Scope, string>
}

let tenantCounter = 0

/** A new organization with one key per scope; tests stay apart by using their own tenants. */
export async function createTenant(app: FastifyInstance, label = 'tenant'): Promise<Tenant> {
  const service = createApiKeyService({
    repository: createApiKeyRepository(app.db.prisma),
    idempotency: createIdempotencyService(app.db.prisma),
  })
  const name = `${label}-${process.pid}-${Date.now()}-${++tenantCounter}`
  const { organization, key: admin } = await service.issueForOrganization(name, 'admin', ['admin'])
  const read = await service.issue(organization.id, 'read', ['read'], null)
  const write = await service.issue(organization.id, 'write', ['write'], null)
  return {
    organizationId: organization.id,
    keys: { read: read.secret, write: write.secret, admin: admin.secret },
  }
}

/**
 * `app.inject` that checks every error response against the one problem shape (RFC 9457): JSON of
 * type application/problem+json whose `status` equals the HTTP status.
 */
export async function call(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await app.inject(options)
  if (response.statusCode >= 400) expectProblemShape(response)
  return response
}

export function expectProblemShape(response: LightMyRequestResponse): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = ProblemSchema.parse(response.json())
  expect(body.status).toBe(response.statusCode)
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+|prisma|SELECT |P20\d\d/i)
}

export function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status })
  expectProblemShape(response)
  const body = ProblemSchema.parse(response.json())
  expect(body.code).toBe(code)
  return body
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
