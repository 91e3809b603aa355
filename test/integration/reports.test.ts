import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PreviewRequestInput } from '../../src/modules/plans/plans.schemas.js'
import { REPORT_CSP } from '../../src/modules/reports/report.css.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'
import { CHART_REQUESTS } from '../helpers/chart-plans.js'

/**
 * The reports over HTTP: a stored scenario's report and a comparison report as self-contained HTML under their own
 * Content-Security-Policy, with the plan's figures; hostile names shown as text, never as markup; conditional reads;
 * tenancy; and a report opened through a signed share link, without a key. (report-browser.test.ts opens them in
 * Chromium and prints them.)
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'reports')
  other = await createTenant(app, 'reports-other')
})
afterAll(async () => app?.close())

let counter = 0

const get = (url: string, key: string | null = tenant.keys.read, headers: Record<string, string> = {}) =>
  call(app, { method: 'GET', url, headers: { ...(key ? bearer(key) : {}), ...headers } })

/** A portfolio (named `portfolioName`) with the request's workloads and one scenario per entry of `scenarios`. */
async function stored(
  request: PreviewRequestInput,
  scenarios: { name: string; levers?: PreviewRequestInput['levers'] }[] = [{ name: `scenario ${++counter}` }],
  portfolioName = `reports ${process.pid}-${++counter}`,
) {
  const { priceBook: _book, workloads, ...scenario } = request
  const headers = bearer(tenant.keys.write)
  const portfolio = await call(app, {
    method: 'POST',
    url: '/v1/portfolios',
    headers,
    payload: { name: portfolioName },
  })
  expect(portfolio.statusCode, portfolio.body).toBe(201)
  const id = portfolio.json().id as string
  const added = await call(app, {
    method: 'POST',
    url: `/v1/portfolios/${id}/workloads`,
    headers,
    payload: { workloads },
  })
  expect(added.statusCode, added.body).toBe(201)
  const ids: string[] = []
  for (const s of scenarios) {
    const created = await call(app, {
      method: 'POST',
      url: `/v1/portfolios/${id}/scenarios`,
      headers,
      payload: { ...scenario, ...s },
    })
    expect(created.statusCode, created.body).toBe(201)
    ids.push(created.json().id as string)
  }
  return { portfolioId: id, scenarioIds: ids, path: `/v1/portfolios/${id}/scenarios/${ids[0]}` }
}

/** The JSON data block of a report (`#report-data`), parsed. */
function reportData(body: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(body)
  expect(match, 'the report has its data block').not.toBeNull()
  return JSON.parse(match![1]!) as Record<string, unknown>
}

/** Text as the report writes it (what a browser shows as the text itself). */
const escaped = (text: string) =>
  text.replace(
    /[&<>"'`]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  )

/** Every start tag of the document (text never holds a raw `<`, so this finds the real ones). */
const startTags = (body: string) => body.match(/<[a-zA-Z][^>]*>/g) ?? []

describe('a scenario’s report', () => {
  it('is a self-contained HTML document with the plan’s figures, under a strict CSP', async () => {
    const { path } = await stored(CHART_REQUESTS.threeLevers)
    const projection = (await get(`${path}/projection`)).json()
    const response = await get(`${path}/report`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers.etag).toMatch(/^"report\.r1\.[A-Za-z0-9_-]{27}"$/)
    // The report's own policy replaces the API's: nothing loads or runs, only its own stylesheet applies.
    expect(response.headers['content-security-policy']).toBe(REPORT_CSP)
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+={0,2}';/)
    expect(REPORT_CSP).not.toMatch(/unsafe|script-src|https?:/)
    const body = response.body
    expect(body).toMatch(/^<!doctype html>\n<html lang="en">/)
    // Self-contained: no URL to fetch anything from, no script to run (the data block is not run).
    expect(body).not.toMatch(/\s(src|srcset|href)="(?!#)/i)
    expect(body).not.toMatch(/<link|<img|<iframe|@import|url\((?!#)/i)
    expect(body.match(/<script/g)).toEqual(['<script'])
    expect(body).toContain('<script type="application/json" id="report-data">')
    expect(startTags(body).some((tag) => /\sstyle=/i.test(tag))).toBe(false)
    // Each section, the three charts inline, and the figures the API answers.
    for (const id of [
      'summary',
      'savings',
      'forecast',
      'options',
      'warnings',
      'years',
      'assumptions',
      'price-book',
    ]) {
      expect(body).toContain(`<section id="${id}"`)
    }
    for (const chart of ['waterfall', 'forecast', 'years']) expect(body).toContain(`data-chart="${chart}"`)
    const data = reportData(body)
    expect(data).toMatchObject({
      baseline: projection.baseline.termSpend,
      optimized: projection.optimized.termSpend,
      recommendation: {
        commit: projection.recommendation.commit,
        expectedPayment: projection.recommendation.expectedPayment,
        expectedStranded: projection.recommendation.expectedStranded,
      },
    })
    expect(body).toContain(
      `data-field="recommendation.commit" data-value="${projection.recommendation.commit}"`,
    )
    for (const option of projection.options) {
      expect(body).toContain(`data-kinds="${option.kinds.join(' ')}" data-commit="${option.commit}"`)
      expect(body).toContain(escaped(option.basis))
    }
    for (const warning of projection.warnings) expect(body).toContain(`data-code="${warning.code}"`)
    // The count of warnings, said once: by severity when there are several, else just the number.
    const severities = new Set(projection.warnings.map((warning: { severity: string }) => warning.severity))
    const counted = body.match(/<p>The plan raises <a href="#warnings">([^<]*)<\/a>([^<]*)<\/p>/)
    expect(counted).not.toBeNull()
    if (severities.size === 1) expect(counted![2]).toBe('.')
    else expect(counted![1]).toBe(`${projection.warnings.length} findings`)
    expect(body).toContain('Anthropic list prices')
  })

  it('shows hostile names as text: no markup, attribute or script comes out of them', async () => {
    const portfolioName = `<script>alert("portfolio")</script> & R&D`
    const scenarioName = `"><img src=x onerror=alert(1)> ' onload='alert(2)' </script><script>alert(3)</script>`
    const workloadName = `</td></table><script>alert(4)</script>`
    const request = {
      ...CHART_REQUESTS.oneLever,
      workloads: [{ ...CHART_REQUESTS.oneLever.workloads[0]!, name: workloadName }],
    }
    const { path } = await stored(request, [{ name: scenarioName }], portfolioName)
    const response = await get(`${path}/report`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.body
    // The only script element is the data block; no tag carries an event handler; no image appears.
    expect(body.match(/<script/gi)).toEqual(['<script'])
    const tags = startTags(body)
    expect(tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([])
    expect(tags.filter((tag) => /^<img/i.test(tag))).toEqual([])
    // The names, escaped, where they are shown: the title, the heading, the tables, the charts' titles.
    expect(body).toContain(
      '<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39; onload=&#39;alert(2)&#39;',
    )
    expect(body).toContain('&lt;script&gt;alert(&quot;portfolio&quot;)&lt;/script&gt; &amp; R&amp;D')
    expect(body).toContain('&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;')
    for (const raw of [portfolioName, scenarioName, workloadName, '<img', '</script><script>']) {
      expect(body).not.toContain(raw)
    }
    // The data block holds them exactly, and cannot be closed by them.
    const block = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(body)![1]!
    expect(block).not.toMatch(/[<>]/)
    expect(reportData(body)).toMatchObject({
      scenario: { name: scenarioName },
      portfolio: { name: portfolioName },
    })
  })

  it('answers 304 to its ETag, and a new ETag once the scenario changes', async () => {
    const { path } = await stored(CHART_REQUESTS.oneLever)
    const first = await get(`${path}/report`)
    const etag = first.headers.etag as string
    const again = await get(`${path}/report`, tenant.keys.read, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)
    expect(again.headers['content-security-policy']).toBe(REPORT_CSP)
    // The same plan gives the same bytes.
    expect((await get(`${path}/report`)).body).toBe(first.body)
    // The scenario's name is in the report: renaming it is a new revision.
    const scenario = await get(path)
    const renamed = await call(app, {
      method: 'PATCH',
      url: path,
      headers: { ...bearer(tenant.keys.write), 'if-match': scenario.headers.etag as string },
      payload: { name: 'renamed for the report' },
    })
    expect(renamed.statusCode, renamed.body).toBe(200)
    const changed = await get(`${path}/report`, tenant.keys.read, { 'if-none-match': etag })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(changed.body).toContain('<h1>renamed for the report</h1>')
  })

  it('is another organization’s 404, an unknown scenario’s 404, and needs a key', async () => {
    const { path, portfolioId } = await stored(CHART_REQUESTS.oneLever)
    expectProblem(await get(`${path}/report`, other.keys.admin), 404, 'NOT_FOUND')
    expectProblem(
      await get(`/v1/portfolios/${portfolioId}/scenarios/00000000-0000-4000-8000-000000000000/report`),
      404,
      'NOT_FOUND',
    )
    expectProblem(await get(`${path}/report`, null), 401, 'UNAUTHENTICATED')
    expectProblem(
      await get(`/v1/portfolios/${portfolioId}/comparison/report`, other.keys.read),
      404,
      'NOT_FOUND',
    )
  })
})

describe('through a signed share link', () => {
  it('opens the report and the comparison report without a key, uncached; a changed link is refused', async () => {
    const { path, portfolioId, scenarioIds } = await stored(CHART_REQUESTS.oneLever, [
      { name: 'link one' },
      { name: 'link two', levers: [] },
    ])
    const shared = async (target: string) => {
      const created = await call(app, {
        method: 'POST',
        url: '/v1/share-links',
        headers: bearer(tenant.keys.read),
        payload: { path: target, expiresInSeconds: 600 },
      })
      expect(created.statusCode, created.body).toBe(201)
      const url = new URL(created.json().url as string)
      return `${url.pathname}${url.search}`
    }
    for (const target of [
      `${path}/report`,
      `/v1/portfolios/${portfolioId}/comparison/report?scenarios=${scenarioIds.join(',')}`,
    ]) {
      const link = await shared(target)
      const pulled = await get(link, null)
      expect(pulled.statusCode, pulled.body).toBe(200)
      expect(pulled.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(pulled.headers['cache-control']).toBe('no-store')
      expect(pulled.headers['referrer-policy']).toBe('no-referrer')
      expect(pulled.headers['content-security-policy']).toBe(REPORT_CSP)
      expect(pulled.body).toBe((await get(target)).body)
      const tampered = link.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`)
      expectProblem(await get(tampered, null), 403, 'SHARE_LINK_INVALID')
    }
  })
})

describe('the comparison report', () => {
  it('says which scenario pays less and by how much, with each one’s figures and waterfall', async () => {
    const { portfolioId } = await stored(CHART_REQUESTS.threeLevers, [
      { name: 'commit now', levers: CHART_REQUESTS.threeLevers.levers.map((l) => ({ ...l, startMonth: 9 })) },
      { name: 'optimize first' },
    ])
    const comparison = (await get(`/v1/portfolios/${portfolioId}/comparison`)).json()
    const response = await get(`/v1/portfolios/${portfolioId}/comparison/report`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toBe(REPORT_CSP)
    expect(response.headers.etag).toMatch(/^"report\.r1\.comparison\.[A-Za-z0-9_-]{27}"$/)
    const body = response.body
    type Row = { name: string; recommendation: { expectedPayment: string } }
    const pay = (row: Row) => BigInt(row.recommendation.expectedPayment)
    const [least, more] = ([...comparison.scenarios] as Row[]).sort((a, b) => (pay(a) < pay(b) ? -1 : 1)) as [
      Row,
      Row,
    ]
    expect(comparison.paysLeast.name).toBe(least.name)
    const difference = pay(more) - pay(least)
    const answer = /<p class="answer" id="answer-sentence">([^<]*)<\/p>/.exec(body)![1]!
    expect(answer).toContain(
      `“${least.name}” pays $${difference.toLocaleString('en-US')} less than “${more.name}”: an expected $${pay(least).toLocaleString('en-US')}`,
    )
    for (const row of comparison.scenarios) {
      expect(body).toContain(
        `data-scenario="${row.scenarioId}" data-field="recommendation.expectedPayment" data-value="${row.recommendation.expectedPayment}"`,
      )
      expect(body).toContain(
        `data-scenario="${row.scenarioId}" data-field="recommendation.expectedStranded" data-value="${row.recommendation.expectedStranded}"`,
      )
    }
    // One waterfall per scenario, each with its own ids.
    expect(body.match(/data-chart="waterfall"/g)).toHaveLength(2)
    expect(body).toContain('id="report-waterfall-1-title"')
    expect(body).toContain('id="report-waterfall-2-title"')
    expect(reportData(body)).toMatchObject({ paysLeast: comparison.paysLeast })

    const again = await get(`/v1/portfolios/${portfolioId}/comparison/report`, tenant.keys.read, {
      'if-none-match': response.headers.etag as string,
    })
    expect(again.statusCode).toBe(304)
  })

  it('takes ?scenarios= as the comparison does: order, one scenario, bad ids, none at all', async () => {
    const { portfolioId, scenarioIds } = await stored(CHART_REQUESTS.oneLever, [
      { name: 'first' },
      { name: 'second', levers: [] },
    ])
    const url = `/v1/portfolios/${portfolioId}/comparison/report`
    const one = await get(`${url}?scenarios=${scenarioIds[1]}`)
    expect(one.statusCode, one.body).toBe(200)
    expect(one.body).toContain('Only “second” is compared')
    const bad = expectProblem(await get(`${url}?scenarios=${scenarioIds[0]},nope`), 400, 'VALIDATION_FAILED')
    expect(bad.errors?.[0]).toMatchObject({ in: 'query', pointer: '/scenarios' })
    expectProblem(await get(`${url}?scenarios=00000000-0000-4000-8000-000000000000`), 404, 'NOT_FOUND')
    const empty = await call(app, {
      method: 'POST',
      url: '/v1/portfolios',
      headers: bearer(tenant.keys.write),
      payload: { name: `empty ${process.pid}-${++counter}` },
    })
    const none = await get(`/v1/portfolios/${empty.json().id as string}/comparison/report`)
    expect(none.statusCode, none.body).toBe(200)
    expect(none.body).toContain('The portfolio has no scenario to compare yet.')
  })
})
