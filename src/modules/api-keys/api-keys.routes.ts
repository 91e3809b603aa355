import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import { SCOPES } from '../../lib/scopes.js'
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
  secret: z.string().describe('The key itself. Shown only in this response: store it now.'),
}).meta({ id: 'CreatedApiKey' })

const CreateApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('What the key is for, e.g. `procurement-sync`.'),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .max(3)
      .describe('`read` reads and previews; `write` also changes data; `admin` also manages keys.'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the key stops working (default: never).'),
  })
  .meta({ id: 'CreateApiKey', example: { name: 'procurement-sync', scopes: ['read'] } })

const KeyIdParams = z.object({ id: z.uuid().describe('API key id.') })

export const apiKeyRoutes: FastifyPluginAsyncZod<{ service: ApiKeyService }> = async (app, { service }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { auth: { apiKey: 'admin' } },
      schema: {
        operationId: 'createApiKey',
        tags: ['api-keys'],
        summary: 'Create an API key',
        description: 'Returns the secret once; only its hash is stored. Needs the `admin` scope.',
        body: CreateApiKeySchema,
        response: { 201: CreatedApiKeySchema, ...problemResponses(400, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(authOf(request), request.body)),
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
