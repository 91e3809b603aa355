import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ServiceUnavailableError } from '../lib/errors.js'
import { publicProblemResponses } from '../lib/problem.js'
import { ignorePressure } from './pressure.js'

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })
const ReadySchema = z
  .object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) })
  .meta({ id: 'Readiness' })

/**
 * How long `/readyz` waits for the database. A load balancer's probe times out in a few seconds; a
 * 503 within its timeout takes the instance out of rotation cleanly, a probe that hangs does not.
 */
const READINESS_DEADLINE_MS = 1500
const READINESS_RETRY_AFTER_SECONDS = 1

type ProbeOutcome = 'ok' | { error: unknown }

/** `work`'s outcome, or 'late' when it has not settled within `ms` (it keeps running). */
async function withDeadline(work: Promise<ProbeOutcome>, ms: number): Promise<ProbeOutcome | 'late'> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/healthz`: the process answers. `/readyz`: the database answers too, within
 * {@link READINESS_DEADLINE_MS} (for load balancers).
 */
export const healthPlugin = fp(
  async (app: FastifyInstance) => {
    // One database check at a time: probes that arrive while one is pending share it, so a hung
    // database holds at most one pooled connection for readiness, however often it is probed.
    let pending: Promise<ProbeOutcome> | undefined
    const probe = (): Promise<ProbeOutcome> => {
      pending ??= app.db.prisma.$queryRaw`SELECT 1`
        .then(
          (): ProbeOutcome => 'ok',
          (error: unknown): ProbeOutcome => ({ error }),
        )
        .finally(() => {
          pending = undefined
        })
      return pending
    }
    const typed = app.withTypeProvider<ZodTypeProvider>()
    typed.get(
      '/healthz',
      {
        config: { auth: 'none', pressureHandler: ignorePressure },
        schema: {
          operationId: 'getHealth',
          tags: ['health'],
          summary: 'Liveness probe',
          description: 'Answers 200 while the process is up.',
          security: [],
          response: { 200: HealthSchema, ...publicProblemResponses() },
        },
      },
      async () => ({ status: 'ok' as const }),
    )
    typed.get(
      '/readyz',
      {
        config: { auth: 'none' },
        schema: {
          operationId: 'getReadiness',
          tags: ['health'],
          summary: 'Readiness probe',
          description:
            'Answers 200 when the database answers within 1.5 s, 503 (with Retry-After) otherwise.',
          security: [],
          response: { 200: ReadySchema, ...publicProblemResponses(503) },
        },
      },
      async (request) => {
        const outcome = await withDeadline(probe(), READINESS_DEADLINE_MS)
        if (outcome !== 'ok') {
          request.log.warn(
            outcome === 'late' ? { deadlineMs: READINESS_DEADLINE_MS } : { err: outcome.error },
            'readiness check failed',
          )
          throw new ServiceUnavailableError(
            outcome === 'late' ? 'The database did not answer in time.' : 'The database is not reachable.',
            READINESS_RETRY_AFTER_SECONDS,
          )
        }
        return { status: 'ready' as const, database: app.db.kind }
      },
    )
  },
  { name: 'health', fastify: '5.x', dependencies: ['db'] },
)
