import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreviewRequestInput } from '../../src/modules/plans/plans.schemas.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'
import { CHART_REQUESTS, HOSTILE_NAME } from '../helpers/chart-plans.js'
import { decodePng, inkOf } from '../helpers/png.js'
import { allText, findAll, parseSvg, withAttr } from '../helpers/svg.js'

/**
 * Charts over HTTP: a stored scenario's and a preview's, as SVG and PNG, with the scenario's own figures (the
 * projection's) in their data- attributes; conditional reads, tenancy, unknown charts and hostile names.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'charts')
  other = await createTenant(app, 'charts-other')
})
afterAll(async () => app?.close())

let counter = 0

/** A portfolio with the request's workloads and one scenario of its term, levers and commitment. */
async function stored(request: PreviewRequestInput, name = `scenario ${++counter}`) {
  const { priceBook: _book, workloads, ...scenario } = request
  const headers = bearer(tenant.keys.write)
  const portfolio = await call(app, {
    method: 'POST',
    url: '/v1/portfolios',
    headers,
    payload: { name: `charts ${process.pid}-${++counter}` },
  })
  const id = portfolio.json().id as string
  expect(
    (
      await call(app, {
        method: 'POST',
        url: `/v1/portfolios/${id}/workloads`,
        headers,
        payload: { workloads },
      })
    ).statusCode,
  ).toBe(201)
  const created = await call(app, {
    method: 'POST',
    url: `/v1/portfolios/${id}/scenarios`,
    headers,
    payload: { name, ...scenario },
  })
  expect(created.statusCode).toBe(201)
  return `/v1/portfolios/${id}/scenarios/${created.json().id as string}`
}

const get = (url: string, key = tenant.keys.read, headers: Record<string, string> = {}) =>
  call(app, { method: 'GET', url, headers: { ...bearer(key), ...headers } })

const preview = (chart: string, body: unknown, query = '') =>
  call(app, {
    method: 'POST',
    url: `/v1/plans/preview/charts/${chart}${query}`,
    headers: bearer(tenant.keys.read),
    payload: body as object,
  })

describe('a stored scenario’s charts', () => {
  it('three levers: the waterfall as SVG, with the projection’s figures in its data- attributes', async () => {
    const base = await stored(CHART_REQUESTS.threeLevers, 'Optimize first')
    const projection = (await get(`${base}/projection`)).json()
    const response = await get(`${base}/charts/waterfall.svg`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
    expect(response.headers['content-disposition']).toBe('inline; filename="waterfall.svg"')
    expect(response.headers.etag).toMatch(/^"chart\.d1\.waterfall\.svg\.960x540\.[A-Za-z0-9_-]+"$/)
    const svg = parseSvg(response.body)
    expect(svg.attrs).toMatchObject({ role: 'img', width: '960', height: '540' })
    expect(svg.attrs['data-baseline']).toBe(projection.baseline.termSpend)
    expect(svg.attrs['data-optimized']).toBe(projection.optimized.termSpend)
    const steps = withAttr(svg, 'data-bar', 'step')
    expect(steps.map((s) => [s.attrs['data-lever'], s.attrs['data-savings']])).toEqual(
      projection.waterfall.map((w: { lever: string; savings: string }) => [w.lever, w.savings]),
    )
    expect(svg.children.find((n) => n.name === 'title')!.text).toContain('Optimize first')
  })

  it('one lever: the forecast carries every month of the projection', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    const projection = (await get(`${base}/projection`)).json()
    const svg = parseSvg((await get(`${base}/charts/forecast.svg`)).body)
    const points = withAttr(svg, 'data-optimized').filter((p) => p.attrs['data-month'])
    expect(points.map((p) => [p.attrs['data-month'], p.attrs['data-optimized']])).toEqual(
      projection.months.map((m: { start: string; optimized: string }) => [m.start.slice(0, 7), m.optimized]),
    )
    expect(withAttr(svg, 'data-bar', 'step').map((s) => s.attrs['data-lever'])).toEqual([])
    const waterfall = parseSvg((await get(`${base}/charts/waterfall.svg`)).body)
    expect(withAttr(waterfall, 'data-bar', 'step').map((s) => s.attrs['data-lever'])).toEqual(['batch'])
  })

  it('a commitment above the forecast: the proposed line and what it strands', async () => {
    const base = await stored(CHART_REQUESTS.aboveForecast)
    const { options } = (await get(`${base}/recommendation`)).json()
    const proposed = options.find((o: { kinds: string[] }) => o.kinds.includes('proposed'))
    const svg = parseSvg((await get(`${base}/charts/forecast.svg`)).body)
    const line = findAll(
      svg,
      (n) => n.attrs.class === 'commitment' && n.attrs['data-kind'] === 'proposed',
    )[0]!
    expect(line.attrs['data-commit']).toBe('900000')
    expect(line.attrs['data-expected-stranded']).toBe(proposed.expectedStranded)
    expect(allText(svg)).toContain('$900,000 commit')
  })

  it('annual structure: the years chart has each contract year’s own commitment', async () => {
    const base = await stored(CHART_REQUESTS.annual)
    const projection = (await get(`${base}/projection`)).json()
    const svg = parseSvg((await get(`${base}/charts/years.svg`)).body)
    expect(svg.attrs['data-structure']).toBe('annual')
    expect(withAttr(svg, 'data-baseline').map((b) => b.attrs['data-baseline'])).toEqual(
      projection.years.map((y: { baseline: string }) => y.baseline),
    )
    const recommended = withAttr(svg, 'data-kind', 'recommended').filter((n) => n.attrs['data-year'])
    expect(recommended.map((l) => l.attrs['data-commit'])).toEqual(
      projection.recommendation.years.map((y: { commit: string }) => y.commit),
    )
    const proposed = withAttr(svg, 'data-kind', 'proposed').filter((n) => n.attrs['data-year'])
    expect(proposed.map((l) => l.attrs['data-commit'])).toEqual(['700000', '700000', '350000'])
  })

  it('as PNG: a real image of the size asked for, and not blank', async () => {
    const base = await stored(CHART_REQUESTS.threeLevers)
    const response = await get(`${base}/charts/forecast.png?width=800&height=450&scale=2`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers.etag).toMatch(/^"chart\.d1\.forecast\.png\.800x450@2\./)
    const png = decodePng(response.rawPayload)
    expect([png.width, png.height]).toEqual([1600, 900])
    expect(inkOf(png).inked / (1600 * 900)).toBeGreaterThan(0.05)
  })

  it('answers 304 to its ETag; another chart, size or input revision is another ETag', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    const first = await get(`${base}/charts/waterfall.svg`)
    const etag = String(first.headers.etag)
    const again = await get(`${base}/charts/waterfall.svg`, tenant.keys.read, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)
    const wider = await get(`${base}/charts/waterfall.svg?width=1200`, tenant.keys.read, {
      'if-none-match': etag,
    })
    expect(wider.statusCode).toBe(200)
    const png = await get(`${base}/charts/waterfall.png`, tenant.keys.read, { 'if-none-match': etag })
    expect(png.statusCode).toBe(200)
    // Same inputs, same bytes; a renamed scenario is a new revision (its name is in the chart).
    expect((await get(`${base}/charts/waterfall.svg`)).body).toBe(first.body)
    const scenario = await get(base, tenant.keys.write)
    const renamed = await call(app, {
      method: 'PATCH',
      url: base,
      headers: { ...bearer(tenant.keys.write), 'if-match': String(scenario.headers.etag) },
      payload: { name: 'renamed' },
    })
    expect(renamed.statusCode).toBe(200)
    const after = await get(`${base}/charts/waterfall.svg`, tenant.keys.read, { 'if-none-match': etag })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    expect(allText(parseSvg(after.body))).toContain('renamed')
  })

  it('escapes a hostile scenario name', async () => {
    const base = await stored(CHART_REQUESTS.oneLever, HOSTILE_NAME)
    for (const chart of ['waterfall', 'forecast', 'years']) {
      const body = (await get(`${base}/charts/${chart}.svg`)).body
      expect(body).not.toContain('<script')
      expect(body).not.toContain(HOSTILE_NAME)
      expect(parseSvg(body).children.find((n) => n.name === 'title')!.text).toContain(HOSTILE_NAME)
    }
  })

  it('can be pulled without a key through a share link (a report or a slide)', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    const path = `${base}/charts/forecast.png?width=800&height=450`
    const link = await call(app, {
      method: 'POST',
      url: '/v1/share-links',
      headers: bearer(tenant.keys.read),
      payload: { path },
    })
    expect(link.statusCode).toBe(201)
    const url = new URL(link.json().url as string)
    const pulled = await call(app, { method: 'GET', url: `${url.pathname}${url.search}` })
    expect(pulled.statusCode).toBe(200)
    expect(pulled.headers['content-type']).toBe('image/png')
    expect([decodePng(pulled.rawPayload).width, decodePng(pulled.rawPayload).height]).toEqual([800, 450])
  })

  it('may be embedded by a page of another origin (CORP cross-origin), unlike the other routes', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    const link = await call(app, {
      method: 'POST',
      url: '/v1/share-links',
      headers: bearer(tenant.keys.read),
      payload: { path: `${base}/charts/waterfall.svg` },
    })
    const url = new URL(link.json().url as string)
    const pulled = await call(app, { method: 'GET', url: `${url.pathname}${url.search}` })
    expect(pulled.statusCode).toBe(200)
    expect(pulled.headers['cross-origin-resource-policy']).toBe('cross-origin')
    const keyed = await get(`${base}/charts/years.png`)
    expect(keyed.headers['cross-origin-resource-policy']).toBe('cross-origin')
    const again = await get(`${base}/charts/years.png`, tenant.keys.read, {
      'if-none-match': keyed.headers.etag as string,
    })
    expect(again.statusCode).toBe(304)
    expect(again.headers['cross-origin-resource-policy']).toBe('cross-origin')
    // Only the chart images: the API's JSON, the reports and a refused chart keep helmet's same-origin.
    for (const [response, status] of [
      [await get(`${base}/projection`), 200],
      [await get(`${base}/report`), 200],
      [await get(`${base}/charts/waterfall.svg`, other.keys.read), 404],
    ] as const) {
      expect(response.statusCode).toBe(status)
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin')
    }
  })

  it('another organization’s scenario is a 404, and so is an unknown one', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    expectProblem(await get(`${base}/charts/waterfall.svg`, other.keys.read), 404, 'NOT_FOUND')
    expectProblem(await get(`${base}/charts/years.png`, other.keys.admin), 404, 'NOT_FOUND')
    const unknown = base.replace(/scenarios\/[^/]+$/, 'scenarios/00000000-0000-4000-8000-000000000000')
    expectProblem(await get(`${unknown}/charts/waterfall.svg`), 404, 'NOT_FOUND')
  })

  it('an unknown chart is a 404 listing the charts; a bad size or too many pixels a 400', async () => {
    const base = await stored(CHART_REQUESTS.oneLever)
    for (const chart of [
      'pie.svg',
      'waterfall.gif',
      'waterfall',
      'forecast.svg.png',
      `${'x'.repeat(120)}.svg`,
    ]) {
      const body = expectProblem(await get(`${base}/charts/${chart}`), 404, 'NOT_FOUND')
      expect(body.detail).toContain(
        'waterfall.svg, waterfall.png, forecast.svg, forecast.png, years.svg, years.png',
      )
      expect(body.errors).toEqual([
        expect.objectContaining({ in: 'path', pointer: '/chart', code: 'unknown_chart' }),
      ])
    }
    const tiny = expectProblem(await get(`${base}/charts/waterfall.svg?width=10`), 400, 'VALIDATION_FAILED')
    expect(tiny.errors?.[0]).toMatchObject({ in: 'query', pointer: '/width' })
    const huge = expectProblem(
      await get(`${base}/charts/waterfall.png?width=2400&height=1600&scale=3`),
      400,
      'VALIDATION_FAILED',
    )
    expect(huge.errors?.[0]).toMatchObject({ in: 'query', pointer: '/scale', code: 'too_big' })
    // The same size as SVG is fine: it has no pixels.
    expect((await get(`${base}/charts/waterfall.svg?width=2400&height=1600&scale=3`)).statusCode).toBe(200)
  })
})

describe('a preview’s charts', () => {
  it('draws the body’s plan: the same chart as the stored scenario of the same inputs, but for its name', async () => {
    const response = await preview('waterfall.svg', CHART_REQUESTS.threeLevers)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8')
    const base = await stored(CHART_REQUESTS.threeLevers, 'Same inputs')
    const storedSvg = parseSvg((await get(`${base}/charts/waterfall.svg`)).body)
    const previewSvg = parseSvg(response.body)
    const figures = (svg: typeof storedSvg) => withAttr(svg, 'data-bar').map((b) => b.attrs)
    expect(figures(previewSvg)).toEqual(figures(storedSvg))
    // Same body, same bytes.
    expect((await preview('waterfall.svg', CHART_REQUESTS.threeLevers)).body).toBe(response.body)
  })

  it('every chart in both formats, of the annual plan', async () => {
    for (const chart of ['waterfall', 'forecast', 'years']) {
      const svg = await preview(`${chart}.svg`, CHART_REQUESTS.annual, '?width=1200&height=600')
      expect(svg.statusCode).toBe(200)
      expect(parseSvg(svg.body).attrs).toMatchObject({ 'data-chart': chart, width: '1200', height: '600' })
      const png = await preview(`${chart}.png`, CHART_REQUESTS.annual)
      expect(png.headers['content-type']).toBe('image/png')
      const image = decodePng(png.rawPayload)
      expect([image.width, image.height]).toEqual([960, 540])
      expect(inkOf(image).colours).toBeGreaterThan(20)
    }
  })

  it('answers a bad body as the preview does, and an unknown chart with the list', async () => {
    const { workloads: _w, ...noWorkloads } = CHART_REQUESTS.oneLever
    const bad = expectProblem(await preview('forecast.svg', noWorkloads), 400, 'VALIDATION_FAILED')
    expect(bad.errors?.[0]).toMatchObject({ in: 'body', pointer: '/workloads' })
    const impossible = {
      ...CHART_REQUESTS.oneLever,
      workloads: [{ ...CHART_REQUESTS.oneLever.workloads[0]!, model: 'claude-sonet-4-5' }],
    }
    expectProblem(await preview('forecast.svg', impossible), 422, 'UNPROCESSABLE_PLAN')
    const unknown = expectProblem(await preview('bars.svg', CHART_REQUESTS.oneLever), 404, 'NOT_FOUND')
    expect(unknown.detail).toContain('years.png')
    const noKey = await call(app, {
      method: 'POST',
      url: '/v1/plans/preview/charts/waterfall.svg',
      payload: CHART_REQUESTS.oneLever,
    })
    expectProblem(noKey, 401, 'UNAUTHENTICATED')
  })
})
