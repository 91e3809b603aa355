import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { USAGE_IMPORT_LIMITS as LIMITS } from '../../lib/limits.js'
import { problemResponses } from '../../lib/problem.js'
import { idempotencyHeaders, sendCreated } from '../../lib/write-route.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import {
  AnthropicUsageImportSchema,
  ImportQuerySchema,
  UsageImportPreviewSchema,
  UsageImportResultSchema,
} from './anthropic-usage.schemas.js'
import type { ImportService } from './imports.service.js'

const n = (value: number) => value.toLocaleString('en-US')

const DESCRIPTION =
  'Turns pages of an Anthropic Admin API usage report (`GET /v1/organizations/usage_report/messages`, as returned, ' +
  'grouped at least by `model`) and optionally a cost report (`GET /v1/organizations/cost_report`) into baseline ' +
  'workloads: one per group of the `grouping` dimensions (default: model, plus workspace, API key, service tier, ' +
  'context window, inference geo and speed where the report carries them), each with its monthly requests, input, ' +
  'output and cacheable-prefix tokens per request, current cache hit rate and batch share, and observed monthly ' +
  'spend (from the cost report, else the usage priced with the portfolio’s price book). The report’s days are ' +
  'scaled to an average month (365.2425 ÷ 12 days). The usage report counts tokens, not requests: give ' +
  '`volume.outputTokensPerRequest` (or `inputTokensPerRequest`), or `groups[].requests`. `?dryRun=true` answers ' +
  '200 with the workloads it would create and writes nothing; otherwise 201, created through the bulk create (same ' +
  'checks, history, all or nothing; `Idempotency-Key` covers this request). A page that is not such a report, or ' +
  'buckets that overlap, are a 400 pointing into the body; a report that cannot become workloads (no usage, a model ' +
  'the price book lacks, no request volume) a 422 saying why. Limits: ' +
  `${n(LIMITS.maxPages)} pages per report, ${n(LIMITS.maxBucketsPerPage)} buckets per page and ${n(LIMITS.maxBuckets)} ` +
  `in all, ${n(LIMITS.maxResults)} results per report, ${n(LIMITS.maxGroupSettings)} \`groups\` entries, a ` +
  `${LIMITS.maxBodyBytes / 1024 / 1024} MiB body. Details and a worked example: docs/spreadsheets.md. Needs the ` +
  '`write` scope.'

export const importRoutes: FastifyPluginAsyncZod<{ service: ImportService }> = async (app, { service }) => {
  app.post(
    '/v1/portfolios/:portfolioId/imports/anthropic-usage',
    {
      config: { auth: { apiKey: 'write' } },
      bodyLimit: LIMITS.maxBodyBytes,
      schema: {
        operationId: 'importAnthropicUsage',
        tags: ['workloads'],
        summary: 'Import workloads from an Anthropic usage report',
        description: DESCRIPTION,
        params: PortfolioParams,
        querystring: ImportQuerySchema,
        headers: idempotencyHeaders(' (a dry run stores nothing and needs none)'),
        body: AnthropicUsageImportSchema,
        response: {
          200: UsageImportPreviewSchema.describe('Dry run: what would be created; nothing was written.'),
          201: UsageImportResultSchema.describe('The workloads created, with how each was derived.'),
          ...problemResponses(403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request)
      const { portfolioId } = request.params
      if (request.query.dryRun === 'true') return service.preview(auth, portfolioId, request.body)
      return sendCreated(
        reply,
        await service.create(auth, portfolioId, request.body, request.headers['idempotency-key']),
      )
    },
  )
}
