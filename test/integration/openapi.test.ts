import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { buildTestApp } from '../helpers/app.js'

interface Operation {
  operationId?: string
  tags?: string[]
  summary?: string
  description?: string
  responses?: Record<string, unknown>
  security?: unknown[]
}

let app: FastifyInstance
let spec: { openapi: string; paths: Record<string, Record<string, Operation>> }

beforeAll(async () => {
  app = await buildTestApp()
  spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
})
afterAll(async () => app?.close())

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  )

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and identical to the committed openapi.yaml (run `npm run openapi:dump`)', async () => {
    expect(spec.openapi).toBe('3.1.0')
    const committed = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8')
    const served = (await app.inject({ method: 'GET', url: '/openapi.yaml' })).body
    expect(served).toBe(committed)
    expect(parse(committed)).toEqual(spec)
  })

  it('documents every operation with an operationId, tags, a description and its error responses', () => {
    const ids = new Set<string>()
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
      expect(ids.has(operation.operationId!), `${where} duplicate operationId`).toBe(false)
      ids.add(operation.operationId!)
      expect(operation.tags?.length, where).toBeGreaterThan(0)
      expect(operation.description?.length, where).toBeGreaterThan(10)
      expect(Object.keys(operation.responses ?? {}), where).toEqual(expect.arrayContaining(['500']))
      if (path.startsWith('/v1/')) expect(Object.keys(operation.responses ?? {}), where).toContain('401')
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

  it('serves Swagger UI at /docs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('swagger-ui')
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
