import type { FastifyServerOptions } from 'fastify'

/** Query parameters whose values are secrets (signed links) and never reach the logs. */
const SECRET_QUERY_PARAMS = /([?&](?:sig|signature|token|key|api_key|apikey)=)[^&#]*/gi

/** The URL with secret query values replaced, as it may appear in logs. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[REDACTED]')
}

/**
 * The request headers worth a log line: who called (user agent), with what (content type and
 * length), which retry (idempotency key), and the credential headers — whose values `redact` always
 * censors, so a line shows that a key was sent but never the key.
 */
const LOGGED_HEADERS = [
  'user-agent',
  'content-type',
  'content-length',
  'idempotency-key',
  'authorization',
  'x-api-key',
  'cookie',
] as const

interface LoggedRequest {
  method: string
  url: string
  hostname?: string
  ip?: string
  headers?: Record<string, string | string[] | undefined>
}

/** The chosen headers that the request has, as they will appear (before redaction) in the log. */
function loggedHeaders(headers: LoggedRequest['headers']): Record<string, string | string[]> {
  const picked: Record<string, string | string[]> = {}
  for (const name of LOGGED_HEADERS) {
    const value = headers?.[name]
    if (value !== undefined) picked[name] = value
  }
  return picked
}

/**
 * Pino options. The request serializer logs the method, the URL without secret query values
 * (Fastify's default logs the full URL), and a few headers; `redact` censors every place a credential
 * could appear — the credential headers the serializer logs, and any `secret` field of a logged
 * object. Redaction runs on the serialized line, so it covers what the serializers produce.
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
        'headers.cookie',
        '*.secret',
        'secret',
        'body.secret',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req(request: LoggedRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
          headers: loggedHeaders(request.headers),
        }
      },
    },
  }
}
