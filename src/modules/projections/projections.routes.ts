import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { attachmentName, CSV_MEDIA_TYPE, wantsCsv } from '../../lib/csv.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { IncludeQuerySchema, parseInclude } from '../plans/plan-body.js'
import { PlanPreviewSchema } from '../plans/plans.schemas.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { comparisonCsv, csvEtag } from '../tables/comparison.columns.js'
import { ComparisonCsv } from '../tables/tables.schemas.js'
import {
  ComparisonQuery,
  ComparisonSchema,
  comparedScenarioIds,
  RecommendationSchema,
} from './projections.schemas.js'
import { COMPARISON_LIMIT, type ProjectionService } from './projections.service.js'

const tags = ['plans']
const notModified = z.undefined().describe('Not modified: the plan is the one your ETag names.')

const COMPUTED_ONCE =
  'The plan is computed once per revision of its inputs — the portfolio’s workloads, the scenario and the ' +
  'price book — on the worker pool, and kept: later reads are served from storage with a strong `ETag` ' +
  '(`If-None-Match` → 304). Any change to an input makes the next read compute it again. The first read of a ' +
  'large plan takes as long as its preview; a plan that cannot be computed is a 422 saying why.'

export const projectionRoutes: FastifyPluginAsyncZod<{ service: ProjectionService }> = async (
  app,
  { service },
) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/projection',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getProjection',
        tags,
        summary: 'The scenario’s whole plan',
        description:
          'Everything `POST /v1/plans/preview` answers, for the stored portfolio and scenario: the same body, ' +
          `figure for figure, for the same inputs, with the same \`include\`. ${COMPUTED_ONCE}`,
        params: ScenarioParams,
        querystring: IncludeQuerySchema,
        headers: IfNoneMatchHeaders,
        response: { 200: PlanPreviewSchema, 304: notModified, ...problemResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const include = parseInclude(request.query.include)
      const { body, etag } = await service.projection(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        include,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      reply.header('etag', etag)
      if (body === null) return reply.code(304).send()
      // Already JSON (assembled from the stored parts): sent as it is, not serialized again.
      return reply.type('application/json; charset=utf-8').send(body as never)
    },
  )

  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/recommendation',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getRecommendation',
        tags,
        summary: 'The recommended commitment',
        description: `The recommendation, every option side by side and the warnings of the scenario’s plan. ${COMPUTED_ONCE}`,
        params: ScenarioParams,
        headers: IfNoneMatchHeaders,
        response: { 200: RecommendationSchema, 304: notModified, ...problemResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.recommendation(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      reply.header('etag', etag)
      if (body === null) return reply.code(304).send()
      return reply.send(body as never)
    },
  )

  app.get(
    '/v1/portfolios/:portfolioId/comparison',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'compareScenarios',
        tags,
        summary: 'Compare scenarios side by side',
        description:
          'Term totals, savings by lever (waterfall and Shapley), the recommended commitment, stranded amounts ' +
          'and warning counts by code of each scenario, and which one pays least (lowest expected payment ' +
          `under its recommended commitment). At most ${COMPARISON_LIMIT} scenarios; their plans are computed ` +
          'as their projections are (once per input revision). As CSV (`?format=csv` or `Accept: text/csv`), ' +
          'one row per scenario with the columns of docs/spreadsheets.md.',
        params: PortfolioParams,
        querystring: ComparisonQuery,
        headers: IfNoneMatchHeaders,
        response: {
          200: {
            description: 'The scenarios side by side.',
            content: {
              'application/json': { schema: ComparisonSchema },
              'text/csv': { schema: ComparisonCsv },
            },
          },
          304: notModified,
          ...problemResponses(404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      // CSV (docs/spreadsheets.md): the same rows flattened, under an ETag of its own.
      const csv = wantsCsv(request, request.query.format)
      const tagOf = (tag: string) => (csv ? csvEtag(tag) : tag)
      const { body, etag } = await service.comparison(
        authOf(request),
        request.params.portfolioId,
        comparedScenarioIds(request.query.scenarios),
        (tag) => noneMatchHits(request.headers['if-none-match'], tagOf(tag)),
      )
      const vary = reply.getHeader('vary')
      reply.header('etag', tagOf(etag)).header('vary', vary ? `${String(vary)}, Accept` : 'Accept')
      if (body === null) return reply.code(304).send()
      if (!csv) return reply.send(body)
      return reply
        .type(CSV_MEDIA_TYPE)
        .header('content-disposition', attachmentName('comparison.csv'))
        .send(comparisonCsv(body) as never)
    },
  )
}
