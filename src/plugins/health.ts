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

/** `/healthz`: the process answers. `/readyz`: the database answers too (for load balancers). */
export const healthPlugin = fp(
  async (app: FastifyInstance) => {
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
          description: 'Answers 200 when the database is reachable, 503 otherwise.',
          security: [],
          response: { 200: ReadySchema, ...publicProblemResponses(503) },
        },
      },
      async (request) => {
        try {
          await app.db.prisma.$queryRaw`SELECT 1`
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed')
          throw new ServiceUnavailableError('The database is not reachable.')
        }
        return { status: 'ready' as const, database: app.db.kind }
      },
    )
  },
  { name: 'health', fastify: '5.x', dependencies: ['db'] },
)
