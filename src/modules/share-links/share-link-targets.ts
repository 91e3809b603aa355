import { z } from 'zod'
import { type FieldIssue, UnprocessableError, ValidationError } from '../../lib/errors.js'
import { SHARE_LINK_LIMITS } from '../../lib/limits.js'
import { canonicalPath, canonicalQuery, RESERVED_QUERY_NAMES } from '../../lib/share-link-signature.js'
import type { ShareableRoute } from '../../plugins/shareable-routes.js'

/**
 * What a new share link points at: its `path` (query included) parsed, matched to a shareable route by the
 * app's router, and checked against that route's own schemas — so a link that could only fail is refused
 * when it is made, pointing at `/path`, rather than in a spreadsheet later.
 */

const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/

export const pathIssue = (code: string, detail: string): FieldIssue => ({
  in: 'body',
  pointer: '/path',
  code,
  detail,
})

/** Splits `path` into its canonical path and its parameters, or a 400 saying what is wrong. */
function parsePath(text: string): { path: string; entries: [string, string][] } {
  const at = text.indexOf('?')
  const rawPath = at < 0 ? text : text.slice(0, at)
  const rawQuery = at < 0 ? '' : text.slice(at + 1)
  if (!rawPath.startsWith('/') || text.includes('#')) {
    throw new ValidationError('The path is not valid.', [
      pathIssue(
        'invalid_path',
        'must be a path starting with `/` (no scheme, host or `#fragment`), e.g. `/v1/…`',
      ),
    ])
  }
  const path = canonicalPath(rawPath)
  if (path === null || BAD_PERCENT.test(rawQuery)) {
    throw new ValidationError('The path is not valid.', [
      pathIssue(
        'invalid_encoding',
        'has a malformed percent-encoding (`%` must be followed by two hex digits)',
      ),
    ])
  }
  const entries = [...new URLSearchParams(rawQuery)]
  const issues: FieldIssue[] = []
  const seen = new Set<string>()
  for (const [key] of entries) {
    if (RESERVED_QUERY_NAMES.has(key)) {
      issues.push(pathIssue('reserved_parameter', `'${key}' is added by the link itself; leave it out`))
    } else if (seen.has(key)) {
      issues.push(pathIssue('repeated_parameter', `parameter '${key}' is given twice; give it once`))
    }
    seen.add(key)
  }
  if (issues.length > 0) throw new ValidationError('The path’s parameters are not valid.', issues)
  return { path, entries }
}

/** Checks the path parameters and the query against the route's own schemas: a 400 at creation, not a broken link. */
function checkAgainstRoute(route: ShareableRoute, entries: [string, string][]) {
  const issues: FieldIssue[] = []
  const params = route.paramsSchema?.safeParse(route.params)
  if (params && !params.success) {
    for (const issue of params.error.issues) {
      issues.push(
        pathIssue('invalid_parameter', `path parameter '${String(issue.path[0])}': ${issue.message}`),
      )
    }
  }
  const schema = route.querySchema
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
  for (const [key] of entries) {
    if (!known.includes(key)) {
      issues.push(
        pathIssue(
          'unknown_parameter',
          known.length === 0
            ? `this resource takes no parameters; remove '${key}'`
            : `'${key}' is not a parameter of this resource (it takes ${known.map((k) => `'${k}'`).join(', ')})`,
        ),
      )
    }
  }
  if (issues.length === 0 && schema && entries.length > 0) {
    const query = schema.safeParse(Object.fromEntries(entries))
    if (!query.success) {
      for (const issue of query.error.issues) {
        issues.push(pathIssue('invalid_parameter', `parameter '${String(issue.path[0])}': ${issue.message}`))
      }
    }
  }
  if (issues.length > 0) throw new ValidationError('The path does not name a valid request.', issues)
  return known
}

/** A link's target: its canonical path, the route it reaches, and its parameters (`format` settled). */
export interface ShareTarget {
  path: string
  route: ShareableRoute
  params: [string, string][]
}

/**
 * Resolves `body.path` (and the `format` shorthand) to a target, or a 400 (not a request the route accepts)
 * or 422 (no shareable route there). A route with a `format` parameter is shared as `csv` unless told
 * otherwise: a spreadsheet's fetch sends no `Accept` header, so the URL must say it.
 */
export function resolveTarget(
  routes: { shareableRoute(path: string): ShareableRoute | null },
  body: { path: string; format?: string | undefined },
): ShareTarget {
  const { path, entries } = parsePath(body.path)
  const route = routes.shareableRoute(path)
  if (!route) {
    throw new UnprocessableError('The path is not a resource a share link can open.', [
      pathIssue(
        'not_shareable',
        'must be the path of a GET operation that allows share links: the description of `path` in ' +
          '`POST /v1/share-links` (/docs) lists them',
      ),
    ])
  }
  const known = checkAgainstRoute(route, entries)
  const given = entries.find(([key]) => key === 'format')?.[1]
  if (body.format !== undefined) {
    if (!known.includes('format')) {
      throw new ValidationError('This resource has no format to choose.', [
        { in: 'body', pointer: '/format', code: 'not_applicable', detail: 'leave it out for this resource' },
      ])
    }
    if (given !== undefined && given !== body.format) {
      throw new ValidationError('The format is given twice, differently.', [
        { in: 'body', pointer: '/format', code: 'conflict', detail: `the path says format=${given}` },
      ])
    }
  }
  const format = body.format ?? given ?? (known.includes('format') ? 'csv' : undefined)
  const params = entries.filter(([key]) => key !== 'format')
  if (format !== undefined) params.push(['format', format])
  if (format !== given) checkAgainstRoute(route, params)
  // Encoding once may lengthen what was sent (`é` is `%C3%A9`): what is stored must still fit.
  if (
    path.length > SHARE_LINK_LIMITS.maxPathLength ||
    canonicalQuery(params).length > SHARE_LINK_LIMITS.maxPathLength
  ) {
    throw new ValidationError('The path is too long.', [
      pathIssue(
        'too_long',
        `must be at most ${SHARE_LINK_LIMITS.maxPathLength} characters once percent-encoded`,
      ),
    ])
  }
  return { path, route, params }
}
