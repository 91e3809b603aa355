import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PREVIEW_LIMITS } from '../../src/lib/limits.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The documented maximum: one bulk create of as many workloads as a plan computes, all or nothing, on
 * both databases (Prisma's own createMany of 10,000 rows outlived its transaction on PostgreSQL).
 */
let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'bulk')
})
afterAll(async () => app?.close())

const workload = (i: number) => ({
  name: `w-${String(i).padStart(5, '0')}`,
  model: i % 3 === 0 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
  requestsPerMonth: String(1000 + i),
  inputTokensPerRequest: '1800',
  outputTokensPerRequest: '250',
  userWaiting: i % 4 === 0,
  tags: [`batch-${i % 10}`],
})

it(`creates ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} workloads in one request, in order, and not one more`, async () => {
  const portfolio = (
    await call(app, {
      method: 'POST',
      url: '/v1/portfolios',
      headers: bearer(tenant.keys.write),
      payload: { name: `bulk ${process.pid}` },
    })
  ).json()
  const url = `/v1/portfolios/${portfolio.id}/workloads`
  const all = Array.from({ length: PREVIEW_LIMITS.maxWorkloads }, (_, i) => workload(i))
  const created = await call(app, {
    method: 'POST',
    url,
    headers: bearer(tenant.keys.write),
    payload: { workloads: all },
  })
  expect(created.statusCode).toBe(201)
  const data = created.json().data as { name: string; tags: string[]; requestsPerMonth: string }[]
  expect(data).toHaveLength(all.length)
  expect(data[9_999]).toMatchObject({ name: 'w-09999', tags: ['batch-9'], requestsPerMonth: '10999' })
  const first = (
    await call(app, { method: 'GET', url: `${url}?limit=3`, headers: bearer(tenant.keys.read) })
  ).json()
  expect(first.data.map((w: { name: string }) => w.name)).toEqual(['w-00000', 'w-00001', 'w-00002'])
  expect(await app.db.prisma.historyEntry.count({ where: { portfolioId: portfolio.id } })).toBe(
    all.length + 1,
  )

  const oneMore = await call(app, {
    method: 'POST',
    url,
    headers: bearer(tenant.keys.write),
    payload: workload(10_000),
  })
  expectProblem(oneMore, 422, 'TOO_MANY_WORKLOADS')
  expect(await app.db.prisma.workload.count({ where: { portfolioId: portfolio.id } })).toBe(all.length)
})
