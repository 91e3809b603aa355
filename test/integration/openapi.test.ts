import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { PROBLEM_CONTENT_TYPE } from '../../src/lib/problem.js'
import { PREVIEW_EXAMPLE_REQUEST, PREVIEW_EXAMPLE_RESPONSE } from '../../src/modules/plans/plans.examples.js'
import { EXAMPLE_IDS } from '../../src/modules/portfolios/portfolios.schemas.js'
import { SWAGGER_UI_CONFIG } from '../../src/plugins/swagger.js'
import { bearer, buildTestApp, call, createTenant } from '../helpers/app.js'

interface Schema {
  $ref?: string
  anyOf?: Schema[]
  oneOf?: Schema[]
  example?: unknown
  examples?: unknown[]
}
interface MediaType {
  schema?: Schema
  example?: unknown
  examples?: Record<string, { value?: unknown }>
}
interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  description?: string
  parameters?: { in: string; name: string; required?: boolean }[]
  requestBody?: { content?: Record<string, MediaType> }
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>
  security?: unknown[]
}
interface Document {
  openapi: string
  tags?: { name: string; description?: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

const COMMITTED = new URL('../../openapi.yaml', import.meta.url)

/**
 * Operations of other modules whose examples are still missing, by operationId: gaps to close in those
 * modules' schemas (`.meta({ example })`). The test fails when an operation lacks an example and is not
 * listed, and when one listed here has it by now (delete the entry then), so the list stays exact.
 */
const EXAMPLE_GAPS: Record<string, string[]> = {
  // src/plugins/health.ts
  getHealth: ['200 answer'],
  getReadiness: ['200 answer'],
  // src/modules/price-books
  listModels: ['200 answer'],
  getModel: ['200 answer'],
  listPriceBooks: ['200 answer'],
  createPriceBook: ['201 answer'],
  getPriceBook: ['200 answer'],
  updatePriceBook: ['200 answer'],
  getPriceBookModel: ['200 answer'],
  updatePriceBookModel: ['200 answer'],
  // src/modules/api-keys
  createApiKey: ['201 answer'],
  listApiKeys: ['200 answer'],
}

let app: FastifyInstance
let spec: Document

beforeAll(async () => {
  app = await buildTestApp()
  spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
})
afterAll(async () => app?.close())

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method,
      operation,
      where: `${method.toUpperCase()} ${path} (${operation.operationId})`,
    })),
  )

/** Follows `$ref`s to `#/components/schemas/...`. */
function deref(schema: Schema): Schema {
  let current = schema
  for (let hops = 0; current.$ref !== undefined; hops++) {
    const target = spec.components.schemas[current.$ref.replace('#/components/schemas/', '')]
    if (!target || hops > 16) throw new Error(`unresolvable ${current.$ref}`)
    current = target
  }
  return current
}

/** Whether a media type shows an example: its own, its schema's, or (a union) every member's. */
/** Media types a request body may have: JSON, and CSV for imports. */
const REQUEST_MEDIA = ['application/json', 'text/csv']
/** Media types a success answer may have: JSON, CSV tables, the workbook, charts and report pages. */
const RESPONSE_MEDIA = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/svg+xml',
  'image/png',
  'text/html',
]
/** Answers whose example a reader expects in Swagger UI (text formats); files are described in words. */
const EXAMPLED_MEDIA = new Set(['application/json', 'text/csv'])

function hasExample(media: MediaType): boolean {
  if (media.example !== undefined || Object.keys(media.examples ?? {}).length > 0) return true
  if (!media.schema) return false
  const schema = deref(media.schema)
  if (schema.example !== undefined || (schema.examples?.length ?? 0) > 0) return true
  const members = schema.anyOf ?? schema.oneOf
  return members?.every((member) => hasExample({ schema: member })) ?? false
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and identical to the committed openapi.yaml (run `npm run openapi:dump`)', async () => {
    expect(spec.openapi).toBe('3.1.0')
    const committed = await readFile(COMMITTED, 'utf8')
    const served = (await app.inject({ method: 'GET', url: '/openapi.yaml' })).body
    expect(served).toBe(committed)
    expect(parse(committed)).toEqual(spec)
  })

  it('is valid OpenAPI 3.1, served and committed (@seriousme/openapi-schema-validator)', async () => {
    for (const [what, document] of [
      ['/openapi.json', structuredClone(spec) as unknown as Record<string, unknown>],
      ['openapi.yaml', await readFile(COMMITTED, 'utf8')],
    ] as const) {
      const validator = new Validator()
      const result = await validator.validate(document)
      expect({ what, errors: result.errors }).toEqual({ what, errors: undefined })
      expect(result.valid).toBe(true)
      expect(validator.version).toBe('3.1')
    }
  })

  it('documents every operation: a unique operationId, declared tags, a summary and a description', () => {
    const ids = new Set<string>()
    const declared = new Set(spec.tags?.map((tag) => tag.name))
    for (const tag of spec.tags ?? []) expect(tag.description?.length, `tag ${tag.name}`).toBeGreaterThan(10)
    for (const { operation, where } of operations()) {
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
      expect(ids.has(operation.operationId!), `${where} duplicate operationId`).toBe(false)
      ids.add(operation.operationId!)
      expect(operation.tags?.length, where).toBeGreaterThan(0)
      for (const tag of operation.tags ?? []) expect(declared, `${where} tag ${tag}`).toContain(tag)
      expect(operation.summary?.trim().length, where).toBeGreaterThan(5)
      expect(operation.summary!.length, `${where} summary: one short line`).toBeLessThanOrEqual(80)
      expect(operation.description?.trim().length, where).toBeGreaterThan(10)
    }
  })

  it('documents every error an operation can answer, each as an RFC 9457 problem', () => {
    for (const { path, method, operation, where } of operations()) {
      const responses = operation.responses ?? {}
      const statuses = Object.keys(responses)
      const headers = new Set(
        (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
      )
      const expected = ['500']
      if (path.startsWith('/v1/')) expected.push('400', '401', '429')
      if (operation.parameters?.some((p) => p.in === 'path')) expected.push('404')
      if (method !== 'get') expected.push('403')
      if (operation.requestBody) expected.push('413', '415')
      if (headers.has('if-match')) expected.push('412', '428')
      if (headers.has('idempotency-key')) expected.push('422')
      if (headers.has('if-none-match')) expected.push('304')
      expect(statuses, where).toEqual(expect.arrayContaining(expected))
      // One success answer; a create with `?dryRun` has two: 200 for the dry run, 201 for the create.
      const dryRun = operation.parameters?.some((p) => p.in === 'query' && p.name === 'dryRun')
      const successes = statuses.filter((status) => status.startsWith('2'))
      if (dryRun && successes.length === 2) expect(successes, where).toEqual(['200', '201'])
      else expect(successes, where).toHaveLength(1)
      for (const [status, response] of Object.entries(responses)) {
        expect(response.description?.length, `${where} ${status}`).toBeGreaterThan(3)
        if (Number(status) < 400) continue
        expect({ where, status, content: response.content }).toEqual({
          where,
          status,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
        })
      }
    }
    expect(spec.components.schemas.Problem?.example).toBeDefined()
  })

  it('shows an example of every request body and every 2xx JSON answer', () => {
    const gaps: Record<string, string[]> = {}
    for (const { operation, where } of operations()) {
      const missing: string[] = []
      const body = operation.requestBody?.content
      if (body) {
        for (const media of Object.keys(body)) expect(REQUEST_MEDIA, where).toContain(media)
        for (const [media, content] of Object.entries(body))
          if (!hasExample(content)) missing.push(`request body (${media})`.replace(' (application/json)', ''))
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2') || !response.content) continue
        for (const media of Object.keys(response.content))
          expect(RESPONSE_MEDIA, `${where} ${status}`).toContain(media)
        // Files (a workbook, a picture, a page) are described in words; JSON and CSV answers show an example.
        for (const [media, content] of Object.entries(response.content))
          if (EXAMPLED_MEDIA.has(media) && !hasExample(content))
            missing.push(`${status} answer (${media})`.replace(' (application/json)', ''))
      }
      if (missing.length > 0) gaps[operation.operationId!] = missing
    }
    expect(gaps).toEqual(EXAMPLE_GAPS)
  })

  it('every example matches the schema it illustrates (JSON Schema 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true })
    addFormats.default(ajv)
    const base = 'https://openapi.invalid/served.json'
    ajv.addSchema({ ...structuredClone(spec), $id: base })
    const pointer = (parts: string[]) =>
      parts.map((part) => encodeURIComponent(part.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')
    const failures: string[] = []
    let checked = 0
    const check = (example: unknown, schemaAt: string[], where: string) => {
      checked++
      const validate = ajv.compile({ $ref: `${base}#/${pointer(schemaAt)}` })
      if (!validate(example)) {
        const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`)
        failures.push(`${where}: ${errors.join('; ')}`)
      }
    }
    // Every `example`/`examples` in the document: a schema's own, or a media type's or parameter's (of
    // its `schema`). Example values themselves are not searched.
    const visit = (node: unknown, at: string[], propertyNames: boolean): void => {
      if (node === null || typeof node !== 'object') return
      if (Array.isArray(node)) {
        node.forEach((item, i) => {
          visit(item, [...at, String(i)], false)
        })
        return
      }
      const object = node as Record<string, unknown>
      if (!propertyNames) {
        const schemaAt = 'schema' in object ? [...at, 'schema'] : at
        const where = `#/${at.join('/')}`
        if (object.example !== undefined) check(object.example, schemaAt, where)
        if (Array.isArray(object.examples)) for (const example of object.examples) check(example, at, where)
        else if (object.examples && typeof object.examples === 'object') {
          for (const [name, { value }] of Object.entries(
            object.examples as Record<string, { value: unknown }>,
          ))
            check(value, schemaAt, `${where} (${name})`)
        }
      }
      for (const [key, value] of Object.entries(object)) {
        if (!propertyNames && (key === 'example' || key === 'examples')) continue
        visit(value, [...at, key], key === 'properties' && !propertyNames)
      }
    }
    visit({ paths: spec.paths, components: spec.components }, [], false)
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(20)
  })

  it('the recommendation and comparison examples are the API’s answers for the worked example', async () => {
    const tenant = await createTenant(app, 'openapi-examples')
    const send = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await call(app, {
        method,
        url,
        headers: bearer(tenant.keys.write),
        ...(payload ? { payload } : {}),
      })
      expect({ url, status: response.statusCode }).toEqual({ url, status: method === 'POST' ? 201 : 200 })
      return response.json()
    }
    const { priceBook: _book, workloads, ...scenario } = PREVIEW_EXAMPLE_REQUEST
    const portfolio = await send('POST', '/v1/portfolios', { name: 'worked example' })
    await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, { workloads })
    const worked = await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'optimize first',
      ...scenario,
    })
    const commitNow = await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'commit now',
      basedOn: worked.id,
      levers: [],
    })
    const ids: Record<string, string> = {
      [portfolio.id]: EXAMPLE_IDS.portfolio,
      [worked.id]: EXAMPLE_IDS.workedScenario,
      [commitNow.id]: EXAMPLE_IDS.commitNowScenario,
    }
    const asExample = (body: unknown) =>
      JSON.parse(JSON.stringify(body).replace(/[0-9a-f-]{36}/g, (id) => ids[id] ?? id))
    const recommendation = await send(
      'GET',
      `/v1/portfolios/${portfolio.id}/scenarios/${worked.id}/recommendation`,
    )
    expect(asExample(recommendation)).toEqual(spec.components.schemas.ScenarioRecommendation?.example)
    // When this fails after a change to the engine or the prices, copy the answer into the example
    // (src/modules/projections/projections.schemas.ts).
    const comparison = await send('GET', `/v1/portfolios/${portfolio.id}/comparison`)
    expect(asExample(comparison)).toEqual(spec.components.schemas.ScenarioComparison?.example)
  })

  it('documents the plan as the engine answers it: structure, contract years, six option kinds (DESIGN §3.5–§3.7)', () => {
    type Properties = Record<
      string,
      Schema & {
        properties?: Properties
        items?: Schema & { properties?: Properties; enum?: string[] }
        enum?: string[]
        required?: string[]
      }
    >
    const plan = deref({ $ref: '#/components/schemas/PlanPreview' }) as Schema & {
      properties: Properties
      required: string[]
      example?: Record<string, unknown>
    }
    // Headline figures first, then the parts `include` chooses, then the options.
    const fields = Object.keys(plan.properties)
    expect(fields.slice(-4)).toEqual(['months', 'years', 'workloads', 'options'])
    for (const part of ['months', 'years', 'workloads']) expect(plan.required).not.toContain(part)
    expect(plan.required).toEqual(expect.arrayContaining(['structure', 'recommendation', 'options']))
    expect(plan.properties.structure!.enum).toEqual(['term', 'annual'])
    const years = plan.properties.years!.items!
    expect(Object.keys(years.properties!)).toEqual([
      'year',
      'start',
      'months',
      'baseline',
      'optimized',
      'fullyOptimized',
      'percentiles',
    ])
    const workload = plan.properties.workloads!.items!
    expect(Object.keys(workload.properties!).slice(-2)).toEqual(['years', 'months'])
    const kinds = ['recommended', 'tier', 'proposed', 'baseline', 'lowestExpectedPayment', 'noCommitment']
    const option = plan.properties.options!.items!
    const optionFields = [
      'kind',
      'kinds',
      'label',
      'labels',
      'basis',
      'commit',
      'discountRate',
      'tier',
      'expectedUtilization',
      'expectedCoverage',
      'shortfallProbability',
      'expectedStranded',
      'expectedPayment',
      'effectiveSavingsRate',
      'years',
    ]
    expect(Object.keys(option.properties!)).toEqual(optionFields)
    expect(option.properties!.kind!.enum).toEqual(kinds)
    expect(option.properties!.kinds!.items!.enum).toEqual(kinds)
    expect(Object.keys(option.properties!.years!.items!.properties!)).toEqual([
      'year',
      'commit',
      'expectedPayment',
      'expectedStranded',
    ])
    expect(Object.keys(plan.properties.recommendation!.properties!)).toEqual([
      ...optionFields,
      'percentiles',
      'deterministicTermSpend',
      'explanation',
    ])
    // The documented answer is the worked example's, years and all.
    expect(plan.example).toEqual(PREVIEW_EXAMPLE_RESPONSE)
    // Both plan operations take the same `include`, naming `years` and the default.
    for (const path of [
      '/v1/plans/preview',
      '/v1/portfolios/{portfolioId}/scenarios/{scenarioId}/projection',
    ]) {
      const operation = Object.values(spec.paths[path]!)[0]!
      const include = operation.parameters?.find((p) => p.name === 'include') as { description?: string }
      expect(include?.description, path).toContain('`years` (portfolio and per-workload contract years)')
      expect(include?.description, path).toContain('Default: `months,years,workloads`')
    }
  })

  it('lists exactly the /v1 and health routes the app serves (no undocumented or stale paths)', () => {
    const documented = operations()
      .map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
      .sort()
    const served = servedRoutes(app)
      .filter(([, url]) => url.startsWith('/v1/') || url === '/healthz' || url === '/readyz')
      .flatMap(([methods, url]) => methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${url}`))
      .sort()
    expect(served).toEqual(documented)
  })

  it('serves Swagger UI at /docs, configured to show answers as plain text', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('swagger-ui')
    const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
    expect(initializer.statusCode).toBe(200)
    expect(initializer.body).toContain('"syntaxHighlight":false')
    expect(SWAGGER_UI_CONFIG).toMatchObject({ syntaxHighlight: false, persistAuthorization: true })
  })
})

/** [methods, url] of every route, read from Fastify's route tree printout. */
function servedRoutes(instance: FastifyInstance): [string[], string][] {
  const stack: string[] = []
  const routes: [string[], string][] = []
  for (const line of instance.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    stack.length = depth
    stack.push(match[2]!)
    if (match[3]) routes.push([match[3].split(', '), stack.join('')])
  }
  return routes
}
