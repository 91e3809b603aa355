import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ForbiddenError, UnauthorizedError } from '../lib/errors.js'
import { allows, type Scope } from '../lib/scopes.js'
import { digestsEqual, hashSecret, passesChecksum } from '../modules/api-keys/api-key-secret.js'

/** Who is calling: resolved from the API key, never from the request's content. */
export interface AuthContext {
  organizationId: string
  apiKeyId: string
  scopes: readonly string[]
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null
  }
  interface FastifyContextConfig {
    /** Scope the route needs; defaults to `read` for GET/HEAD and `write` otherwise. */
    scope?: Scope
  }
}

const PROTECTED_PREFIX = '/v1/'

/** `lastUsedAt` is kept to the minute: precise enough to find unused keys, cheap enough for every request. */
const LAST_USED_RESOLUTION_MS = 60_000

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
 * API-key authentication and scope checks for every `/v1` route. The organization of every request
 * comes from its key, so no route can be pointed at another tenant's data. Unknown, revoked and
 * expired keys are all the same 401 (no oracle for which keys exist).
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('auth', null)
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith(PROTECTED_PREFIX) || request.routeOptions.url === undefined) return
      const secret = presentedSecret(request)
      if (!secret) throw new UnauthorizedError()
      if (!passesChecksum(secret)) throw new UnauthorizedError('The API key is not valid.')
      const hash = hashSecret(secret)
      const key = await app.db.prisma.apiKey.findUnique({
        where: { secretHash: hash },
        select: {
          id: true,
          organizationId: true,
          scopes: true,
          secretHash: true,
          revokedAt: true,
          expiresAt: true,
          lastUsedAt: true,
        },
      })
      const now = new Date()
      if (
        !key ||
        !digestsEqual(key.secretHash, hash) ||
        key.revokedAt ||
        (key.expiresAt && key.expiresAt <= now)
      ) {
        throw new UnauthorizedError('The API key is not valid.')
      }
      const method = request.method
      const required: Scope =
        request.routeOptions.config.scope ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write')
      if (!allows(key.scopes, required)) {
        throw new ForbiddenError(`This operation needs an API key with the '${required}' scope.`)
      }
      // Keep lastUsedAt meaningful (people audit stale keys with it) at one write per key per minute at most.
      if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await app.db.prisma.apiKey.updateMany({
          where: {
            id: key.id,
            OR: [
              { lastUsedAt: null },
              { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
            ],
          },
          data: { lastUsedAt: now },
        })
      }
      request.auth = { organizationId: key.organizationId, apiKeyId: key.id, scopes: key.scopes }
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['db', 'errors'] },
)

/** The caller's auth context on a protected route (the auth hook guarantees it is set). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError()
  return request.auth
}
