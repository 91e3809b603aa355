/**
 * Every `code` an error response of this service can carry, with the HTTP statuses it is sent with
 * and one line saying what it means. This is the one registry of problem codes: the README's error
 * table and the OpenAPI `Problem` schema are meant to be built from it, and the HTTP fuzzer
 * (`test/integration/fuzz.test.ts`) fails on any error response whose code is not listed here, or
 * is sent with a status not listed for it. A new code is added here first.
 */
export const PROBLEM_CODES = {
  // 400 — the request itself is malformed.
  VALIDATION_FAILED: {
    statuses: [400],
    description: 'A field is missing, of the wrong type or out of range; `errors[]` points at each one.',
  },
  MALFORMED_JSON: { statuses: [400], description: 'The body is not valid JSON.' },
  EMPTY_JSON_BODY: { statuses: [400], description: 'The Content-Type says JSON but the body is empty.' },
  INVALID_CONTENT_LENGTH: {
    statuses: [400],
    description: 'The Content-Length header is not valid or does not match the body.',
  },
  INVALID_URL: { statuses: [400], description: 'The path has a malformed percent-encoding.' },
  INCOMPLETE_REQUEST: {
    statuses: [400],
    description: 'The connection closed before the whole request arrived.',
  },
  MALFORMED_REQUEST: { statuses: [400], description: 'The request is not valid HTTP/1.1.' },
  BAD_REQUEST: { statuses: [400], description: 'The request is malformed in some other way.' },
  // 401, 403, 404, 405 — who may do what, where.
  UNAUTHENTICATED: { statuses: [401], description: 'No API key, or an unknown, revoked or expired one.' },
  FORBIDDEN: {
    statuses: [403],
    description: 'The API key lacks the scope this operation needs, or the resource is read-only.',
  },
  SHARE_LINK_INVALID: {
    statuses: [403],
    description:
      'The share link is not valid: unknown, altered (signature, path or any parameter), or signed with a retired secret.',
  },
  SHARE_LINK_EXPIRED: { statuses: [403], description: 'The share link has expired; ask for a new one.' },
  SHARE_LINK_REVOKED: {
    statuses: [403],
    description: 'The share link was revoked, or the API key that made it was revoked or has expired.',
  },
  NOT_FOUND: { statuses: [404], description: 'No such route, or no such resource in your organization.' },
  METHOD_NOT_ALLOWED: {
    statuses: [405],
    description: 'The path exists but not with this method; `Allow` lists the methods it has.',
  },
  // 408, 409 — timing and state.
  REQUEST_TIMEOUT: { statuses: [408], description: 'The request did not arrive in time.' },
  CONFLICT: { statuses: [409], description: 'The request conflicts with the current state.' },
  SLUG_TAKEN: { statuses: [409], description: 'Another price book of your organization has this slug.' },
  IN_USE: { statuses: [409], description: 'The resource is still referenced (a book used by scenarios).' },
  NAME_TAKEN: {
    statuses: [409],
    description: 'Another resource of the same collection already has this name (names are unique there).',
  },
  ARCHIVED: {
    statuses: [409],
    description: 'The portfolio is archived (it was deleted while scenarios existed) and is read-only.',
  },
  PLAN_COMPUTING: {
    statuses: [409],
    description: 'Another request is computing this plan right now and took too long; retry shortly.',
  },
  WRITE_CONFLICT: { statuses: [409], description: 'A concurrent change conflicted with this one; retry it.' },
  IDEMPOTENCY_IN_PROGRESS: {
    statuses: [409],
    description: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  // 412–431 — preconditions and sizes.
  PRECONDITION_FAILED: {
    statuses: [412],
    description: 'The If-Match ETag is stale or names another resource; nothing was changed.',
  },
  PAYLOAD_TOO_LARGE: {
    statuses: [413],
    description: 'The request body is larger than this operation accepts.',
  },
  URI_TOO_LONG: { statuses: [414], description: 'The URL, or one of its path parameters, is too long.' },
  UNSUPPORTED_MEDIA_TYPE: {
    statuses: [415],
    description: 'The Content-Type is not one this operation reads.',
  },
  UNPROCESSABLE: {
    statuses: [422],
    description: 'The request is well formed but describes something impossible (an unknown book).',
  },
  UNPROCESSABLE_PLAN: {
    statuses: [422],
    description: 'The planning engine cannot compute this portfolio; `errors[]` says why.',
  },
  PLAN_TOO_LARGE: { statuses: [422], description: 'The plan exceeds the limits of one computation.' },
  TOO_MANY_WORKLOADS: {
    statuses: [422],
    description: 'The portfolio would hold more workloads than one plan can compute.',
  },
  INVALID_CSV: {
    statuses: [422],
    description:
      'The CSV file cannot be read as the table this operation takes (not UTF-8, broken quoting, unknown, ' +
      'missing or repeated headers, too many rows or columns); `errors[]` says where. Nothing was written.',
  },
  INVALID_ROWS: {
    statuses: [422],
    description:
      'Rows of the CSV file are not valid; `errors[]` names each row, column and value, and what to fix. ' +
      'Nothing was written.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    statuses: [422],
    description: 'This Idempotency-Key was already used with a different request.',
  },
  PRECONDITION_REQUIRED: {
    statuses: [428],
    description: 'The update needs an If-Match header with the ETag you read.',
  },
  RATE_LIMITED: { statuses: [429], description: 'Too many requests; retry after `Retry-After` seconds.' },
  CONCURRENCY_LIMITED: {
    statuses: [429],
    description: 'This API key already has as many plan computations running or queued as it may.',
  },
  HEADERS_TOO_LARGE: { statuses: [431], description: 'The request line and headers are too large.' },
  // 5xx — ours, or the moment's.
  INTERNAL: { statuses: [500], description: 'Unexpected server error; quote `requestId` when reporting it.' },
  SERVICE_UNAVAILABLE: {
    statuses: [503],
    description: 'Temporarily unavailable: shutting down, or the database is unreachable.',
  },
  DEADLINE_EXCEEDED: {
    statuses: [503],
    description: 'The computation did not finish within its deadline and was stopped; retry or send less.',
  },
  OVERLOADED: {
    statuses: [503],
    description:
      'The instance is overloaded (event-loop delay, memory, or every plan worker busy); retry shortly.',
  },
} as const satisfies Record<string, { statuses: readonly number[]; description: string }>

/** A documented problem code. */
export type ProblemCode = keyof typeof PROBLEM_CODES

/** True when `code` is a documented problem code. */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code)
}
