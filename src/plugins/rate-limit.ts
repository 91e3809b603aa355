import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../lib/errors.js'

/**
 * Requests per minute per API key (per client address for calls without a valid key). It runs after
 * authentication so one tenant exhausting its budget never throttles another.
 *
 * The counters live in process memory: with several instances behind a load balancer each instance
 * enforces the limit on its own share of traffic.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, opts: { perMinute: number }) => {
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: opts.perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => (request.auth ? `key:${request.auth.apiKeyId}` : `ip:${request.ip}`),
      allowList: (request) => !request.url.startsWith('/v1/'),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          429,
          'RATE_LIMITED',
          'Too many requests',
          `Rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        ),
    })
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['auth'] },
)
