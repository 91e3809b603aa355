import { randomUUID } from 'node:crypto'
import { maxHeaderSize, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { databaseUnavailable } from '../db/unavailable.js'
import { PlanValidationError } from '../domain/errors.js'
import { AppError, type FieldIssue } from '../lib/errors.js'
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../lib/problem.js'
import { isProblemCode } from '../lib/problem-codes.js'
import { escapePointer } from '../lib/safe-text.js'

// Fastify's own 4xx error codes, renamed to our stable vocabulary.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_JSON_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
}

// Database outcomes that are the client's or the moment's, not a bug: never a bare 500.
const PRISMA_PROBLEMS: Record<string, { status: number; code: string; detail: string }> = {
  P2002: { status: 409, code: 'CONFLICT', detail: 'The request conflicts with an existing resource.' },
  P2003: {
    status: 409,
    code: 'CONFLICT',
    detail: 'The request refers to a resource that does not exist, or one that others still refer to.',
  },
  P2025: { status: 404, code: 'NOT_FOUND', detail: 'The resource does not exist.' },
  P2034: {
    status: 409,
    code: 'WRITE_CONFLICT',
    detail: 'A concurrent change conflicted with this one; retry it.',
  },
}
// An unreachable, hung or overloaded database (Prisma's P1001/P1017/P2028…, driver timeouts, SQLSTATEs
// such as 57014 or 57P01) is told apart by `databaseUnavailable` and answered 503 with Retry-After.
const DATABASE_RETRY_AFTER_SECONDS = '2'

const LOCATIONS: Record<string, FieldIssue['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

/** Sends an RFC 9457 problem; the one place where error bodies are shaped. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: { title?: string; errors?: readonly FieldIssue[]; headers?: Readonly<Record<string, string>> } = {},
): FastifyReply {
  const problem = buildProblem({
    status,
    code,
    detail,
    instance: request.url.split('?')[0] ?? '/',
    requestId: request.id,
    title: extra.title,
    errors: extra.errors,
  })
  if (extra.headers) reply.headers(extra.headers)
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem)
}

/** The media types every request body may have (the plan preview included). */
const ACCEPTED_MEDIA_TYPES = ['application/json'] as const

/** A 415 that says what would have been accepted, in its detail and in Accept-Post / Accept-Patch (RFC 9110 §15.5.16). */
function unsupportedMediaType(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const sent = request.headers['content-type']
  const accepted = ACCEPTED_MEDIA_TYPES.join(', ')
  const detail = sent
    ? `Content-Type '${sent.slice(0, 100)}' is not accepted; send ${accepted}.`
    : `A request body needs a Content-Type; send ${accepted}.`
  const header = request.method === 'PATCH' ? 'accept-patch' : 'accept-post'
  return sendProblem(request, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', detail, {
    headers: { [header]: accepted },
  })
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const where = LOCATIONS[error.validationContext ?? 'body'] ?? 'body'
  return (error.validation ?? []).flatMap((v) => {
    // The zod provider puts the issue's code in `keyword` and its other members in `params`.
    const keys = (v.params as { keys?: unknown } | undefined)?.keys
    // RFC 6901: the whole document is the empty pointer, not "/".
    const pointer = v.instancePath === '/' ? '' : v.instancePath || ''
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key: string) => ({
        in: where,
        pointer: `${pointer}/${escapePointer(key)}`,
        code: 'unrecognized_key',
        detail: `unknown field '${key}'`,
      }))
    }
    return [{ in: where, pointer, code: String(v.keyword ?? 'invalid'), detail: v.message ?? 'is invalid' }]
  })
}

/**
 * Fastify's `frameworkErrors` option: the errors its router raises before any route or hook runs (a
 * malformed percent-encoding, a path parameter over `maxParamLength`), answered as problems too.
 */
export function frameworkErrorHandler(limits: { maxParamLength: number }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    // No route matched yet, so the app's onSend hooks will not add this.
    reply.header('x-request-id', request.id)
    if (error.code === 'FST_ERR_BAD_URL') {
      return sendProblem(
        request,
        reply,
        400,
        'INVALID_URL',
        'The path is not valid: it has a malformed percent-encoding.',
      )
    }
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      return sendProblem(
        request,
        reply,
        414,
        'URI_TOO_LONG',
        `A path parameter is longer than ${limits.maxParamLength} characters.`,
      )
    }
    request.log.error({ err: error }, 'router error')
    return sendProblem(request, reply, 500, 'INTERNAL', 'An unexpected error occurred.')
  }
}

// What the HTTP parser's errors (Node's clientError event) mean for the client, by error code.
const CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    detail: `The request line and headers exceed ${Math.floor(maxHeaderSize / 1024)} KiB.`,
  },
  HPE_INVALID_EOF_STATE: {
    status: 400,
    code: 'INCOMPLETE_REQUEST',
    detail:
      'The connection was closed before the whole request arrived (a body shorter than its Content-Length?).',
  },
  HPE_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    detail: 'The Content-Length header is not valid.',
  },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    detail: 'Content-Length and Transfer-Encoding cannot both be sent.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    detail: 'The request did not arrive in time.',
  },
  ERR_HTTP_HEADERS_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    detail: 'The request headers did not arrive in time.',
  },
}
const MALFORMED_REQUEST = {
  status: 400,
  code: 'MALFORMED_REQUEST',
  detail: 'The request is not valid HTTP/1.1.',
}

/** The path of the request line at the start of `packet`, when it has a plain one; else "/". */
function requestPath(packet: unknown): string {
  const line = Buffer.isBuffer(packet) ? packet.subarray(0, 2100).toString('latin1') : ''
  return (
    /^[A-Z]{3,10} (\/[\x21-\x7e]{0,2000}?)(?:[?#][\x21-\x7e]*)? HTTP\/1\.[01]\r?\n/.exec(line)?.[1] ?? '/'
  )
}

/**
 * Fastify's `clientErrorHandler` option: errors of the HTTP parser (headers over the limit, a body
 * cut short, a request that is not HTTP) arrive on the raw socket with no request to answer, so the
 * whole HTTP/1.1 response is written here, with the same problem body as every other error.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const requestId = randomUUID()
  const answer = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST
  // Never the error object itself: Node attaches the raw request bytes (rawPacket), credentials included.
  this.log.info(
    { err: { code: error.code, message: error.message }, requestId, code: answer.code },
    'client error',
  )
  // Never write into a response that has already started (as Node's own handler does not).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(
      // Node hands over the raw bytes as a Buffer (Fastify's type says otherwise).
      buildProblem({ ...answer, instance: requestPath(error.rawPacket as unknown), requestId }),
    )
    socket.write(
      [
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`,
        `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${requestId}`,
        'cache-control: no-store',
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    )
  }
  socket.destroy(error)
}

/**
 * One error handler and one not-found handler for the whole app: every error becomes an RFC 9457
 * `application/problem+json` body with a stable `code`. Client mistakes keep their 4xx status and
 * say what was wrong and where; anything unexpected is logged in full and answered with a generic
 * 500 that shows no stack, SQL or driver message.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        return sendProblem(request, reply, error.statusCode, error.code, error.message, {
          title: error.title,
          errors: error.errors,
          headers: error.headers,
        })
      }
      // The engine's own errors (domain/ knows nothing of HTTP): an impossible plan is a 422 listing every issue.
      if (error instanceof PlanValidationError) {
        const count = error.issues.length
        return sendProblem(
          request,
          reply,
          422,
          'UNPROCESSABLE_PLAN',
          `The plan cannot be computed: ${count} problem${count === 1 ? '' : 's'}.`,
          {
            title: 'The request cannot be processed',
            errors: error.issues.map((issue) => ({
              in: 'body' as const,
              pointer: issue.pointer,
              code: issue.code,
              detail: issue.message,
            })),
          },
        )
      }
      if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
        const errors = validationIssues(error)
        const where = errors[0]?.in === 'body' ? 'request body' : `request ${errors[0]?.in ?? 'input'}`
        return sendProblem(
          request,
          reply,
          400,
          'VALIDATION_FAILED',
          `${errors.length} problem${errors.length === 1 ? '' : 's'} in the ${where}.`,
          { title: 'The request is not valid', errors },
        )
      }
      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
        return sendProblem(request, reply, 500, 'INTERNAL', 'The server failed to build its response.')
      }
      const unavailable = databaseUnavailable(error)
      if (unavailable) {
        request.log.warn({ err: error }, 'database unavailable')
        return sendProblem(request, reply, 503, 'SERVICE_UNAVAILABLE', unavailable, {
          headers: { 'retry-after': DATABASE_RETRY_AFTER_SECONDS },
        })
      }
      const prismaProblem = PRISMA_PROBLEMS[error.code]
      if (prismaProblem) {
        request.log.warn({ err: error }, 'database constraint')
        return sendProblem(request, reply, prismaProblem.status, prismaProblem.code, prismaProblem.detail)
      }
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        // Only documented codes reach clients: another library's own code becomes BAD_REQUEST.
        const named = FASTIFY_CODES[error.code] ?? error.code
        const code = named && isProblemCode(named) ? named : 'BAD_REQUEST'
        if (code === 'UNSUPPORTED_MEDIA_TYPE') return unsupportedMediaType(request, reply)
        return sendProblem(request, reply, status, code, error.message)
      }
      request.log.error({ err: error }, 'unhandled error')
      if (status === 503) {
        return sendProblem(
          request,
          reply,
          503,
          'SERVICE_UNAVAILABLE',
          'The service is temporarily unavailable.',
          {
            headers: { 'retry-after': '5' },
          },
        )
      }
      return sendProblem(request, reply, 500, 'INTERNAL', 'An unexpected error occurred.')
    })

    // A path that exists with other methods is a 405 with Allow; anything else is a 404.
    const routes: { pattern: RegExp; method: string }[] = []
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      const source = route.url
        .split('/')
        .map((part) =>
          part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')
      // OPTIONS (CORS preflight, on every path) says nothing about which methods a path supports.
      for (const method of methods)
        if (method !== 'OPTIONS') routes.push({ pattern: new RegExp(`^${source}/?$`), method })
    })
    const notFound = (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/'
      const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))]
      if (allowed.length > 0) {
        return sendProblem(
          request,
          reply,
          405,
          'METHOD_NOT_ALLOWED',
          `${request.method} is not supported on ${path}; use ${allowed.join(', ')}.`,
          { headers: { allow: allowed.join(', ') } },
        )
      }
      return sendProblem(request, reply, 404, 'NOT_FOUND', `No route ${request.method} ${path}.`)
    }
    // An unknown route is answered at once, before any other hook runs or its body is read.
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404) return notFound(request, reply)
    })
    app.setNotFoundHandler(notFound)
  },
  { name: 'errors', fastify: '5.x' },
)
