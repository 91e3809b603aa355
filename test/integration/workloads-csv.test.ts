import { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSV_IMPORT_LIMITS } from '../../src/lib/limits.js'
import { DEMO_SCENARIOS, DEMO_WORKLOADS } from '../../src/modules/demo/demo-data.js'
import { WORKLOAD_CSV_HEADERS } from '../../src/modules/workloads/workloads.csv.js'
import { WORKLOADS_CSV_EXAMPLE } from '../../src/modules/workloads/workloads.schemas.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * Workloads as CSV, out and in: the export (every workload, streamed, the documented columns), the template,
 * and the import — the same checks as a bulk create, all or nothing, its limits, dry run, idempotency and
 * upsert — and the round trip: a portfolio exported and imported into another plans to the same figures.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'csv')
  other = await createTenant(app, 'csv-other')
})
afterAll(async () => app?.close())

let counter = 0
const unique = (name: string) => `${name} ${process.pid}-${++counter}`

async function newPortfolio(owner: Tenant = tenant): Promise<string> {
  const response = await call(app, {
    method: 'POST',
    url: '/v1/portfolios',
    headers: bearer(owner.keys.write),
    payload: { name: unique('csv') },
  })
  expect(response.statusCode).toBe(201)
  return response.json().id
}

async function addWorkloads(portfolioId: string, workloads: readonly object[]) {
  const response = await call(app, {
    method: 'POST',
    url: `/v1/portfolios/${portfolioId}/workloads`,
    headers: bearer(tenant.keys.write),
    payload: { workloads },
  })
  expect(response.statusCode).toBe(201)
}

const exportCsv = (portfolioId: string, query = '?format=csv', headers: Record<string, string> = {}) =>
  call(app, {
    method: 'GET',
    url: `/v1/portfolios/${portfolioId}/workloads${query}`,
    headers: { ...bearer(tenant.keys.read), ...headers },
  })

function importCsv(
  portfolioId: string,
  csv: string | Buffer | Readable,
  options: { query?: string; key?: string; headers?: Record<string, string> } = {},
) {
  return call(app, {
    method: 'POST',
    url: `/v1/portfolios/${portfolioId}/workloads/import${options.query ?? ''}`,
    headers: { ...bearer(options.key ?? tenant.keys.write), 'content-type': 'text/csv', ...options.headers },
    payload: csv,
  })
}

const countOf = (portfolioId: string) => app.db.prisma.workload.count({ where: { portfolioId } })
const historyOf = (portfolioId: string) =>
  app.db.prisma.historyEntry.count({ where: { portfolioId, resourceType: 'workload' } })
const revisionOf = async (portfolioId: string) =>
  (await app.db.prisma.portfolio.findUniqueOrThrow({ where: { id: portfolioId } })).workloadsRevision

/** The header and the smallest valid row of a workload named `name`. */
const MINIMAL_HEADER = 'name,model,requestsPerMonth,inputTokensPerRequest,outputTokensPerRequest,userWaiting'
const minimalRow = (name: string, requests = '1000') => `${name},claude-haiku-4-5,${requests},1200,200,false`
const minimalFile = (rows: number, line: (i: number) => string = (i) => minimalRow(`w-${i}`)) =>
  `${MINIMAL_HEADER}\r\n${Array.from({ length: rows }, (_, i) => line(i + 1)).join('\r\n')}\r\n`

type Issue = { row?: number; line?: number; column?: string; value?: string; code: string; detail: string }
const issuesOf = (response: LightMyRequestResponse) => response.json().errors as Issue[]

describe('export: GET …/workloads as CSV', () => {
  it('every workload, in list order, across pages, with the documented columns and safe cells', async () => {
    const portfolioId = await newPortfolio()
    const many = Array.from({ length: 250 }, (_, i) => ({
      name: `w-${String(i).padStart(3, '0')}`,
      model: 'claude-haiku-4-5',
      requestsPerMonth: String(1000 + i),
      inputTokensPerRequest: '1200.5',
      outputTokensPerRequest: '200',
      userWaiting: i % 2 === 0,
      monthlyGrowthRate: '-0.04',
      tags: i === 0 ? ['a,b', 'back\\slash', 'plain'] : [],
    }))
    many[1] = { ...many[1]!, name: '=HYPERLINK("http://x/?"&A1)' }
    many[2] = { ...many[2]!, name: "'=already quoted" }
    await addWorkloads(portfolioId, many)

    const response = await exportCsv(portfolioId)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="csv-.*-workloads\.csv"$/)
    expect(response.headers.vary).toMatch(/accept/i)
    const rows = parse(response.body) as string[][]
    expect(rows[0]).toEqual([...WORKLOAD_CSV_HEADERS])
    expect(rows).toHaveLength(251)
    const at = (row: string[], header: string) => row[WORKLOAD_CSV_HEADERS.indexOf(header)]
    expect(rows.slice(1).map((row) => at(row, 'requestsPerMonth'))).toEqual(
      many.map((w) => w.requestsPerMonth),
    )
    // Text that a spreadsheet would run is prefixed; numbers stay bare numbers (the negative growth too).
    expect(at(rows[2]!, 'name')).toBe(`'=HYPERLINK("http://x/?"&A1)`)
    expect(at(rows[3]!, 'name')).toBe("''=already quoted")
    expect(response.body).toContain(',-0.04,')
    expect(response.body).toContain(',1200.5,')
    expect(at(rows[1]!, 'tags')).toBe('a\\,b, back\\\\slash, plain')
    expect(at(rows[1]!, 'userWaiting')).toBe('true')
    // Absent optional fields are empty cells; defaults are written as stored.
    expect(at(rows[1]!, 'targetCacheHitRate')).toBe('')
    expect(at(rows[1]!, 'cacheTtl')).toBe('5m')

    // Accept: text/csv asks for the same table; JSON stays the default.
    const byAccept = await exportCsv(portfolioId, '', { accept: 'text/csv' })
    expect(byAccept.body).toBe(response.body)
    const json = await exportCsv(portfolioId, '', { accept: '*/*' })
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    expect(json.json().data).toHaveLength(20)
  })

  it('another organization’s portfolio is a 404, not a table', async () => {
    const portfolioId = await newPortfolio(other)
    expectProblem(await exportCsv(portfolioId), 404, 'NOT_FOUND')
  })
})

describe('template', () => {
  it('has the exact headers and an example row that imports as it is', async () => {
    const portfolioId = await newPortfolio()
    const url = `/v1/portfolios/${portfolioId}/workloads/import/template`
    const template = await call(app, { method: 'GET', url, headers: bearer(tenant.keys.read) })
    expect(template.statusCode).toBe(200)
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
    expect(template.headers['content-disposition']).toBe('attachment; filename="workloads-template.csv"')
    // On the built-in list prices it is the documented example, byte for byte.
    expect(template.body).toBe(WORKLOADS_CSV_EXAMPLE)
    const imported = await importCsv(portfolioId, template.body)
    expect(imported.statusCode).toBe(200)
    expect(imported.json()).toMatchObject({ created: 1, workloads: [{ name: 'nightly-digest' }] })
    // Its plan is a clean start: current models (none retiring before a term that starts after the demo's), and
    // an observed spend equal to what the model computes for its volume and tokens.
    const scenario = await call(app, {
      method: 'POST',
      url: `/v1/portfolios/${portfolioId}/scenarios`,
      headers: bearer(tenant.keys.write),
      payload: DEMO_SCENARIOS[1],
    })
    expect(scenario.statusCode).toBe(201)
    const plan = await call(app, {
      method: 'GET',
      url: `/v1/portfolios/${portfolioId}/scenarios/${scenario.json().id}/projection`,
      headers: bearer(tenant.keys.read),
    })
    expect(plan.statusCode).toBe(200)
    const codes = (plan.json().warnings as { code: string }[]).map((warning) => warning.code)
    expect(codes).not.toContain('BASELINE_MISMATCH')
    expect(codes).not.toContain('MODEL_RETIRING')
    // Once the portfolio has the example's name, the template's row gets another one, and still imports.
    const again = await call(app, { method: 'GET', url, headers: bearer(tenant.keys.read) })
    expect(again.body).toContain('"nightly-digest-2"')
    expect((await importCsv(portfolioId, again.body)).statusCode).toBe(200)
    expectProblem(
      await call(app, {
        method: 'GET',
        url: `/v1/portfolios/${await newPortfolio(other)}/workloads/import/template`,
        headers: bearer(tenant.keys.read),
      }),
      404,
      'NOT_FOUND',
    )
  })
})

describe('round trip', () => {
  it('export → import into a new portfolio → the same projection, figure for figure', async () => {
    const source = await newPortfolio()
    await addWorkloads(source, DEMO_WORKLOADS)
    const exported = await exportCsv(source)
    expect(exported.statusCode).toBe(200)

    const target = await newPortfolio()
    const imported = await importCsv(target, exported.body)
    expect(imported.statusCode).toBe(200)
    expect(imported.json()).toMatchObject({ created: DEMO_WORKLOADS.length, updated: 0, dryRun: false })
    // The target's table is the source's, byte for byte (no ids in it).
    expect((await exportCsv(target)).body).toBe(exported.body)

    const scenario = DEMO_SCENARIOS[1]!
    const projections: string[] = []
    for (const portfolioId of [source, target]) {
      const made = await call(app, {
        method: 'POST',
        url: `/v1/portfolios/${portfolioId}/scenarios`,
        headers: bearer(tenant.keys.write),
        payload: scenario,
      })
      expect(made.statusCode).toBe(201)
      const projection = await call(app, {
        method: 'GET',
        url: `/v1/portfolios/${portfolioId}/scenarios/${made.json().id}/projection?include=months,years,workloads,workloadMonths`,
        headers: bearer(tenant.keys.read),
      })
      expect(projection.statusCode).toBe(200)
      projections.push(projection.body)
    }
    expect(projections[1]).toBe(projections[0])
    expect(JSON.parse(projections[0]!).recommendation.commit).toMatch(/^\d+/)
  })

  it('text a spreadsheet would run, quotes, commas and backslashes in tags come back as they were', async () => {
    const source = await newPortfolio()
    const base = {
      model: 'claude-haiku-4-5',
      requestsPerMonth: '1000',
      inputTokensPerRequest: '1200',
      outputTokensPerRequest: '200',
      userWaiting: false,
    }
    const names = [
      '=1+1',
      '+1',
      '-legacy',
      '@SUM(A1)',
      "'=quoted",
      "''-twice",
      "'plain",
      'say "hi"',
      '\uFF1D1+1',
    ]
    await addWorkloads(
      source,
      names.map((name, i) => ({
        ...base,
        name,
        kind: i === 0 ? '=cmd|calc' : null,
        team: i === 1 ? '-ops' : null,
        tags: i === 2 ? ['=x', 'a,b', 'c\\d', ' spaced '] : [],
      })),
    )
    const exported = await exportCsv(source)
    const target = await newPortfolio()
    expect((await importCsv(target, exported.body)).statusCode).toBe(200)
    const [from, to] = await Promise.all(
      [source, target].map((portfolioId) =>
        app.db.prisma.workload.findMany({
          where: { portfolioId },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      ),
    )
    const fields = (w: { name: string; kind: string | null; team: string | null; tags: string[] }) => [
      w.name,
      w.kind,
      w.team,
      w.tags,
    ]
    expect(to!.map(fields)).toEqual(from!.map(fields))
    expect(from!.map((w) => w.name)).toEqual(names)
  })
})

describe('import: the file', () => {
  it('reads a byte-order mark, CRLF, quoted line breaks, quotes and commas inside cells', async () => {
    const portfolioId = await newPortfolio()
    const csv =
      '\uFEFFname,kind,tags,model,requestsPerMonth,inputTokensPerRequest,outputTokensPerRequest,userWaiting\r\n' +
      '"first","two\r\nlines","a\\, b, c",claude-haiku-4-5,1000,1200,200,FALSE\r\n' +
      '"second ""quoted""","x",,claude-haiku-4-5,2000,1200,200,true\r\n' +
      '\r\n' +
      ',,,,,,,\r\n' +
      "'-third,,,claude-haiku-4-5,3000,1200,200,false"
    const response = await importCsv(portfolioId, csv)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      rows: 3,
      created: 3,
      workloads: [
        { row: 1, line: 2, name: 'first', action: 'created' },
        { row: 2, line: 4, name: 'second "quoted"', action: 'created' },
        { row: 5, line: 7, name: '-third', action: 'created' },
      ],
    })
    const stored = await app.db.prisma.workload.findMany({
      where: { portfolioId },
      orderBy: { createdAt: 'asc' },
    })
    expect(stored.map((w) => [w.name, w.kind, w.tags, w.userWaiting])).toEqual([
      ['first', 'two\r\nlines', ['a, b', 'c'], false],
      ['second "quoted"', 'x', [], true],
      ['-third', null, [], false],
    ])
  })

  it('reads a `;`-delimited file; decimal commas in it are bad rows that say how to write them', async () => {
    const portfolioId = await newPortfolio()
    const semicolons = `${MINIMAL_HEADER.replaceAll(',', ';')}\r\nw-1;claude-haiku-4-5;1000.5;1200;200;false\r\n`
    const read = await importCsv(portfolioId, semicolons)
    expect(read.statusCode).toBe(200)
    expect(read.json().created).toBe(1)
    const decimalComma = `${MINIMAL_HEADER.replaceAll(',', ';')}\r\nw-2;claude-haiku-4-5;1000,5;1200;200;false\r\n`
    const refused = await importCsv(portfolioId, decimalComma)
    expectProblem(refused, 422, 'INVALID_ROWS')
    expect(issuesOf(refused)).toEqual([
      expect.objectContaining({
        row: 1,
        line: 2,
        column: 'requestsPerMonth',
        value: '1000,5',
        detail: expect.stringContaining("write the decimal mark as '.'"),
      }),
    ])
    expect(await countOf(portfolioId)).toBe(1)
  })

  it('refuses a body over the size limit with 413, by Content-Length or as it streams', async () => {
    const portfolioId = await newPortfolio()
    const big = Buffer.alloc(CSV_IMPORT_LIMITS.maxBodyBytes + 1, ' ')
    big.write(`${MINIMAL_HEADER}\n`)
    expectProblem(await importCsv(portfolioId, big), 413, 'PAYLOAD_TOO_LARGE')
    // Without a Content-Length (chunked), the bytes are counted as they arrive (rows of 4,000 characters:
    // within every other limit, so that the size is what stops it).
    const chunk = Buffer.from(`${'x'.repeat(4095)}\n`.repeat(256))
    const chunks = [Buffer.from(`${MINIMAL_HEADER}\n`), ...Array(11).fill(chunk)]
    const streamed = await importCsv(portfolioId, Readable.from(chunks))
    expectProblem(streamed, 413, 'PAYLOAD_TOO_LARGE')
    // Exactly at the limit is read (and then refused for what it holds, not for its size).
    const atLimit = Buffer.alloc(CSV_IMPORT_LIMITS.maxBodyBytes, ' ')
    atLimit.write(`${MINIMAL_HEADER}\n${minimalRow('w-1')}\n`)
    expect((await importCsv(portfolioId, atLimit)).statusCode).not.toBe(413)
    expect(await countOf(portfolioId)).toBeLessThanOrEqual(1)
  })

  it(`refuses more than ${CSV_IMPORT_LIMITS.maxRows.toLocaleString('en-US')} rows (50,001 too), writing nothing`, async () => {
    const portfolioId = await newPortfolio()
    for (const rows of [CSV_IMPORT_LIMITS.maxRows + 1, 50_001]) {
      const response = await importCsv(portfolioId, minimalFile(rows))
      expectProblem(response, 422, 'INVALID_CSV')
      expect(issuesOf(response)).toEqual([
        expect.objectContaining({ code: 'too_many_rows', row: CSV_IMPORT_LIMITS.maxRows + 1 }),
      ])
    }
    expect(await countOf(portfolioId)).toBe(0)
  })

  it('one bad row near the end of the largest file: 422 naming it, 0 rows written', async () => {
    const portfolioId = await newPortfolio()
    const bad = CSV_IMPORT_LIMITS.maxRows - 1
    const csv = minimalFile(CSV_IMPORT_LIMITS.maxRows, (i) =>
      i === bad ? minimalRow(`w-${i}`, '12x') : minimalRow(`w-${i}`),
    )
    const response = await importCsv(portfolioId, csv)
    expectProblem(response, 422, 'INVALID_ROWS')
    expect(issuesOf(response)).toEqual([
      {
        in: 'body',
        pointer: `/${bad}/requestsPerMonth`,
        code: 'custom',
        detail: expect.stringMatching(/^must be a plain number such as 1234\.56/),
        row: bad,
        line: bad + 1,
        column: 'requestsPerMonth',
        value: '12x',
      },
    ])
    expect(response.json().detail).toMatch(/1 problem in 1 row.*Nothing was imported/)
    expect(await countOf(portfolioId)).toBe(0)
    expect(await historyOf(portfolioId)).toBe(0)
    // The same file, fixed, goes in whole.
    const fixed = await importCsv(
      portfolioId,
      csv.replace(minimalRow(`w-${bad}`, '12x'), minimalRow(`w-${bad}`)),
    )
    expect(fixed.statusCode).toBe(200)
    expect(await countOf(portfolioId)).toBe(CSV_IMPORT_LIMITS.maxRows)
  }, 120_000)

  it('lists every bad row and field: row, line, column, value (shortened), what to fix', async () => {
    const portfolioId = await newPortfolio()
    const long = 'x'.repeat(500)
    const csv =
      `${MINIMAL_HEADER},targetCacheHitRate,routeToModel,routableShare\r\n` +
      `ok,claude-haiku-4-5,1000,1200,200,false,,,\r\n` +
      `"a\nb",claude-haiku-4-5,1000,1200,200,maybe,85%,,\r\n` +
      `typo,claude-sonet-4-5,"1,000,000",1200,200,false,,,\r\n` +
      `${long},claude-haiku-4-5,1000,1200,200,false,,claude-haiku-4-5,\r\n` +
      `ok,claude-haiku-4-5,1000,1200,200,false,,,\r\n` +
      `model-typo,claude-sonet-4-5,1000,1200,200,false,,,\r\n` +
      `short,row\r\n`
    const response = await importCsv(portfolioId, csv)
    expectProblem(response, 422, 'INVALID_ROWS')
    const issues = issuesOf(response)
    const where = issues.map((i) => [i.row, i.line, i.column, i.code])
    expect(where).toEqual([
      [2, 3, 'userWaiting', 'invalid_type'],
      [2, 3, 'targetCacheHitRate', 'custom'],
      [3, 5, 'requestsPerMonth', 'custom'],
      [4, 6, 'name', 'too_big'],
      [5, 7, 'name', 'duplicate_name'],
      // The rows that pass the schema are checked as a plan checks them, in the same report.
      [6, 8, 'model', 'UNKNOWN_MODEL'],
      [7, 9, undefined, 'wrong_cell_count'],
    ])
    expect(issues[0]!.detail).toMatch(/^must be true or false, not text; this is the waiting test/)
    expect(issues[1]!.detail).toContain('write a share as a fraction, e.g. 0.85 for 85%')
    expect(issues[2]!.detail).toContain('without thousands separators')
    expect(issues[3]!.value).toBe(`${'x'.repeat(CSV_IMPORT_LIMITS.maxEchoedValueChars)}…`)
    expect(issues[4]!.detail).toBe('is also the name of row 1; names are unique within a portfolio')
    expect(await countOf(portfolioId)).toBe(0)

    // The plan's checks too (models against the portfolio's price book), once each row passes the schema.
    const planIssues = await importCsv(
      portfolioId,
      `${MINIMAL_HEADER},routeToModel\r\ntypo,claude-sonet-4-5,1000,1200,200,false,\r\nhalf,claude-haiku-4-5,1000,1200,200,false,claude-haiku-4-5\r\n`,
    )
    expectProblem(planIssues, 422, 'INVALID_ROWS')
    const [unknown, ...rest] = issuesOf(planIssues)
    expect(unknown).toMatchObject({
      row: 1,
      column: 'model',
      code: 'UNKNOWN_MODEL',
      value: 'claude-sonet-4-5',
    })
    expect(unknown!.detail).toContain('did you mean claude-sonnet-4-5')
    expect(rest).toEqual([expect.objectContaining({ row: 2, code: 'ROUTING_INCOMPLETE' })])
  })

  it('names unknown, missing and repeated headers (with the header it resembles)', async () => {
    const portfolioId = await newPortfolio()
    const response = await importCsv(
      portfolioId,
      'name,Model,requests_per_month,inputTokensPerRequest,inputTokensPerRequest,colour\r\nw,x,1,1,1,1\r\n',
    )
    expectProblem(response, 422, 'INVALID_CSV')
    expect(issuesOf(response).map((i) => [i.column, i.code, i.detail])).toEqual([
      ['Model', 'unknown_column', "unknown column 'Model'; did you mean 'model'?"],
      [
        'requests_per_month',
        'unknown_column',
        "unknown column 'requests_per_month'; did you mean 'requestsPerMonth'?",
      ],
      [
        'inputTokensPerRequest',
        'duplicate_column',
        "column 'inputTokensPerRequest' is given twice; keep one",
      ],
      ['colour', 'unknown_column', expect.stringContaining('the columns are name, kind, team, tags, model,')],
      ['model', 'missing_column', "column 'model' is required"],
      ['requestsPerMonth', 'missing_column', "column 'requestsPerMonth' is required"],
      ['outputTokensPerRequest', 'missing_column', "column 'outputTokensPerRequest' is required"],
      ['userWaiting', 'missing_column', "column 'userWaiting' is required"],
    ])
  })

  it('refuses what cannot be read: not UTF-8, an open quote, too many columns, a cell too long, no rows', async () => {
    const portfolioId = await newPortfolio()
    const latin1 = Buffer.concat([
      Buffer.from(`${MINIMAL_HEADER}\r\ncaf`),
      Buffer.from([0xe9]),
      Buffer.from(',x,1,1,1,false\r\n'),
    ])
    expect(issuesOf(expectBad(await importCsv(portfolioId, latin1), 'INVALID_CSV'))[0]).toMatchObject({
      code: 'not_utf8',
    })
    const open = `${MINIMAL_HEADER}\r\n${minimalRow('a')}\r\n"b,claude-haiku-4-5,1,1,1,false\r\n`
    expect(issuesOf(expectBad(await importCsv(portfolioId, open), 'INVALID_CSV'))[0]).toMatchObject({
      code: 'malformed_csv',
      line: 3,
    })
    const wide = `${Array.from({ length: CSV_IMPORT_LIMITS.maxColumns + 1 }, (_, i) => `c${i}`).join(',')}\r\n`
    expect(issuesOf(expectBad(await importCsv(portfolioId, wide), 'INVALID_CSV'))[0]).toMatchObject({
      code: 'too_many_columns',
    })
    const longCell = `${MINIMAL_HEADER},kind\r\n${minimalRow('a')},${'k'.repeat(CSV_IMPORT_LIMITS.maxCellChars + 1)}\r\n`
    expect(issuesOf(expectBad(await importCsv(portfolioId, longCell), 'INVALID_ROWS'))[0]).toMatchObject({
      code: 'cell_too_long',
      row: 1,
      column: 'kind',
    })
    const nul = `${MINIMAL_HEADER},kind\r\n${minimalRow('a')},k\u0000k\r\n`
    expect(issuesOf(expectBad(await importCsv(portfolioId, nul), 'INVALID_ROWS'))[0]).toMatchObject({
      code: 'unsafe_text',
      column: 'kind',
      value: 'k\uFFFDk',
    })
    expect(issuesOf(expectBad(await importCsv(portfolioId, ''), 'INVALID_CSV'))[0]!.code).toBe('empty_file')
    expect(
      issuesOf(expectBad(await importCsv(portfolioId, `${MINIMAL_HEADER}\r\n`), 'INVALID_CSV'))[0]!.code,
    ).toBe('no_rows')
    expect(await countOf(portfolioId)).toBe(0)
  })

  it('takes text/csv only: anything else is a 415 saying so', async () => {
    const portfolioId = await newPortfolio()
    const url = `/v1/portfolios/${portfolioId}/workloads/import`
    for (const headers of [
      { 'content-type': 'application/json' },
      { 'content-type': 'text/plain' },
      { 'content-type': 'text/csv; charset=windows-1252' },
    ]) {
      const response = await call(app, {
        method: 'POST',
        url,
        headers: { ...bearer(tenant.keys.write), ...headers },
        payload: minimalFile(1),
      })
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE')
      expect(response.headers['accept-post']).toBe('text/csv; charset=utf-8')
    }
    expectProblem(
      await call(app, { method: 'POST', url, headers: bearer(tenant.keys.write) }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    // The create route still takes JSON only (text/csv is this route's alone).
    expectProblem(
      await call(app, {
        method: 'POST',
        url: `/v1/portfolios/${portfolioId}/workloads`,
        headers: { ...bearer(tenant.keys.write), 'content-type': 'text/csv' },
        payload: minimalFile(1),
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    expect(await countOf(portfolioId)).toBe(0)
  })

  it('needs the write scope, and another organization’s portfolio is a 404', async () => {
    const portfolioId = await newPortfolio()
    expectProblem(await importCsv(portfolioId, minimalFile(1), { key: tenant.keys.read }), 403, 'FORBIDDEN')
    const theirs = await newPortfolio(other)
    expectProblem(await importCsv(theirs, minimalFile(1)), 404, 'NOT_FOUND')
    expectProblem(await importCsv(theirs, minimalFile(1), { query: '?dryRun=true' }), 404, 'NOT_FOUND')
    expect(await countOf(theirs)).toBe(0)
  })
})

describe('import: dry run, idempotency, upsert', () => {
  it('a dry run answers what the import would do and writes nothing', async () => {
    const portfolioId = await newPortfolio()
    await addWorkloads(portfolioId, [
      {
        name: 'w-1',
        model: 'claude-haiku-4-5',
        requestsPerMonth: '1000',
        inputTokensPerRequest: '1200',
        outputTokensPerRequest: '200',
        userWaiting: false,
      },
    ])
    const revision = await revisionOf(portfolioId)
    const history = await historyOf(portfolioId)
    const csv = minimalFile(3, (i) => minimalRow(`w-${i}`, i === 2 ? '5000' : '1000'))
    const dry = await importCsv(portfolioId, csv, { query: '?dryRun=true&mode=upsert' })
    expect(dry.statusCode).toBe(200)
    expect(dry.json()).toMatchObject({
      dryRun: true,
      mode: 'upsert',
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 1,
      workloads: [
        { row: 1, name: 'w-1', action: 'unchanged', id: expect.any(String) },
        { row: 2, name: 'w-2', action: 'created', id: null },
        { row: 3, name: 'w-3', action: 'created', id: null },
      ],
    })
    // In create mode the existing name is the bad row, in a dry run as in the import.
    const dryCreate = await importCsv(portfolioId, csv, { query: '?dryRun=true' })
    expectProblem(dryCreate, 422, 'INVALID_ROWS')
    expect(issuesOf(dryCreate)).toEqual([
      expect.objectContaining({ row: 1, column: 'name', code: 'name_taken' }),
    ])
    expect(await countOf(portfolioId)).toBe(1)
    expect(await historyOf(portfolioId)).toBe(history)
    expect(await revisionOf(portfolioId)).toBe(revision)
  })

  it('Idempotency-Key: a retry gets the first answer and writes nothing more; another file is a 422', async () => {
    const portfolioId = await newPortfolio()
    const headers = { 'idempotency-key': `csv-${process.pid}-${++counter}` }
    const first = await importCsv(portfolioId, minimalFile(3), { headers })
    expect(first.statusCode).toBe(200)
    const retry = await importCsv(portfolioId, minimalFile(3), { headers })
    expect(retry.statusCode).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.body).toBe(first.body)
    expect(await countOf(portfolioId)).toBe(3)
    expectProblem(await importCsv(portfolioId, minimalFile(4), { headers }), 422, 'IDEMPOTENCY_KEY_REUSED')
    expectProblem(
      await importCsv(portfolioId, minimalFile(3), { headers, query: '?mode=upsert' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    )
    // Without a key, the same file again is a second import: its names are taken.
    expectProblem(await importCsv(portfolioId, minimalFile(3)), 422, 'INVALID_ROWS')
    expect(await countOf(portfolioId)).toBe(3)
  })

  it('upsert replaces the workloads it names, keeps the columns the file lacks, and replans', async () => {
    const portfolioId = await newPortfolio()
    await addWorkloads(portfolioId, DEMO_WORKLOADS)
    const scenario = await call(app, {
      method: 'POST',
      url: `/v1/portfolios/${portfolioId}/scenarios`,
      headers: bearer(tenant.keys.write),
      payload: DEMO_SCENARIOS[1],
    })
    const projectionUrl = `/v1/portfolios/${portfolioId}/scenarios/${scenario.json().id}/projection`
    const before = await call(app, { method: 'GET', url: projectionUrl, headers: bearer(tenant.keys.read) })
    const [first, second] = DEMO_WORKLOADS
    const stored = await app.db.prisma.workload.findFirstOrThrow({
      where: { portfolioId, name: first!.name },
    })
    const csv =
      `name,model,requestsPerMonth,inputTokensPerRequest,outputTokensPerRequest,userWaiting,team\r\n` +
      `${first!.name},${first!.model},120000,${first!.inputTokensPerRequest},${first!.outputTokensPerRequest},false,\r\n` +
      `${second!.name},${second!.model},${second!.requestsPerMonth},${second!.inputTokensPerRequest},${second!.outputTokensPerRequest},false,${second!.team}\r\n` +
      `brand-new,claude-haiku-4-5,1000,1200,200,false,new-team\r\n`
    const response = await importCsv(portfolioId, csv, { query: '?mode=upsert' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: 1,
      workloads: [
        { row: 1, name: first!.name, action: 'updated', id: stored.id },
        { row: 2, name: second!.name, action: 'unchanged' },
        { row: 3, name: 'brand-new', action: 'created' },
      ],
    })
    const after = await app.db.prisma.workload.findUniqueOrThrow({ where: { id: stored.id } })
    // The file's columns replaced (an empty team cell clears it); the columns it lacks are kept.
    expect(after.requestsPerMonth.toFixed()).toBe('120000')
    expect(after.team).toBeNull()
    expect(after.tags).toEqual(first!.tags)
    expect(after.targetCacheHitRate?.toFixed()).toBe(first!.targetCacheHitRate)
    expect(after.routeToModel).toBe(first!.routeToModel)
    expect(after.version).toBe(stored.version + 1)
    const entries = await app.db.prisma.historyEntry.findMany({
      where: { portfolioId, resourceId: stored.id, action: 'updated' },
    })
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [
        { requestsPerMonth: first!.requestsPerMonth, team: first!.team },
        { requestsPerMonth: '120000', team: null },
      ],
    ])
    const replanned = await call(app, {
      method: 'GET',
      url: projectionUrl,
      headers: bearer(tenant.keys.read),
    })
    expect(replanned.json().baseline.termSpend).not.toBe(before.json().baseline.termSpend)
  })
})

function expectBad(response: LightMyRequestResponse, code: string) {
  expectProblem(response, 422, code)
  return response
}
