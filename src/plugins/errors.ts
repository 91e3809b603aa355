import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, type FieldIssue } from '../lib/errors.js'
import { PROBLEM_CONTENT_TYPE, type Problem, problemType } from '../lib/problem.js'

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  411: 'Length required',
  412: 'Precondition failed',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'The request cannot be processed',
  428: 'Precondition required',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  503: 'Service unavailable',
}

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
  P2025: { status: 404, code: 'NOT_FOUND', detail: 'The resource does not exist.' },
  P2034: {
    status: 409,
    code: 'WRITE_CONFLICT',
    detail: 'A concurrent change conflicted with this one; retry it.',
  },
  P1001: { status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'The database is not reachable.' },
  P1017: { status: 503, code: 'SERVICE_UNAVAILABLE', detail: 'The database closed the connection.' },
}

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
  const problem: Problem = {
    type: problemType(code),
    title: extra.title ?? TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0] ?? '/',
    code,
    requestId: request.id,
    ...(extra.errors && extra.errors.length > 0 ? { errors: [...extra.errors] } : {}),
  }
  if (extra.headers) reply.headers(extra.headers)
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem)
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

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
      const prismaProblem = PRISMA_PROBLEMS[error.code]
      if (prismaProblem) {
        request.log.warn({ err: error }, 'database constraint')
        return sendProblem(request, reply, prismaProblem.status, prismaProblem.code, prismaProblem.detail)
      }
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        const code =
          FASTIFY_CODES[error.code] ?? (error.code?.startsWith('FST_') ? 'BAD_REQUEST' : error.code)
        return sendProblem(request, reply, status, code ?? 'BAD_REQUEST', error.message)
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
