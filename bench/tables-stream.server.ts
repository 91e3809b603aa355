/**
 * The server of `tables-stream.bench.ts`, started by it as a child process (`node --expose-gc --import tsx`) so
 * that its memory is the service's alone: the benchmark samples this process's resident set from outside.
 *
 * - the service: `buildApp(loadConfig(env))` listening on a free port, every plugin and route on;
 * - a bare Fastify server on the **same Prisma client** with the naive way of answering the same table:
 *   `GET /naive/:scenarioId` reads the stored plan's whole `workloadMonths` part in one query, splits it, builds
 *   every row and joins the whole CSV text in memory before sending it — the same columns and the same bytes as
 *   the streamed table.
 *
 * IPC: `ready` once both listen; `gc` runs a full collection and answers the memory figures after it (and starts
 * the peaks over); `peaks` answers the highest of each figure since; `stop`.
 */
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'
import type { MonthOf } from '../src/domain/index.js'
import { csvText } from '../src/lib/csv.js'
import { csvColumnsOf } from '../src/modules/tables/table-columns.js'
import { TABLES } from '../src/modules/tables/tables.columns.js'

export type ToServer = { type: 'gc'; seq: number } | { type: 'peaks'; seq: number } | { type: 'stop' }

/** The highest of each of `process.memoryUsage()`'s figures since the last `gc` (sampled every 10 ms). */
export interface Peaks {
  rss: number
  heapTotal: number
  heapUsed: number
  external: number
  arrayBuffers: number
}

export type FromServer =
  | { type: 'ready'; app: number; bare: number }
  | { type: 'gc'; seq: number; usage: Peaks }
  | { type: 'peaks'; seq: number; peaks: Peaks }

const send = (message: FromServer) => process.send?.(message)
const portOf = (address: AddressInfo | string | null) => (address as AddressInfo).port
const gc = (globalThis as { gc?: () => void }).gc

const app = await buildApp(loadConfig(process.env))
await app.listen({ host: '127.0.0.1', port: 0 })
const { prisma } = app.db

const bare = Fastify({ logger: false })
bare.get<{ Params: { scenarioId: string } }>('/naive/:scenarioId', async (request, reply) => {
  const [plan] = await prisma.$queryRaw<{ portfolioId: string; months: string; workloadMonths: string }[]>`
    SELECT s."portfolioId"::text AS "portfolioId", p."months", p."workloadMonths"
    FROM "PlanSnapshot" p JOIN "Scenario" s ON s."id" = p."scenarioId"
    WHERE p."scenarioId" = ${request.params.scenarioId}::uuid AND p."status" = 'ready'`
  if (!plan) return reply.code(404).send()
  const workloads = await prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id"::text AS "id", "name" FROM "Workload" WHERE "portfolioId" = ${plan.portfolioId}::uuid
    ORDER BY "createdAt", "id"`
  const starts = (JSON.parse(plan.months) as { start: string }[]).map((m) => m.start)
  const rows = plan.workloadMonths.split('\n').flatMap((line, i) =>
    (JSON.parse(line) as MonthOf<string>[]).map((month) => ({
      ref: workloads[i]!,
      month,
      start: starts[month.month] ?? null,
    })),
  )
  const text = await csvText(csvColumnsOf(TABLES['workload-months'].columns), rows)
  return reply.type('text/csv; charset=utf-8; header=present').send(text)
})
await bare.listen({ host: '127.0.0.1', port: 0 })

const usage = (): Peaks => {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage()
  return { rss, heapTotal, heapUsed, external, arrayBuffers }
}
let peaks = usage()
const sampler = setInterval(() => {
  const now = usage()
  for (const key of Object.keys(peaks) as (keyof Peaks)[]) peaks[key] = Math.max(peaks[key], now[key])
}, 10)
sampler.unref()

process.on('message', async (message: ToServer) => {
  if (message.type === 'stop') {
    clearInterval(sampler)
    await bare.close()
    await app.close()
    process.disconnect()
    return
  }
  if (message.type === 'peaks') {
    send({ type: 'peaks', seq: message.seq, peaks: { ...peaks } })
    return
  }
  // Twice: the first collection can leave garbage that finalizers release for the second.
  gc?.()
  gc?.()
  peaks = usage()
  send({ type: 'gc', seq: message.seq, usage: { ...peaks } })
})

send({ type: 'ready', app: portOf(app.server.address()), bare: portOf(bare.server.address()) })
