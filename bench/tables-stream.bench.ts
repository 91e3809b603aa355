/**
 * Streaming-memory benchmark of the tables: the `workload-months` table of a stored 10,000-workload × 36-month
 * plan — 360,000 rows — read over a real listening server, against the naive way of answering it, side by side
 * in one run.
 *
 *     npm run bench:tables          (--strict exits 1 on a missed target; --pglite forces the embedded database)
 *
 * Database: the PostgreSQL server named by DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres when
 * it is reachable — in a database of the benchmark's own, dropped at the end — else an in-memory PGlite (said so:
 * PGlite runs inside the server process, so its own memory counts in the server's RSS there).
 *
 * The servers run in one child process (`tables-stream.server.ts`, with --expose-gc): the service as `buildApp`
 * builds it, and a bare Fastify route on the same Prisma client that answers the same table the naive way (the
 * whole stored part read in one query, every row built and the whole CSV joined in memory, then sent). This
 * process is only the client: it reads each answer as a stream, counting bytes and rows and hashing them, and
 * samples the server's resident set (/proc/<pid>/status) every 10 ms from outside, so the figure does not depend
 * on the server's event loop. RSS growth = the highest sample during the answer − the RSS just before it, after a
 * full collection in the server.
 *
 * Set-up, through the API: a portfolio of the 10,000 workloads of `engine.bench.ts`, a 36-month scenario (three
 * levers, annual commitment, 2,000 simulations), the plan computed and stored by a first headline read, then one
 * warm-up read of the table. Measured, in this order: (1) the CSV streamed, (2) the same table as streamed JSON
 * (for the record), (3) the naive CSV. Target: (1) grows the server's RSS by less than 50 MB.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { syntheticPlan } from './engine.bench.js'
import {
  ADMIN_KEY,
  count,
  dropOwnDatabase,
  mb,
  median,
  ms,
  ownDatabase,
  ROOT,
  SERVICE_LIMITS,
  table,
} from './support.js'
import type { FromServer, Peaks, ToServer } from './tables-stream.server.js'

const SIZE = 10_000
const MONTHS = 36
const TARGET_MB = 50
const ROUNDS = 3
/** Workloads per POST when the one bulk create is refused. */
const CHUNK = 500

const SERVICE_ENV = {
  ...SERVICE_LIMITS,
  AUTH_FAILURES_PER_MINUTE: '1000000',
  PLAN_CONCURRENCY_PER_KEY: '100',
}

// ---------------------------------------------------------------------------------------------------------------
// The server process, and its resident set seen from outside

interface Servers {
  app: string
  bare: string
  pid: number
  /** A full collection in the server; its memory figures after it. */
  gc(): Promise<Peaks>
  /** The server's highest memory figures since the last `gc`. */
  peaks(): Promise<Peaks>
  stop(): Promise<void>
}

async function startServers(databaseUrl: string | undefined): Promise<Servers> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/tables-stream.server.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: 'memory://' }),
        BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
        ...SERVICE_ENV,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const waiting = new Map<number, (peaks: Peaks) => void>()
  let seq = 0
  const ports = await new Promise<{ app: number; bare: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the servers exited during start-up (${code})`)))
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') resolve(message)
      else waiting.get(message.seq)?.(message.type === 'gc' ? message.usage : message.peaks)
    })
  })
  const ask = (type: 'gc' | 'peaks') =>
    new Promise<Peaks>((resolve) => {
      const message = { type, seq: ++seq } satisfies ToServer
      waiting.set(message.seq, (peaks) => {
        waiting.delete(message.seq)
        resolve(peaks)
      })
      child.send(message)
    })
  child.removeAllListeners('exit')
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    app: `http://127.0.0.1:${ports.app}`,
    bare: `http://127.0.0.1:${ports.bare}`,
    pid: child.pid!,
    gc: () => ask('gc'),
    peaks: () => ask('peaks'),
    async stop() {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' } satisfies ToServer)
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** The resident set of a process, bytes (Linux: /proc/<pid>/status VmRSS). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (!kb) throw new Error(`no VmRSS for process ${pid}`)
  return Number(kb) * 1024
}

// ---------------------------------------------------------------------------------------------------------------
// The client

async function request(url: string, init: { method?: string; key?: string; body?: unknown } = {}) {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  const text = await response.text()
  return { status: response.status, json: <T>() => JSON.parse(text) as T, text }
}

function expectStatus<T extends { status: number; text: string }>(
  answer: T,
  status: number,
  what: string,
): T {
  if (answer.status !== status)
    throw new Error(`${what} answered ${answer.status}, not ${status}: ${answer.text.slice(0, 800)}`)
  return answer
}

/** One series' rounds, summarized. */
interface Summary {
  first: Measured
  ms: number
  rss: number
  rssMax: number
  heap: number
  external: number
  /** Every round answered 200 with the same bytes. */
  ok: boolean
}

interface Measured {
  label: string
  status: number
  contentType: string
  bytes: number
  /** Newlines: CSV records (the header included) — or, for JSON, 0. */
  lines: number
  ms: number
  /** Highest RSS sample during the answer − RSS before it. */
  rssGrowth: number
  /** The same for the server's V8 heap (total) and for memory outside it held by JS objects (Buffers). */
  heapGrowth: number
  externalGrowth: number
  sha256: string
}

/** Reads one answer as a stream (never holding it), while sampling the server's RSS. */
async function measure(servers: Servers, label: string, url: string, key?: string): Promise<Measured> {
  await servers.gc()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const usage = await servers.gc()
  const before = rssOf(servers.pid)
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(servers.pid))
  }, 10)
  const hash = createHash('sha256')
  const started = performance.now()
  try {
    const response = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} })
    let bytes = 0
    let lines = 0
    const reader = response.body!.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
      hash.update(value)
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++
    }
    const elapsed = performance.now() - started
    peak = Math.max(peak, rssOf(servers.pid))
    const peaks = await servers.peaks()
    return {
      heapGrowth: peaks.heapTotal - usage.heapTotal,
      externalGrowth: peaks.external - usage.external,
      label,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      bytes,
      lines,
      ms: elapsed,
      rssGrowth: peak - before,
      sha256: hash.digest('hex'),
    }
  } finally {
    clearInterval(sampler)
  }
}

/** The portfolio of `engine.bench.ts` as stored workloads, and a scenario over it. */
function portfolioData() {
  const plan = syntheticPlan(SIZE, 20270101)
  const scenario = {
    name: 'optimize first',
    term: plan.term,
    levers: plan.levers,
    commitment: plan.commitment,
  }
  return { workloads: plan.workloads, scenario }
}

async function createWorkloads(url: string, key: string, workloads: unknown[]): Promise<string> {
  const one = await request(url, { method: 'POST', key, body: { workloads } })
  if (one.status === 201) return 'one bulk create'
  if (one.status !== 503) expectStatus(one, 201, 'POST …/workloads (bulk)')
  for (let i = 0; i < workloads.length; i += CHUNK) {
    const chunk = { workloads: workloads.slice(i, i + CHUNK) }
    expectStatus(await request(url, { method: 'POST', key, body: chunk }), 201, 'POST …/workloads')
  }
  return `the bulk create was refused (${one.status}); ${Math.ceil(workloads.length / CHUNK)} creates of ${CHUNK}`
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now()
  const database = await ownDatabase('ccp_tables_bench', { fallback: true })
  const onPostgres = 'url' in database
  console.log(
    `node ${process.version}; ${count(SIZE)} workloads × ${MONTHS} months; ` +
      (onPostgres
        ? `PostgreSQL ${database.version} at ${new URL(database.server).host}, database ${database.name} (dropped afterwards)`
        : `NOTE: in-memory PGlite, ${database.reason}: PGlite's own memory is in the server's RSS`),
  )
  let servers: Servers | undefined
  let ok = true
  try {
    servers = await startServers(onPostgres ? database.url : undefined)
    const { app, bare } = servers
    const admin = ADMIN_KEY
    const post = async (url: string, body: unknown, what: string) =>
      expectStatus(await request(url, { method: 'POST', key: admin, body }), 201, what)
    const readKey = (
      await post(`${app}/v1/api-keys`, { name: 'bench', scopes: ['read'] }, 'POST /v1/api-keys')
    ).json<{
      secret: string
    }>().secret
    const portfolio = (await post(`${app}/v1/portfolios`, { name: 'bench' }, 'POST /v1/portfolios')).json<{
      id: string
    }>()
    const { workloads, scenario } = portfolioData()
    let t = performance.now()
    const how = await createWorkloads(`${app}/v1/portfolios/${portfolio.id}/workloads`, admin, workloads)
    console.log(`set-up: ${count(SIZE)} workloads (${how}) in ${ms(performance.now() - t)}`)
    const scenarioId = (
      await post(`${app}/v1/portfolios/${portfolio.id}/scenarios`, scenario, 'POST …/scenarios')
    ).json<{ id: string }>().id
    const base = `${app}/v1/portfolios/${portfolio.id}/scenarios/${scenarioId}`
    t = performance.now()
    expectStatus(await request(`${base}/projection?include=`, { key: readKey }), 200, 'first projection read')
    console.log(`        the plan computed and stored (first headline read) in ${ms(performance.now() - t)}`)
    const csvUrl = `${base}/tables/workload-months?format=csv`
    const warm = await measure(servers, 'warm-up', csvUrl, readKey)
    if (warm.status !== 200) throw new Error(`GET …/tables/workload-months answered ${warm.status}`)
    // On PostgreSQL each reading gets a server process of its own (the plan stays stored), so that no reading
    // starts with memory an earlier one left mapped; PGlite's data lives in the process, which is kept.
    const fresh = async (): Promise<Servers> => {
      if (!onPostgres) return servers!
      await servers?.stop()
      servers = await startServers(database.url)
      const small = `${servers.app}/v1/portfolios/${portfolio.id}/scenarios/${scenarioId}/tables/months?format=csv`
      expectStatus(await request(small, { key: readKey }), 200, 'warm-up read')
      return servers
    }
    const at = (url: string) => url.replace(app, () => servers!.app).replace(bare, () => servers!.bare)

    const series = [
      { label: '(1) streamed CSV: GET …/tables/workload-months?format=csv', url: csvUrl, key: readKey },
      {
        label: '(2) streamed JSON: GET …/tables/workload-months',
        url: `${base}/tables/workload-months`,
        key: readKey,
      },
      {
        label: '(3) naive CSV: whole part read, rows and text joined in memory',
        url: `${bare}/naive/${scenarioId}`,
      },
    ]
    // Alternated rounds: the RSS a collector leaves behind depends on when it ran, so one reading says little.
    // Each round reads a series twice in its own server process: cold (the process has served only a small
    // table; V8 still grows its young generation to the allocation rate, once per process, as it would for any
    // large answer), then warm (the same read again: what one more such stream costs a running server).
    const runs = series.map(() => ({ cold: [] as Measured[], warm: [] as Measured[] }))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, one] of series.entries()) {
        const current = await fresh()
        runs[i]!.cold.push(await measure(current, one.label, at(one.url), one.key))
        runs[i]!.warm.push(await measure(current, one.label, at(one.url), one.key))
      }
    }
    // For the record: the FOCUS export of the same plan (two passes over the monthly series, 42 columns a row).
    const focusUrl = `${base}/focus?dataset=cost-and-usage`
    const focusServer = await fresh()
    const focusRuns = {
      cold: [
        await measure(
          focusServer,
          '(4) FOCUS cost-and-usage (for the record, one round)',
          at(focusUrl),
          readKey,
        ),
      ],
      warm: [
        await measure(
          focusServer,
          '(4) FOCUS cost-and-usage (for the record, one round)',
          at(focusUrl),
          readKey,
        ),
      ],
    }
    const summary = (r: Measured[]): Summary => ({
      first: r[0]!,
      ms: median(r.map((m) => m.ms)),
      rss: median(r.map((m) => m.rssGrowth)),
      heap: median(r.map((m) => m.heapGrowth)),
      external: median(r.map((m) => m.externalGrowth)),
      rssMax: Math.max(...r.map((m) => m.rssGrowth)),
      ok: r.every((m) => m.status === 200 && m.sha256 === r[0]!.sha256),
    })
    const focus = { cold: summary(focusRuns.cold), warm: summary(focusRuns.warm) }
    const [streamed, json, naive] = runs.map((r) => ({ cold: summary(r.cold), warm: summary(r.warm) })) as [
      { cold: Summary; warm: Summary },
      { cold: Summary; warm: Summary },
      { cold: Summary; warm: Summary },
    ]

    console.log(
      `\nthe workload-months table (${count(SIZE * MONTHS)} rows expected), whole body read as a stream by the client; ` +
        `median of ${ROUNDS} rounds (max in brackets); RSS growth of the server process, cold and warm`,
    )
    const rows = [
      ['', 'rows', 'bytes', 'time (warm)', 'MB/s', 'RSS cold', 'RSS warm', 'V8 heap warm', 'Buffers warm'],
    ]
    for (const one of [streamed, json, naive, focus]) {
      rows.push([
        one.warm.first.label,
        one.warm.first.lines > 0 ? count(one.warm.first.lines - 1) : '(JSON)',
        mb(one.warm.first.bytes),
        ms(one.warm.ms),
        (one.warm.first.bytes / 1e6 / (one.warm.ms / 1000)).toFixed(1),
        `${mb(one.cold.rss)} (${mb(one.cold.rssMax)})`,
        `${mb(one.warm.rss)} (${mb(one.warm.rssMax)})`,
        mb(one.warm.heap),
        mb(one.warm.external),
      ])
    }
    table(rows)
    const all = [streamed, json, naive].flatMap((one) => [one.cold, one.warm])
    const sameBytes = all.every(
      (one) =>
        one.first.sha256 === (one.first.lines > 0 ? streamed.warm.first.sha256 : json.warm.first.sha256),
    )
    const rowsOk = streamed.warm.first.lines - 1 === SIZE * MONTHS
    const met = streamed.warm.rss < TARGET_MB * 1e6 && sameBytes && rowsOk && all.every((one) => one.ok)
    ok &&= met
    console.log(
      `    naive ÷ streamed RSS growth: ${(naive.cold.rss / Math.max(1, streamed.cold.rss)).toFixed(1)} × cold, ` +
        `${(naive.warm.rss / Math.max(1, streamed.warm.rss)).toFixed(1)} × warm; streamed and naive CSV ` +
        `${sameBytes ? 'are the same bytes' : 'DIFFER'} (sha256 ${streamed.warm.first.sha256.slice(0, 12)}…)`,
    )
    console.log(
      `\nstreamed workload-months CSV: ${met ? 'PASS' : 'FAIL'} — ${count(streamed.warm.first.lines - 1)} rows, ` +
        `${mb(streamed.warm.first.bytes)} in ${ms(streamed.warm.ms)}, server RSS +${mb(streamed.warm.rss)} warm ` +
        `(+${mb(streamed.cold.rss)} cold; target < ${TARGET_MB} MB)`,
    )
  } finally {
    await servers?.stop()
    if (onPostgres) {
      await dropOwnDatabase(database)
    }
  }
  console.log(`(whole benchmark ${ms(performance.now() - started)})`)
  if (!ok && process.argv.includes('--strict')) process.exitCode = 1
}

await main()
