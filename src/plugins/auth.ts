import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { type AuthContext, requiredScope } from '../lib/auth-context.js'
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

/**
 * API-key authentication and scope checks, decided by the matched route's declared policy
 * (`config.auth`), never by the URL: an encoded or aliased path reaches the same route and the same
 * check, and an unknown route never gets here (the errors plugin answers it first). Every route must
 * declare a policy; one without is refused when the app starts.
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

    const routes: RouteOptions[] = []
    app.addHook('onRoute', (route) => {
      routes.push(route)
    })
    // Checked once every plugin's onRoute hooks have run (some set the policy of their own routes).
    app.addHook('onReady', async () => {
      const missing = routes.filter((route) => route.config?.auth === undefined)
      if (missing.length > 0) {
        throw new Error(
          `Routes without an auth policy (config.auth): ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`,
        )
      }
    })

    app.addHook('onRequest', async (request, reply) => {
      const policy = request.routeOptions.config.auth
      if (policy === undefined || policy === 'none') return
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
  { name: 'auth', fastify: '5.x', dependencies: ['errors', 'rate-limit'] },
)
