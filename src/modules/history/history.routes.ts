import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { PageQuerySchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import { HistoryPageSchema } from './history.schemas.js'
import type { HistoryService } from './history.service.js'

export const historyRoutes: FastifyPluginAsyncZod<{ service: HistoryService }> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/history',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listPortfolioHistory',
        tags: ['portfolios'],
        summary: 'Who changed what in a portfolio, and when',
        description:
          'Every change to the portfolio, its workloads and its scenarios, oldest first, with cursor pagination: ' +
          'the API key that made it (id and name), the resource, the action, and the fields before and after. ' +
          'Append-only: each entry is written in the same transaction as the change it records.',
        params: PortfolioParams,
        querystring: PageQuerySchema,
        response: { 200: HistoryPageSchema, ...problemResponses(404) },
      },
    },
    async (request) => service.list(authOf(request), request.params.portfolioId, request.query),
  )
}
