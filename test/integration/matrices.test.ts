import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requiredScope } from '../../src/lib/auth-context.js'
import { allows, SCOPES, type Scope } from '../../src/lib/scopes.js'
import { fixtureFor } from '../fuzz/fixtures.js'
import { committedDocument, type OpenApiDocument, servedDocument } from '../fuzz/openapi.js'
import { ContractValidator, checkError, countChanges, rowCounter } from '../fuzz/oracle.js'
import { type RouteEntry, routeInventory } from '../fuzz/route-inventory.js'
import { PREFLIGHT_ORIGIN, validRequest } from '../fuzz/valid-requests.js'
import { bearer, buildTestApp, createTenant, type Tenant } from '../helpers/app.js'
import { ownDatabase } from '../helpers/databases.js'

/**
 * Tenant and scope matrices over the route inventory — every route the app serves, with the auth
 * policy it declares — so a new route is covered the day it is added:
 * (a) a resource of one organization, named in the path by another organization's key, is a 404
 *     problem that shows nothing of it, and stays as it was;
 * (b) each route answers each kind of caller — no key, read, write, admin — with its documented 2xx
 *     when the key's scope suffices, 403 when it does not, 401 without a key (public routes: 2xx for
 *     everyone), and a refused write changes no rows.
 */
let app: FastifyInstance
let served: OpenApiDocument
let contract: ContractValidator
let countRows: () => Promise<Record<string, number>>
let owner: Tenant
let intruder: Tenant
let routes: RouteEntry[]
let database: Awaited<ReturnType<typeof ownDatabase>>

beforeAll(async () => {
  // Row counts must see only this file's writes: on PostgreSQL it gets a database of its own.
  database = await ownDatabase('ccp_matrix')
  app = await buildTestApp({
    DATABASE_URL: database.url,
    MAX_EVENT_LOOP_DELAY_MS: '0',
    CORS_ORIGINS: PREFLIGHT_ORIGIN,
  })
  served = servedDocument(app)
  contract = new ContractValidator(await committedDocument())
  countRows = await rowCounter(app)
  owner = await createTenant(app, 'matrix-owner')
  intruder = await createTenant(app, 'matrix-intruder')
  routes = routeInventory(app)
})
afterAll(async () => {
  await app?.close()
  await database?.dispose()
})

type Caller = 'none' | Scope
const CALLERS: Caller[] = ['none', ...SCOPES]

const describeRoute = (route: RouteEntry) => `${route.method} ${route.url}`

/** The owner's view of a resource, to compare before and after another tenant's attempt. */
async function ownerView(route: RouteEntry, url: string, id: string): Promise<unknown> {
  const read = await app.inject({ method: 'GET', url, headers: bearer(owner.keys.admin) })
  // A POST-only action under a collection (`…/workloads/import`) reads as the collection's item route with
  // an id that is not one: a 400, no resource either.
  if (read.statusCode !== 404 && read.statusCode !== 405 && read.statusCode !== 400)
    return { status: read.statusCode, body: read.body, etag: read.headers.etag }
  // No GET on the resource itself: find it in the collection's list.
  const collection = url.slice(0, url.lastIndexOf('/'))
  const list = await app.inject({
    method: 'GET',
    url: `${collection}?limit=100`,
    headers: bearer(owner.keys.admin),
  })
  const items = (list.json() as { data?: { id?: string }[] }).data ?? []
  return {
    status: list.statusCode,
    item: items.find((item) => item.id === id) ?? `no ${id} in ${route.url}'s list`,
  }
}

/** Strings of at least 8 characters in the owner's resource, except the ids the caller named in the path. */
function ownerSecrets(view: unknown, named: readonly string[]): string[] {
  const found = new Set<string>()
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.length >= 8 && !named.includes(value)) found.add(value)
      try {
        if (value.startsWith('{')) visit(JSON.parse(value))
      } catch {
        // Not JSON: the string itself was checked.
      }
    } else if (Array.isArray(value)) value.forEach(visit)
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit)
  }
  visit(view)
  return [...found]
}

// Every route × every key or every owned id: ~60 s alone on 2 cores, far longer beside the rest of the suite.
const MATRIX_TIMEOUT_MS = 5 * 60_000

describe('the route inventory', () => {
  it('has an auth policy on every route, and every documented operation', () => {
    expect(routes.length).toBeGreaterThan(0)
    const without = routes.filter((r) => r.auth === undefined).map(describeRoute)
    expect(
      without,
      `routes without config.auth (the auth hook treats them as public): ${without.join(', ')}`,
    ).toEqual([])
    const inventory = new Set(routes.map((r) => `${r.method} ${r.template}`))
    for (const [path, item] of Object.entries(served.paths))
      for (const method of Object.keys(item))
        expect(inventory, `${method} ${path}`).toContain(`${method.toUpperCase()} ${path}`)
  })
})

describe('(a) tenant isolation: another organization’s resource in the path', () => {
  it(
    'is a 404 problem that shows nothing of it, and leaves it as it was, on every route with an owned id',
    async () => {
      const checked: string[] = []
      for (const route of routes) {
        const owned = [...route.template.matchAll(/\{([^}]+)\}/g)].some(
          ([, name]) => fixtureFor(route.template, name!).owned,
        )
        if (!owned || route.method === 'HEAD') continue
        const request = await validRequest(app, served, route, owner)
        const id = request.params[0]!.value
        const before = await ownerView(route, request.options.url as string, id)
        const rows = await countRows()
        const response = await app.inject({
          ...request.options,
          headers: { ...request.options.headers, ...bearer(intruder.keys.admin) },
        })
        const where = `${describeRoute(route)} as another organization`
        expect({ where, status: response.statusCode, body: response.body }).toMatchObject({ status: 404 })
        expect(checkError(response), where).toEqual([])
        expect(JSON.parse(response.body).code, where).toBe('NOT_FOUND')
        // What the caller wrote in the URL itself (an enum such as `portfolio`) is no secret.
        const url = request.options.url as string
        const secrets = ownerSecrets(
          before,
          request.params.map((p) => p.value),
        ).filter((value) => !url.includes(value))
        for (const secret of secrets)
          expect(response.body, `${where} shows '${secret}'`).not.toContain(secret)
        expect(countChanges(rows, await countRows()), where).toEqual([])
        expect(
          await ownerView(route, request.options.url as string, id),
          `${where}: the owner's resource changed`,
        ).toEqual(before)
        checked.push(describeRoute(route))
      }
      console.log(`tenant matrix: ${checked.length} routes with an owned id checked: ${checked.join(', ')}`)
      expect(checked.length).toBeGreaterThan(0)
    },
    MATRIX_TIMEOUT_MS,
  )
})

describe('(b) scopes: every route × no key, read, write, admin', () => {
  it(
    'answers its documented 2xx when the scope suffices, else 403, 401 without a key; public routes 2xx for all',
    async () => {
      const table: string[] = []
      const failures: string[] = []
      // A route without a policy is reported by the inventory test above.
      for (const route of routes.filter((r) => r.auth !== undefined)) {
        const needed = requiredScope(route.auth!)
        const cells: string[] = []
        for (const caller of CALLERS) {
          const request = await validRequest(app, served, route, owner)
          const rows = await countRows()
          const response: LightMyRequestResponse = await app.inject({
            ...request.options,
            headers: { ...request.options.headers, ...(caller === 'none' ? {} : bearer(owner.keys[caller])) },
          })
          const status = response.statusCode
          cells.push(`${caller} ${status}`)
          const where = `${describeRoute(route)} with ${caller === 'none' ? 'no key' : `a ${caller} key`}: ${status} ${response.body.slice(0, 200)}`
          let expected: string
          let ok: boolean
          if (needed === null) {
            expected = '2xx (public)'
            ok = status >= 200 && status < 400
          } else if (caller === 'none') {
            expected = '401 UNAUTHENTICATED'
            ok =
              status === 401 &&
              (route.method === 'HEAD' || JSON.parse(response.body).code === 'UNAUTHENTICATED')
          } else if (!allows([caller], needed)) {
            expected = '403 FORBIDDEN'
            ok = status === 403 && (route.method === 'HEAD' || JSON.parse(response.body).code === 'FORBIDDEN')
          } else {
            expected = 'its documented 2xx'
            ok = status >= 200 && status < 300
          }
          if (!ok) failures.push(`${where} — expected ${expected}`)
          if (status >= 400 && route.method !== 'HEAD') {
            for (const v of checkError(response)) failures.push(`${where} — ${v.kind}: ${v.detail}`)
          }
          if (status >= 200 && status < 300 && request.operation && route.method !== 'HEAD') {
            for (const v of contract.check(route.method, route.template, response))
              failures.push(`${where} — ${v.kind}: ${v.detail}`)
          }
          if (status >= 400) {
            const changes = countChanges(rows, await countRows())
            if (changes.length > 0)
              failures.push(`${where} — a refused request changed rows: ${changes.join(', ')}`)
          }
        }
        table.push(
          `${describeRoute(route).padEnd(40)} ${String(route.auth === 'none' ? 'public' : needed).padEnd(7)} ${cells.join('  ')}`,
        )
      }
      console.log(`scope matrix (${routes.length} routes × ${CALLERS.length} callers):\n${table.join('\n')}`)
      expect(failures, failures.join('\n')).toEqual([])
    },
    MATRIX_TIMEOUT_MS,
  )
})
