import { randomUUID } from 'node:crypto'
import { maxHeaderSize, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { databaseUnavailable } from '../db/unavailable.js'
import { PlanValidationError } from '../domain/errors.js'
import { AppError, type FieldIssue } from '../lib/errors.js'
import { fieldHint, type IssueKind } from '../lib/field-messages.js'
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

/** One entry of a Fastify validation error, as the zod type provider writes it (on either thread). */
export interface ValidationEntry {
  /** The zod issue's code (`invalid_type`, `too_big`…), kept as `errors[].code`. */
  keyword?: string
  instancePath?: string
  /** The zod issue's message: our schema's own wording, or zod's default. */
  message?: string
  /** The zod issue's other members (`expected`, `maximum`, `values`, `keys`, `format`, `errors`…). */
  params?: Record<string, unknown>
}

// zod's own wording, for deciding whether a message was written by one of our schemas (kept) or is zod's
// default (replaced). The input is not kept in an issue, so an invalid_type's default cannot be rebuilt: its
// shape is matched instead — and it is also the only place that says what was sent ("received undefined").
const zodWording = z.locales.en().localeError
const ZOD_INVALID_TYPE = /^Invalid input: expected (\S+), received (\S+)$/
// Belt and braces: zod's English messages all open so (our schemas' own open in lower case).
const ZOD_OPENING = /^(Invalid|Too big|Too small|Unrecognized)\b/

/** True when `entry`'s message is zod's default wording rather than one of our schemas' own. */
function isZodDefault(entry: ValidationEntry): boolean {
  const message = entry.message
  if (message === undefined || message === '' || ZOD_OPENING.test(message)) return true
  if (entry.keyword === 'invalid_type') return ZOD_INVALID_TYPE.test(message)
  const issue = { code: entry.keyword, ...entry.params } as Parameters<typeof zodWording>[0]
  try {
    const wording = zodWording(issue)
    return message === (typeof wording === 'string' ? wording : wording?.message)
  } catch {
    // An issue zod's wording cannot describe is not one of zod's own.
    return false
  }
}

/** What was sent, per zod's parsed type, in our words. */
const SENT: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  nan: 'NaN',
  NaN: 'NaN',
  bigint: 'a number',
}

/** What is wanted, per zod's expected type, in our words. */
const WANTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  bigint: 'a whole number',
  date: 'a date',
}

/** A value of an enum or literal, as a reader writes it: strings quoted. */
const shown = (value: unknown) => (typeof value === 'string' ? `'${value}'` : String(value))

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** The wanted and sent types of an invalid_type entry, when its message is zod's default. */
function typesOf(entry: ValidationEntry): { wanted: string; sent: string } | undefined {
  const match = ZOD_INVALID_TYPE.exec(entry.message ?? '')
  return match ? { wanted: match[1]!, sent: match[2]! } : undefined
}

/** The path of a union alternative's issue below the union's own pointer. */
function pathOf(entry: ValidationEntry): string[] {
  const path = entry.params?.path
  return Array.isArray(path) ? path.map(String) : []
}

/** A union's alternatives, each the issues zod found against it (`params.errors`). */
function alternativesOf(entry: ValidationEntry): ValidationEntry[][] {
  const errors = entry.params?.errors
  if (!Array.isArray(errors)) return []
  return errors.map((issues) =>
    (Array.isArray(issues) ? issues : []).map((issue: Record<string, unknown>) => ({
      keyword: typeof issue.code === 'string' ? issue.code : undefined,
      message: typeof issue.message === 'string' ? issue.message : undefined,
      params: issue,
    })),
  )
}

const limitOf = (value: unknown) => String(value)

/** A too_big / too_small entry in words: "must be at most 120", "may have at most 3 items". */
function sizeWords(entry: ValidationEntry, big: boolean): string {
  const p = entry.params ?? {}
  const limit = limitOf(big ? p.maximum : p.minimum)
  const exact = p.exact === true
  const inclusive = p.inclusive !== false
  switch (p.origin) {
    case 'string':
      if (exact) return `must be exactly ${limit} characters long`
      if (!big && limit === '1') return 'must not be empty'
      return `must be ${big ? 'at most' : 'at least'} ${limit} characters long`
    case 'array':
    case 'set':
      if (exact) return `must have exactly ${limit} items`
      if (!big && limit === '1') return 'needs at least one item'
      return big ? `may have at most ${limit} items` : `needs at least ${limit} items`
    default:
      if (big) return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`
      return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`
  }
}

const FORMATS: Readonly<Record<string, string>> = {
  date: 'must be a date, YYYY-MM-DD',
  datetime: 'must be an ISO date-time with Z or an offset, e.g. 2027-01-01T00:00:00Z',
  uuid: 'must be a UUID',
  guid: 'must be a UUID',
  email: 'must be an email address',
  url: 'must be a URL',
}

/**
 * The plain wording of one validation issue by its kind, and the kind. Our schemas' own messages (decimal
 * strings, dates, slugs) are kept; zod's default wording never is: each kind gets a sentence of ours.
 */
function plainWording(entry: ValidationEntry): { kind: IssueKind; detail: string } {
  const ours = isZodDefault(entry) ? undefined : entry.message
  const p = entry.params ?? {}
  switch (entry.keyword) {
    case 'invalid_type': {
      const types = typesOf(entry)
      if (types?.sent === 'undefined') return { kind: 'missing', detail: 'is required' }
      // Our decimal schemas word a missing value themselves.
      if (ours) return { kind: ours === 'is required' ? 'missing' : 'type', detail: ours }
      const wanted = WANTED[types?.wanted ?? String(p.expected)] ?? 'of another type'
      const sent = types ? SENT[types.sent] : undefined
      if (types?.wanted === 'int' && types.sent === 'number')
        return { kind: 'type', detail: 'must be a whole number' }
      return { kind: 'type', detail: `must be ${wanted}${sent ? `, not ${sent}` : ''}` }
    }
    case 'invalid_union': {
      const alternatives = alternativesOf(entry)
      const missing =
        alternatives.length > 0 &&
        alternatives.every((issues) => issues.some((issue) => typesOf(issue)?.sent === 'undefined'))
      if (missing) return { kind: 'missing', detail: 'is required' }
      if (ours) return { kind: 'type', detail: ours }
      // An alternative whose shape fit, with a member wrong (`{ "batch": "x" }` for a per-lever setting): that
      // member is what to fix.
      const inner = alternatives.find(
        (issues) => issues.length > 0 && issues.every((issue) => pathOf(issue).length > 0),
      )?.[0]
      if (inner) {
        const { kind, detail } = plainWording(inner)
        return { kind, detail: `'${pathOf(inner).join('/')}' ${detail}` }
      }
      // Each alternative in a few words: what its type wants, or its own wording ("must be …").
      const pieces = alternatives.map((issues) => {
        const [first] = issues
        if (!first) return undefined
        const types = typesOf(first)
        if (first.keyword === 'invalid_type' && types) return WANTED[types.wanted]
        if (first.keyword === 'invalid_type' && first.params?.expected !== undefined)
          return WANTED[String(first.params.expected)]
        return !isZodDefault(first) && first.message?.startsWith('must be ')
          ? first.message.slice(8)
          : undefined
      })
      if (pieces.length > 0 && pieces.every((piece) => piece !== undefined)) {
        // "a whole number or a number" says no more than "a number".
        const distinct = [...new Set(pieces)].filter(
          (piece, _, all) => !(piece === WANTED.int && all.includes(WANTED.number!)),
        )
        const joined = distinct.some((piece) => piece.includes(' or '))
          ? distinct.join(', or ')
          : orList(distinct)
        return { kind: 'type', detail: `must be ${joined}` }
      }
      return { kind: 'other', detail: 'matches none of the forms this field takes' }
    }
    case 'too_big':
    case 'too_small':
      return { kind: 'range', detail: ours ?? sizeWords(entry, entry.keyword === 'too_big') }
    case 'invalid_value': {
      if (ours) return { kind: 'option', detail: ours }
      const values = Array.isArray(p.values) ? p.values.map(shown) : []
      if (values.length <= 2) return { kind: 'option', detail: `must be ${orList(values)}` }
      return { kind: 'option', detail: `must be one of ${orList(values)}` }
    }
    case 'invalid_format': {
      if (ours) return { kind: 'format', detail: ours }
      const format = String(p.format)
      if (format === 'starts_with') return { kind: 'format', detail: `must start with '${String(p.prefix)}'` }
      if (format === 'ends_with') return { kind: 'format', detail: `must end with '${String(p.suffix)}'` }
      if (format === 'includes') return { kind: 'format', detail: `must contain '${String(p.includes)}'` }
      return { kind: 'format', detail: FORMATS[format] ?? 'is not written in the form this field takes' }
    }
    case 'not_multiple_of':
      return { kind: 'range', detail: ours ?? `must be a multiple of ${String(p.divisor)}` }
    case 'invalid_key':
      return { kind: 'other', detail: ours ?? 'has a key this field does not take' }
    case 'invalid_element':
      return { kind: 'other', detail: ours ?? 'holds a value this field does not take' }
    default:
      return { kind: 'other', detail: ours ?? 'is not valid' }
  }
}

/** The field a pointer ends in (RFC 6901 token unescaped), or '' for the whole part. */
function lastField(pointer: string): string {
  const token = pointer.slice(pointer.lastIndexOf('/') + 1)
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}

/** `detail`, followed by the field's hint from the table when it has one for this kind. */
function withHint(detail: string, field: string, kind: IssueKind, route: string | undefined): string {
  const hint = fieldHint(field, kind, route)
  return hint ? `${detail}; ${hint}` : detail
}

/**
 * The `errors[]` of a validation error: one entry per issue (per unknown key), with the pointer and code the
 * issue has always had and a `detail` in our own words (see {@link plainWording}) plus the field's hint. The
 * same for a route's own validation and for the plan preview's, which runs on a worker thread and comes back
 * as the same entries (without the zod provider's marker, which does not cross threads).
 */
export function validationIssues(
  error: Pick<FastifyError, 'validation' | 'validationContext'>,
  route?: string,
): FieldIssue[] {
  const where = LOCATIONS[error.validationContext ?? 'body'] ?? 'body'
  return ((error.validation ?? []) as ValidationEntry[]).flatMap((v) => {
    const keys = v.params?.keys
    // RFC 6901: the whole document is the empty pointer, not "/".
    const pointer = v.instancePath === '/' ? '' : v.instancePath || ''
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key: string) => ({
        in: where,
        pointer: `${pointer}/${escapePointer(key)}`,
        code: 'unrecognized_key',
        detail: withHint(`unknown field '${key}'`, key, 'unknown', route),
      }))
    }
    const { kind, detail } = plainWording(v)
    return [
      {
        in: where,
        pointer,
        code: String(v.keyword ?? 'invalid'),
        detail: withHint(detail, lastField(pointer), kind, route),
      },
    ]
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
        const errors = validationIssues(error, request.routeOptions.url)
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
