import { randomUUID } from 'node:crypto'
import { type AuthContext, requiredScope } from '../../lib/auth-context.js'
import { AppError, ForbiddenError, NotFoundError, UnprocessableError } from '../../lib/errors.js'
import { decodeCursor, type PageQuery, toPage } from '../../lib/pagination.js'
import { allows } from '../../lib/scopes.js'
import {
  canonicalPath,
  canonicalQuery,
  LINK_PARAMS,
  type PresentedLink,
  resourceParams,
  type SigningSecrets,
  sign,
  verifySignature,
} from '../../lib/share-link-signature.js'
import type { Created } from '../../lib/write-route.js'
import type { ShareableRoute } from '../../plugins/shareable-routes.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import type { PortfolioAccess } from '../portfolios/portfolios.service.js'
import type { ScenarioRepository } from '../scenarios/scenarios.repository.js'
import { pathIssue, resolveTarget } from './share-link-targets.js'
import type { ShareLinkRepository, ShareLinkRow } from './share-links.repository.js'
import type { CreateShareLinkBody } from './share-links.schemas.js'

/** Path parameters whose resource the service checks the caller's organization can read, at creation. */
export const SHARE_LINK_RESOLVABLE_PARAMS = ['portfolioId', 'scenarioId'] as const

/**
 * Housekeeping of expired links: every creation deletes, in its own transaction, up to `batch` links whose
 * expiry is more than `afterExpiryMs` past. Nothing else is needed to run — no timer, no job, no leader among
 * instances. Only creations add rows, one each, and each removes up to `batch` expired ones: the table holds
 * the links within a day of their expiry plus a backlog that every creation shrinks, and without creations
 * nothing grows (docs/spreadsheets.md, "Revoking and listing"). A revoked link's row stays until
 * then too: its signature verifies until its expiry, and the row is what tells it is revoked. The day after
 * expiry keeps the useful answer (`SHARE_LINK_EXPIRED`, "ask for a new one") for a spreadsheet refreshed soon
 * after; once the row is gone the link is only `SHARE_LINK_INVALID`.
 */
export const SHARE_LINK_PURGE = { batch: 100, afterExpiryMs: 24 * 60 * 60_000 } as const

export interface ShareLinkServiceDeps {
  repository: Pick<
    ShareLinkRepository,
    'create' | 'findForVerification' | 'listLive' | 'purgeExpired' | 'revoke'
  >
  idempotency: Pick<IdempotencyService, 'create'>
  /** The app's router, restricted to the routes a link may open. */
  routes: { shareableRoute(path: string): ShareableRoute | null }
  access: Pick<PortfolioAccess, 'readable'>
  scenarios: Pick<ScenarioRepository, 'findOwned'>
  secrets: SigningSecrets
  now?: () => Date
}

/** A request refused through a share link: always a 403, saying as little as it can. */
export class ShareLinkRefusedError extends AppError {
  constructor(code: 'SHARE_LINK_INVALID' | 'SHARE_LINK_EXPIRED' | 'SHARE_LINK_REVOKED', detail: string) {
    super(403, code, 'Share link refused', detail)
  }
}

// One answer for every way a link can be wrong (unknown, any part altered, a retired secret): which part
// failed is not told, so tampering teaches nothing.
const invalid = () =>
  new ShareLinkRefusedError(
    'SHARE_LINK_INVALID',
    'This share link is not valid. Use the URL exactly as it was issued, or ask for a new one.',
  )

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const EXPIRY = /^[1-9]\d{0,11}$/

/** A link as listed and created (the URL is added only to a creation's answer). */
export interface ShareLinkView {
  id: string
  path: string
  format: string | null
  apiKeyId: string
  createdAt: string
  expiresAt: string
}

/** What the request to a link is, as the auth hook hands it over. */
export interface LinkRequest {
  method: string
  /** The request's URL as sent (path and query). */
  url: string
  /** The query as the router parsed it: what the route will see. */
  query: unknown
}

function present(row: ShareLinkRow): ShareLinkView {
  const format = new URLSearchParams(row.query).get('format')
  return {
    id: row.id,
    path: row.query === '' ? row.path : `${row.path}?${row.query}`,
    format,
    apiKeyId: row.apiKeyId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  }
}

/**
 * Share links: a URL that reads one resource of the organization without a key, until it expires or is
 * revoked. A link is checked when it is made — the path must reach a route that allows links, name a
 * resource the caller's organization can read, and be a request that route accepts — and on every use: its
 * signature, expiry and revocation (its own and its key's), read from the database each time so that every
 * instance agrees at once.
 */
export function createShareLinkService({
  repository,
  idempotency,
  routes,
  access,
  scenarios,
  secrets,
  now = () => new Date(),
}: ShareLinkServiceDeps) {
  /** The absolute URL of a link: its resource, then the link's id, expiry and signature. */
  function urlOf(baseUrl: string, organizationId: string, view: ShareLinkView): string {
    const at = view.path.indexOf('?')
    const path = at < 0 ? view.path : view.path.slice(0, at)
    const query = at < 0 ? '' : view.path.slice(at + 1)
    const expires = Date.parse(view.expiresAt) / 1000
    const signature = sign(secrets, {
      method: 'GET',
      path,
      organizationId,
      linkId: view.id,
      query,
      expires,
    })
    const own = `${LINK_PARAMS.id}=${view.id}&${LINK_PARAMS.expires}=${expires}&${LINK_PARAMS.signature}=${signature}`
    return `${baseUrl}${path}?${query === '' ? '' : `${query}&`}${own}`
  }

  /** The organization can read what the path names now; another tenant's resource is as one that does not exist. */
  async function checkReadable(auth: AuthContext, params: Record<string, string>) {
    const missing = (what: string, id: string) =>
      new UnprocessableError(`The path names a ${what} that does not exist.`, [
        pathIssue('unknown_resource', `no ${what} '${id}' in your organization`),
      ])
    const { portfolioId, scenarioId } = params
    if (portfolioId !== undefined) {
      await access.readable(auth, portfolioId).catch((error: unknown) => {
        throw error instanceof NotFoundError ? missing('portfolio', portfolioId) : error
      })
    }
    if (scenarioId !== undefined) {
      const found =
        portfolioId === undefined
          ? null
          : await scenarios.findOwned(auth.organizationId, portfolioId, scenarioId)
      if (!found) throw missing('scenario', scenarioId)
    }
  }

  return {
    /**
     * Makes a link. With an Idempotency-Key a retry answers the same link; the URL is recomputed for every
     * answer (the signature is a function of the stored fields), so it is never stored, not even for replays.
     */
    async create(
      auth: AuthContext,
      body: CreateShareLinkBody,
      idempotencyKey: string | undefined,
      baseUrl: string,
    ): Promise<Created<ShareLinkView & { url: string }>> {
      const { path, route, params } = resolveTarget(routes, body)
      const needed = requiredScope(route.auth)
      if (needed && !allows(auth.scopes, needed)) {
        throw new ForbiddenError(`Sharing this resource needs an API key with the '${needed}' scope.`)
      }
      await checkReadable(auth, route.params)

      const created = await idempotency.create(
        {
          organizationId: auth.organizationId,
          key: idempotencyKey,
          method: 'POST',
          path: '/v1/share-links',
          body,
        },
        async (tx) => {
          // Whole seconds: the URL carries the expiry in Unix seconds, and the stored one must equal it.
          const expires = Math.floor(now().getTime() / 1000) + body.expiresInSeconds
          const row = await repository.create(
            {
              id: randomUUID(),
              organizationId: auth.organizationId,
              apiKeyId: auth.apiKeyId,
              path,
              query: canonicalQuery(params),
              expiresAt: new Date(expires * 1000),
            },
            tx,
          )
          // In the creation's transaction: a rejected or rolled-back creation deletes nothing either.
          await repository.purgeExpired(
            new Date(now().getTime() - SHARE_LINK_PURGE.afterExpiryMs),
            SHARE_LINK_PURGE.batch,
            tx,
          )
          // A link has no versions, so no ETag: it is only ever created and revoked.
          return { body: present(row), etag: '', location: `/v1/share-links/${row.id}` }
        },
      )
      return { ...created, body: { ...created.body, url: urlOf(baseUrl, auth.organizationId, created.body) } }
    },

    async list(auth: AuthContext, query: PageQuery) {
      const rows = await repository.listLive(
        auth.organizationId,
        now(),
        query.limit,
        decodeCursor(query.startingAfter),
      )
      return toPage(rows, query.limit, present)
    },

    async revoke(auth: AuthContext, id: string) {
      if (!(await repository.revoke(auth.organizationId, id, now())))
        throw new NotFoundError('Share link', id)
    },

    /**
     * The read-only context of a request made through a link, or a {@link ShareLinkRefusedError}: unknown or
     * altered (the signature covers the method, path, organization, link, parameters and expiry) → invalid;
     * then expired (`exp` is past) → expired; then revoked, or its key revoked or expired → revoked.
     */
    async verify(request: LinkRequest, link: PresentedLink): Promise<AuthContext> {
      const { id, expires, signature } = link
      if (request.method !== 'GET' && request.method !== 'HEAD') throw invalid()
      if (typeof id !== 'string' || !UUID.test(id)) throw invalid()
      if (typeof expires !== 'string' || !EXPIRY.test(expires) || typeof signature !== 'string')
        throw invalid()
      const at = request.url.indexOf('?')
      const path = canonicalPath(at < 0 ? request.url : request.url.slice(0, at))
      const query = canonicalQuery(resourceParams(request.query))
      if (path === null) throw invalid()
      const row = await repository.findForVerification(id)
      const clock = now()
      const exp = Number(expires)
      if (
        !row ||
        !verifySignature(
          secrets,
          { method: 'GET', path, organizationId: row.organizationId, linkId: row.id, query, expires: exp },
          signature,
          clock,
        ) ||
        // Only a leaked secret gets past the signature with other values; the stored link is the authority.
        row.path !== path ||
        row.query !== query ||
        row.expiresAt.getTime() !== exp * 1000
      ) {
        throw invalid()
      }
      if (clock.getTime() >= row.expiresAt.getTime()) {
        throw new ShareLinkRefusedError(
          'SHARE_LINK_EXPIRED',
          `This share link expired at ${row.expiresAt.toISOString()}; ask for a new one.`,
        )
      }
      const key = row.apiKey
      if (row.revokedAt || key.revokedAt || (key.expiresAt && key.expiresAt <= clock)) {
        throw new ShareLinkRefusedError(
          'SHARE_LINK_REVOKED',
          'This share link was revoked (or the API key that made it was); ask for a new one.',
        )
      }
      return {
        organizationId: row.organizationId,
        apiKeyId: row.apiKeyId,
        apiKeyName: `share link ${row.id}`,
        scopes: ['read'],
        shareLinkId: row.id,
      }
    },
  }
}

export type ShareLinkService = ReturnType<typeof createShareLinkService>
