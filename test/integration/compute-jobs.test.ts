import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type ComputeOptions,
  ComputeOverloadedError,
  computePlugin,
  DeadlineExceededError,
} from '../../src/plugins/compute.js'

/**
 * The compute pool's computations of several tasks (`app.compute.job`: a large plan's shards and their merge):
 * admitted once, dispatched earliest computation first, one deadline over the time any of their tasks runs.
 */

const ENTRY = new URL('../helpers/busy-worker.ts', import.meta.url)
type Done = { label: string; started: number; ended: number }

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function pool(options: Partial<ComputeOptions>) {
  app = Fastify()
  await app.register(computePlugin, {
    entry: ENTRY,
    workers: 1,
    queueSize: 4,
    concurrencyPerKey: 10,
    deadlineMs: 10_000,
    ...options,
  })
  await app.ready()
  // The worker's start-up (tsx, the module) is not what is measured.
  await app.compute.run({ label: 'warm', ms: 1 }, { key: 'warm' })
  return app.compute
}

describe('computations of several tasks', () => {
  it('dispatches the tasks of the computation admitted first before those of later ones', async () => {
    const compute = await pool({ workers: 1 })
    const order: string[] = []
    const record = (done: Done) => {
      order.push(done.label)
      return done
    }
    const first = compute.job({ key: 'a' }, async (job) => {
      record(await job.run<Done>({ label: 'a1', ms: 150 }))
      // Submitted after b1 was queued, yet it runs before it: computation a was admitted first.
      return record(await job.run<Done>({ label: 'a2', ms: 50 }))
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const second = compute.job({ key: 'b' }, async (job) =>
      record(await job.run<Done>({ label: 'b1', ms: 10 })),
    )
    await Promise.all([first, second])
    expect(order).toEqual(['a1', 'a2', 'b1'])
  })

  it('runs a computation’s tasks on every worker at once', async () => {
    const compute = await pool({ workers: 2 })
    // Both workers started (the second starts when load first needs it).
    await compute.job({ key: 'w' }, (job) =>
      Promise.all([job.run({ label: 'w0', ms: 100 }), job.run({ label: 'w1', ms: 100 })]),
    )
    const done = await compute.job({ key: 'a' }, (job) =>
      Promise.all([job.run<Done>({ label: 's0', ms: 300 }), job.run<Done>({ label: 's1', ms: 300 })]),
    )
    // Both ran at the same time (each started before the other ended).
    expect(done[0]!.started).toBeLessThan(done[1]!.ended)
    expect(done[1]!.started).toBeLessThan(done[0]!.ended)
    expect(compute.threads).toBe(2)
  })

  it('admits a computation once: 503 beyond one per worker plus the queue, whatever its tasks', async () => {
    const compute = await pool({ workers: 1, queueSize: 0 })
    const running = compute.job({ key: 'a' }, (job) =>
      Promise.all([job.run({ label: 'x', ms: 200 }), job.run({ label: 'y', ms: 200 })]),
    )
    await expect(compute.run({ label: 'z', ms: 1 }, { key: 'b' })).rejects.toBeInstanceOf(
      ComputeOverloadedError,
    )
    await running
  })

  it('has one deadline, counted while any of its tasks runs (not while they wait)', async () => {
    const compute = await pool({ workers: 1, deadlineMs: 1_000 })
    // Ten tasks of 150 ms one after the other (1.5 s in all) under a 1 s budget: the deadline stops the job
    // part-way. How many finish first depends on the machine's load (messaging between tasks counts), so the
    // test asserts the bounds: at least three (450 ms of work leaves ample slack), never all ten.
    const all = Array.from({ length: 10 }, (_, i) => `t${i + 1}`)
    const labels: string[] = []
    const long = compute.job({ key: 'a' }, async (job) => {
      for (const label of all) labels.push((await job.run<Done>({ label, ms: 150 })).label)
    })
    await expect(long).rejects.toBeInstanceOf(DeadlineExceededError)
    expect(labels.length).toBeGreaterThanOrEqual(3)
    expect(labels.length).toBeLessThan(all.length)
    expect(labels).toEqual(all.slice(0, labels.length))
    // Two computations of 600 ms each on one worker: the second waits 600 ms, which does not count.
    const both = await Promise.all([
      compute.run<Done>({ label: 'p', ms: 600 }, { key: 'p' }),
      compute.run<Done>({ label: 'q', ms: 600 }, { key: 'q' }),
    ])
    expect(both.map((d) => d.label)).toEqual(['p', 'q'])
  })
})
