import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createTenant, type Tenant } from '../helpers/app.js'
import { launchBrowser } from '../helpers/browser.js'

/**
 * Swagger UI in a real browser (see launchBrowser: the npm-packaged Chromium, or CHROMIUM_PATH): a
 * person opens /docs, clicks Authorize, pastes an API key and runs "List models" with "Try it out".
 */

let app: FastifyInstance
let tenant: Tenant
let browser: Browser
let base: string

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'swagger-ui')
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

describe('Swagger UI at /docs', () => {
  it('authorizes with an API key and runs an operation from the browser', async () => {
    const page = await browser.newPage()
    const cspErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text())
    })
    await page.goto(`${base}/docs/`)
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 30_000 })
    expect(await page.textContent('.swagger-ui .info .title')).toContain('Claude commitment planner')

    await page.click('.btn.authorize')
    const bearerForm = page.locator('.auth-container').filter({ hasText: 'bearerAuth' })
    await bearerForm.locator('input').fill(tenant.keys.read)
    await bearerForm.locator('button.authorize').click()
    await page.click('.btn-done')

    await page.click('#operations-price-books-listModels .opblock-summary')
    // tryItOutEnabled: operations open ready to execute.
    await page.locator('#operations-price-books-listModels').getByRole('button', { name: 'Execute' }).click()
    const status = page.locator(
      '#operations-price-books-listModels .live-responses-table tbody .response-col_status',
    )
    await status.first().waitFor({ timeout: 30_000 })
    expect((await status.first().textContent())?.trim()).toBe('200')
    const body = await page.textContent(
      '#operations-price-books-listModels .live-responses-table .microlight',
    )
    expect(body).toContain('claude-opus-4-5-20251101')
    await page.screenshot({ path: 'test-results/swagger-ui.png', fullPage: false })
    expect(cspErrors).toEqual([])
    await page.close()
  })
})
