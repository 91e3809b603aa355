/**
 * Errors the service raises on purpose. Each carries an HTTP status and a stable machine-readable
 * `code`; the error-handler plugin turns every one of them into an RFC 9457 problem.
 */

/** One field-level problem: where (a JSON pointer into the request part) and what. */
export interface FieldIssue {
  /** Which part of the request: body, query, path parameters or headers. */
  in: 'body' | 'query' | 'path' | 'header'
  /** RFC 6901 JSON pointer into that part, e.g. `/workloads/3/cacheablePrefixTokens`. */
  pointer: string
  code: string
  detail: string
  /** A CSV body's data row at fault (1 = the first row after the header; 0 = the header itself). */
  row?: number
  /** The line of the file that row starts on (1 = the header's line). */
  line?: number
  /** A CSV body's column at fault, by its header. */
  column?: string
  /** The cell as sent, cut to a few dozen characters, with characters that cannot be stored replaced. */
  value?: string
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors?: readonly FieldIssue[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail)
    this.name = new.target.name
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: readonly FieldIssue[], code = 'VALIDATION_FAILED') {
    super(400, code, 'The request is not valid', detail, errors)
  }
}

/** The request is well formed but describes something impossible (unknown model, prefix > input…). */
export class UnprocessableError extends AppError {
  constructor(detail: string, errors: readonly FieldIssue[], code = 'UNPROCESSABLE') {
    super(422, code, 'The request cannot be processed', detail, errors)
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid API key is required (Authorization: Bearer <key> or X-API-Key).') {
    super(401, 'UNAUTHENTICATED', 'Authentication required', detail, undefined, {
      'www-authenticate': 'Bearer realm="commit-planner"',
    })
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super(403, 'FORBIDDEN', 'Not allowed', detail)
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, 'NOT_FOUND', 'Not found', `${what} '${id}' does not exist.`)
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, code = 'CONFLICT') {
    super(409, code, 'Conflict', detail)
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail: string) {
    super(412, 'PRECONDITION_FAILED', 'Precondition failed', detail)
  }
}

export class PreconditionRequiredError extends AppError {
  constructor(detail: string) {
    super(428, 'PRECONDITION_REQUIRED', 'Precondition required', detail)
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string, retryAfterSeconds = 5) {
    super(503, 'SERVICE_UNAVAILABLE', 'Service unavailable', detail, undefined, {
      'retry-after': String(retryAfterSeconds),
    })
  }
}
