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

const newPortfolio = async (label: string): Promise<string> => {
  const response = await call(app, {
    method: 'POST',
    url: '/v1/portfolios',
    headers: bearer(tenant.keys.write),
    payload: { name: `${label} ${process.pid}` },
  })
  expect(response.statusCode).toBe(201)
  return response.json().id
}

it('stores each workload exactly as given, and records exactly that in its history entry', async () => {
  const portfolioId = await newPortfolio('exact')
  const url = `/v1/portfolios/${portfolioId}/workloads`
  // The edges of what the schemas accept: all the digits of each column's NUMERIC, the smallest and most
  // negative rates, trailing zeros, and tags that PostgreSQL's array syntax would otherwise take apart.
  const edgy = {
    name: 'edgy "quoted" \\ {braced}, ünïcode',
    kind: 'k',
    model: 'claude-opus-4-6',
    routeToModel: 'claude-sonnet-4-6',
    requestsPerMonth: '123456789012345.123456',
    inputTokensPerRequest: '999999999999.999999',
    outputTokensPerRequest: '0.000001',
    cacheablePrefixTokens: '0.5',
    currentCacheHitRate: '0.0000000001',
    targetCacheHitRate: '0.9999999999',
    cacheTtl: '1h',
    userWaiting: true,
    currentBatchShare: '0.10',
    targetBatchShare: '1',
    routableShare: '0.3',
    monthlyGrowthRate: '-0.9999999999',
    inferenceGeo: 'us',
    observedMonthlySpend: '99999999999999.999999',
    team: 'NULL',
    tags: ['a,b', 'back\\slash', '"quoted"', '{x}', 'NULL', 'ü'],
  }
  const plain = {
    name: 'plain',
    model: 'claude-haiku-4-5',
    requestsPerMonth: '41000.00',
    inputTokensPerRequest: '10',
    outputTokensPerRequest: '2',
    userWaiting: false,
  }
  const created = await call(app, {
    method: 'POST',
    url,
    headers: bearer(tenant.keys.write),
    payload: { workloads: [edgy, plain] },
  })
  expect(created.statusCode, created.body).toBe(201)
  const [first, second] = created.json().data
  expect(first).toMatchObject({
    ...edgy,
    currentBatchShare: '0.1',
    version: 1,
  })
  expect(second).toMatchObject({
    requestsPerMonth: '41000',
    cacheablePrefixTokens: '0',
    currentCacheHitRate: '0',
    targetCacheHitRate: null,
    cacheTtl: '5m',
    currentBatchShare: '0',
    monthlyGrowthRate: '0',
    inferenceGeo: 'global',
    observedMonthlySpend: null,
    team: null,
    tags: [],
  })
  for (const answered of [first, second]) {
    // What the create answered is what a read gives, field for field, and what the history recorded.
    const read = await call(app, {
      method: 'GET',
      url: `${url}/${answered.id}`,
      headers: bearer(tenant.keys.read),
    })
    expect(read.json()).toEqual(answered)
    const entry = await app.db.prisma.historyEntry.findFirstOrThrow({ where: { resourceId: answered.id } })
    expect(entry).toMatchObject({
      action: 'created',
      before: null,
      after: answered,
      apiKeyName: expect.any(String),
    })
  }
})

/** A trigger of this test's own that refuses to insert a row of `table` whose `column` is `value`. */
async function refuse(table: 'Workload' | 'HistoryEntry', test: string) {
  const name = `refuse_${table}_${process.pid}`
  await app.db.prisma.$executeRawUnsafe(
    `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${test} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
  )
  await app.db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
  )
  return async () => {
    await app.db.prisma.$executeRawUnsafe(`DROP TRIGGER "${name}" ON "${table}"`)
    await app.db.prisma.$executeRawUnsafe(`DROP FUNCTION "${name}"()`)
  }
}

it('writes nothing when the database refuses the workloads or their history entries, through either route', async () => {
  const refused = `refused-${process.pid}`
  const body = (i: number) => ({ ...workload(i), name: i === 1 ? refused : `ok-${i}` })
  const csv = `name,model,requestsPerMonth,inputTokensPerRequest,outputTokensPerRequest,userWaiting\r\n${[
    0, 1, 2,
  ]
    .map(
      (i) => `${body(i).name},${body(i).model},${body(i).requestsPerMonth},1800,250,${body(i).userWaiting}`,
    )
    .join('\r\n')}\r\n`
  for (const [table, test] of [
    ['Workload', `NEW."name" = '${refused}'`],
    ['HistoryEntry', `NEW."after"->>'name' = '${refused}'`],
  ] as const) {
    const undo = await refuse(table, test)
    try {
      for (const route of ['bulk', 'import'] as const) {
        const portfolioId = await newPortfolio(`refused ${table} ${route}`)
        const before = await app.db.prisma.portfolio.findUniqueOrThrow({ where: { id: portfolioId } })
        const response =
          route === 'bulk'
            ? await call(app, {
                method: 'POST',
                url: `/v1/portfolios/${portfolioId}/workloads`,
                headers: bearer(tenant.keys.write),
                payload: { workloads: [0, 1, 2].map(body) },
              })
            : await call(app, {
                method: 'POST',
                url: `/v1/portfolios/${portfolioId}/workloads/import`,
                headers: { ...bearer(tenant.keys.write), 'content-type': 'text/csv' },
                payload: csv,
              })
        expectProblem(response, 500, 'INTERNAL')
        expect(await app.db.prisma.workload.count({ where: { portfolioId } })).toBe(0)
        expect(
          await app.db.prisma.historyEntry.count({ where: { portfolioId, resourceType: 'workload' } }),
        ).toBe(0)
        const after = await app.db.prisma.portfolio.findUniqueOrThrow({ where: { id: portfolioId } })
        expect(after.workloadsRevision).toBe(before.workloadsRevision)
      }
    } finally {
      await undo()
    }
  }
})
