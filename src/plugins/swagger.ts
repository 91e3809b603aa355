import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

export const API_TITLE = 'Claude commitment planner'
export const API_VERSION = '1.0.0'

const DESCRIPTION = `Plan a committed-spend agreement for Claude API usage: **optimize, then commit**.

Store each workload's baseline, project spend over the commitment term after routing, caching and batch
are applied in sequence and on schedule, get the recommended commitment, and see where money would be
stranded.

**Authentication.** Every \`/v1\` operation needs an API key, sent as \`Authorization: Bearer <key>\` or
\`X-API-Key: <key>\` (use **Authorize** above). Scopes nest: \`read\` ⊂ \`write\` ⊂ \`admin\`.

**Money** crosses the wire as decimal strings (\`"1234.56"\`); a JSON number where money is expected
is rejected. **Errors** are RFC 9457 \`application/problem+json\` with a stable \`code\` and
\`errors[].pointer\` naming each offending field.`

/**
 * OpenAPI 3.1 document generated from the routes' zod schemas, served at `/openapi.json` and
 * `/openapi.yaml`, with Swagger UI at `/docs` (its Authorize dialog takes an API key).
 */
export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION },
        tags: [
          { name: 'plans', description: 'Projections, waterfalls and the recommended commitment.' },
          {
            name: 'price-books',
            description: 'Model prices: the built-in list prices and your negotiated books.',
          },
          { name: 'api-keys', description: 'API keys of your organization (admin scope).' },
          { name: 'health', description: 'Liveness and readiness probes (no key needed).' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key as a bearer token.' },
            apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key header.' },
          },
        },
        security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    })
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { persistAuthorization: true, displayRequestDuration: true, tryItOutEnabled: true },
    })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
    app.get('/openapi.yaml', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/yaml').send(app.swagger({ yaml: true })),
    )
  },
  { name: 'swagger', fastify: '5.x' },
)
