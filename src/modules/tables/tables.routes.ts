import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { attachmentName, CSV_MEDIA_TYPE, wantsCsv } from '../../lib/csv.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { FormatQuery, ScenarioTableCsv, ScenarioTableSchema, TableParams } from './tables.schemas.js'
import type { TableService } from './tables.service.js'

const tags = ['plans']

export const tableRoutes: FastifyPluginAsyncZod<{ service: TableService }> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/tables/:table',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getScenarioTable',
        tags,
        summary: 'One table of the scenario’s plan, as CSV or JSON',
        description:
          'A table of the stored plan, one row per item, in a documented and stable column order ' +
          '(docs/spreadsheets.md): `months` (the portfolio month by month), `years` (contract years), ' +
          '`workloads` (each workload’s figures), `workload-months` (each workload month by month — 360,000 ' +
          'rows for 10,000 workloads over 36 months, streamed), `waterfall`, `shapley`, `options` and ' +
          '`warnings`. Workloads are identified by id and name. The figures are the projection’s own. CSV ' +
          '(`?format=csv` or `Accept: text/csv`; RFC 4180, UTF-8, a header row) writes amounts and rates as ' +
          "plain numbers and neutralizes text a spreadsheet would run as a formula (a leading `'`); JSON is " +
          '`{ table, scenarioId, currency, columns, rows }`, an object per row with the same keys in the same ' +
          'order. The plan is computed once per revision of its inputs, as the projection is; each ' +
          'representation has its own strong `ETag` (`If-None-Match` → 304). An unknown table is a 400 listing ' +
          'the tables. Needs `read`.',
        params: TableParams,
        querystring: FormatQuery,
        headers: IfNoneMatchHeaders,
        response: {
          200: {
            description: 'The table.',
            content: {
              'application/json': { schema: ScenarioTableSchema },
              'text/csv': { schema: ScenarioTableCsv },
            },
          },
          304: z.undefined().describe('Not modified: the table is the one your ETag names.'),
          ...problemResponses(404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const csv = wantsCsv(request, request.query.format)
      const { body, etag } = await service.table(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        request.params.table,
        csv ? 'csv' : 'json',
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      // The format may come from Accept: a cache must key on it (added to what CORS may have set).
      const vary = reply.getHeader('vary')
      reply.header('etag', etag).header('vary', vary ? `${String(vary)}, Accept` : 'Accept')
      if (body === null) return reply.code(304).send()
      if (csv) reply.type(CSV_MEDIA_TYPE).header('content-disposition', attachmentName(body.fileName))
      else reply.type('application/json; charset=utf-8')
      return reply.send(body.stream as never)
    },
  )
}
