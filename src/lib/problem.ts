import { z } from 'zod'
import type { FieldIssue } from './errors.js'
import { PROBLEM_CODES } from './problem-codes.js'

/** Media type of every error body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** `type` URI of a problem code: stable, dereferenceable in the README's error table. */
export function problemType(code: string): string {
  return `urn:commit-planner:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

/** Title of each status we answer with, when the error does not bring its own. */
export const PROBLEM_TITLES: Readonly<Record<number, string>> = {
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

export const FieldIssueSchema = z
  .object({
    in: z.enum(['body', 'query', 'path', 'header']).describe('Which part of the request is wrong.'),
    pointer: z
      .string()
      .describe('RFC 6901 JSON pointer into that part, e.g. `/workloads/3/cacheablePrefixTokens`.'),
    code: z.string().describe('Stable machine-readable code of this issue.'),
    detail: z.string().describe('What is wrong, for people.'),
    row: z
      .number()
      .int()
      .optional()
      .describe('CSV bodies: the data row at fault (1 = the first row after the header, 0 = the header).'),
    line: z.number().int().optional().describe('CSV bodies: the line of the file that row starts on.'),
    column: z.string().optional().describe('CSV bodies: the column at fault, by its header.'),
    value: z
      .string()
      .optional()
      .describe('CSV bodies: the cell as sent, shortened, with characters that cannot be stored replaced.'),
  })
  .meta({ id: 'FieldIssue' })

/** RFC 9457 problem details, with our `code`, `requestId` and per-field `errors`. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the problem type.'),
    title: z.string().describe('Short summary of the problem type.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong in this occurrence.'),
    instance: z.string().describe('The request path.'),
    code: z.string().describe(
      `Stable machine-readable code, one of: ${Object.keys(PROBLEM_CODES)
        .map((code) => `\`${code}\``)
        .join(', ')}. New codes may be added; treat an unknown one by its HTTP status.`,
    ),
    requestId: z.string().describe('Quote it when asking for support; it is in our logs.'),
    errors: z
      .array(FieldIssueSchema)
      .optional()
      .describe('Every field-level issue found, when there are any.'),
  })
  .meta({
    id: 'Problem',
    example: {
      type: 'urn:commit-planner:problem:validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: '1 problem in the request body.',
      instance: '/v1/plans/preview',
      code: 'VALIDATION_FAILED',
      requestId: 'req-1a',
      errors: [
        {
          in: 'body',
          pointer: '/workloads/0/requestsPerMonth',
          code: 'invalid_type',
          detail: 'Expected a decimal string such as "1234.56", got a JSON number.',
        },
      ],
    },
  })

export type Problem = z.infer<typeof ProblemSchema>

/** What one problem says; the rest (type URI, default title) follows from it. */
export interface ProblemInit {
  status: number
  code: string
  detail: string
  /** The request path, without its query. */
  instance: string
  requestId: string
  title?: string | undefined
  errors?: readonly FieldIssue[] | undefined
}

/**
 * The one shape of every error body (RFC 9457 plus our `code`, `requestId` and `errors`), shared by
 * the error handler and the raw-socket answers given before Fastify has a request at all.
 */
export function buildProblem(init: ProblemInit): Problem {
  return {
    type: problemType(init.code),
    title: init.title ?? PROBLEM_TITLES[init.status] ?? 'Error',
    status: init.status,
    detail: init.detail,
    instance: init.instance,
    code: init.code,
    requestId: init.requestId,
    ...(init.errors && init.errors.length > 0 ? { errors: [...init.errors] } : {}),
  }
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field is invalid (see `errors[].pointer`).',
  401: 'No API key, or an unknown, revoked or expired one.',
  403: 'The API key lacks the scope this operation needs.',
  404: 'No such resource in your organization.',
  405: 'An empty or dot-segment (`.`, `..`) path parameter made the path another resource’s, which does not take this method (`Allow` lists the ones it does).',
  409: 'The request conflicts with the current state.',
  412: 'The `If-Match` ETag is stale: someone changed the resource since you read it.',
  413: 'The request body is too large.',
  414: 'A path parameter is longer than any identifier of this API (`URI_TOO_LONG`).',
  415: 'Unsupported Content-Type.',
  422: 'The request is well formed but describes something impossible.',
  428: 'This update needs an `If-Match` header with the ETag you read.',
  429: 'Too many requests; retry after `Retry-After` seconds.',
  500: 'Unexpected server error; quote `requestId` when reporting it.',
  503: 'Temporarily unavailable (overloaded, shutting down, or the database is unreachable); retry shortly.',
}

/** The documented meaning of an error status, as every operation's responses word it. */
export const problemDescription = (status: number): string => DESCRIPTIONS[status] ?? 'Error.'

/**
 * Response schemas for the given error statuses, for a route's `schema.response`, so every error a
 * route can produce is documented with the one problem shape.
 */
export function problemResponses(...statuses: number[]) {
  // Every authenticated operation can be a 400 (a malformed URL or unsafe text), a 401 and a 429.
  return publicProblemResponses(400, ...statuses, 401, 429)
}

/** Like {@link problemResponses}, for routes that need no API key (health probes). */
export function publicProblemResponses(...statuses: number[]) {
  const responses: Record<number, z.ZodType> = {}
  for (const status of [...statuses, 500]) {
    responses[status] = ProblemSchema.describe(problemDescription(status))
  }
  return responses
}
