import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { type AuthContext, type RouteAuth, requiredScope } from '../lib/auth-context.js'
import { ForbiddenError, UnauthorizedError } from '../lib/errors.js'
import { allows } from '../lib/scopes.js'

export interface AuthOptions {
  /** Resolves a presented secret to its key's context, or null (unknown, revoked, expired, malformed). */
  authenticate(secret: string): Promise<AuthContext | null>
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
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    app.decorateRequest('auth', null)

    app.addHook('onRequest', async (request, reply) => {
      const policy = request.routeOptions.config.auth
      if (policy === 'none') return
      // Unknown routes never get here (the errors plugin answers them first) and every route declares a
      // policy (route-policy checks at start-up); should one still lack it, refuse rather than serve it.
      if (policy === undefined) throw new UnauthorizedError()
      const scope = requiredScope(policy)
      await app.limits.authFailures.check(request)
      const secret = presentedSecret(request)
      const auth = secret ? await opts.authenticate(secret) : null
      if (!auth) {
        await app.limits.authFailures.hit(request, reply)
        throw new UnauthorizedError(secret ? 'The API key is not valid.' : undefined)
      }
      request.auth = auth
      await app.limits.perKey.hit(request, reply)
      if (scope && !allows(auth.scopes, scope)) {
        throw new ForbiddenError(`This operation needs an API key with the '${scope}' scope.`)
      }
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['errors', 'route-policy', 'rate-limit'] },
)
