import { performance } from 'node:perf_hooks'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticPlan } from '../../bench/engine.bench.js'
import { XLSX_MEDIA_TYPE } from '../../src/modules/workbook/workbook.service.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The workbook is written on the compute pool, not on the event loop: a 10,000-workload workbook is seconds of
 * CPU (about two million cells of XML through exceljs and its zip), which on the main thread held every other
 * request back, with no bound on how many one client could start. Now it is a computation of the caller's key:
 * the main thread reads the stored plan and sends the file, a worker writes it; and a key gets at most
 * `PLAN_CONCURRENCY_PER_KEY` of them at once.
 */

/** Workloads of the scenario: its workbook takes a worker about a second to write. */
const WORKLOADS = 3_000

let app: FastifyInstance
let tenant: Tenant
let workbookUrl: string

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const download = (key: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: workbookUrl, headers: { ...bearer(key), ...headers } })

beforeAll(async () => {
  app = await buildTestApp({
    // Load shedding off: on a busy shared machine it could answer 503 for reasons of its own.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    PLAN_WORKERS: '2',
    PLAN_CONCURRENCY_PER_KEY: '1',
  })
  tenant = await createTenant(app, 'workbook-compute')
  const plan = syntheticPlan(WORKLOADS, 20270103)
  const send = async (url: string, payload: object) => {
    const response = await call(app, { method: 'POST', url, headers: bearer(tenant.keys.write), payload })
    expect(response.statusCode).toBe(201)
    return response.json()
  }
  const portfolio = await send('/v1/portfolios', { name: 'large' })
  const created = await call(app, {
    method: 'POST',
    url: `/v1/portfolios/${portfolio.id}/workloads`,
    headers: bearer(tenant.keys.write),
    payload: { workloads: plan.workloads },
  })
  expect(created.statusCode).toBeLessThan(300)
  const scenario = await send(`/v1/portfolios/${portfolio.id}/scenarios`, {
    name: 'optimize first',
    term: plan.term,
    levers: plan.levers,
    commitment: plan.commitment,
  })
  const base = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`
  // The plan computed and stored first, so that what follows measures the workbook alone.
  const projection = await call(app, { method: 'GET', url: `${base}/projection?include=`, ...auth() })
  expect(projection.statusCode).toBe(200)
  workbookUrl = `${base}/workbook`
  // One workbook first: each worker that writes one loads exceljs once.
  expect((await download(tenant.keys.read)).statusCode).toBe(200)
}, 120_000)
afterAll(async () => app?.close())

const auth = () => ({ headers: bearer(tenant.keys.read) })

describe('a large workbook is written off the event loop', () => {
  it('leaves the main thread idle much of the time it takes, and health probes are answered meanwhile', async () => {
    // Event-loop utilization is this thread's own: the share of the time its loop was running code rather than
    // waiting. It is a relation (busy time ÷ elapsed time), so a slow or shared machine stretches both sides
    // alike. Written on the main thread, the workbook kept it 0.84–0.95 busy (the writer yielded between
    // batches of rows, so probes were answered even then, each after a batch); now the main thread only reads
    // the stored plan — on PGlite, a WASM database on this very thread — and hands it over: 0.25–0.4.
    const before = performance.eventLoopUtilization()
    let done = false
    const making = download(tenant.keys.read).finally(() => {
      done = true
    })
    let answered = 0
    while (!done) {
      const health = await call(app, { method: 'GET', url: '/healthz' })
      expect(health.statusCode).toBe(200)
      if (!done) answered++
      await sleep(10)
    }
    const response = await making
    const { utilization } = performance.eventLoopUtilization(before)
    expect(answered).toBeGreaterThan(0)
    expect(utilization).toBeLessThan(0.6)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe(XLSX_MEDIA_TYPE)
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.byteLength)
    expect(response.rawPayload.byteLength).toBeGreaterThan(1_000_000)
  })
})

describe('a workbook is a computation of its key', () => {
  it('429 CONCURRENCY_LIMITED for a second workbook of one key while the first is written; others are served', async () => {
    const key = tenant.keys.read
    const tag = (await download(key)).headers.etag as string
    let firstDone = false
    const first = download(key).finally(() => {
      firstDone = true
    })
    // The same key asks again until it meets the first workbook in flight: refused at once, before any work. A
    // conditional request whose ETag still holds, sent alongside, is a 304 whatever the key's slots: it costs
    // nothing and takes none.
    let limited: LightMyRequestResponse | undefined
    while (!firstDone && !limited) {
      const [again, notModified] = await Promise.all([download(key), download(key, { 'if-none-match': tag })])
      expect(notModified.statusCode).toBe(304)
      if (again.statusCode === 429) limited = again
      else expect(again.statusCode).toBe(200)
    }
    // (Had the second request claimed the key's one slot first, the first would be the one refused.)
    if (!limited && (await first).statusCode === 429) limited = await first
    expect(
      limited,
      'no request of the key was refused while another workbook of it was written',
    ).toBeDefined()
    const body = expectProblem(limited!, 429, 'CONCURRENCY_LIMITED')
    expect(body.detail).toMatch(/1 computation running or waiting/)
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0)
    // Another key (of the same organization) is served meanwhile.
    expect((await download(tenant.keys.write)).statusCode).toBe(200)
    const firstAnswer = await first
    expect([200, 429]).toContain(firstAnswer.statusCode)
    // The key's slot is free again once its workbook has been written.
    const after = await download(key)
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).toBe(tag)
  })
})
