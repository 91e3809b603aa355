import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { PageQuerySchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import {
  expectedVersion,
  IfMatchHeaders,
  idempotencyHeaders,
  sendCreated,
  sendTagged,
} from '../../lib/write-route.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import {
  CreateScenarioSchema,
  ScenarioPageSchema,
  ScenarioParams,
  ScenarioSchema,
  UpdateScenarioSchema,
} from './scenarios.schemas.js'
import type { ScenarioService } from './scenarios.service.js'

const tags = ['scenarios']

export const scenarioRoutes: FastifyPluginAsyncZod<{ service: ScenarioService }> = async (
  app,
  { service },
) => {
  app.post(
    '/v1/portfolios/:portfolioId/scenarios',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'createScenario',
        tags,
        summary: 'Create a scenario',
        description:
          'A term, the levers in the order they are pulled with their schedule, and commitment settings (all a ' +
          'preview’s `commitment` takes), with an optional price book overriding the portfolio’s default. ' +
          '`basedOn` copies another scenario of the portfolio; the fields given replace its own. Levers and ' +
          'commitment are checked as a plan would check them. Names are unique within the portfolio. Send an ' +
          '`Idempotency-Key` to make retries safe. Needs the `write` scope.',
        params: PortfolioParams,
        headers: idempotencyHeaders(),
        body: CreateScenarioSchema,
        response: { 201: ScenarioSchema, ...problemResponses(403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) =>
      sendCreated(
        reply,
        await service.create(
          authOf(request),
          request.params.portfolioId,
          request.body,
          request.headers['idempotency-key'],
        ),
      ),
  )

  app.get(
    '/v1/portfolios/:portfolioId/scenarios',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listScenarios',
        tags,
        summary: 'List a portfolio’s scenarios',
        description: 'Oldest first, with cursor pagination.',
        params: PortfolioParams,
        querystring: PageQuerySchema,
        response: { 200: ScenarioPageSchema, ...problemResponses(404) },
      },
    },
    async (request) => service.list(authOf(request), request.params.portfolioId, request.query),
  )

  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getScenario',
        tags,
        summary: 'Get a scenario',
        description:
          'Its inputs; the plan is at `…/projection`. The `ETag` is what `PATCH` and `DELETE` take.',
        params: ScenarioParams,
        response: { 200: ScenarioSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply,
        await service.get(authOf(request), request.params.portfolioId, request.params.scenarioId),
      ),
  )

  app.patch(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'updateScenario',
        tags,
        summary: 'Update a scenario',
        description:
          'Changes the fields given; `levers` and `commitment` are replaced whole. Requires `If-Match`: a stale ' +
          'ETag is a 412 and changes nothing. The plan is recomputed on its next read.',
        params: ScenarioParams,
        headers: IfMatchHeaders,
        body: UpdateScenarioSchema,
        response: { 200: ScenarioSchema, ...problemResponses(403, 404, 409, 412, 413, 415, 422, 428) },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply,
        await service.update(
          authOf(request),
          request.params.portfolioId,
          request.params.scenarioId,
          expectedVersion(request),
          request.body,
        ),
      ),
  )

  app.delete(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'deleteScenario',
        tags,
        summary: 'Delete a scenario',
        description: 'With its stored plan. Requires `If-Match`.',
        params: ScenarioParams,
        headers: IfMatchHeaders,
        response: { 204: z.undefined().describe('Deleted.'), ...problemResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await service.remove(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        expectedVersion(request),
      )
      return reply.code(204).send()
    },
  )
}
