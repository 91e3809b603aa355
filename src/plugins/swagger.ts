import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { PROBLEM_CONTENT_TYPE, ProblemSchema, problemDescription } from '../lib/problem.js'

export const API_TITLE = 'Claude commitment planner'
export const API_VERSION = '1.0.0'

const DESCRIPTION = `Plan a committed-spend agreement for Claude API usage: **optimize, then commit**.

Store each workload's baseline, project spend over the commitment term after routing, caching and batch
are applied in sequence and on schedule, get the recommended commitment, and see where money would be
stranded.

**Authentication.** Every \`/v1\` operation needs an API key, sent as \`Authorization: Bearer <key>\` or
\`X-API-Key: <key>\` (use **Authorize** above). Scopes nest: \`read\` ⊂ \`write\` ⊂ \`admin\`.
The reads a spreadsheet pulls also take a **share link** instead (\`POST /v1/share-links\`): a signed,
expiring URL fetched without a key.

**Money** crosses the wire as decimal strings (\`"1234.56"\`); a JSON number where money is expected
is rejected. **Errors** are RFC 9457 \`application/problem+json\` with a stable \`code\` and
\`errors[].pointer\` naming each offending field.`

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>

/**
 * The zod provider emits an input and an output variant of every named schema; keep only the
 * components that some operation actually references, so the document lists what clients use, in the
 * order the operations first reference them. (zod's registry lists them in the order their modules were
 * imported, which would make the document depend on who imported what first.)
 */
function pruneUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const doc = document as { paths?: unknown; components?: { schemas?: Record<string, unknown> } }
  const schemas = doc.components?.schemas
  if (!schemas) return document
  const used = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
      return
    }
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '')
        if (!used.has(name)) {
          used.add(name)
          visit(schemas[name])
        }
      } else visit(value)
    }
  }
  visit(doc.paths)
  doc.components!.schemas = Object.fromEntries(
    [...used].filter((name) => name in schemas).map((name) => [name, schemas[name]]),
  )
  return document
}

/**
 * Error responses are documented with the `Problem` schema under `application/json` by the route
 * schemas; every error body is sent as `application/problem+json` (RFC 9457), so say that.
 */
function problemMediaType(document: OpenApiDocument): OpenApiDocument {
  type Responses = Record<string, { content?: Record<string, unknown> }>
  const paths = (document as { paths?: Record<string, Record<string, { responses?: Responses }>> }).paths
  for (const item of Object.values(paths ?? {})) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json']
        if (Number(status) >= 400 && json !== undefined && Object.keys(response.content!).length === 1) {
          response.content = { [PROBLEM_CONTENT_TYPE]: json }
        }
      }
    }
  }
  return document
}

interface DocumentOperation {
  operationId?: string
  summary?: string
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> }
  responses?: Record<string, unknown>
}
type DocumentPaths = Record<string, Record<string, DocumentOperation>>

const pathsOf = (document: OpenApiDocument) =>
  ((document as { paths?: DocumentPaths }).paths ?? {}) as DocumentPaths

/** The OpenAPI template of a Fastify URL: `:portfolioId` → `{portfolioId}`. */
const templateOf = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

/** Methods whose request body Fastify reads (and so may refuse: too large, or of another media type). */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete'])

/** Path parameter values that make the path another one: empty, or a dot segment a URL parser resolves. */
const SHIFTING_SEGMENTS = ['', '.', '..']

/**
 * True when `method` on `template` can be a 405: some values of its path parameters (empty, `.`, `..`; clients
 * and URL parsers resolve dot segments before sending) make the path one that exists, but not with this method
 * — e.g. `DELETE /v1/share-links/.` is `DELETE /v1/share-links`. Decided the way the router and the not-found
 * handler decide (a trailing slash ignored, a parameter matching one non-empty segment), over every operation
 * of the document.
 */
function canBeMethodNotAllowed(paths: DocumentPaths, template: string, method: string): boolean {
  const segments = template.split('/')
  const params = segments.flatMap((part, i) => (/^\{.+\}$/.test(part) ? [i] : []))
  if (params.length === 0) return false
  const routes = Object.entries(paths).map(([path, item]) => ({
    segments: path.split('/'),
    methods: new Set(Object.keys(item)),
  }))
  const matches = (route: { segments: string[] }, path: string[]) =>
    route.segments.length === path.length &&
    route.segments.every((part, i) => (/^\{.+\}$/.test(part) ? path[i] !== '' : part === path[i]))
  // Every combination of an ordinary value or a shifting one in each parameter (at most three parameters).
  const choices = ['x', ...SHIFTING_SEGMENTS]
  for (let combination = 1; combination < choices.length ** params.length; combination++) {
    const concrete = [...segments]
    params.forEach((at, k) => {
      concrete[at] = choices[Math.floor(combination / choices.length ** k) % choices.length]!
    })
    let resolved = new URL(concrete.join('/'), 'http://openapi.invalid').pathname
    if (resolved.length > 1 && resolved.endsWith('/')) resolved = resolved.slice(0, -1)
    const path = resolved.split('/')
    const reached = routes.filter((route) => matches(route, path))
    if (reached.length > 0 && !reached.some((route) => route.methods.has(method))) return true
  }
  return false
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

/**
 * The error statuses that come from the HTTP layer rather than from an operation's own logic, added in this one
 * place to every operation that can answer them (an operation that declares one keeps its own wording):
 * - 503 on every operation: load shedding (`OVERLOADED`), a shutdown under way, an unreachable database;
 * - 414 on every operation with a path parameter: one longer than the router matches (`URI_TOO_LONG`);
 * - 405 where an empty or dot-segment path parameter makes the path another resource's without this method;
 * - 413 and 415 on every operation whose method has a body Fastify reads — DELETE too, which takes none but
 *   still reads one that is sent.
 * The fuzzer (test/integration/fuzz.test.ts) fails on any error status an operation answers undocumented.
 */
function withTransportProblems(document: OpenApiDocument): OpenApiDocument {
  const paths = pathsOf(document)
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = operation.responses
      if (!responses) continue
      const add = (status: number, description: string) => {
        if (!(String(status) in responses)) responses[String(status)] = problemResponse(description)
      }
      add(503, problemDescription(503))
      if (template.includes('{')) add(414, problemDescription(414))
      if (canBeMethodNotAllowed(paths, template, method)) add(405, problemDescription(405))
      if (BODY_METHODS.has(method)) {
        const none = operation.requestBody === undefined
        add(
          413,
          none ? 'A body was sent (this operation takes none) and it is too large.' : problemDescription(413),
        )
        add(
          415,
          none
            ? 'A body was sent (this operation takes none) with a Content-Type other than `application/json`.'
            : problemDescription(415),
        )
      }
    }
  }
  return document
}

/**
 * `POST /v1/share-links`'s `path` field lists the operations a link may open, read from the routes' own
 * policies (`signedLink: true`) rather than written by hand, so a route made shareable is listed with it.
 */
function withShareableOperations(document: OpenApiDocument, shareable: readonly string[]): OpenApiDocument {
  const paths = pathsOf(document)
  if (shareable.length === 0) return document
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas
  const listed = shareable
    .map((template) => {
      const summary = paths[template]?.get?.summary
      return `\n- \`GET ${template}\`${summary ? ` — ${summary}` : ''}`
    })
    .join('')
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (operation.operationId !== 'createShareLink') continue
      const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref
      const body = ref ? schemas?.[ref.replace('#/components/schemas/', '')] : undefined
      const field = (body as { properties?: Record<string, { description?: string }> } | undefined)
        ?.properties?.path
      if (field)
        field.description = `${field.description ?? ''}\n\nThe operations that allow share links:\n${listed}`
    }
  }
  return document
}

const SHARE_LINK_NOTE =
  ' Also readable without a key through a share link (`POST /v1/share-links`): a URL a spreadsheet fetches.'

const SHARE_LINK_REFUSED = ProblemSchema.describe(
  'Not allowed: the key lacks the scope, or a share link is not valid, has expired or was revoked ' +
    '(`SHARE_LINK_INVALID`, `SHARE_LINK_EXPIRED`, `SHARE_LINK_REVOKED`).',
)

/**
 * The zod provider's transform; an operation that allows share links says so in its description and
 * documents the 403 a refused link is answered with.
 */
function withShareLinkNote(input: Parameters<typeof jsonSchemaTransform>[0]) {
  const auth = input.route.config?.auth
  if (auth === undefined || auth === 'none' || !auth.signedLink) return jsonSchemaTransform(input)
  const response = input.schema?.response as Record<string, unknown> | undefined
  const schema = { ...input.schema, response: { 403: SHARE_LINK_REFUSED, ...response } }
  const output = jsonSchemaTransform({ ...input, schema })
  const description = (output.schema as { description?: string }).description
  if (typeof description !== 'string') return output
  return { ...output, schema: { ...output.schema, description: description + SHARE_LINK_NOTE } }
}

/**
 * Swagger UI's settings. A plan can be megabytes of JSON (tens with `include=workloadMonths`), and
 * syntax highlighting makes an element per token of it, which can hold the tab for long: answers are
 * shown as plain text. (Plan operations send the per-workload monthly series only when `include` asks.)
 */
export const SWAGGER_UI_CONFIG = {
  // The key survives a reload of the page (kept in this browser's local storage for this origin).
  persistAuthorization: true,
  displayRequestDuration: true,
  tryItOutEnabled: true,
  syntaxHighlight: false,
  // A search box that filters operations by tag.
  filter: true,
  // Tags open, operations closed; the schemas at the bottom closed.
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
} as const

/**
 * OpenAPI 3.1 document generated from the routes' zod schemas, served at `/openapi.json` and
 * `/openapi.yaml`, with Swagger UI at `/docs` (its Authorize dialog takes an API key).
 */
export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    const shareableTemplates = () =>
      [
        ...new Set(
          app
            .routeInventory()
            .filter(
              (route) => route.method === 'GET' && typeof route.auth === 'object' && route.auth.signedLink,
            )
            .map((route) => templateOf(route.url)),
        ),
      ].sort()
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION },
        tags: [
          { name: 'plans', description: 'Projections, waterfalls and the recommended commitment.' },
          {
            name: 'portfolios',
            description: 'Stored portfolios: the workloads a commitment would cover, and who changed what.',
          },
          { name: 'workloads', description: 'A portfolio’s workloads: one kind of Claude traffic each.' },
          {
            name: 'scenarios',
            description:
              'A term, the levers and their schedule, and commitment settings, planned over a portfolio.',
          },
          {
            name: 'price-books',
            description: 'Model prices: the built-in list prices and your negotiated books.',
          },
          { name: 'api-keys', description: 'API keys of your organization (admin scope).' },
          {
            name: 'share-links',
            description: 'Signed, expiring, revocable URLs a spreadsheet fetches without a key (read-only).',
          },
          { name: 'health', description: 'Liveness and readiness probes (no key needed).' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key as a bearer token.' },
            apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key header.' },
          },
        },
        security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
      },
      transform: withShareLinkNote,
      // Generated on the first request for the document, once every route (and its policy) is known.
      transformObject: (documentObject) =>
        problemMediaType(
          pruneUnusedSchemas(
            withShareableOperations(
              withTransportProblems(jsonSchemaTransformObject(documentObject)),
              shareableTemplates(),
            ),
          ),
        ),
    })
    // Swagger UI's own pages and assets are public, like the document they show.
    await app.register(async (ui) => {
      ui.addHook('onRoute', (route) => {
        route.config = { ...route.config, auth: 'none' }
      })
      await ui.register(swaggerUi, {
        routePrefix: '/docs',
        staticCSP: true,
        // Swagger UI sets a few inline styles; allow those (styles only, never inline scripts).
        transformStaticCSP: (header) => header.replace(/style-src ([^;]*);/, "style-src $1 'unsafe-inline';"),
        uiConfig: SWAGGER_UI_CONFIG,
      })
    })
    app.get('/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, async () => app.swagger())
    app.get('/openapi.yaml', { config: { auth: 'none' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/yaml').send(app.swagger({ yaml: true })),
    )
  },
  { name: 'swagger', fastify: '5.x', dependencies: ['route-policy'] },
)
