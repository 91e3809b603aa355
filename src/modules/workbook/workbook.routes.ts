import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { WORKBOOK_DESCRIPTION, WorkbookResponse } from './workbook.schemas.js'
import { type WorkbookService, XLSX_MEDIA_TYPE } from './workbook.service.js'

export const workbookRoutes: FastifyPluginAsyncZod<{ service: WorkbookService }> = async (
  app,
  { service },
) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/workbook',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getScenarioWorkbook',
        tags: ['plans'],
        summary: 'The scenario’s plan as an Excel workbook of live formulas',
        description: WORKBOOK_DESCRIPTION,
        params: ScenarioParams,
        headers: IfNoneMatchHeaders,
        response: {
          200: WorkbookResponse,
          304: z.undefined().describe('Not modified: the workbook is the one your ETag names.'),
          ...problemResponses(404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.workbook(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      reply.header('etag', etag)
      if (body === null) return reply.code(304).send()
      return (
        reply
          .type(XLSX_MEDIA_TYPE)
          .header('content-disposition', body.disposition)
          // The schema documents the binary body as a string; a Buffer is sent as it is, unserialized.
          .send(body.bytes as never)
      )
    },
  )
}
