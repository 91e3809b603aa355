import type { FastifyRequest } from 'fastify'
import { UnauthorizedError } from './errors.js'
import type { Scope } from './scopes.js'

/** Who is calling: resolved from the API key, never from the request's content. */
export interface AuthContext {
  organizationId: string
  apiKeyId: string
  /** The key's name, as history records who made a change. */
  apiKeyName: string
  scopes: readonly string[]
  /**
   * Set when the request came through a share link instead of a key: the context is then the link's
   * organization with the `read` scope only, `apiKeyId` is the key that made the link, and the request is
   * rate-limited per link.
   */
  shareLinkId?: string
}

/**
 * How a route is authenticated, declared in its route config (`config: { auth: … }`). The auth and
 * rate-limit hooks read the *matched route's* policy, never the URL, so an encoded path, an alias or
 * an unknown route cannot slip past: a route without a policy is refused at registration.
 * - `{ apiKey: scope }` — an API key holding at least that scope;
 * - `{ apiKey: 'read', signedLink: true }` — also reachable without a key through a signed share link
 *   (`POST /v1/share-links`): a read-only GET a spreadsheet pulls (CSV tables, the workbook, the report).
 *   A request that sends no key but the link's `link`, `exp` and `sig` query parameters is verified
 *   instead (signature over method, path, organization, link, parameters and expiry; expiry; revocation,
 *   read from the database), those three parameters are removed before the route's own query validation,
 *   and the route runs with a `read` context of the link's organization. Only GET routes can be shared;
 *   a route whose path has an id parameter the link service cannot check (`SHARE_LINK_RESOLVABLE_PARAMS`),
 *   or whose query uses one of the link's parameter names, stops the start-up;
 * - `'none'` — public (health probes, the OpenAPI document, Swagger UI).
 */
export type RouteAuth = { apiKey: Scope; signedLink?: true } | 'none'

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null
  }
  interface FastifyContextConfig {
    /** Authentication policy of the route; required on every route (see {@link RouteAuth}). */
    auth?: RouteAuth
  }
}

/** The scope a policy needs, or null for a public route. */
export function requiredScope(policy: RouteAuth): Scope | null {
  return policy === 'none' ? null : policy.apiKey
}

/** The caller's auth context on a protected route (the auth hook guarantees it is set). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError()
  return request.auth
}
