import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { AppError } from '../lib/errors.js'

/** A limiter the auth hook consults. Both methods throw a 429 problem with `Retry-After` when over. */
export interface Limiter {
  /** Counts this request (and sets the X-RateLimit-* headers). */
  hit(request: FastifyRequest, reply: FastifyReply): Promise<void>
  /** Refuses when the limit is already reached, without counting. */
  check(request: FastifyRequest): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: {
      /** Failed authentications per client address (decided before any database work). */
      authFailures: Limiter
      /** Every request of an API key (or of a share link), invalid ones included. */
      perKey: Limiter
    }
  }
}

export interface RateLimitOptions {
  perMinute: number
  authFailuresPerMinute: number
  /** Redis holding counters shared by every instance; without it each instance counts on its own. */
  redisUrl?: string
}

const WINDOW_MS = 60_000

export class RateLimitedError extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'Too many requests', detail, undefined, {
      'retry-after': String(Math.max(1, retryAfterSeconds)),
    })
  }
}

/**
 * Rate limits through @fastify/rate-limit's stores (in memory, or Redis when configured so that every
 * instance enforces one limit). Two limiters, both consulted by the auth hook at `onRequest`, before
 * the body is read: failed authentications per client address, so guessing keys costs no database
 * work and stops quickly; and every request per API key, so a client past its limit gets nothing
 * processed — not even validation. If Redis is unreachable the limits are skipped (logged) rather than
 * failing every request.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, opts: RateLimitOptions) => {
    const redis = opts.redisUrl
      ? new Redis(opts.redisUrl, {
          // A rate-limit check must never hold a request: fail fast and let skipOnError admit it.
          connectTimeout: 2_000,
          commandTimeout: 500,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
        })
      : undefined
    if (redis) {
      redis.on('error', (error) => app.log.warn({ err: error }, 'rate-limit store (Redis) unavailable'))
      // Start counting from the first request: wait (briefly) for the connection.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000)
        redis.once('ready', () => {
          clearTimeout(timer)
          resolve()
        })
      })
      app.addHook('onClose', async () => {
        redis.disconnect()
      })
    }
    await app.register(rateLimit, {
      global: false,
      timeWindow: WINDOW_MS,
      skipOnError: true,
      nameSpace: 'ccp-rate-',
      ...(redis ? { redis } : {}),
    })

    function limiter(max: number, key: (request: FastifyRequest) => string, what: string): Limiter {
      const limit = app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: key })
      const refuse = (ttlInSeconds: number) => {
        throw new RateLimitedError(
          `${what} limit of ${max} per minute exceeded; retry in ${ttlInSeconds} s.`,
          ttlInSeconds,
        )
      }
      return {
        async hit(request, reply) {
          const state = await limit(request)
          if (state.isAllowed) return
          reply.header('x-ratelimit-limit', String(state.max))
          reply.header('x-ratelimit-remaining', String(state.remaining))
          reply.header('x-ratelimit-reset', String(state.ttlInSeconds))
          if (state.isExceeded) refuse(state.ttlInSeconds)
        },
        async check(request) {
          const state = await limit(request, { increment: false })
          if (!state.isAllowed && state.remaining <= 0 && state.ttl > 0) refuse(state.ttlInSeconds)
        },
      }
    }

    app.decorate('limits', {
      authFailures: limiter(
        opts.authFailuresPerMinute,
        // By IPv6 /64 (the library's default subnet), so rotating addresses inside one prefix does not help.
        (request) => `auth-fail:${normalizeIP(request.ip)}`,
        'Failed authentication',
      ),
      // A request through a share link counts against its link, not against the key that made it.
      perKey: limiter(
        opts.perMinute,
        (request) =>
          request.auth?.shareLinkId
            ? `link:${request.auth.shareLinkId}`
            : `key:${request.auth?.apiKeyId ?? request.ip}`,
        'Rate',
      ),
    })
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['errors'] },
)
