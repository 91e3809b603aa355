import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PORTFOLIO_NAME } from '../../src/modules/demo/demo-data.js'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant } from '../helpers/app.js'
import { launchBrowser } from '../helpers/browser.js'
import { ownDatabase } from '../helpers/databases.js'

/**
 * Swagger UI in a real browser (see launchBrowser: the npm-packaged Chromium, or CHROMIUM_PATH), as the
 * README tells a person to use it: open /docs, click Authorize, paste the bootstrap key, and with "Try it
 * out" → Execute list the portfolios, open the demo portfolio (seeded by SEED_DEMO), run a scenario's
 * recommendation, create a scenario and compare them. And a large plan still renders, as plain text.
 */

const BOOTSTRAP = 'swagger-ui-test-bootstrap-key-0123456789abcdef'
/** Generous: the first read of a plan computes it, and the machines have two cores. */
const ANSWER_TIMEOUT = 60_000

let app: FastifyInstance
let dispose: () => Promise<void>
let browser: Browser
let context: BrowserContext
let base: string

beforeAll(async () => {
  // A database of this file's own, so the bootstrap key is registered (only while no key exists) and the
  // demo portfolio seeded into its organization, as on a fresh installation.
  const own = await ownDatabase('ccp_swagger_ui')
  dispose = own.dispose
  app = await buildTestApp({ DATABASE_URL: own.url, SEED_DEMO: 'true', BOOTSTRAP_ADMIN_KEY: BOOTSTRAP })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchBrowser()
  context = await browser.newContext()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await dispose?.()
})

/**
 * Opens /docs and authorizes with `key` (the bearer scheme), as a person would. The packaged Chromium runs
 * as a single process, which closing a browser context ends: so the tests share one context, and clear its
 * local storage first, where Swagger UI keeps the authorization (persistAuthorization).
 */
async function openDocs(key: string): Promise<{ page: Page; cspErrors: string[] }> {
  const page = await context.newPage()
  const cspErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspErrors.push(message.text())
  })
  await page.goto(`${base}/healthz`)
  await page.evaluate('localStorage.clear()')
  await page.goto(`${base}/docs/`)
  await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 })
  expect(await page.textContent('.swagger-ui .info .title')).toContain('Claude commitment planner')
  await page.click('.btn.authorize')
  const bearerForm = page.locator('.auth-container').filter({ hasText: 'bearerAuth' })
  await bearerForm.locator('input').fill(key)
  await bearerForm.locator('button.authorize').click()
  await bearerForm.getByText('Authorized').waitFor()
  await page.click('.btn-done')
  return { page, cspErrors }
}

/** Expands an operation (tryItOutEnabled: it opens ready to execute) and fills its parameters. */
async function operation(page: Page, tag: string, operationId: string, params: Record<string, string> = {}) {
  const block = page.locator(`#operations-${tag}-${operationId}`)
  await block.locator('.opblock-summary').first().click()
  const execute = block.getByRole('button', { name: 'Execute' })
  await execute.waitFor()
  for (const [name, value] of Object.entries(params)) {
    await block.locator(`tr[data-param-name="${name}"] input`).fill(value)
  }
  return block
}

/** Sets the request body of an expanded operation (replacing the example Swagger UI put there). */
async function setBody(block: Locator, body: unknown) {
  await block.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2))
}

/** Clicks Execute and reads the rendered answer: status code and body (shown as plain text). */
async function execute(block: Locator): Promise<{ status: string; body: string; json: () => unknown }> {
  await block.getByRole('button', { name: 'Execute' }).click()
  const answer = block.locator('.live-responses-table .response')
  const status = answer.locator('.response-col_status')
  await status.waitFor({ timeout: ANSWER_TIMEOUT })
  const shown = answer.locator('.response-col_description .highlight-code pre')
  await shown.waitFor({ timeout: ANSWER_TIMEOUT })
  // syntaxHighlight: false — the body is one text node, not thousands of highlighted spans.
  expect(await shown.evaluate((element) => element.childElementCount)).toBe(0)
  const body = (await shown.textContent()) ?? ''
  return { status: (await status.textContent())?.trim() ?? '', body, json: () => JSON.parse(body) }
}

type Page_<T> = { data: T[] }
type Named = { id: string; name: string }

describe('Swagger UI at /docs', () => {
  it('authorize, open the demo portfolio, run its recommendation, create a scenario, compare', async () => {
    const { page, cspErrors } = await openDocs(BOOTSTRAP)

    // The portfolios: the demo one is there.
    const portfolios = await execute(await operation(page, 'portfolios', 'listPortfolios'))
    expect(portfolios.status).toBe('200')
    const demo = (portfolios.json() as Page_<Named>).data.find((p) => p.name === DEMO_PORTFOLIO_NAME)
    expect(demo, `the demo portfolio '${DEMO_PORTFOLIO_NAME}' (SEED_DEMO) was not seeded`).toBeDefined()
    const portfolioId = demo!.id

    const scenarios = await execute(await operation(page, 'scenarios', 'listScenarios', { portfolioId }))
    expect(scenarios.status).toBe('200')
    const byName = new Map((scenarios.json() as Page_<Named>).data.map((s) => [s.name, s.id]))
    const optimizeFirst = byName.get('optimize first')
    expect(optimizeFirst, [...byName.keys()].join(', ')).toBeDefined()

    const recommendation = await execute(
      await operation(page, 'plans', 'getRecommendation', { portfolioId, scenarioId: optimizeFirst! }),
    )
    expect(recommendation.status).toBe('200')
    const recommended = recommendation.json() as {
      scenarioId: string
      recommendation: { kind: string; commit: string }
      options: { kind: string }[]
    }
    expect(recommended.scenarioId).toBe(optimizeFirst)
    expect(recommended.recommendation.kind).toBe('recommended')
    expect(Number(recommended.recommendation.commit)).toBeGreaterThan(0)
    expect(recommended.options.map((option) => option.kind)).toContain('baseline')

    // A new scenario, copied from "optimize first" with batch pulled later.
    const create = await operation(page, 'scenarios', 'createScenario', { portfolioId })
    await setBody(create, {
      name: 'optimize first, batch later',
      basedOn: optimizeFirst,
      levers: [
        { lever: 'caching', startMonth: 1, rampMonths: 3 },
        { lever: 'routing', startMonth: 3, rampMonths: 6 },
        { lever: 'batch', startMonth: 9, rampMonths: 3 },
      ],
    })
    const created = await execute(create)
    expect(created.status).toBe('201')
    const scenario = created.json() as Named & { basedOn: string }
    expect(scenario).toMatchObject({ name: 'optimize first, batch later', basedOn: optimizeFirst })

    // Compare every scenario of the portfolio (the default): the new one included.
    const comparison = await execute(await operation(page, 'plans', 'compareScenarios', { portfolioId }))
    expect(comparison.status).toBe('200')
    const compared = comparison.json() as {
      scenarios: { scenarioId: string; name: string; recommendation: { expectedPayment: string } }[]
      paysLeast: { scenarioId: string; expectedPayment: string }
    }
    expect(compared.scenarios.map((s) => s.scenarioId).sort()).toEqual(
      [...byName.values(), scenario.id].sort(),
    )
    const payments = compared.scenarios.map((s) => Number(s.recommendation.expectedPayment))
    expect(Number(compared.paysLeast.expectedPayment)).toBe(Math.min(...payments))

    await page.screenshot({ path: 'test-results/swagger-ui.png', fullPage: false })
    expect(cspErrors).toEqual([])
    await page.close()
  }, 180_000)

  it('stays responsive on a large plan: the default include, rendered as plain text', async () => {
    // 2,000 workloads over 36 months: with the default `include` (portfolio months and per-workload
    // figures, no per-workload months) the answer is a few MB, which highlighted would freeze the tab.
    const tenant = await createTenant(app, 'swagger-ui-large')
    const write = (url: string, payload: object) =>
      call(app, { method: 'POST', url, headers: bearer(tenant.keys.write), payload })
    const [example] = PREVIEW_EXAMPLE_REQUEST.workloads
    const portfolio = (await write('/v1/portfolios', { name: 'large' })).json()
    const workloads = Array.from({ length: 2000 }, (_, i) => ({ ...example, name: `workload-${i}` }))
    expect((await write(`/v1/portfolios/${portfolio.id}/workloads`, { workloads })).statusCode).toBe(201)
    const { priceBook: _book, workloads: _w, ...scenario } = PREVIEW_EXAMPLE_REQUEST
    const created = await write(`/v1/portfolios/${portfolio.id}/scenarios`, {
      ...scenario,
      name: 'three years',
      term: { start: '2027-01-01', months: 36 },
    })
    expect(created.statusCode).toBe(201)

    const { page } = await openDocs(tenant.keys.read)
    const projection = await execute(
      await operation(page, 'plans', 'getProjection', {
        portfolioId: portfolio.id,
        scenarioId: created.json().id,
      }),
    )
    expect(projection.status).toBe('200')
    expect(projection.body.length).toBeGreaterThan(1_000_000)
    const plan = projection.json() as { months: unknown[]; workloads: { months?: unknown }[] }
    expect(plan.months).toHaveLength(36)
    expect(plan.workloads).toHaveLength(2000)
    expect(plan.workloads[0]!.months).toBeUndefined()

    // The page still answers: another operation runs and renders.
    const models = await execute(await operation(page, 'price-books', 'listModels'))
    expect(models.status).toBe('200')
    expect(models.body).toContain('claude-opus-4-5-20251101')
    await page.close()
  }, 180_000)
})
