import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { problemResponses } from '../../lib/problem.js'
import { IfNoneMatchHeaders, noneMatchHits } from '../../lib/write-route.js'
import { PreviewRequestSchema } from '../plans/plans.schemas.js'
import { previewBodyRoute } from '../plans/preview-body.js'
import { ChartQuery, ChartResponse, PreviewChartParams, ScenarioChartParams } from './charts.schemas.js'
import type { ChartImage, ChartService } from './charts.service.js'

const tags = ['plans']

const CHARTS =
  'Three charts, each as SVG or PNG: `waterfall` (the baseline term spend, one step per lever in the ' +
  'scenario’s order, the optimized spend, in dollars and percent of the baseline); `forecast` (monthly ' +
  'baseline, optimized and fully optimized spend, the simulation’s P10–P90 band, and the recommended, proposed ' +
  'and baseline-sized commitments per month — per contract year under `structure: annual` — so money a ' +
  'commitment would strand shows as the gap above the band); `years` (each contract year’s baseline and ' +
  'optimized spend, its simulated P10–P90 and its commitment). Drawn on the server without a browser: an ' +
  'accessible `<title>` and `<desc>` stating the key figures, colours and dash patterns that survive greyscale ' +
  'printing, and every bar and point carrying its exact figure in `data-` attributes (docs/charts.md). The ' +
  'same plan gives the same bytes. `width`/`height` set the size; a PNG may be rendered at `scale` 2 or 3.'

/**
 * A stored scenario's chart may be loaded by a page of any origin — an `<img>` in a wiki, a dashboard or a slide
 * tool, through a share link — so it answers `Cross-Origin-Resource-Policy: cross-origin` in place of helmet's
 * `same-origin`, which would have the browser block it. Nothing is exposed that the request did not already
 * unlock: an `<img>` sends no API key (the service uses no cookies), so from another origin only a signed link
 * gets a chart, and whoever holds the link may see it. The header goes on 304s too (it updates the cached
 * answer's). Other routes, the reports included, keep `same-origin`.
 */
const EMBEDDABLE = 'cross-origin'

/** Sends a drawn chart: its media type, an inline file name (the image opens in the browser), its bytes. */
function sendImage(reply: FastifyReply, image: ChartImage) {
  return reply
    .type(image.mediaType)
    .header('content-disposition', `inline; filename="${image.fileName}"`)
    .send(image.bytes)
}

export const chartRoutes: FastifyPluginAsyncZod<{ service: ChartService }> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/scenarios/:scenarioId/charts/:chart',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getScenarioChart',
        tags,
        summary: 'A chart of the scenario’s plan, as SVG or PNG',
        description:
          `${CHARTS} The plan is the scenario’s stored plan, computed once per revision of its inputs as the ` +
          'projection is; each chart, format and size has its own strong `ETag` (`If-None-Match` → 304). An ' +
          'unknown chart is a 404 listing the charts. A report or a spreadsheet can pull it through a signed ' +
          'link (`POST /v1/share-links`), and a page of any origin can show it in an `<img>` through one ' +
          '(`Cross-Origin-Resource-Policy: cross-origin`). Needs `read`.',
        params: ScenarioChartParams,
        querystring: ChartQuery,
        headers: IfNoneMatchHeaders,
        response: {
          200: ChartResponse,
          304: z.undefined().describe('Not modified: the chart is the one your ETag names.'),
          ...problemResponses(404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { body, etag } = await service.scenarioChart(
        authOf(request),
        request.params.portfolioId,
        request.params.scenarioId,
        request.params.chart,
        request.query,
        (tag) => noneMatchHits(request.headers['if-none-match'], tag),
      )
      reply.header('etag', etag).header('cross-origin-resource-policy', EMBEDDABLE)
      if (body === null) return reply.code(304).send()
      return sendImage(reply, body)
    },
  )

  // The preview's charts take the preview's body, which reaches the worker threads as raw bytes.
  const rawBody = previewBodyRoute(app, (request) => service.admit(authOf(request)))
  app.post(
    '/v1/plans/preview/charts/:chart',
    {
      ...rawBody,
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'previewPlanChart',
        tags,
        summary: 'A chart of a plan preview, as SVG or PNG',
        description:
          `${CHARTS} The body is exactly \`POST /v1/plans/preview\`’s, computed the same way, on the same worker ` +
          'pool, with the same limits, and stored nowhere. An unknown chart is a 404 listing the charts. Needs ' +
          '`read` (nothing is stored).',
        params: PreviewChartParams,
        querystring: ChartQuery,
        body: PreviewRequestSchema,
        response: { 200: ChartResponse, ...problemResponses(400, 403, 404, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const image = await service.previewChart(
        authOf(request),
        request.body as unknown,
        request.params.chart,
        request.query,
      )
      return sendImage(reply, image)
    },
  )
}
