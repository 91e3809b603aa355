import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

/**
 * Helmet's headers on every response, and CORS only for the configured origins (Fastify's CORS
 * plugin would allow every origin by default). Headers that browser clients need to read, such as
 * ETag and Retry-After, are exposed.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { corsOrigins: readonly string[] }) => {
    // Helmet's middleware is built once here and applied to every response. (@fastify/helmet builds it anew
    // on every request — about a tenth of what a small read costs — for per-route options we do not use.)
    const securityHeaders = helmet({
      // API responses are JSON; Swagger UI sets its own CSP for its static files (staticCSP).
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", 'https:', "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
          // The service may sit on plain HTTP behind a TLS-terminating load balancer, or on localhost.
          upgradeInsecureRequests: null,
        },
      },
    })
    app.addHook('onRequest', (request, reply, done) =>
      securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    )
    // CORS answers preflights on every path (`OPTIONS *`); a preflight carries no credentials.
    app.addHook('onRoute', (route) => {
      if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, auth: 'none' }
    })
    await app.register(cors, {
      origin: opts.corsOrigins.length > 0 ? [...opts.corsOrigins] : false,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: [
        'Authorization',
        'X-API-Key',
        'Content-Type',
        'Idempotency-Key',
        'If-Match',
        'If-None-Match',
      ],
      exposedHeaders: [
        'ETag',
        'Location',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Idempotent-Replayed',
        'Content-Disposition',
        'X-Request-Id',
      ],
      maxAge: 600,
    })
  },
  { name: 'security', fastify: '5.x' },
)
