import type { FastifyServerOptions } from 'fastify'

/** Query parameters whose values are secrets (signed links) and never reach the logs. */
const SECRET_QUERY_PARAMS = /([?&](?:sig|signature|token|key|api_key|apikey)=)[^&#]*/gi

/** The URL with secret query values replaced, as it may appear in logs. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[REDACTED]')
}

/**
 * Pino options: credentials are redacted wherever they could appear (headers, bodies), and request
 * URLs are logged without secret query values (Fastify's default serializer logs the full URL).
 */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'headers.authorization',
        'headers["x-api-key"]',
        '*.secret',
        'secret',
        'body.secret',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string; id?: string }) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
        }
      },
    },
  }
}
