/**
 * Workbook benchmark: the XLSX workbook of the 10,000-workload × 36-month scenario (the portfolio of
 * `engine.bench.ts`, three levers ramping, annual structure, 2,000 simulations), against the API computing the
 * same plan.
 *
 *     npm run bench:workbook        (a few minutes on a 2-core machine; needs LibreOffice, and python3-uno for
 *                                    the recalculation alone)
 *
 * The service is `buildApp` in this process on an in-memory PGlite database (or the PostgreSQL server of
 * DATABASE_URL, in its own database), listening on a port; the client is `fetch`. It prints:
 * (1) the API computing the plan: the first read of the projection (computed on the worker pool and stored), and
 *     a preview of the same inputs (computed, not stored);
 * (2) the workbook's generation: GET …/workbook saved to a file — time to the first byte and to the last, its
 *     size, its formula cells, the main thread's event-loop utilization meanwhile (the workbook is written on a
 *     compute worker; the main thread reads the stored plan, hands it over and sends the bytes) and the process's
 *     RSS growth while it is written;
 * (3) LibreOffice headless on a fresh profile: open + recalculate + export every sheet as CSV (what
 *     `npm run check:workbook` does), and — through UNO, when /usr/bin/python3 has `uno` (Debian's python3-uno) —
 *     the load alone (recalculation on load off) and `calculateAll()` alone, the recalculation itself; and the
 *     figures LibreOffice computed checked against the API's (the portfolio's, every workload's term and years,
 *     every 100th workload's months);
 * side by side with the API's time and the ratios.
 */
import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'
import { libreOfficeSession, sofficePath } from '../test/helpers/libreoffice.js'
import { expectedFigures, mismatches } from '../test/helpers/workbook-check.js'
import { unzip } from '../test/helpers/zip.js'
import { syntheticPlan } from './engine.bench.js'
import {
  benchPortfolio,
  dropOwnDatabase,
  ADMIN_KEY as KEY,
  loadAverage as load,
  mb,
  ms,
  ownDatabase,
  ROOT,
  serviceEnv,
  table,
} from './support.js'

const SIZE = Number(process.env.WORKBOOK_BENCH_SIZE ?? 10_000)

async function request(base: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const started = performance.now()
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${KEY}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const text = await response.text()
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text.slice(0, 600)}`)
  return { ms: performance.now() - started, json: () => JSON.parse(text) }
}

/** Formula cells of an .xlsx: its sheets' `<f>` elements. */
function formulaCells(xlsx: Uint8Array): number {
  let count = 0
  for (const [path, xml] of unzip(xlsx)) {
    if (!path.startsWith('xl/worksheets/')) continue
    const text = xml.toString('latin1')
    for (let i = text.indexOf('<f>'); i !== -1; i = text.indexOf('<f>', i + 3)) count++
  }
  return count
}

/** Peak RSS growth of this process while `work` runs (sampled every 50 ms). */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, growth: peak - before }
  } finally {
    clearInterval(timer)
  }
}

/** LibreOffice's load and calculateAll() through UNO, or why they could not be timed. */
async function unoTimes(
  xlsx: string,
  dir: string,
): Promise<{ loadMs: number; calculateAllMs: number } | string> {
  const profile = join(dir, 'uno-profile')
  await mkdir(join(profile, 'user'), { recursive: true })
  // Recalculation on load off ("never"): the load parses, calculateAll() computes every formula.
  await writeFile(
    join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>\n</oor:items>\n',
  )
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [join(ROOT, 'bench', 'libreoffice-recalc.py'), xlsx, profile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', (error) => resolve(`not timed: ${error.message}`))
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!))
      else if (/No module named 'uno'/.test(err))
        resolve('not timed: /usr/bin/python3 has no uno (apt-get install python3-uno)')
      else resolve(`not timed: ${err.trim().split('\n').at(-1) ?? `exit ${code}`}`)
    })
  })
}

async function main() {
  console.log(
    `node ${process.version}, ${SIZE.toLocaleString('en-US')} workloads × 36 months; load average ${load()}`,
  )
  const soffice = await sofficePath()
  // PostgreSQL only when DATABASE_URL names a server, and then in a database of the run's own.
  const database = process.env.DATABASE_URL?.trim() ? await ownDatabase('ccp_bench_workbook') : undefined
  const app = await buildApp(loadConfig(serviceEnv(database?.url, { SEED_DEMO: 'false' })))
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const dir = await mkdtemp(join(tmpdir(), 'workbook-bench-'))
  try {
    // Set-up through the API.
    const { plan, workloads, scenario: scenarioBody } = benchPortfolio(SIZE, { regionTags: false })
    const portfolio = (
      await request(address, '/v1/portfolios', { method: 'POST', body: { name: 'bench' } })
    ).json()
    const created = await request(address, `/v1/portfolios/${portfolio.id}/workloads`, {
      method: 'POST',
      body: { workloads },
    })
    const scenario = (
      await request(address, `/v1/portfolios/${portfolio.id}/scenarios`, {
        method: 'POST',
        body: scenarioBody,
      })
    ).json()
    const base = `/v1/portfolios/${portfolio.id}/scenarios/${scenario.id}`
    console.log(`set-up: ${SIZE.toLocaleString('en-US')} workloads in one bulk create (${ms(created.ms)})`)

    // (1) The API computing the plan: the worker pool warmed up first (a small preview), then the first read of
    // the stored projection (computed and stored) and a preview of the same inputs (computed only). The preview
    // is the comparison's figure: the time the API takes to compute this plan.
    const small = syntheticPlan(100, 1)
    await request(address, '/v1/plans/preview?include=', {
      method: 'POST',
      body: {
        term: small.term,
        levers: small.levers,
        workloads: small.workloads,
        commitment: small.commitment,
      },
    })
    const first = await request(address, `${base}/projection?include=`)
    const preview = await request(address, '/v1/plans/preview?include=', {
      method: 'POST',
      body: { term: plan.term, levers: plan.levers, workloads: plan.workloads, commitment: plan.commitment },
    })
    const apiMs = preview.ms

    // (2) The workbook, streamed to a file.
    const file = join(dir, 'workbook.xlsx')
    let firstByte = 0
    const idle = performance.eventLoopUtilization()
    const { result: generation, growth } = await rssGrowth(async () => {
      const started = performance.now()
      const response = await fetch(`${address}${base}/workbook`, {
        headers: { authorization: `Bearer ${KEY}` },
      })
      if (!response.ok || !response.body) throw new Error(`GET …/workbook answered ${response.status}`)
      firstByte = performance.now() - started
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file))
      return performance.now() - started
    })
    const mainThread = performance.eventLoopUtilization(idle)
    const bytes = (await stat(file)).size

    // The API's figures, for the check (every workload's months only for every 100th workload).
    const full = (
      await request(address, `${base}/projection?include=months,years,workloads,workloadMonths`)
    ).json()
    const figures = expectedFigures(full, {
      tiers: (plan.commitment?.discountTiers ?? []).map((t) => ({
        minCommit: t.minCommit.toString(),
        discountRate: t.discountRate.toString(),
      })),
      overage: plan.commitment?.overage ?? 'discounted',
    }).filter(
      (f) =>
        !/^Workload (\d+) month /.test(f.label) || Number(/^Workload (\d+)/.exec(f.label)![1]) % 100 === 0,
    )

    console.log()
    console.log('(1) the API computing the plan')
    table([
      [
        'POST /v1/plans/preview of the same inputs (computed, not stored): the comparison’s figure',
        ms(apiMs),
      ],
      ['first read of the stored projection (computed on the worker pool and stored)', ms(first.ms)],
    ])
    console.log('(2) the workbook')
    table([
      ['GET …/workbook: first byte / last byte', `${ms(firstByte)} / ${ms(generation)}`],
      ['size', `${mb(bytes)} (.xlsx)`],
      ['formula cells (every <f> of the file)', formulaCells(await readFile(file)).toLocaleString('en-US')],
      [
        'main thread busy meanwhile (event-loop utilization; the client is this thread too)',
        `${(mainThread.utilization * 100).toFixed(0)} % (${ms(mainThread.active)})`,
      ],
      ['RSS growth of the process while it is sent (the process holds PGlite too)', mb(growth)],
    ])

    // (3) LibreOffice.
    console.log('(3) LibreOffice headless')
    if (!soffice) {
      console.log(
        '    not installed (apt-get install -y --no-install-recommends libreoffice-calc-nogui): skipped',
      )
      return
    }
    const session = await libreOfficeSession()
    try {
      const { book, ms: convertMs } = await session.recalculate(await readFile(file))
      const wrong = mismatches(figures, book)
      const uno = await unoTimes(file, dir)
      const rows = [
        ['', 'LibreOffice', 'API computing the plan', 'LibreOffice ÷ API'],
        [
          'open + recalculate + export every sheet (soffice --convert-to csv)',
          ms(convertMs),
          ms(apiMs),
          `${(convertMs / apiMs).toFixed(1)} ×`,
        ],
      ]
      if (typeof uno === 'string') rows.push(['recalculation alone (calculateAll)', uno, '', ''])
      else {
        rows.push(['load alone (recalculation on load off)', ms(uno.loadMs), '', ''])
        rows.push([
          'recalculation alone (calculateAll)',
          ms(uno.calculateAllMs),
          ms(apiMs),
          `${(uno.calculateAllMs / apiMs).toFixed(1)} ×`,
        ])
      }
      table(rows)
      console.log(
        `    figures checked against the API: ${figures.length.toLocaleString('en-US')}, ${wrong.length} off by more than a cent` +
          (wrong.length
            ? ` (first: ${wrong[0]!.label}: API ${wrong[0]!.expected}, LibreOffice ${String(wrong[0]!.actual)})`
            : ''),
      )
      if (wrong.length > 0) process.exitCode = 1
    } finally {
      await session.dispose()
    }
  } finally {
    console.log(`load average at the end ${load()}`)
    await app.close()
    await rm(dir, { recursive: true, force: true })
    if (database) await dropOwnDatabase(database)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
