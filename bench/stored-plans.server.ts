/**
 * The servers of `stored-plans.bench.ts`, started by it as one child process (`node --import tsx`) so that the
 * benchmark's own client work (reading 40 MB answers, autocannon) never shares an event loop with them:
 *
 * - the service: `buildApp(loadConfig(env))` listening on a free port, every plugin and route as `server.ts`
 *   runs them (the benchmark passes the limits that would distort the figures in its environment);
 * - a bare Fastify server (no plugins, no auth, no schemas) on the **same Prisma client** and so the same
 *   database and pool, with the floor routes: `GET /floor/:id` sends a stored plan body from the side table
 *   `bench_floor`, `GET /workloads/:id` answers `prisma.workload.findUnique`.
 *
 * It talks to the benchmark over IPC: `ready` once both listen; `capture` stores the body that the service
 * answers for a URL (through `app.inject`, so byte for byte what the projection sends) as a floor row; `cpu`
 * answers the process's CPU time (so the benchmark can say what one request costs the server); `stop`.
 */
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config/env.js'

export type ToServer =
  | { type: 'capture'; seq: number; id: string; url: string; authorization: string }
  | { type: 'cpu'; seq: number }
  | { type: 'stop' }

export type FromServer =
  | { type: 'ready'; app: number; bare: number; database: 'postgres' | 'pglite' }
  | { type: 'captured'; seq: number; bytes: number; sha256: string }
  | { type: 'cpu'; seq: number; micros: number }
  | { type: 'failed'; seq: number; error: string }

const send = (message: FromServer) => process.send?.(message)
const portOf = (address: AddressInfo | string | null) => (address as AddressInfo).port

const app = await buildApp(loadConfig(process.env))
await app.listen({ host: '127.0.0.1', port: 0 })
const { prisma } = app.db

// The floor's stored bodies: one text column, read by primary key, as the snapshot's parts are.
await prisma.$executeRawUnsafe(
  'CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, body text NOT NULL)',
)

const bare = Fastify({ logger: false })
bare.get<{ Params: { id: string } }>('/floor/:id', async (request, reply) => {
  const rows = await prisma.$queryRaw<
    { body: string }[]
  >`SELECT body FROM bench_floor WHERE id = ${request.params.id}`
  const row = rows[0]
  if (!row) return reply.code(404).send()
  return reply.type('application/json; charset=utf-8').send(row.body)
})
bare.get<{ Params: { id: string } }>('/workloads/:id', async (request, reply) => {
  const row = await prisma.workload.findUnique({ where: { id: request.params.id } })
  if (!row) return reply.code(404).send()
  return row
})
await bare.listen({ host: '127.0.0.1', port: 0 })

process.on('message', async (message: ToServer) => {
  if (message.type === 'stop') {
    await bare.close()
    await app.close()
    process.disconnect()
    return
  }
  if (message.type === 'cpu') {
    // This process's CPU time so far (every thread: the event loop, the plan workers, Prisma's engine).
    const { user, system } = process.cpuUsage()
    send({ type: 'cpu', seq: message.seq, micros: user + system })
    return
  }
  try {
    const response = await app.inject({
      method: 'GET',
      url: message.url,
      headers: { authorization: message.authorization },
    })
    if (response.statusCode !== 200) throw new Error(`${message.url} answered ${response.statusCode}`)
    const body = response.body
    await prisma.$executeRaw`
      INSERT INTO bench_floor (id, body) VALUES (${message.id}, ${body})
      ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body`
    send({
      type: 'captured',
      seq: message.seq,
      bytes: Buffer.byteLength(body),
      sha256: createHash('sha256').update(body).digest('hex'),
    })
  } catch (error) {
    send({ type: 'failed', seq: message.seq, error: String((error as Error).stack ?? error) })
  }
})

send({
  type: 'ready',
  app: portOf(app.server.address()),
  bare: portOf(bare.server.address()),
  database: app.db.kind,
})
