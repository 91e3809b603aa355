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
  /**
   * Longest a computation may compute: counted while at least one of its tasks is on a worker (from the moment a
   * worker takes a task up; waiting in the queue does not count). Then every task of it is stopped, a running
   * one's worker replaced (503).
   */
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

/** One computation's tasks (see {@link ComputePool.job}). */
export interface ComputeJob {
  /**
   * Runs one task of the computation on a worker and resolves with what the worker's handler returned. Tasks of
   * computations admitted earlier go first; a computation's own tasks in the order given.
   * @throws DeadlineExceededError (503) once the computation has passed its deadline
   */
  run<Result>(task: unknown, options?: { transferList?: TransferListItem[] }): Promise<Result>
}

/** Runs CPU-heavy tasks on worker threads, off the event loop. */
export interface ComputePool {
  /** Worker threads: how many tasks of one computation can run at once. */
  readonly threads: number
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
  /**
   * Runs one computation made of several tasks — e.g. a large plan's shards on every worker, then their merge —
   * orchestrated by `work` on this thread (a task never waits for another, so the pool cannot deadlock). It is
   * admitted once, as {@link run} admits one task (429, 503), and has one deadline for all its tasks
   * ({@link ComputeOptions.deadlineMs}); tasks it leaves running when `work` settles are stopped.
   */
  job<Result>(
    options: Omit<ComputeRunOptions, 'transferList'>,
    work: (job: ComputeJob) => Promise<Result>,
  ): Promise<Result>
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

/** A computation in flight. */
interface JobState {
  /** Admission order: tasks of earlier computations are dispatched first. */
  seq: number
  /** Aborts every task of the computation (running ones' workers are replaced). */
  abort: AbortController
  /** Tasks of it on a worker now, the time they have used (ms) and since when one has been running. */
  running: number
  used: number
  since: number
  timer: NodeJS.Timeout | undefined
  expired: boolean
  /** Tasks dispatched or waiting that have not settled. */
  open: number
}

/** A task waiting for a free worker. */
interface Waiting {
  job: JobState
  task: unknown
  transferList: TransferListItem[]
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * A pool of worker threads (piscina) for CPU-heavy work, so the event loop keeps answering while a large plan
 * computes. Admission is decided before any work, per computation (a request), in this order: the key's own limit
 * (429), then the pool's capacity — one computation per worker plus `queueSize` waiting (503). A computation runs
 * one task or several (a large plan's shards and their merge, {@link ComputePool.job}); tasks are handed to
 * piscina only when a worker is free, the earliest admitted computation's first, so a computation that has
 * started is finished before later ones take the workers. Each computation has a deadline, counted while any of
 * its tasks is on a worker; past it, its tasks are aborted, and piscina terminates their workers and starts fresh
 * ones. Decorates `app.compute`; the pool is closed when the app closes (after in-flight requests have been
 * answered).
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
      // Tasks wait in this plugin's queue (below) until a worker is free; piscina's own is not used.
      maxQueue: Number.POSITIVE_INFINITY,
      closeTimeout: opts.deadlineMs,
    })
    const capacity = threads + opts.queueSize
    const perKey = new Map<string, number>()
    let inFlight = 0
    let jobs = 0
    /** Tasks handed to piscina and not settled (at most one per worker). */
    let dispatched = 0
    /** Tasks waiting for a worker, by computation (admission order), then in the order given. */
    const waiting: Waiting[] = []

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

    // The deadline is a budget of computing time: it runs while at least one of the computation's tasks is on a
    // worker (from the worker's `started` message to the task's end) and pauses while none is.
    function taskStarted(job: JobState): void {
      if (job.running++ > 0 || job.expired) return
      job.since = performance.now()
      job.timer = setTimeout(() => expire(job), Math.max(0, opts.deadlineMs - job.used))
    }
    function taskStopped(job: JobState): void {
      if (--job.running > 0) return
      job.used += performance.now() - job.since
      clearTimeout(job.timer)
    }
    function expire(job: JobState): void {
      job.expired = true
      job.abort.abort(new DeadlineExceededError(opts.deadlineMs))
      for (let i = waiting.length - 1; i >= 0; i--) {
        const item = waiting[i]!
        if (item.job !== job) continue
        waiting.splice(i, 1)
        job.open--
        item.reject(new DeadlineExceededError(opts.deadlineMs))
      }
    }

    function enqueue(job: JobState, task: unknown, transferList: TransferListItem[]): Promise<unknown> {
      if (job.expired) return Promise.reject(new DeadlineExceededError(opts.deadlineMs))
      const result = new Promise((resolve, reject) => {
        job.open++
        let at = waiting.length
        while (at > 0 && waiting[at - 1]!.job.seq > job.seq) at--
        waiting.splice(at, 0, { job, task, transferList, resolve, reject })
        pump()
      })
      // A task the work gave up on (it ended first) is stopped, and nobody hears of its failure.
      result.catch(() => {})
      return result
    }

    function pump(): void {
      while (dispatched < threads && waiting.length > 0) dispatch(waiting.shift()!)
    }

    function dispatch({ job, task, transferList, resolve, reject }: Waiting): void {
      dispatched++
      // The worker says when it takes the task up (`started`), so neither the wait for a free worker nor a fresh
      // worker's start-up counts against the deadline.
      const { port1: started, port2: startedInWorker } = new MessageChannel()
      let counted = false
      started.once('message', () => {
        started.close()
        counted = true
        taskStarted(job)
      })
      pool
        .run(
          { task, started: startedInWorker },
          {
            signal: job.abort.signal,
            transferList: [startedInWorker, ...transferList],
          },
        )
        .then(resolve, (error: unknown) =>
          reject(job.expired ? new DeadlineExceededError(opts.deadlineMs) : error),
        )
        .finally(() => {
          started.removeAllListeners()
          started.close()
          if (counted) taskStopped(job)
          job.open--
          dispatched--
          pump()
        })
    }

    const compute: ComputePool = {
      threads,
      admit,
      run<Result>(task: unknown, { transferList, ...admission }: ComputeRunOptions): Promise<Result> {
        return compute.job(admission, (job) => job.run<Result>(task, { transferList }))
      },
      async job<Result>(
        { key, admitted }: Omit<ComputeRunOptions, 'transferList'>,
        work: (job: ComputeJob) => Promise<Result>,
      ): Promise<Result> {
        const release = admitted ? () => {} : admit(key)
        if (inFlight >= capacity) {
          release()
          throw new ComputeOverloadedError()
        }
        inFlight++
        const state: JobState = {
          seq: jobs++,
          abort: new AbortController(),
          running: 0,
          used: 0,
          since: 0,
          timer: undefined,
          expired: false,
          open: 0,
        }
        try {
          const result = await work({
            run: <R>(task: unknown, options?: { transferList?: TransferListItem[] }) =>
              enqueue(state, task, options?.transferList ?? []) as Promise<R>,
          })
          if (state.expired) throw new DeadlineExceededError(opts.deadlineMs)
          return result
        } catch (error) {
          if (state.expired) throw new DeadlineExceededError(opts.deadlineMs)
          throw error
        } finally {
          clearTimeout(state.timer)
          // Tasks the work did not wait for: none may outlive the computation's admission.
          if (state.open > 0 && !state.expired) {
            state.expired = true
            state.abort.abort(new Error('the computation has ended'))
            for (let i = waiting.length - 1; i >= 0; i--) {
              if (waiting[i]!.job !== state) continue
              waiting.splice(i, 1)[0]!.reject(new Error('the computation has ended'))
              state.open--
            }
          }
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
