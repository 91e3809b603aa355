import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Stored plans end to end: a portfolio with workloads and scenarios, whose projection is the preview's
 * answer for the same inputs (figure for figure, byte for byte), computed once per input revision.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'stored')
  other = await createTenant(app, 'stored-other')
})
afterAll(async () => app?.close())

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
const send = (
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
  key = tenant.keys.write,
) =>
  call(app, {
    method,
    url,
    headers: { ...bearer(key), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

const { priceBook: _book, workloads: exampleWorkloads, ...exampleScenario } = PREVIEW_EXAMPLE_REQUEST
let counter = 0
const unique = (name: string) => `${name} ${process.pid}-${++counter}`

async function portfolioWithExample() {
  const portfolio = (await send('POST', '/v1/portfolios', { name: unique('example') })).json()
  const workloads = await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, {
    workloads: exampleWorkloads,
  })
  expect(workloads.statusCode).toBe(201)
  const scenario = await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
    name: 'as in §4.1',
    ...exampleScenario,
  })
  expect(scenario.statusCode).toBe(201)
  return { portfolio, scenario: scenario.json() }
}

describe('the projection is the preview of the same inputs', () => {
  for (const include of [undefined, '', 'months', 'workloadMonths', 'months,workloads,workloadMonths']) {
    it(`same bytes with include=${include ?? '(default)'}`, async () => {
      const { portfolio, scenario } = await portfolioWithExample()
      const query = include === undefined ? '' : `?include=${encodeURIComponent(include)}`
      const stored = await send(
        'GET',
        `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection${query}`,
        undefined,
        {},
        tenant.keys.read,
      )
      expect(stored.statusCode).toBe(200)
      const preview = await send(
        'POST',
        `/v1/plans/preview${query}`,
        PREVIEW_EXAMPLE_REQUEST,
        {},
        tenant.keys.read,
      )
      expect(preview.statusCode).toBe(200)
      expect(stored.body).toBe(preview.body)
      expect(stored.json().baseline.termSpend).toMatch(/^\d+\.\d{2}$/)
    })
  }

  it('recommendation: the recommendation, options and warnings of the projection', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const base = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`
    const projection = (await send('GET', `${base}/projection`)).json()
    const recommendation = await send('GET', `${base}/recommendation`)
    expect(recommendation.statusCode).toBe(200)
    expect(recommendation.json()).toEqual({
      scenarioId: scenario.id,
      recommendation: projection.recommendation,
      options: projection.options,
      warnings: projection.warnings,
    })
  })
})

describe('computed once per input revision', () => {
  it('serves a strong ETag, answers 304 to it, and recomputes after any input changes', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const url = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection`
    const first = await send('GET', url)
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^"plan\.[A-Za-z0-9_-]+\.\d{3}"$/)
    const again = await send('GET', url, undefined, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')

    // A workload changes: the plan is recomputed and its ETag moves.
    const workloads = (await send('GET', `/v1/portfolios/${portfolio.id}/workloads`)).json().data
    const workload = await send('GET', `/v1/portfolios/${portfolio.id}/workloads/${workloads[0].id}`)
    const patched = await send(
      'PATCH',
      `/v1/portfolios/${portfolio.id}/workloads/${workloads[0].id}`,
      { requestsPerMonth: '330000' },
      { 'if-match': String(workload.headers.etag) },
    )
    expect(patched.statusCode).toBe(200)
    const changed = await send('GET', url, undefined, { 'if-none-match': etag })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(changed.json().baseline.termSpend).not.toBe(first.json().baseline.termSpend)
    const preview = structuredClone(PREVIEW_EXAMPLE_REQUEST)
    preview.workloads[0]!.requestsPerMonth = '330000'
    expect(changed.body).toBe((await send('POST', '/v1/plans/preview', preview)).body)
  })

  it('concurrent first reads compute the plan once and all get the same answer', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const url = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection`
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('GET', url)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200))
    expect(new Set(answers.map((a) => a.body)).size).toBe(1)
    const rows = await app.db.prisma.planSnapshot.findMany({ where: { scenarioId: scenario.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]?.status).toBe('ready')
  })
})

describe('conventions', () => {
  it('Idempotency-Key: a retry replays the create, another body with the key is a 422', async () => {
    const key = `retry-${Date.now()}`
    const body = { name: unique('idem') }
    const first = await send('POST', '/v1/portfolios', body, { 'idempotency-key': key })
    const replay = await send('POST', '/v1/portfolios', body, { 'idempotency-key': key })
    expect(first.statusCode).toBe(201)
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.body).toBe(first.body)
    expectProblem(
      await send('POST', '/v1/portfolios', { name: unique('idem') }, { 'idempotency-key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    )
  })

  it('If-Match: missing → 428, stale → 412 and nothing changes', async () => {
    const portfolio = await send('POST', '/v1/portfolios', { name: unique('etag') })
    const url = `/v1/portfolios/${portfolio.json().id}`
    expectProblem(await send('PATCH', url, { description: 'x' }), 428, 'PRECONDITION_REQUIRED')
    const etag = String(portfolio.headers.etag)
    expect((await send('PATCH', url, { description: 'first' }, { 'if-match': etag })).statusCode).toBe(200)
    expectProblem(
      await send('PATCH', url, { description: 'second' }, { 'if-match': etag }),
      412,
      'PRECONDITION_FAILED',
    )
    expect((await send('GET', url)).json().description).toBe('first')
  })

  it('another organization’s portfolio, workload or scenario is a 404', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    for (const url of [
      `/v1/portfolios/${portfolio.id}`,
      `/v1/portfolios/${portfolio.id}/workloads`,
      `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`,
      `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection`,
      `/v1/portfolios/${portfolio.id}/comparison`,
      `/v1/portfolios/${portfolio.id}/history`,
    ]) {
      expectProblem(await send('GET', url, undefined, {}, other.keys.admin), 404, 'NOT_FOUND')
    }
  })

  it('names are unique within their collection (409), and strict bodies refuse read-only fields (400)', async () => {
    const name = unique('dup')
    expect((await send('POST', '/v1/portfolios', { name })).statusCode).toBe(201)
    expectProblem(await send('POST', '/v1/portfolios', { name }), 409, 'NAME_TAKEN')
    expectProblem(
      await send('POST', '/v1/portfolios', { name: unique('x'), id: 'mine', version: 9 }),
      400,
      'VALIDATION_FAILED',
    )
  })
})

describe('workloads', () => {
  it('a bulk create is all or nothing: one bad workload, none written, the issue points at it', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('bulk') })).json()
    const good = exampleWorkloads[0]!
    const bad = { ...good, name: 'second', model: 'claude-sonet-4-5' }
    const response = await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, {
      workloads: [good, bad],
    })
    const problem = expectProblem(response, 422, 'UNPROCESSABLE_PLAN')
    expect(problem.errors?.[0]?.pointer).toBe('/workloads/1/model')
    expect((await send('GET', `/v1/portfolios/${portfolio.id}/workloads`)).json().data).toHaveLength(0)
  })

  it('one invalid field of a single workload points at that field', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('single') })).json()
    const { userWaiting: _u, ...missing } = exampleWorkloads[0]!
    const problem = expectProblem(
      await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, missing),
      400,
      'VALIDATION_FAILED',
    )
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/userWaiting'])
  })
})

describe('scenarios', () => {
  it('basedOn copies a scenario with changes', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const copy = await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'commit now',
      basedOn: scenario.id,
      levers: [],
    })
    expect(copy.statusCode).toBe(201)
    expect(copy.json()).toMatchObject({
      basedOn: scenario.id,
      levers: [],
      term: scenario.term,
      commitment: scenario.commitment,
    })
  })

  it('without basedOn, term and levers are required', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('required') })).json()
    const problem = expectProblem(
      await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, { name: 'bare' }),
      400,
      'VALIDATION_FAILED',
    )
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/term', '/levers'])
  })
})

describe('comparison and history', () => {
  it('compares scenarios side by side and says which pays least', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const now = (
      await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
        name: 'commit now',
        basedOn: scenario.id,
        levers: [],
      })
    ).json()
    const response = await send('GET', `/v1/portfolios/${portfolio.id}/comparison`)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.scenarios.map((s: { scenarioId: string }) => s.scenarioId)).toEqual([scenario.id, now.id])
    const [optimized, unoptimized] = body.scenarios
    expect(Number(optimized.optimized)).toBeLessThan(Number(unoptimized.optimized))
    expect(body.paysLeast.scenarioId).toBe(scenario.id)
    const projection = (
      await send('GET', `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection`)
    ).json()
    expect(optimized.recommendation.commit).toBe(projection.recommendation.commit)
    expect(optimized.shapley).toEqual(projection.shapley)
  })

  it('records who changed what, with the fields before and after', async () => {
    const portfolio = await send('POST', '/v1/portfolios', { name: unique('history') })
    const id = portfolio.json().id
    await send(
      'PATCH',
      `/v1/portfolios/${id}`,
      { description: 'now described' },
      { 'if-match': String(portfolio.headers.etag) },
    )
    const history = (await send('GET', `/v1/portfolios/${id}/history`)).json()
    expect(history.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated'])
    expect(history.data[1]).toMatchObject({
      actor: { apiKeyName: 'write' },
      resource: { type: 'portfolio', id },
      before: { description: '' },
      after: { description: 'now described' },
    })
  })
})
