import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { SHARE_LINK_LIMITS } from '../../lib/limits.js'
import { PageQuerySchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import { idempotencyHeaders, sendCreated } from '../../lib/write-route.js'
import {
  CreatedShareLinkSchema,
  CreateShareLinkSchema,
  ShareLinkPageSchema,
  ShareLinkParams,
} from './share-links.schemas.js'
import type { ShareLinkService } from './share-links.service.js'

const tags = ['share-links']

// The URL carries the signature: like a new key's secret, the answer that holds it is never cached.
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const

export interface ShareLinkRoutesOptions {
  service: ShareLinkService
  /** `PUBLIC_BASE_URL`: where links point; unset, the request's own scheme and host (per `TRUST_PROXY`). */
  publicBaseUrl: string | undefined
}

export const shareLinkRoutes: FastifyPluginAsyncZod<ShareLinkRoutesOptions> = async (
  app,
  { service, publicBaseUrl },
) => {
  const baseUrl = (request: FastifyRequest) => publicBaseUrl ?? `${request.protocol}://${request.host}`

  app.post(
    '/v1/share-links',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'createShareLink',
        tags,
        summary: 'Create a share link',
        description:
          'An absolute URL that reads one resource **without a key** — for `=IMPORTDATA(url)` in Google Sheets or ' +
          '`Web.Contents(url)` in Power Query — until it expires (default 15 minutes, at most 7 days) or is ' +
          'revoked. `path` is the resource with its own parameters: a GET operation that allows share links (its ' +
          'description says so). The link is signed (HMAC-SHA256 over the method, path, organization, link, ' +
          'parameters and expiry): any change to it, another path, expiry or revocation makes it a 403. It only ' +
          'reads, through a `read` context of your organization, and its answers are `Cache-Control: no-store`. ' +
          'The path must name a resource your organization can read now (otherwise 422) and a request the ' +
          'operation accepts (otherwise 400). The URL is in this answer only (sent `no-store`): treat it as a ' +
          'password. Send an `Idempotency-Key` to make retries safe. Needs the `read` scope (the one every ' +
          `shareable operation needs). Expiry: ${SHARE_LINK_LIMITS.minTtlSeconds}–${SHARE_LINK_LIMITS.maxTtlSeconds} s.`,
        headers: idempotencyHeaders(),
        body: CreateShareLinkSchema,
        response: { 201: CreatedShareLinkSchema, ...problemResponses(403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const created = await service.create(
        authOf(request),
        request.body,
        request.headers['idempotency-key'],
        baseUrl(request),
      )
      return sendCreated(reply.headers(NO_STORE), created)
    },
  )

  app.get(
    '/v1/share-links',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listShareLinks',
        tags,
        summary: 'List live share links',
        description:
          'Your organization’s links that still work — not expired, not revoked, made by a key that is neither — ' +
          'oldest first, without their URLs (the signature is shown once, when a link is made). Needs the `read` scope.',
        querystring: PageQuerySchema,
        response: { 200: ShareLinkPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => service.list(authOf(request), request.query),
  )

  app.delete(
    '/v1/share-links/:id',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'revokeShareLink',
        tags,
        summary: 'Revoke a share link',
        description:
          'The link stops working at once, on every instance (each use reads its state from the database). ' +
          'Revoking the API key that made a link stops the link too. Revoking twice is not an error. Needs the ' +
          '`read` scope.',
        params: ShareLinkParams,
        response: { 204: z.undefined().describe('Revoked.'), ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      await service.revoke(authOf(request), request.params.id)
      return reply.code(204).send()
    },
  )
}
