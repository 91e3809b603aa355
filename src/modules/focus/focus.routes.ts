import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { attachmentName, CSV_MEDIA_TYPE } from '../../lib/csv.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { FocusCsv, FocusQuery } from './focus.schemas.js'
import type { FocusService } from './focus.service.js'

export const focusRoutes: FastifyPluginAsyncZod<{ service: FocusService }> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/focus',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getScenarioFocus',
        tags: ['plans'],
        summary: 'The scenario’s plan as a FOCUS 1.3 dataset (CSV)',
        description:
          'The FinOps Open Cost and Usage Specification (FOCUS) 1.3 form of the stored plan, for FinOps tools. ' +
          '`dataset=cost-and-usage`: one row per workload and month of the projected (deterministic optimized) ' +
          'spend — ListCost, ContractedCost, EffectiveCost, BilledCost — with the recommended commitment bought ' +
          'up front (ChargeCategory Purchase, one per contract year under `structure: annual`, one for the term ' +
          'otherwise) and drawn down month by month (CommitmentDiscount* columns, Status Used), usage beyond it ' +
          'billed as the overage terms say, and what it leaves unconsumed as an Unused row. ' +
          '`dataset=contract-commitment`: the recommended commitment as Contract Commitment rows (Category ' +
          'Spend), joined to the cost rows by ContractCommitmentId = CommitmentDiscountId. Every Mandatory ' +
          'column of the dataset is present; the mapping is in docs/spreadsheets.md. Computed once per plan ' +
          'revision, with a strong `ETag` (`If-None-Match` → 304). Needs `read`.',
        params: ScenarioParams,
        querystring: FocusQuery,
        headers: IfNoneMatchHeaders,
        response: {
          200: { description: 'The dataset.', content: { 'text/csv': { schema: FocusCsv } } },
          304: z.undefined().describe('Not modified: the dataset is the one your ETag names.'),
          ...problemResponses(404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.dataset(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        request.query.dataset,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      reply.header('etag', etag)
      if (body === null) return reply.code(304).send()
      return reply
        .type(CSV_MEDIA_TYPE)
        .header('content-disposition', attachmentName(body.fileName))
        .send(body.stream as never)
    },
  )
}
