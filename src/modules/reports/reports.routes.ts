import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import { comparedScenarioIds } from '../projections/projections.schemas.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { REPORT_CSP } from './report.css.js'
import { ComparisonReportQuery, ReportResponse } from './reports.schemas.js'
import type { ReportService } from './reports.service.js'

const tags = ['plans']
const notModified = z.undefined().describe('Not modified: the report is the one your ETag names.')

const PRINTS =
  'It prints cleanly on A4 and on Letter (a print stylesheet: margins only, each section on a new page, no chart or ' +
  'table row split across pages) and is self-contained: an inline stylesheet and inline SVG charts, no script, ' +
  'font or image to fetch, under a Content-Security-Policy that allows nothing else. Every name is escaped. Can be ' +
  'opened without a key through a signed link (`POST /v1/share-links` with its path). Needs `read`.'

/**
 * Sends a report page: HTML, with its ETag and the reports' own Content-Security-Policy in place of the API's
 * (set on every answer, a 304 too, so a cached page is held to it as well).
 */
function sendReport(reply: FastifyReply, body: string | null, etag: string) {
  reply.header('etag', etag).header('content-security-policy', REPORT_CSP)
  if (body === null) return reply.code(304).send()
  return reply.type('text/html; charset=utf-8').send(body)
}

export const reportRoutes: FastifyPluginAsyncZod<{ service: ReportService }> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/report',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getScenarioReport',
        tags,
        summary: 'The scenario’s plan as a printable report (HTML)',
        description:
          'The negotiation pack’s page for one scenario (docs/reports.md): the headline (scenario, portfolio, term, ' +
          'structure, price book), the summary figures (baseline, optimized and fully optimized term spend, savings, ' +
          'the recommended commitment with its discount, expected payment, stranded amount and shortfall ' +
          'probability, and why), the savings waterfall, the forecast with the commitments and the contract years as ' +
          'inline SVG charts whose `data-` attributes carry the plan’s figures, every commitment option with the ' +
          'recommendation highlighted and its basis, the warnings in plain language with their amounts, the annual ' +
          `view, the assumptions and the price book rows used. ${PRINTS} The plan is the scenario’s stored plan, ` +
          'computed once per revision of its inputs as the projection is, with a strong `ETag` (`If-None-Match` → 304).',
        params: ScenarioParams,
        headers: IfNoneMatchHeaders,
        response: { 200: ReportResponse, 304: notModified, ...problemResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.scenarioReport(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      return sendReport(reply, body, etag)
    },
  )

  app.get(
    '/v1/portfolios/:portfolioId/comparison/report',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getComparisonReport',
        tags,
        summary: 'Scenarios side by side as a printable report (HTML)',
        description:
          'The comparison (`GET …/comparison`, the same `?scenarios=`) as a page to decide on: which scenario pays ' +
          'less under its recommended commitment and by how much, in a sentence (“commit now or optimize first?”), ' +
          'each scenario’s recommended commitment, expected payment and stranded amount side by side, the payment ' +
          `difference, each one’s savings waterfall and each lever’s saving. ${PRINTS} Its strong \`ETag\` names ` +
          'the revision of every compared plan (`If-None-Match` → 304).',
        params: PortfolioParams,
        querystring: ComparisonReportQuery,
        headers: IfNoneMatchHeaders,
        response: { 200: ReportResponse, 304: notModified, ...problemResponses(404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.comparisonReport(
        authOf(request),
        request.params.portfolioId,
        comparedScenarioIds(request.query.scenarios),
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      return sendReport(reply, body, etag)
    },
  )
}
