import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { isoInstant } from '../../lib/date-schemas.js'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import { SCOPES } from '../../lib/scopes.js'
import { idempotencyHeaders, sendCreated } from '../../lib/write-route.js'
import type { ApiKeyService } from './api-keys.service.js'

const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the secret, to tell keys apart.'),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' })

const CreatedApiKeySchema = ApiKeySchema.extend({
  secret: z
    .string()
    .nullable()
    .describe(
      'The key itself, shown once: store it now; only its hash is kept. `null` when the creation is a replay ' +
        '(same `Idempotency-Key` and body): the secret is never stored, so it cannot be shown again — a client ' +
        'that lost it revokes the key and creates another.',
    ),
}).meta({ id: 'CreatedApiKey' })

const CreateApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('What the key is for, e.g. `procurement-sync`.'),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .max(SCOPES.length)
      .superRefine((scopes, ctx) => {
        for (const [index, scope] of scopes.entries()) {
          if (scopes.indexOf(scope) !== index) {
            ctx.addIssue({ code: 'custom', message: `'${scope}' is listed twice`, path: [index] })
          }
        }
      })
      .meta({ uniqueItems: true })
      .describe(
        'Distinct scopes. `read` reads and previews; `write` also changes data; `admin` also manages keys.',
      ),
    expiresAt: isoInstant('When the key stops working (default: never); must be in the future').optional(),
  })
  .meta({ id: 'CreateApiKey', example: { name: 'procurement-sync', scopes: ['read'] } })

const KeyIdParams = z.object({ id: z.uuid().describe('API key id.') })

const IdempotencyHeaders = idempotencyHeaders(', with `secret: null` (the secret is shown once)')

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const

export const apiKeyRoutes: FastifyPluginAsyncZod<{ service: ApiKeyService }> = async (app, { service }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { auth: { apiKey: 'admin' } },
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key',
        description:
          'Returns the secret once (with `Cache-Control: no-store`); only its hash is stored. Send an ' +
          '`Idempotency-Key` to make retries safe: a replay answers with the same key’s metadata and ' +
          '`secret: null`, because the secret is never stored — a client that lost it revokes the key and ' +
          'creates another. Needs the `admin` scope.',
        headers: IdempotencyHeaders,
        body: CreateApiKeySchema,
        response: { 201: CreatedApiKeySchema, ...problemResponses(403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const created = await service.create(authOf(request), request.body, request.headers['idempotency-key'])
      return sendCreated(reply.headers(NO_STORE), created)
    },
  )
  app.get(
    '/v1/api-keys',
    {
      config: { auth: { apiKey: 'admin' } },
      schema: {
        operationId: 'listApiKeys',
        tags: ['api-keys'],
        summary: 'List API keys',
        description: 'Your organization’s keys (never their secrets). Needs the `admin` scope.',
        querystring: PageQuerySchema,
        response: { 200: pageSchema(ApiKeySchema).meta({ id: 'ApiKeyPage' }), ...problemResponses(400, 403) },
      },
    },
    async (request) => service.list(authOf(request), request.query),
  )
  app.delete(
    '/v1/api-keys/:id',
    {
      config: { auth: { apiKey: 'admin' } },
      schema: {
        operationId: 'revokeApiKey',
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        description: 'The key stops working at once. Needs the `admin` scope.',
        params: KeyIdParams,
        response: { 204: z.undefined().describe('Revoked.'), ...problemResponses(403, 404) },
      },
    },
    async (request, reply) => {
      await service.revoke(authOf(request), request.params.id)
      return reply.code(204).send()
    },
  )
}
