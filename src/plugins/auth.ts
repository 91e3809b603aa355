import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { type AuthContext, type RouteAuth, requiredScope } from '../lib/auth-context.js'
import { AppError, ForbiddenError, UnauthorizedError } from '../lib/errors.js'
import { allows } from '../lib/scopes.js'
import { LINK_PARAMS, type PresentedLink, presentedLink } from '../lib/share-link-signature.js'

export interface AuthOptions {
  /** Resolves a presented secret to its key's context, or null (unknown, revoked, expired, malformed). */
  authenticate(secret: string): Promise<AuthContext | null>
  /**
   * Verifies a share link's parameters on a route that allows links: the link's read-only context, or a
   * 403 problem (thrown). Without it, every link is refused.
   */
  verifyShareLink?(
    request: { method: string; url: string; query: unknown },
    link: PresentedLink,
  ): Promise<AuthContext>
}

/** What every answer through a share link carries: never cached, never passed on as a Referer. */
const LINK_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } as const

/** The route's own validation never sees the link's parameters (it would refuse a strict query otherwise). */
function withoutLinkParams(request: FastifyRequest) {
  const query = { ...(request.query as Record<string, unknown>) }
  for (const name of Object.values(LINK_PARAMS)) delete query[name]
  request.query = query
}

function presentedSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    return match?.[1] ?? null
  }
  const apiKey = request.headers['x-api-key']
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : null
}

/** One route of the app and the auth policy it declares. */
export interface RouteEntry {
  method: string
  url: string
  auth: RouteAuth | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route (one entry per method) with its declared auth policy; complete once the app is ready. */
    routeInventory(): RouteEntry[]
  }
}

/**
 * Records every route from the first one on — register it before any plugin that adds routes — and,
 * once every plugin's onRoute hooks have run (some set the policy of their own routes), refuses to start
 * when a route declares no auth policy. The record is the app's route inventory (tests derive their
 * tenant and scope matrices from it).
 */
export const routePolicyPlugin = fp(
  async (app: FastifyInstance) => {
    const routes: RouteOptions[] = []
    app.addHook('onRoute', (route) => {
      routes.push(route)
    })
    app.addHook('onReady', async () => {
      const missing = routes.filter((route) => route.config?.auth === undefined)
      if (missing.length > 0) {
        throw new Error(
          `Routes without an auth policy (config.auth): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
        )
      }
    })
    app.decorate('routeInventory', () =>
      routes.flatMap((route) =>
        (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({
          method,
          url: route.url,
          auth: route.config?.auth,
        })),
      ),
    )
  },
  { name: 'route-policy', fastify: '5.x' },
)

/**
 * API-key authentication and scope checks, decided by the matched route's declared policy
 * (`config.auth`), never by the URL: an encoded or aliased path reaches the same route and the same
 * check, and an unknown route never gets here (the errors plugin answers it first).
 *
 * Order, all at `onRequest`, before the body is read: a client address with too many failed
 * authentications is refused (429) without database work; a missing or malformed key is a 401 without
 * database work; then the key is looked up, its request is counted against its rate limit, and its
 * scope is checked. The organization of every request comes from its key, so no route can be pointed
 * at another tenant's data. Unknown, revoked and expired keys are all the same 401.
 *
 * On a route whose policy allows share links (`signedLink: true`), a request without a key that carries a
 * link's `link`/`exp`/`sig` parameters is verified by `verifyShareLink` instead (a refusal is a 403 and
 * counts as a failed authentication); it then runs with the link's read-only context, counted against the
 * link's own rate limit, and its answer — refusals included — is sent `Cache-Control: no-store` and
 * `Referrer-Policy: no-referrer`. The link's parameters are removed from the query either way, before the
 * route validates it.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    app.decorateRequest('auth', null)
    const throughLinks = new WeakSet<FastifyRequest>()

    /** A request with no key but a link's parameters, on a route that allows links. */
    async function authenticateLink(request: FastifyRequest, reply: FastifyReply, link: PresentedLink) {
      throughLinks.add(request)
      reply.headers(LINK_HEADERS)
      try {
        if (!opts.verifyShareLink) throw new ForbiddenError('Share links are not enabled.')
        return await opts.verifyShareLink(request, link)
      } catch (error) {
        // A refused link counts as a failed authentication: guessing signatures stops as guessing keys does.
        if (error instanceof AppError && error.statusCode === 403)
          await app.limits.authFailures.hit(request, reply)
        throw error
      }
    }

    app.addHook('onRequest', async (request, reply) => {
      const policy = request.routeOptions.config.auth
      if (policy === 'none') return
      // Unknown routes never get here (the errors plugin answers them first) and every route declares a
      // policy (route-policy checks at start-up); should one still lack it, refuse rather than serve it.
      if (policy === undefined) throw new UnauthorizedError()
      const scope = requiredScope(policy)
      await app.limits.authFailures.check(request)
      const secret = presentedSecret(request)
      const link = policy.signedLink ? presentedLink(request.query) : null
      // A key, when one is sent, is the credential; the link's parameters are verified (they are read before
      // they are removed: the signature covers the query around them) only without one.
      const auth =
        link && !secret
          ? await authenticateLink(request, reply, link)
          : secret
            ? await opts.authenticate(secret)
            : null
      if (link) withoutLinkParams(request)
      if (!auth) {
        await app.limits.authFailures.hit(request, reply)
        throw new UnauthorizedError(secret ? 'The API key is not valid.' : undefined)
      }
      request.auth = auth
      // A link's requests count against the link (`shareLinkId`), not the key that made it.
      await app.limits.perKey.hit(request, reply)
      if (scope && !allows(auth.scopes, scope)) {
        throw new ForbiddenError(`This operation needs an API key with the '${scope}' scope.`)
      }
    })

    // Again when the answer is sent, over anything the route set: a link's answer is never kept by a cache.
    app.addHook('onSend', async (request, reply) => {
      if (throughLinks.has(request)) reply.headers(LINK_HEADERS)
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['errors', 'route-policy', 'rate-limit'] },
)
