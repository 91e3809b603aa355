import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { bearer, type Tenant } from '../helpers/app.js'
import { type GenContext, valueArbitrary } from './arbitraries.js'
import { BODY_FIXTURES, fixtureFor, freshSeed, PATH_FIXTURES, uniquified } from './fixtures.js'
import { type OpenApiDocument, type Operation, operationsOf } from './openapi.js'
import type { RouteEntry } from './route-inventory.js'

/** The browser origin the apps of the matrices allow (CORS_ORIGINS), for the preflight route. */
export const PREFLIGHT_ORIGIN = 'https://sheets.example.com'

/** A request that should succeed for a caller allowed to make it, without its credentials. */
export interface ValidRequest {
  options: InjectOptions & { headers: Record<string, string> }
  /** The documented operation it calls, when the route is in the OpenAPI document. */
  operation?: Operation
  /** Path-parameter values and the fixture keys they came from. */
  params: { name: string; key: string; value: string }[]
}

/**
 * Builds a valid request for a served route: fresh fixtures of `owner` in its path (a DELETE
 * consumes them), the operation's example in its body (unique keys made unique), and an `If-Match`
 * read by the owner when the operation takes one.
 */
export async function validRequest(
  app: FastifyInstance,
  doc: OpenApiDocument,
  route: RouteEntry,
  owner: Tenant,
): Promise<ValidRequest> {
  const method = route.method === 'HEAD' ? 'GET' : route.method
  const operation = operationsOf(doc).find((op) => op.method === method && op.path === route.template)
  const params: ValidRequest['params'] = []
  let url = route.template
  for (const [, name] of route.template.matchAll(/\{([^}]+)\}/g)) {
    const fixture = fixtureFor(route.template, name!)
    const resolved = Object.fromEntries(params.map((p) => [p.name, p.value]))
    const value = await fixture.create({ app, doc, tenant: owner, params: resolved })
    const key = Object.entries(PATH_FIXTURES).find(([, f]) => f === fixture)![0]
    params.push({ name: name!, key, value })
    url = url.replace(`{${name}}`, name === '*' ? value : encodeURIComponent(value))
  }
  const headers: Record<string, string> = {}
  // The only OPTIONS route is CORS's preflight, on every path: a valid one comes from an allowed origin.
  if (route.method === 'OPTIONS') {
    url = '/v1/price-books'
    headers.origin = PREFLIGHT_ORIGIN
    headers['access-control-request-method'] = 'GET'
  }
  let payload: string | undefined
  const bodyFixture = BODY_FIXTURES[`${route.method} ${route.template}`]
  if (operation?.body && bodyFixture) {
    payload = JSON.stringify(await bodyFixture({ app, doc, tenant: owner }))
    headers['content-type'] = 'application/json'
  } else if (operation?.body) {
    const example =
      operation.bodyExamples[0] ??
      fc.sample(valueArbitrary(operation.body, generationContext(doc)), { seed: freshSeed(), numRuns: 1 })[0]
    payload = JSON.stringify(uniquified(doc, example, operation.body, freshSeed()))
    headers['content-type'] = 'application/json'
  } else if (operation?.csvBodyExample !== undefined) {
    // A CSV import: its documented example file, as the spreadsheet would send it.
    payload = operation.csvBodyExample
    headers['content-type'] = 'text/csv'
  }
  if (operation?.headerParams.some((p) => p.name.toLowerCase() === 'if-match')) {
    const read = await app.inject({ method: 'GET', url, headers: bearer(owner.keys.admin) })
    if (read.headers.etag) headers['if-match'] = String(read.headers.etag)
  }
  return {
    options: { method: route.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) },
    ...(operation ? { operation } : {}),
    params,
  }
}

function generationContext(doc: OpenApiDocument): GenContext {
  return { doc, dictionary: [], fixtureKeys: [], maxArrayItems: 1, integerCaps: {} }
}
