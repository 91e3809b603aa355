import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type TransferListItem } from 'node:worker_threads'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Piscina } from 'piscina'
import { AppError } from '../lib/errors.js'

export interface ComputeOptions {
  /** The worker module (TypeScript is fine): its default export computes one task and returns the result. */
  entry: URL
  /** Worker threads; 0 = one per core. */
  workers: number
  /** Tasks that may wait for a free worker; beyond them a task is refused at once (503). */
  queueSize: number
  /** Tasks one key may have running or waiting; beyond them a task is refused at once (429). */
  concurrencyPerKey: number
  /** Longest a task may compute (from the moment a worker takes it up); then it is stopped and its worker replaced (503). */
  deadlineMs: number
}

export interface ComputeRunOptions {
  /** Whose task this is (an API key id): at most `concurrencyPerKey` at once per key. */
  key: string
  /** The caller already holds this key's slot (from `admit`, claimed before the request's body was read). */
  admitted?: boolean
  /** Buffers and ports moved to the worker rather than copied. */
  transferList?: TransferListItem[]
}

/** Runs CPU-heavy tasks on worker threads, off the event loop. */
export interface ComputePool {
  /**
   * Claims one of the key's `concurrencyPerKey` slots before any work (e.g. before a large body is read),
   * and returns its release (safe to call more than once).
   * @throws ConcurrencyLimitedError (429) when the key already holds them all
   */
  admit(key: string): () => void
  /**
   * Runs one task on a worker and resolves with what the worker's handler returned.
   * @throws ConcurrencyLimitedError (429) when the key already has `concurrencyPerKey` tasks
   * @throws ComputeOverloadedError (503) when every worker is busy and the queue is full
   * @throws DeadlineExceededError (503) when the task did not finish within the deadline
   */
  run<Result>(task: unknown, options: ComputeRunOptions): Promise<Result>
}

declare module 'fastify' {
  interface FastifyInstance {
    compute: ComputePool
  }
}

// How long a refused client is asked to wait. A per-key refusal clears as soon as one of the key's own
// computations ends; a full queue drains in about a computation's time; a deadline means the plan is heavy
// for this instance right now, so the client backs off longer.
const RETRY_AFTER = { concurrency: 1, overloaded: 2, deadline: 5 } as const

/**
 * Lower scheduling priority of the worker threads (Linux nice, per thread): when workers and the event loop
 * compete for a core, the event loop (health probes, small requests, answers being written) goes first.
 * An idle machine gives the workers every cycle anyway.
 */
const WORKER_NICE_INCREMENT = 5

export class ConcurrencyLimitedError extends AppError {
  constructor(limit: number) {
    super(
      429,
      'CONCURRENCY_LIMITED',
      'Too many requests',
      `This API key already has ${limit} computation${limit === 1 ? '' : 's'} running or waiting, the most one key may have; retry when one has finished.`,
      undefined,
      { 'retry-after': String(RETRY_AFTER.concurrency) },
    )
  }
}

export class ComputeOverloadedError extends AppError {
  constructor() {
    super(
      503,
      'OVERLOADED',
      'Service unavailable',
      'Every computation worker is busy and the queue is full; retry shortly.',
      undefined,
      { 'retry-after': String(RETRY_AFTER.overloaded) },
    )
  }
}

export class DeadlineExceededError extends AppError {
  constructor(deadlineMs: number) {
    super(
      503,
      'DEADLINE_EXCEEDED',
      'Service unavailable',
      `The computation did not finish within ${deadlineMs} ms and was stopped; retry later, or send a smaller plan.`,
      undefined,
      { 'retry-after': String(RETRY_AFTER.deadline) },
    )
  }
}

/**
 * A pool of worker threads (piscina) for CPU-heavy work, so the event loop keeps answering while a large plan
 * computes. Admission is decided before any work, in this order: the key's own limit (429), then the pool's
 * capacity — one task per worker plus `queueSize` waiting (503). Each task has a deadline counted from the
 * moment a worker takes it up; a task past it is aborted, and piscina terminates its worker and starts a
 * fresh one. Decorates
 * `app.compute`; the pool is closed when the app closes (after in-flight requests have been answered).
 */
export const computePlugin = fp(
  async (app: FastifyInstance, opts: ComputeOptions) => {
    const threads = opts.workers > 0 ? opts.workers : Math.max(1, availableParallelism())
    if (opts.queueSize < 0 || opts.concurrencyPerKey < 1 || opts.deadlineMs <= 0) {
      throw new Error('compute: queueSize ≥ 0, concurrencyPerKey ≥ 1 and deadlineMs > 0 are required')
    }
    const pool = new Piscina({
      filename: fileURLToPath(new URL('./compute-worker.mjs', import.meta.url)),
      workerData: { entry: opts.entry.href },
      // One worker starts up front, so the first plan does not wait for one (a start loads tsx, zod and the
      // engine: about half a second of CPU); the others start when load first needs them, and all stay.
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      niceIncrement: WORKER_NICE_INCREMENT,
      // Admission below keeps the queue within queueSize; an idle pool's own bound would only get in the way.
      maxQueue: Number.POSITIVE_INFINITY,
      closeTimeout: opts.deadlineMs,
    })
    const capacity = threads + opts.queueSize
    const perKey = new Map<string, number>()
    let inFlight = 0

    function admit(key: string): () => void {
      const mine = perKey.get(key) ?? 0
      if (mine >= opts.concurrencyPerKey) throw new ConcurrencyLimitedError(opts.concurrencyPerKey)
      perKey.set(key, mine + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (perKey.get(key) ?? 1) - 1
        if (left > 0) perKey.set(key, left)
        else perKey.delete(key)
      }
    }

    const compute: ComputePool = {
      admit,
      async run<Result>(task: unknown, { key, admitted, transferList }: ComputeRunOptions): Promise<Result> {
        const release = admitted ? () => {} : admit(key)
        if (inFlight >= capacity) {
          release()
          throw new ComputeOverloadedError()
        }
        inFlight++
        // The deadline starts when a worker takes the task up (it says so on `started`), so neither the
        // queue nor a fresh worker's start-up counts against it.
        const deadline = new AbortController()
        const { port1: started, port2: startedInWorker } = new MessageChannel()
        let timer: NodeJS.Timeout | undefined
        started.once('message', () => {
          started.close()
          timer = setTimeout(() => deadline.abort(), opts.deadlineMs)
        })
        try {
          const envelope = { task, started: startedInWorker }
          return (await pool.run(envelope, {
            signal: deadline.signal,
            transferList: [startedInWorker, ...(transferList ?? [])],
          })) as Result
        } catch (error) {
          if (deadline.signal.aborted) throw new DeadlineExceededError(opts.deadlineMs)
          throw error
        } finally {
          clearTimeout(timer)
          started.close()
          inFlight--
          release()
        }
      },
    }

    app.decorate('compute', compute)
    app.addHook('onClose', async () => {
      await pool.close()
    })
    app.log.debug({ threads, queueSize: opts.queueSize }, 'compute pool started')
  },
  { name: 'compute', fastify: '5.x' },
)
