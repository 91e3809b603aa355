import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../lib/errors.js'

export interface PressureOptions {
  /** Event-loop delay beyond which requests are shed, ms (0: not checked). */
  maxEventLoopDelayMs: number
  /** Heap in use beyond which requests are shed, bytes (0: not checked). */
  maxHeapUsedBytes: number
}

/** Seconds a shed client is asked to wait: long enough for a burst to drain, short enough to feel live. */
const RETRY_AFTER_SECONDS = 5

export class OverloadedError extends AppError {
  constructor(what: string) {
    super(
      503,
      'OVERLOADED',
      'Service unavailable',
      `The service is overloaded (${what}); retry shortly.`,
      undefined,
      {
        'retry-after': String(RETRY_AFTER_SECONDS),
      },
    )
  }
}

/** Route-config `pressureHandler` of routes that must answer even under pressure (liveness). */
export const ignorePressure = (): undefined => undefined

/**
 * Load shedding with @fastify/under-pressure: while the event loop lags or the heap is over its
 * limit, requests are answered at once with a 503 problem and `Retry-After`, instead of queueing
 * behind the work that overloads the instance. Liveness (`/healthz`, whose route config sets
 * `pressureHandler: ignorePressure`) keeps answering: an overloaded process is alive, and an orchestrator restarting it would kill
 * everything in flight.
 */
/**
 * How often the event-loop delay is sampled. Short, because the first sample after boot covers the boot itself
 * (migrations, the embedded database's start, seeding: long synchronous stretches), and until the next one every
 * request would be shed; `server.ts` waits two intervals after listening before it reports ready.
 */
export const PRESSURE_SAMPLE_INTERVAL_MS = 100

export const pressurePlugin = fp(
  async (app: FastifyInstance, opts: PressureOptions) => {
    await app.register(underPressure, {
      ...(opts.maxEventLoopDelayMs > 0 ? { maxEventLoopDelay: opts.maxEventLoopDelayMs } : {}),
      ...(opts.maxHeapUsedBytes > 0 ? { maxHeapUsedBytes: opts.maxHeapUsedBytes } : {}),
      retryAfter: RETRY_AFTER_SECONDS,
      sampleInterval: PRESSURE_SAMPLE_INTERVAL_MS,
      // Rejecting hands the error to the one error handler, which answers the problem.
      pressureHandler: async (_request, _reply, type) => {
        throw new OverloadedError(type === 'heapUsedBytes' ? 'memory' : 'event-loop delay')
      },
    })
  },
  { name: 'pressure', fastify: '5.x', dependencies: ['errors'] },
)
