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
  for (const include of [
    undefined,
    '',
    'months',
    'years',
    'workloads',
    'years,workloads',
    'workloadMonths',
    'years,workloadMonths',
    'months,years,workloads,workloadMonths',
  ]) {
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
      const body = stored.json()
      expect(body.baseline.termSpend).toMatch(/^\d+\.\d{2}$/)
      // The stored parts are the ones asked for: contract years (portfolio, and per workload with workloads)
      // by default or with `years`.
      const parts =
        include === undefined ? ['months', 'years', 'workloads'] : include.split(',').filter(Boolean)
      const withYears = parts.includes('years')
      const withWorkloads = parts.includes('workloads') || parts.includes('workloadMonths')
      expect(body.structure).toBe('term')
      expect(body.years?.length).toBe(withYears ? 1 : undefined)
      expect(body.workloads?.length).toBe(withWorkloads ? 1 : undefined)
      if (withWorkloads) {
        expect(body.workloads[0].years?.length).toBe(withYears ? 1 : undefined)
        expect(body.workloads[0].months?.length).toBe(parts.includes('workloadMonths') ? 12 : undefined)
      }
      expect(Object.keys(body).at(-1)).toBe('options')
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
    // "plan.<input key>.<include>": one digit per part — months, years, workloads, workloadMonths — and the
    // default include is months,years,workloads.
    expect(etag).toMatch(/^"plan\.[A-Za-z0-9_-]+\.1110"$/)
    const again = await send('GET', url, undefined, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    // Another include is another body: another ETag for the same inputs, so the default's does not match it.
    const yearsOnly = await send('GET', `${url}?include=years`, undefined, { 'if-none-match': etag })
    expect(yearsOnly.statusCode).toBe(200)
    expect(yearsOnly.headers.etag).toBe(etag.replace('.1110"', '.0100"'))
    const everything = await send('GET', `${url}?include=months,years,workloads,workloadMonths`)
    expect(everything.headers.etag).toBe(etag.replace('.1110"', '.1111"'))
    expect(
      (
        await send('GET', `${url}?include=years`, undefined, {
          'if-none-match': String(yearsOnly.headers.etag),
        })
      ).statusCode,
    ).toBe(304)

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
    // Kept under the engine's current input-key format, with the contract years as parts of their own.
    expect(rows[0]?.inputKey).toMatch(/^plan-v2\|/)
    const body = JSON.parse(answers[0]!.body)
    expect(JSON.parse(rows[0]!.years!)).toEqual(body.years)
    expect(JSON.parse(rows[0]!.workloadYears!)).toEqual(body.workloads[0].years)
  })

  it('a plan kept by the previous engine (plan-v1) is recomputed on its next read, never served', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const url = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}/projection`
    const fresh = await send('GET', url)
    const row = await app.db.prisma.planSnapshot.findUniqueOrThrow({ where: { scenarioId: scenario.id } })
    // As a v1 deploy left it: its own key format, no contract years, a head of the old shape.
    await app.db.prisma.planSnapshot.update({
      where: { scenarioId: scenario.id },
      data: {
        inputKey: row.inputKey.replace(/^plan-v2\|/, 'plan-v1|'),
        head: '{"currency":"USD","stale":true}',
        years: null,
        workloadYears: null,
      },
    })
    const again = await send('GET', url)
    expect(again.statusCode).toBe(200)
    expect(again.body).toBe(fresh.body)
    const recomputed = await app.db.prisma.planSnapshot.findUniqueOrThrow({
      where: { scenarioId: scenario.id },
    })
    expect(recomputed.inputKey).toBe(row.inputKey)
    expect(recomputed.years).toBe(row.years)
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

describe('lists, races and archiving', () => {
  it('pages through a portfolio’s workloads in creation order, with no gaps or repeats; a tampered cursor is a 400', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('pages') })).json()
    const base = exampleWorkloads[0]!
    const names = Array.from({ length: 23 }, (_, i) => `w-${String(i).padStart(2, '0')}`)
    await send('POST', `/v1/portfolios/${portfolio.id}/workloads`, {
      workloads: names.map((name) => ({ ...base, name })),
    })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `&startingAfter=${cursor}` : ''
      const page = (await send('GET', `/v1/portfolios/${portfolio.id}/workloads?limit=7${query}`)).json()
      seen.push(...page.data.map((w: { name: string }) => w.name))
      cursor = page.nextCursor
      expect(page.hasMore).toBe(cursor !== null)
    } while (cursor)
    expect(seen).toEqual(names)
    const tampered = await send('GET', `/v1/portfolios/${portfolio.id}/workloads?startingAfter=AAAA`)
    expectProblem(tampered, 400, 'VALIDATION_FAILED')
    expectProblem(
      await send('GET', `/v1/portfolios/${portfolio.id}/workloads?limit=101`),
      400,
      'VALIDATION_FAILED',
    )
  })

  it('two PATCHes with the same ETag: one wins, the other is a 412, the version moves by one', async () => {
    const created = await send('POST', '/v1/portfolios', { name: unique('race') })
    const url = `/v1/portfolios/${created.json().id}`
    const etag = String(created.headers.etag)
    const answers = await Promise.all(
      ['a', 'b'].map((description) => send('PATCH', url, { description }, { 'if-match': etag })),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412])
    expect((await send('GET', url)).json().version).toBe(2)
  })

  it('concurrent creates with one Idempotency-Key make one workload', async () => {
    const portfolio = (await send('POST', '/v1/portfolios', { name: unique('idem-race') })).json()
    const url = `/v1/portfolios/${portfolio.id}/workloads`
    const headers = { 'idempotency-key': `race-${Date.now()}` }
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send('POST', url, exampleWorkloads[0], headers)),
    )
    for (const answer of answers) expect([201, 409]).toContain(answer.statusCode)
    const ids = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().id))
    expect(ids.size).toBe(1)
    expect((await send('GET', url)).json().data).toHaveLength(1)
  })

  it('DELETE archives a portfolio that has scenarios; it is then read-only and listed only on request', async () => {
    const { portfolio } = await portfolioWithExample()
    const url = `/v1/portfolios/${portfolio.id}`
    const etag = String((await send('GET', url)).headers.etag)
    const deleted = await send('DELETE', url, undefined, { 'if-match': etag })
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toMatchObject({ id: portfolio.id, outcome: 'archived' })
    const listed = (await send('GET', '/v1/portfolios?limit=100'))
      .json()
      .data.map((p: { id: string }) => p.id)
    expect(listed).not.toContain(portfolio.id)
    const all = (await send('GET', '/v1/portfolios?limit=100&includeArchived=true')).json()
    expect(all.data.map((p: { id: string }) => p.id)).toContain(portfolio.id)
    expectProblem(
      await send('POST', `${url}/workloads`, { ...exampleWorkloads[0], name: 'late' }),
      409,
      'ARCHIVED',
    )
    // Its plans are still readable.
    const scenarios = (await send('GET', `${url}/scenarios`)).json().data
    expect((await send('GET', `${url}/scenarios/${scenarios[0].id}/recommendation`)).statusCode).toBe(200)
  })

  it('DELETE removes a portfolio without scenarios, with its workloads', async () => {
    const portfolio = await send('POST', '/v1/portfolios', { name: unique('gone') })
    const id = portfolio.json().id
    await send('POST', `/v1/portfolios/${id}/workloads`, exampleWorkloads[0])
    const deleted = await send('DELETE', `/v1/portfolios/${id}`, undefined, {
      'if-match': String(portfolio.headers.etag),
    })
    expect(deleted.json()).toMatchObject({ outcome: 'deleted' })
    expectProblem(await send('GET', `/v1/portfolios/${id}`), 404, 'NOT_FOUND')
    expect(await app.db.prisma.workload.count({ where: { portfolioId: id } })).toBe(0)
  })

  it('a read-only key cannot write (403) and nothing changes', async () => {
    const before = await app.db.prisma.portfolio.count({ where: { organizationId: tenant.organizationId } })
    expectProblem(
      await send('POST', '/v1/portfolios', { name: unique('ro') }, {}, tenant.keys.read),
      403,
      'FORBIDDEN',
    )
    expect(await app.db.prisma.portfolio.count({ where: { organizationId: tenant.organizationId } })).toBe(
      before,
    )
  })

  it('a change to the scenario’s price book invalidates its plan', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const book = await send('POST', '/v1/price-books', {
      slug: `neg-${process.pid}-${++counter}`,
      name: 'Negotiated',
      effectiveFrom: '2027-01-01',
      basedOn: 'anthropic-list',
    })
    expect(book.statusCode).toBe(201)
    const scenarioUrl = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`
    const read = await send('GET', scenarioUrl)
    await send('PATCH', scenarioUrl, { priceBook: book.json().id }, { 'if-match': String(read.headers.etag) })
    const before = await send('GET', `${scenarioUrl}/projection`)
    const models = book
      .json()
      .models.map((m: Record<string, unknown>) =>
        m.modelId === 'claude-opus-4-5-20251101' ? { ...m, input: '4', output: '20' } : m,
      )
    const changed = await send(
      'PATCH',
      `/v1/price-books/${book.json().id}`,
      { models },
      { 'if-match': String(book.headers.etag) },
    )
    expect(changed.statusCode).toBe(200)
    const after = await send('GET', `${scenarioUrl}/projection`)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.json().baseline.termSpend).not.toBe(before.json().baseline.termSpend)
  })

  it('a plan its inputs cannot make is a 422 naming the stored workload, kept and answered again', async () => {
    const { portfolio, scenario } = await portfolioWithExample()
    const book = await send('POST', '/v1/price-books', {
      slug: `no-opus-${process.pid}-${++counter}`,
      name: 'Without Opus',
      effectiveFrom: '2027-01-01',
      basedOn: 'anthropic-list',
    })
    const models = book
      .json()
      .models.filter((m: { modelId: string }) => !m.modelId.startsWith('claude-opus-4-5'))
    await send(
      'PATCH',
      `/v1/price-books/${book.json().id}`,
      { models },
      { 'if-match': String(book.headers.etag) },
    )
    const scenarioUrl = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`
    const read = await send('GET', scenarioUrl)
    await send('PATCH', scenarioUrl, { priceBook: book.json().id }, { 'if-match': String(read.headers.etag) })
    const workload = (await send('GET', `/v1/portfolios/${portfolio.id}/workloads`)).json().data[0]
    for (let attempt = 0; attempt < 2; attempt++) {
      const problem = expectProblem(await send('GET', `${scenarioUrl}/projection`), 422, 'UNPROCESSABLE_PLAN')
      expect(problem.errors?.[0]?.pointer).toBe(`/workloads/${workload.id}/model`)
      expect(problem.errors?.[0]?.detail).toContain('claude-opus-4-5')
    }
    const snapshot = await app.db.prisma.planSnapshot.findUnique({ where: { scenarioId: scenario.id } })
    expect(snapshot?.status).toBe('failed')
  })
})
