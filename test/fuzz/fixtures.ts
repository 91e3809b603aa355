import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { bearer, type Tenant } from '../helpers/app.js'
import { deref, type JsonSchema, type OpenApiDocument, operationsOf } from './openapi.js'

/** What a path fixture may use to make its resource: the app, the owner, and the served document. */
export interface FixtureContext {
  app: FastifyInstance
  doc: OpenApiDocument
  tenant: Tenant
  /** The path parameters resolved before this one in the same path (a workload's portfolio). */
  params?: Readonly<Record<string, string>>
}

/** Where a path parameter's values come from. */
export interface PathFixture {
  /**
   * True when the value names a resource of one organization: another organization must get a 404
   * for it, and the tenant matrix checks that it does.
   */
  owned: boolean
  /** Makes (or finds) a resource of `tenant` and returns its path-parameter value. */
  create(ctx: FixtureContext): Promise<string>
}

/** The `id` of the 201 answer to POSTing the collection's own documented example. */
const createdFromExample =
  (collection: string) =>
  async ({ app, doc, tenant }: FixtureContext): Promise<string> => {
    let response: LightMyRequestResponse | undefined
    // A fresh slug may still meet one the fuzzer made: try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      response = await postExample(app, doc, collection, tenant.keys.admin)
      const id = (response.json() as { id?: unknown }).id
      if (response.statusCode === 201 && typeof id === 'string') return id
    }
    throw new Error(
      `POST ${collection} with its example answered ${response?.statusCode}: ${response?.body.slice(0, 300)}`,
    )
  }

/**
 * Path parameters by `<collection>/{<name>}` (the path segment before the parameter, then the
 * parameter): each says how to get a real value for it. A new route with a path parameter needs an
 * entry here; the fuzzer and the matrices stop with a message naming the missing key.
 */
export const PATH_FIXTURES: Readonly<Record<string, PathFixture>> = {
  'price-books/{id}': { owned: true, create: createdFromExample('/v1/price-books') },
  'api-keys/{id}': { owned: true, create: createdFromExample('/v1/api-keys') },
  'portfolios/{portfolioId}': { owned: true, create: ({ app, tenant }) => makePortfolio(app, tenant) },
  'workloads/{workloadId}': {
    owned: true,
    async create({ app, tenant, params }) {
      const portfolioId = params?.portfolioId ?? (await makePortfolio(app, tenant))
      return created(app, tenant, `/v1/portfolios/${portfolioId}/workloads`, {
        name: `fixture-${freshSeed()}`,
        model: 'claude-sonnet-4-5',
        requestsPerMonth: '100000',
        inputTokensPerRequest: '2000',
        outputTokensPerRequest: '300',
        userWaiting: false,
      })
    },
  },
  'scenarios/{scenarioId}': {
    owned: true,
    async create({ app, tenant, params }) {
      const portfolioId = params?.portfolioId ?? (await makePortfolio(app, tenant))
      return created(app, tenant, `/v1/portfolios/${portfolioId}/scenarios`, {
        name: `fixture-${freshSeed()}`,
        term: { start: '2027-01-01', months: 12 },
        levers: [{ lever: 'batch', startMonth: 0, rampMonths: 1 }],
        commitment: { simulations: 200 },
      })
    },
  },
  'models/{model}': {
    owned: false,
    async create({ app, tenant }) {
      const response = await app.inject({
        method: 'GET',
        url: '/v1/models',
        headers: bearer(tenant.keys.read),
      })
      const first = (response.json() as { data?: { modelId?: string }[] }).data?.[0]?.modelId
      if (!first)
        throw new Error(`GET /v1/models answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
      return first
    },
  },
  'share-links/{id}': {
    owned: true,
    async create(ctx) {
      const body = await BODY_FIXTURES['POST /v1/share-links']!(ctx)
      return created(ctx.app, ctx.tenant, '/v1/share-links', body)
    },
  },
  // A chart of a plan (its file name names the chart and the format); the plan is the scenario's or the body's.
  'charts/{chart}': { owned: false, create: async () => 'waterfall.svg' },
  'tables/{table}': { owned: false, create: async () => 'months' },
  // Wildcard routes: a static file of Swagger UI, and any path for the CORS preflight route.
  'static/{*}': { owned: false, create: async () => 'swagger-ui.css' },
  '/{*}': { owned: false, create: async () => 'v1/price-books' },
}

/**
 * Bodies for operations whose documented example cannot succeed as it is, because it names resources (a
 * share link's `path`): by `<METHOD> <path template>`, each makes what it names for the owner.
 */
export const BODY_FIXTURES: Readonly<Record<string, (ctx: FixtureContext) => Promise<object>>> = {
  'POST /v1/share-links': async (ctx) => {
    const portfolioId = await makePortfolio(ctx.app, ctx.tenant)
    const scenarioId = await PATH_FIXTURES['scenarios/{scenarioId}']!.create({
      ...ctx,
      params: { portfolioId },
    })
    return { path: `/v1/portfolios/${portfolioId}/scenarios/${scenarioId}/projection` }
  },
}

/** POSTs `body` as the holder of `tenant`'s admin key and returns the new resource's id. */
async function created(app: FastifyInstance, tenant: Tenant, url: string, body: object): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: bearer(tenant.keys.admin),
    payload: body,
  })
  const id = (response.json() as { id?: unknown }).id
  if (response.statusCode !== 201 || typeof id !== 'string')
    throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
  return id
}

/** A portfolio of `tenant` with one workload (so its nested routes have something to compute). */
async function makePortfolio(app: FastifyInstance, tenant: Tenant): Promise<string> {
  const id = await created(app, tenant, '/v1/portfolios', { name: `fixture-${process.pid}-${freshSeed()}` })
  await created(app, tenant, `/v1/portfolios/${id}/workloads`, {
    name: 'overnight-report',
    model: 'claude-sonnet-4-5',
    requestsPerMonth: '50000',
    inputTokensPerRequest: '4000',
    outputTokensPerRequest: '600',
    cacheablePrefixTokens: '3000',
    targetCacheHitRate: '0.8',
    userWaiting: false,
  })
  return id
}

/** `/v1/price-books/{id}`, `id` → `price-books/{id}`. */
export function fixtureKey(path: string, name: string): string {
  const segments = path.split('/')
  const at = segments.indexOf(`{${name}}`)
  return `${at > 0 ? segments[at - 1] : ''}/{${name}}`
}

/** The fixture of a path parameter; a clear failure when there is none. */
export function fixtureFor(path: string, name: string): PathFixture {
  const key = fixtureKey(path, name)
  const fixture = PATH_FIXTURES[key]
  if (!fixture) {
    throw new Error(
      `No path fixture for '{${name}}' in ${path}: add an entry '${key}' to PATH_FIXTURES in test/fuzz/fixtures.ts ` +
        'saying how to create a resource whose id goes there.',
    )
  }
  return fixture
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * A copy of `example` in which every string whose schema has a `pattern` (slugs and the like,
 * which are often unique keys) is replaced by a fresh value matching it, so the example can be
 * POSTed again and again. Dates and other formatted strings are kept.
 */
export function uniquified(
  doc: OpenApiDocument,
  example: unknown,
  schema: JsonSchema,
  seed: number,
  key?: string,
): unknown {
  // Names are unique within their collection (portfolios, workloads, scenarios): a fresh one each time.
  const uniqueNameKey = key === 'name'
  const s = deref(doc, schema)
  const branch = (s.anyOf ?? s.oneOf)
    ?.map((b) => deref(doc, b))
    .find((b) => b.type === typeof example || (b.properties && isPlainObject(example)))
  const target = branch ?? s
  if (typeof example === 'string' && target.pattern === undefined && uniqueNameKey) {
    return `${example.slice(0, 150)} ${seed}`
  }
  if (typeof example === 'string' && target.pattern && !target.format) {
    // The longest of a few samples: long random values do not collide.
    const candidates = fc.sample(fc.stringMatching(new RegExp(target.pattern)), { seed, numRuns: 20 })
    return candidates.reduce(
      (best, next) => (next.length > best.length ? next : best),
      candidates[0] ?? example,
    )
  }
  if (Array.isArray(example))
    return example.map((item, i) => uniquified(doc, item, target.items ?? {}, seed + i))
  if (isPlainObject(example)) {
    return Object.fromEntries(
      Object.entries(example).map(([key, value], i) => [
        key,
        target.properties?.[key]
          ? uniquified(doc, value, target.properties[key]!, seed * 31 + i, key)
          : value,
      ]),
    )
  }
  return example
}

let uniqueSeed = 1

/** A seed never handed out before in this process, for {@link uniquified}. */
export const freshSeed = () => uniqueSeed++

/** POSTs the documented example of `POST path` (made unique), as the holder of `key`. */
export async function postExample(
  app: FastifyInstance,
  doc: OpenApiDocument,
  path: string,
  key: string,
): Promise<LightMyRequestResponse> {
  const operation = operationsOf(doc).find((op) => op.method === 'POST' && op.path === path)
  const example = operation?.bodyExamples[0]
  if (!operation?.body || example === undefined) throw new Error(`POST ${path} documents no request example`)
  return app.inject({
    method: 'POST',
    url: path,
    headers: bearer(key),
    payload: uniquified(doc, example, operation.body, freshSeed()) as object,
  })
}
