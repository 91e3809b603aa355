/**
 * CSV import benchmark: `POST /v1/portfolios/{id}/workloads/import` of 10,000 rows over HTTP, against
 * PostgreSQL's own `COPY` of the same rows into the same table — the floor of getting rows into PostgreSQL.
 *
 *     npm run bench:import          (about a minute on a 2-core machine; --strict exits 1 on a missed target)
 *
 * Needs PostgreSQL: the server named by DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; the
 * benchmark creates a database of its own there and drops it at the end. And `psql` (Debian's
 * postgresql-client): the `pg` client cannot stream `COPY … FROM STDIN` without the pg-copy-streams package,
 * which this project does not install, so the floor is psql's `\copy … FROM 'file'` — the client reads the
 * file and streams it through `COPY … FROM STDIN`, as an application would. Its time is psql's own
 * `\timing` of the `\copy` (sending the rows until the server has inserted them), without psql's start-up
 * and connection, which are printed beside it.
 *
 * The service runs as `npm start` runs it, in a child process (`node --import tsx src/server.ts`), so this
 * process is only the client. Each round imports the file into a new portfolio (one request, whole answer
 * read: reading and parsing the CSV, validating every row as a bulk create does, the plan's checks, the
 * rows, their 10,000 history entries and the idempotency record in one transaction), then COPYs the same rows
 * into another new portfolio. 5 rounds after one warm-up of each; medians. Target: import ≤ 3 × COPY.
 *
 * Then what each part of an import costs, each timed alone in this process on the same file (medians of
 * 5 runs after a warm-up): reading the CSV (csv-parse and the reader's cell checks), checking the rows
 * (the fast path, the create schema for what it does not take, names the file repeats) beside what the zod
 * parse of every row alone costs, the plan's checks, building the rows, the one statement that inserts
 * the workloads and their history entries (through Prisma, as the service sends it), and serializing the
 * answer as the route does. What the import takes beyond their sum is HTTP, the transaction's other
 * statements and the garbage collector.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { openDatabase } from '../src/db/client.js'
import { csvText } from '../src/lib/csv.js'
import { createPriceBookRepository } from '../src/modules/price-books/price-books.repository.js'
import { WORKLOAD_CSV_COLUMNS, type WorkloadCsvRow } from '../src/modules/workloads/workloads.csv.js'
import { readCsvTable } from '../src/modules/workloads/workloads.csv-reader.js'
import { readRows, validateBody } from '../src/modules/workloads/workloads.import-rows.js'
import {
  createWorkloadRepository,
  FIELD_KEYS,
  newWorkloads,
  storedFields,
} from '../src/modules/workloads/workloads.repository.js'
import {
  CreateWorkloadSchema,
  WorkloadImportReportSchema,
} from '../src/modules/workloads/workloads.schemas.js'
import { checkForPlan } from '../src/modules/workloads/workloads.service.js'
import {
  ADMIN_KEY,
  benchPortfolio,
  dropOwnDatabase,
  median,
  ms,
  onServer,
  ownDatabase,
  ROOT,
  serviceEnv,
} from './support.js'

const SIZE = 10_000
const ROUNDS = 5
const TARGET = 3

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** The service as `npm start` runs it, on `databaseUrl`, listening on a port of its own. */
async function startService(databaseUrl: string) {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: serviceEnv(databaseUrl, { PORT: String(port) }),
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited during start-up (${child.exitCode})`)
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) break
    if (Date.now() > deadline) throw new Error('the service did not become ready in 60 s')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    base,
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** The portfolio of `engine.bench.ts` as CSV rows, with teams and tags as stored workloads have. */
function benchRows(): WorkloadCsvRow[] {
  return benchPortfolio(SIZE).workloads.map((workload) =>
    storedFields(CreateWorkloadSchema.parse(JSON.parse(JSON.stringify(workload)))),
  )
}

/** COPY's columns of the Workload table, and one CSV record per row (PostgreSQL's CSV: empty = NULL). */
const COPY_COLUMNS = ['id', 'organizationId', 'portfolioId', ...FIELD_KEYS, 'createdAt', 'updatedAt'] as const

function copyFile(rows: WorkloadCsvRow[], organizationId: string, portfolioId: string): string {
  const start = Date.now()
  const records = rows.map((row, i) => {
    const at = new Date(start + i).toISOString()
    const record: Record<string, unknown> = { ...row, id: randomUUID(), organizationId, portfolioId }
    record.tags = `{${row.tags.map((tag) => `"${tag.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
    record.createdAt = at
    record.updatedAt = at
    return COPY_COLUMNS.map((column) => {
      const value = record[column]
      return value === null || value === undefined ? null : String(value)
    })
  })
  return stringify(records, { quoted_string: true })
}

/** psql's `\copy` of `file` into the Workload table: its `\timing` and the whole process's wall time. */
function psqlCopy(url: string, file: string): Promise<{ copyMs: number; processMs: number }> {
  const columns = COPY_COLUMNS.map((c) => `"${c}"`).join(', ')
  const script = `\\timing on\n\\copy "Workload" (${columns}) FROM '${file}' WITH (FORMAT csv)\n`
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = execFile('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url], (error, stdout, stderr) => {
      const processMs = performance.now() - started
      if (error) return reject(new Error(`psql failed: ${stderr || error.message}`))
      const time = /Time: ([\d.]+) ms/.exec(stdout)?.[1]
      if (!time) return reject(new Error(`psql printed no timing: ${stdout}`))
      resolve({ copyMs: Number(time), processMs })
    })
    child.stdin?.end(script)
  })
}

async function api(base: string, path: string, init: { method: string; body?: string; type?: string }) {
  const started = performance.now()
  const response = await fetch(`${base}${path}`, {
    method: init.method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
    },
    body: init.body,
  })
  const text = await response.text()
  return { status: response.status, text, ms: performance.now() - started }
}

let portfolios = 0
async function newPortfolio(base: string): Promise<string> {
  const made = await api(base, '/v1/portfolios', {
    method: 'POST',
    body: JSON.stringify({ name: `import bench ${process.pid} ${++portfolios}` }),
  })
  if (made.status !== 201) throw new Error(`POST /v1/portfolios answered ${made.status}: ${made.text}`)
  return (JSON.parse(made.text) as { id: string }).id
}

/** The median time of `work` over 5 runs after a warm-up; `prepare` runs before each, untimed. */
async function timed<T>(work: (input: T) => unknown, prepare: () => T | Promise<T>): Promise<number> {
  const times: number[] = []
  for (let run = 0; run <= 5; run++) {
    const input = await prepare()
    const started = performance.now()
    await work(input)
    if (run > 0) times.push(performance.now() - started)
  }
  return median(times)
}

/**
 * Each part of an import of `csv` timed alone (see the file's comment), on the service's database at `url`
 * (the statement's rows go into new portfolios of the organization, in transactions that are rolled back).
 */
async function parts(url: string, base: string, csv: string, report: unknown): Promise<[string, number][]> {
  const bytes = Buffer.from(csv)
  const chunks = () =>
    Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
      bytes.subarray(i * 65_536, (i + 1) * 65_536),
    )
  const table = await readCsvTable(Readable.from(chunks()), bytes.length)
  const rows = readRows(table)
  const bodies = rows.candidates.map((c) => c.body!)
  if (rows.issues.length > 0 || bodies.length !== SIZE) throw new Error('the bench file has bad rows')
  const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: '' })
  try {
    const key = await database.prisma.apiKey.findFirstOrThrow()
    const author = { organizationId: key.organizationId, apiKeyId: key.id, apiKeyName: key.name }
    const book = await createPriceBookRepository(database.prisma).findVisible(
      key.organizationId,
      'anthropic-list',
    )
    if (!book) throw new Error('the built-in price book is missing')
    const repository = createWorkloadRepository(database.prisma)
    const serialize = serializerCompiler({ schema: WorkloadImportReportSchema } as never) as (
      data: unknown,
    ) => string
    const rolledBack = new Error('rolled back')
    const none = () => undefined
    return [
      [
        'read the CSV (csv-parse, cell checks)',
        await timed(() => readCsvTable(Readable.from(chunks()), bytes.length), none),
      ],
      ['check the rows (fast path, zod for the rest, names)', await timed(() => readRows(table), none)],
      [
        '  (the zod parse of every row alone, for comparison)',
        await timed(() => rows.candidates.map((c) => validateBody(c.raw)), none),
      ],
      ['the plan’s checks', await timed(() => checkForPlan(bodies, book, (_i, rest) => rest), none)],
      [
        'build the rows',
        await timed(() => newWorkloads(key.organizationId, key.organizationId, bodies), none),
      ],
      [
        'insert workloads + history entries (one statement)',
        await timed(
          (made) =>
            database.prisma
              .$transaction(async (tx) => {
                await repository.insertMany(made, author, tx)
                throw rolledBack
              })
              .catch((error: unknown) => {
                if (error !== rolledBack) throw error
              }),
          async () => newWorkloads(key.organizationId, await newPortfolio(base), bodies),
        ),
      ],
      ['serialize the answer', await timed(() => serialize(report), none)],
    ]
  } finally {
    await database.close()
  }
}

async function main() {
  const started = performance.now()
  const database = await ownDatabase('ccp_bench_import')
  const { url, version } = database
  const folder = await mkdtemp(join(tmpdir(), 'ccp-import-bench-'))
  let service: Awaited<ReturnType<typeof startService>> | undefined
  try {
    service = await startService(url)
    const rows = benchRows()
    const csv = await csvText(WORKLOAD_CSV_COLUMNS, rows)
    const organizationId = await onServer(url, async (client) => {
      const result = await client.query('SELECT "organizationId" FROM "ApiKey" LIMIT 1')
      return String(result.rows[0]?.organizationId)
    })
    console.log(
      `workloads import: ${SIZE.toLocaleString('en-US')} rows, ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB of CSV ` +
        `(${WORKLOAD_CSV_COLUMNS.length} columns), PostgreSQL ${version}, ${ROUNDS} rounds after a warm-up`,
    )

    const imports: number[] = []
    let report: unknown
    const copies: number[] = []
    const psqlProcess: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const target = await newPortfolio(service.base)
      const answer = await api(service.base, `/v1/portfolios/${target}/workloads/import`, {
        method: 'POST',
        body: csv,
        type: 'text/csv',
      })
      report = JSON.parse(answer.text) as { created?: number }
      if (answer.status !== 200 || (report as { created?: number }).created !== SIZE)
        throw new Error(`the import answered ${answer.status}: ${answer.text.slice(0, 500)}`)

      const floor = await newPortfolio(service.base)
      const file = join(folder, `copy-${round}.csv`)
      await writeFile(file, copyFile(rows, organizationId, floor))
      const copy = await psqlCopy(url, file)
      const copied = await onServer(url, async (client) =>
        Number(
          (await client.query('SELECT count(*) FROM "Workload" WHERE "portfolioId" = $1', [floor])).rows[0]
            .count,
        ),
      )
      if (copied !== SIZE) throw new Error(`COPY wrote ${copied} rows, not ${SIZE}`)
      if (round === 0) continue
      imports.push(answer.ms)
      copies.push(copy.copyMs)
      psqlProcess.push(copy.processMs)
      console.log(
        `    round ${round}: import ${ms(answer.ms)}, COPY ${ms(copy.copyMs)} (psql process ${ms(copy.processMs)})`,
      )
    }
    const ratio = median(imports) / median(copies)
    const met = ratio <= TARGET
    console.log(
      `\n    import over HTTP (median)   ${ms(median(imports))}\n` +
        `    PostgreSQL COPY (median)    ${ms(median(copies))}   (psql's \\timing; the whole psql process: ${ms(median(psqlProcess))})\n` +
        `    ratio import / COPY         ${ratio.toFixed(2)} (target ≤ ${TARGET})`,
    )
    const costs = await parts(url, service.base, csv, report)
    const width = Math.max(...costs.map(([label]) => label.length))
    const counted = costs.filter(([label]) => !label.startsWith(' ')).reduce((sum, [, t]) => sum + t, 0)
    console.log(
      `\n    what each part costs, alone in this process (medians of 5):\n${costs
        .map(([label, t]) => `      ${label.padEnd(width)}  ${ms(t).padStart(7)}`)
        .join('\n')}\n` +
        `      ${'sum of the parts'.padEnd(width)}  ${ms(counted).padStart(7)}\n` +
        `      ${'the rest (HTTP, the other statements, GC)'.padEnd(width)}  ${ms(median(imports) - counted).padStart(7)}`,
    )
    console.log(
      `\nworkloads import: ${met ? 'PASS' : 'FAIL'} — ${ratio.toFixed(2)} × COPY (≤ ${TARGET}); ` +
        `benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s`,
    )
    if (!met && process.argv.includes('--strict')) process.exitCode = 1
  } finally {
    await service?.stop()
    await rm(folder, { recursive: true, force: true })
    await dropOwnDatabase(database)
  }
}

await main()
