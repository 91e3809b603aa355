import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PORTFOLIO_NAME } from '../../src/modules/demo/demo-data.js'
import type { PreviewRequestInput } from '../../src/modules/plans/plans.schemas.js'
import { REPORT_CSP } from '../../src/modules/reports/report.css.js'
import { bearer, buildTestApp, call, databaseKind } from '../helpers/app.js'
import { launchBrowser } from '../helpers/browser.js'
import { CHART_REQUESTS, HOSTILE_NAME } from '../helpers/chart-plans.js'
import { ownDatabase } from '../helpers/databases.js'
import { readPdf } from '../helpers/pdf.js'
import { rasterizePdf } from '../helpers/pdf-raster.js'
import { decodePng } from '../helpers/png.js'

/**
 * The reports in a real browser (launchBrowser: the npm-packaged Chromium, or CHROMIUM_PATH), served on a listening
 * port as a person opens them: each loads with no console error, no failed request and no request but its own;
 * its charts' `data-` attributes carry the projection's figures; it prints to PDF on A4 and on Letter, each section
 * on a new page and no chart cut across two; and every printed page, rendered to PNG (test/helpers/pdf-raster.ts,
 * nothing installed), has something on it. Covered: one lever, three levers (under a hostile name), a commitment
 * above the forecast, an annual structure, the demo scenario opened through a share link, and the demo comparison.
 *
 * The artifacts stay under test-results/reports/<database>/<case>/ (gitignored): the HTML, a screenshot, both PDFs
 * and each PDF page as PNG.
 */

const BOOTSTRAP = 'report-browser-test-bootstrap-key-0123456789abcdef'
const ARTIFACTS = join('test-results', 'reports', databaseKind)
/** The printable sizes, in points: A4 210 × 297 mm, Letter 8.5 × 11 in. */
const FORMATS = { A4: { width: 595.92, height: 842.88 }, Letter: { width: 612, height: 792 } } as const
type Format = keyof typeof FORMATS
/** Pixels per point of the rendered pages (108 dpi). */
const RASTER_SCALE = 1.5
/** A test opens a report, prints it twice and renders every page: generous on two shared cores. */
const CASE_TIMEOUT = 240_000

let app: FastifyInstance
let dispose: () => Promise<void>
let browser: Browser
let context: BrowserContext
/** A blank page that lends its canvas to render PDF pages. */
let canvasPage: Page
let base: string

beforeAll(async () => {
  // A database of this file's own, so the demo portfolio is seeded for the bootstrap key (as on a fresh install).
  const own = await ownDatabase('ccp_report_browser')
  dispose = own.dispose
  app = await buildTestApp({ DATABASE_URL: own.url, SEED_DEMO: 'true', BOOTSTRAP_ADMIN_KEY: BOOTSTRAP })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchBrowser()
  // One context for every page: the packaged Chromium runs as a single process, which closing a context ends.
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } })
  canvasPage = await context.newPage()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await dispose?.()
})

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field as the checks need it
type Json = any

async function api(url: string, method = 'GET', payload?: object): Promise<Json> {
  const response = await call(app, {
    method,
    url,
    headers: bearer(BOOTSTRAP),
    ...(payload ? { payload } : {}),
  })
  expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 500)}`).toBeLessThan(300)
  return response.json()
}

let counter = 0

/** A portfolio with the request's workloads and one scenario of its term, levers and commitment: its path. */
async function stored(request: PreviewRequestInput, name: string): Promise<string> {
  const { priceBook: _book, workloads, ...scenario } = request
  const portfolio = await api('/v1/portfolios', 'POST', {
    name: `report browser ${process.pid}-${++counter}`,
  })
  await api(`/v1/portfolios/${portfolio.id}/workloads`, 'POST', { workloads })
  const created = await api(`/v1/portfolios/${portfolio.id}/scenarios`, 'POST', { name, ...scenario })
  return `/v1/portfolios/${portfolio.id}/scenarios/${created.id}`
}

/** The demo portfolio and its two scenarios' paths. */
async function demo() {
  const portfolios = await api('/v1/portfolios?limit=100')
  const portfolio = portfolios.data.find((p: { name: string }) => p.name === DEMO_PORTFOLIO_NAME)
  expect(portfolio, 'the demo portfolio (SEED_DEMO) was seeded').toBeDefined()
  const scenarios = await api(`/v1/portfolios/${portfolio.id}/scenarios`)
  const path = (name: string) =>
    `/v1/portfolios/${portfolio.id}/scenarios/${scenarios.data.find((s: { name: string }) => s.name === name).id}`
  return {
    portfolioId: portfolio.id as string,
    optimizeFirst: path('optimize first'),
    commitNow: path("commit now on today's spend"),
  }
}

interface Opened {
  page: Page
  html: string
  headers: Record<string, string>
}

/**
 * Opens `url` in a new tab (with the bootstrap key, or — `key: false` — as a share link is opened, with nothing)
 * and checks it loaded clean: status 200, no console message of level error or warning, no uncaught error, no
 * dialog, no failed request, and no request at all but the document's own.
 */
async function open(url: string, key = true): Promise<Opened> {
  const page = await context.newPage()
  if (key) await page.setExtraHTTPHeaders(bearer(BOOTSTRAP))
  const problems: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`))
  page.on('request', (request) => requests.push(request.url()))
  const response = await page.goto(`${base}${url}`, { waitUntil: 'load' })
  expect(response?.status()).toBe(200)
  const headers = response!.headers()
  expect(headers['content-type']).toBe('text/html; charset=utf-8')
  expect(headers['content-security-policy']).toBe(REPORT_CSP)
  expect(problems).toEqual([])
  expect(requests).toEqual([`${base}${url}`])
  // Nothing overflows the window sideways.
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true)
  return { page, html: await page.content(), headers }
}

/** Every element's attributes matching `selector`, in document order. */
function attrs(page: Page, selector: string): Promise<Record<string, string>[]> {
  return page
    .locator(selector)
    .evaluateAll((nodes) =>
      nodes.map((node) =>
        Object.fromEntries(
          [...node.attributes].map(
            (a: { name: string; value: string }) => [a.name, a.value] as [string, string],
          ),
        ),
      ),
    )
}

const kindsOf = (node: Record<string, string>) => (node['data-kinds'] ?? '').split(' ')

/** The figures the page shows — charts, headline cards, options, warnings — are the projection's, exactly. */
async function expectProjectionFigures(page: Page, projection: Json) {
  const [waterfall] = await attrs(page, 'svg[data-chart="waterfall"]')
  expect(waterfall).toMatchObject({
    'data-baseline': projection.baseline.termSpend,
    'data-optimized': projection.optimized.termSpend,
    'data-fully-optimized': projection.fullyOptimized.termSpend,
    'data-savings': projection.savings.scheduled,
  })
  const steps = await attrs(page, 'svg[data-chart="waterfall"] [data-bar="step"]')
  expect(
    steps.map((s) => [s['data-lever'], s['data-spend-before'], s['data-savings'], s['data-spend-after']]),
  ).toEqual(projection.waterfall.map((w: Json) => [w.lever, w.spendBefore, w.savings, w.spendAfter]))
  for (const series of ['baseline', 'optimized', 'fully-optimized'] as const) {
    const key = series === 'fully-optimized' ? 'fullyOptimized' : series
    const points = await attrs(page, `svg[data-chart="forecast"] [data-month][data-${series}]`)
    expect(points.map((p) => [p['data-month'], p[`data-${series}`]])).toEqual(
      projection.months.map((m: Json) => [m.start.slice(0, 7), m[key]]),
    )
  }
  const bands = await attrs(page, 'svg[data-chart="forecast"] [data-year][data-p10]')
  expect(bands.map((b) => [b['data-year'], b['data-p10'], b['data-p50'], b['data-p90']])).toEqual(
    projection.years.map((y: Json) => [
      String(y.year),
      y.percentiles.p10,
      y.percentiles.p50,
      y.percentiles.p90,
    ]),
  )
  const lines = await attrs(page, 'svg[data-chart="forecast"] g.commitment')
  const recommended = lines.find((line) => kindsOf(line).includes('recommended'))
  expect(recommended).toMatchObject({
    'data-commit': projection.recommendation.commit,
    'data-expected-stranded': projection.recommendation.expectedStranded,
  })
  const years = await attrs(page, 'svg[data-chart="years"] [data-year][data-baseline]')
  expect(years.map((y) => y['data-baseline'])).toEqual(projection.years.map((y: Json) => y.baseline))
  const optimized = await attrs(page, 'svg[data-chart="years"] [data-year][data-optimized]')
  expect(optimized.map((y) => y['data-optimized'])).toEqual(projection.years.map((y: Json) => y.optimized))

  const cards = Object.fromEntries(
    (await attrs(page, '.figures dd[data-field]')).map((c) => [c['data-field'], c['data-value']]),
  )
  expect(cards).toEqual({
    'baseline.termSpend': projection.baseline.termSpend,
    'optimized.termSpend': projection.optimized.termSpend,
    'savings.scheduled': projection.savings.scheduled,
    'fullyOptimized.termSpend': projection.fullyOptimized.termSpend,
    'recommendation.commit': projection.recommendation.commit,
    'recommendation.expectedPayment': projection.recommendation.expectedPayment,
    'recommendation.expectedStranded': projection.recommendation.expectedStranded,
    'recommendation.shortfallProbability': projection.recommendation.shortfallProbability,
  })
  const options = await attrs(page, 'tbody.option')
  expect(
    options.map((o) => [
      kindsOf(o),
      o['data-commit'],
      o['data-expected-payment'],
      o['data-expected-stranded'],
    ]),
  ).toEqual(projection.options.map((o: Json) => [o.kinds, o.commit, o.expectedPayment, o.expectedStranded]))
  // The recommendation, and only it, is highlighted.
  const highlighted = await attrs(page, 'tbody.option.recommended')
  expect(highlighted.map(kindsOf)).toEqual([projection.recommendation.kinds])
  const warnings = await attrs(page, 'li.warning-item')
  expect(warnings.map((w) => [w['data-code'], w['data-amount'] ?? null])).toEqual(
    projection.warnings.map((w: Json) => [w.code, w.amount]),
  )
}

/** A chart figure and the target of its caption's link (a table of its figures). */
interface FigureLink {
  id: string
  target: string
}

/** The sections (in order) and the charts of the page, read off the DOM. */
async function layoutOf(page: Page): Promise<{ sections: string[]; figures: FigureLink[] }> {
  const sections = (await attrs(page, 'main > section[id]')).map((s) => s.id!)
  const figures = await page.locator('figure.chart').evaluateAll((nodes) =>
    nodes.map((node) => ({
      id: node.id as string,
      target: (node.querySelector('figcaption a').getAttribute('href') as string).slice(1),
    })),
  )
  return { sections, figures }
}

const artifactDir = async (name: string) => {
  const dir = join(ARTIFACTS, name)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  return dir
}

/** Share of a region's pixels that are not (near) white, and how many distinct colours it holds. */
function inkIn(png: Buffer, top = 0, bottom = Number.POSITIVE_INFINITY) {
  const image = decodePng(png)
  const [from, to] = [Math.max(0, Math.floor(top)), Math.min(image.height, Math.ceil(bottom))]
  let inked = 0
  const colours = new Set<number>()
  for (let y = from; y < to; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4
      const [r, g, b] = [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!]
      if (r < 240 || g < 240 || b < 240) inked++
      colours.add((r << 16) | (g << 8) | b)
    }
  }
  return { share: inked / Math.max(1, (to - from) * image.width), colours: colours.size }
}

/**
 * Prints the page on `format` and checks the PDF: the paper size; every section at the top of a page of its own, in
 * order; every chart whole on one page (its top — the destination the contents link to — and its caption's link on
 * the same page); every page, rendered to PNG, with something on it; each chart's area inked in many colours.
 */
async function expectPrints(
  opened: Opened,
  dir: string,
  format: Format,
  pageCount: { min: number; max: number },
): Promise<number> {
  const pdf = await opened.page.pdf({ format })
  await writeFile(join(dir, `${format}.pdf`), pdf)
  const { pages, destinations } = readPdf(pdf)
  expect(pages.length).toBeGreaterThanOrEqual(pageCount.min)
  expect(pages.length).toBeLessThanOrEqual(pageCount.max)
  for (const page of pages) {
    expect(page.width).toBeCloseTo(FORMATS[format].width, 0)
    expect(page.height).toBeCloseTo(FORMATS[format].height, 0)
  }
  const { sections, figures } = await layoutOf(opened.page)
  let previous = -1
  for (const [i, id] of sections.entries()) {
    const at = destinations.get(id)
    expect(at, `section #${id} is in the PDF`).toBeDefined()
    if (i === 0) expect(at!.page).toBe(0)
    else {
      expect(at!.page, `section #${id} starts a page`).toBeGreaterThan(previous)
      expect(at!.top).toBeGreaterThan(FORMATS[format].height - 80)
    }
    previous = at!.page
  }
  const links = pages.flatMap((page) => page.links.map((link) => ({ ...link, page: page.index })))
  const { pages: rendered, unsupported } = await rasterizePdf(pdf, canvasPage, RASTER_SCALE)
  expect(unsupported).toEqual([])
  for (const [i, png] of rendered.entries()) {
    await writeFile(join(dir, `${format}-page-${String(i + 1).padStart(2, '0')}.png`), png.png)
    expect(inkIn(png.png).share, `page ${i + 1} is not blank`).toBeGreaterThan(0.003)
  }
  for (const figure of figures) {
    const top = destinations.get(figure.id)
    const caption = links.filter((link) => link.dest === figure.target)
    expect(top, `chart #${figure.id} is in the PDF`).toBeDefined()
    expect(caption, `the caption of #${figure.id}`).toHaveLength(1)
    expect(caption[0]!.page, `chart #${figure.id} is on one page`).toBe(top!.page)
    expect(caption[0]!.rect.y2).toBeLessThan(top!.top)
    const height = FORMATS[format].height
    const area = inkIn(
      rendered[top!.page]!.png,
      (height - top!.top) * RASTER_SCALE,
      (height - caption[0]!.rect.y2) * RASTER_SCALE,
    )
    expect(area.share, `chart #${figure.id} is drawn`).toBeGreaterThan(0.05)
    expect(area.colours).toBeGreaterThan(20)
  }
  return pages.length
}

/** Keeps the page as it looks on screen, and as HTML. */
async function keepScreen(opened: Opened, dir: string) {
  await writeFile(join(dir, 'report.html'), opened.html)
  await opened.page.screenshot({ path: join(dir, 'screen.png'), fullPage: true })
}

/** A scenario's report, all the way: figures, screen, A4 and Letter. */
async function scenarioCase(name: string, path: string, key = true, url = `${path}/report`) {
  const projection = await api(`${path}/projection`)
  const opened = await open(url, key)
  const dir = await artifactDir(name)
  await keepScreen(opened, dir)
  await expectProjectionFigures(opened.page, projection)
  for (const format of Object.keys(FORMATS) as Format[]) {
    await expectPrints(opened, dir, format, { min: 7, max: 16 })
  }
  return { ...opened, projection }
}

describe('a scenario’s report in Chromium', () => {
  it(
    'one lever: one step in the waterfall; loads clean, carries the projection, prints on A4 and Letter',
    async () => {
      const path = await stored(CHART_REQUESTS.oneLever, 'one lever')
      const { page } = await scenarioCase('one-lever', path)
      expect((await attrs(page, '[data-bar="step"]')).map((s) => s['data-lever'])).toEqual(['batch'])
      await page.close()
    },
    CASE_TIMEOUT,
  )

  it(
    'three levers, under a hostile name shown as written',
    async () => {
      const path = await stored(CHART_REQUESTS.threeLevers, HOSTILE_NAME)
      const { page, projection } = await scenarioCase('three-levers', path)
      expect((await attrs(page, '[data-bar="step"]')).map((s) => s['data-lever'])).toEqual(
        projection.levers.map((l: Json) => l.lever),
      )
      expect(await page.locator('h1').textContent()).toBe(HOSTILE_NAME)
      expect(await page.title()).toBe(
        `${HOSTILE_NAME} — commitment plan — ${(await api(path.split('/scenarios')[0]!)).name}`,
      )
      // The name never became an element: the only script is the data block, which states it exactly.
      expect(await page.locator('script').count()).toBe(1)
      const data = JSON.parse((await page.locator('#report-data').textContent()) ?? '')
      expect(data.scenario.name).toBe(HOSTILE_NAME)
      await page.close()
    },
    CASE_TIMEOUT,
  )

  it(
    'a commitment above the forecast: its line, what it strands, and the warning that says so',
    async () => {
      const path = await stored(CHART_REQUESTS.aboveForecast, 'proposed above the forecast')
      const { page, projection } = await scenarioCase('above-forecast', path)
      const proposed = projection.options.find((o: Json) => o.kinds.includes('proposed'))
      const line = (await attrs(page, 'svg[data-chart="forecast"] g.commitment')).find((l) =>
        kindsOf(l).includes('proposed'),
      )
      expect(line).toMatchObject({
        'data-commit': '900000',
        'data-expected-stranded': proposed.expectedStranded,
      })
      // Shown, not clipped: the line lies inside the drawn chart, above the simulated band.
      const forecast = page.locator('svg[data-chart="forecast"]')
      const chart = (await forecast.boundingBox())!
      const level = (await forecast
        .locator('g.commitment[data-kind="proposed"] [data-commit-monthly]')
        .first()
        .boundingBox())!
      const band = (await forecast.locator('[data-p90]').first().boundingBox())!
      expect(level.y).toBeGreaterThan(chart.y)
      expect(level.x + level.width).toBeLessThanOrEqual(chart.x + chart.width)
      expect(level.y + level.height).toBeLessThan(band.y)
      const stranded = await attrs(page, 'li.warning-item[data-code="STRANDED_COMMITMENT"]')
      expect(stranded.map((w) => w['data-amount'])).toContain(proposed.expectedStranded)
      await page.close()
    },
    CASE_TIMEOUT,
  )

  it(
    'an annual structure: each contract year’s commitment, in the options and the years chart',
    async () => {
      const path = await stored(CHART_REQUESTS.annual, 'annual ramp')
      const { page, projection } = await scenarioCase('annual', path)
      expect((await attrs(page, 'svg[data-chart="years"]'))[0]).toMatchObject({ 'data-structure': 'annual' })
      const levels = (await attrs(page, 'svg[data-chart="years"] [data-kind="recommended"][data-year]')).map(
        (l) => l['data-commit'],
      )
      expect(levels).toEqual(projection.recommendation.years.map((y: Json) => y.commit))
      for (const [i, option] of projection.options.entries()) {
        const spans = await attrs(page, `tbody.option:nth-of-type(${i + 1}) [data-year][data-commit]`)
        expect(spans.map((s) => [s['data-year'], s['data-commit']])).toEqual(
          option.years.map((y: Json) => [String(y.year), y.commit]),
        )
      }
      await page.close()
    },
    CASE_TIMEOUT,
  )

  it(
    'the demo scenario, opened through a share link without a key',
    async () => {
      const { optimizeFirst } = await demo()
      const link = await api('/v1/share-links', 'POST', {
        path: `${optimizeFirst}/report`,
        expiresInSeconds: 900,
      })
      const url = new URL(link.url)
      const { page, headers } = await scenarioCase(
        'demo-optimize-first',
        optimizeFirst,
        false,
        `${url.pathname}${url.search}`,
      )
      expect(headers['cache-control']).toBe('no-store')
      expect(await page.locator('h1').textContent()).toBe('optimize first')
      await page.close()
    },
    CASE_TIMEOUT,
  )
})

describe('a chart in a page of another origin', () => {
  it(
    'shows through a share link in an <img> (the chart routes allow cross-origin embedding)',
    async () => {
      const { optimizeFirst } = await demo()
      const signed = async (path: string) => {
        const url = new URL((await api('/v1/share-links', 'POST', { path, expiresInSeconds: 900 })).url)
        return `${base}${url.pathname}${url.search}`
      }
      const images = {
        svg: await signed(`${optimizeFirst}/charts/waterfall.svg`),
        png: await signed(`${optimizeFirst}/charts/forecast.png?width=800&height=450`),
      }
      // A page of another origin (a wiki, a slide tool): another port of this machine, so the browser's
      // private-network rules (a public page may not load from loopback) are not what is tested.
      const html = `<!doctype html><title>embedder</title><img id="svg" src="${images.svg}"><img id="png" src="${images.png}">`
      const embedder = createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
      )
      await new Promise<void>((resolve) => embedder.listen(0, '127.0.0.1', resolve))
      const page = await context.newPage()
      const failed: string[] = []
      page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`))
      await page.goto(`http://127.0.0.1:${(embedder.address() as AddressInfo).port}/`, { waitUntil: 'load' })
      expect(failed).toEqual([])
      // Each image decoded at its own size: the browser let the page have it.
      const sizes = await page
        .locator('img')
        .evaluateAll((nodes) =>
          nodes.map((img) => [img.id, img.complete, img.naturalWidth, img.naturalHeight]),
        )
      expect(sizes).toEqual([
        ['svg', true, 960, 540],
        ['png', true, 800, 450],
      ])
      await page.close()
      await new Promise((resolve) => embedder.close(resolve))
    },
    CASE_TIMEOUT,
  )
})

describe('the comparison report in Chromium', () => {
  it(
    'the demo portfolio: “optimize first” against “commit now”, both waterfalls and the payment difference',
    async () => {
      const { portfolioId } = await demo()
      const comparison = await api(`/v1/portfolios/${portfolioId}/comparison`)
      const opened = await open(`/v1/portfolios/${portfolioId}/comparison/report`)
      const { page } = opened
      const dir = await artifactDir('demo-comparison')
      await keepScreen(opened, dir)
      const byName = new Map(comparison.scenarios.map((row: Json) => [row.name, row]))
      const now = byName.get("commit now on today's spend") as Json
      const first = byName.get('optimize first') as Json
      expect(comparison.paysLeast.name).toBe('optimize first')
      const difference =
        BigInt(now.recommendation.expectedPayment) - BigInt(first.recommendation.expectedPayment)
      expect(difference).toBeGreaterThan(0n)
      expect(await page.locator('#answer-sentence').textContent()).toContain(
        `“optimize first” pays $${difference.toLocaleString('en-US')} less than “commit now on today's spend”`,
      )
      // Both waterfalls, with each scenario's own figures.
      const waterfalls = await attrs(page, 'svg[data-chart="waterfall"]')
      expect(waterfalls.map((w) => [w['data-baseline'], w['data-optimized']])).toEqual(
        comparison.scenarios.map((row: Json) => [row.baseline, row.optimized]),
      )
      for (const row of comparison.scenarios) {
        const cells = await attrs(page, `td[data-scenario="${row.scenarioId}"][data-field]`)
        expect(Object.fromEntries(cells.map((c) => [c['data-field'], c['data-value']]))).toMatchObject({
          'recommendation.commit': row.recommendation.commit,
          'recommendation.expectedPayment': row.recommendation.expectedPayment,
          'recommendation.expectedStranded': row.recommendation.expectedStranded,
        })
      }
      for (const format of Object.keys(FORMATS) as Format[]) {
        await expectPrints(opened, dir, format, { min: 3, max: 6 })
      }
      await page.close()
    },
    CASE_TIMEOUT,
  )
})
