import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { problemResponses } from '../../lib/problem.js'
import {
  expectedVersion,
  IfMatchHeaders,
  idempotencyHeaders,
  sendCreated,
  sendTagged,
} from '../../lib/write-route.js'
import {
  CreatePortfolioSchema,
  DeletedPortfolioSchema,
  PortfolioListQuery,
  PortfolioPageSchema,
  PortfolioParams,
  PortfolioSchema,
  UpdatePortfolioSchema,
} from './portfolios.schemas.js'
import type { PortfolioService } from './portfolios.service.js'

const tags = ['portfolios']

export const portfolioRoutes: FastifyPluginAsyncZod<{ service: PortfolioService }> = async (
  app,
  { service },
) => {
  app.post(
    '/v1/portfolios',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'createPortfolio',
        tags,
        summary: 'Create a portfolio',
        description:
          'A set of workloads that a commitment would cover, and the scenarios planned over them. Its default ' +
          'price book (id or slug; default: the built-in list prices) is what its scenarios use unless they ' +
          'name their own. Names are unique within your organization. Send an `Idempotency-Key` to make ' +
          'retries safe. Needs the `write` scope.',
        headers: idempotencyHeaders(),
        body: CreatePortfolioSchema,
        response: { 201: PortfolioSchema, ...problemResponses(403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        reply,
        await service.create(authOf(request), request.body, request.headers['idempotency-key']),
      ),
  )

  app.get(
    '/v1/portfolios',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listPortfolios',
        tags,
        summary: 'List portfolios',
        description:
          'Your organization’s portfolios, oldest first, with cursor pagination; archived ones only with ' +
          '`includeArchived=true`.',
        querystring: PortfolioListQuery,
        response: { 200: PortfolioPageSchema, ...problemResponses() },
      },
    },
    async (request) => service.list(authOf(request), request.query),
  )

  app.get(
    '/v1/portfolios/:portfolioId',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getPortfolio',
        tags,
        summary: 'Get a portfolio',
        description: 'The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.',
        params: PortfolioParams,
        response: { 200: PortfolioSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) =>
      sendTagged(request, reply, await service.get(authOf(request), request.params.portfolioId)),
  )

  app.patch(
    '/v1/portfolios/:portfolioId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'updatePortfolio',
        tags,
        summary: 'Update a portfolio',
        description:
          'Changes the fields given. Requires `If-Match` with the ETag of your last read: a stale one is a 412 ' +
          'and changes nothing. A new default price book changes the plans of the scenarios that use it. ' +
          'Archived portfolios are read-only (409).',
        params: PortfolioParams,
        headers: IfMatchHeaders,
        body: UpdatePortfolioSchema,
        response: { 200: PortfolioSchema, ...problemResponses(403, 404, 409, 412, 413, 415, 422, 428) },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply,
        await service.update(
          authOf(request),
          request.params.portfolioId,
          expectedVersion(request),
          request.body,
        ),
      ),
  )

  app.delete(
    '/v1/portfolios/:portfolioId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'deletePortfolio',
        tags,
        summary: 'Delete (or archive) a portfolio',
        description:
          'Deletes the portfolio and its workloads. A portfolio that has scenarios is **archived** instead: kept, ' +
          'read-only, and listed only with `includeArchived=true`; the answer says which happened. Requires ' +
          '`If-Match`.',
        params: PortfolioParams,
        headers: IfMatchHeaders,
        response: { 200: DeletedPortfolioSchema, ...problemResponses(403, 404, 412, 428) },
      },
    },
    async (request) => service.remove(authOf(request), request.params.portfolioId, expectedVersion(request)),
  )
}
