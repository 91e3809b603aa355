import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { attachmentName, CSV_MEDIA_TYPE, csvStream, wantsCsv } from '../../lib/csv.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { problemResponses } from '../../lib/problem.js'
import {
  expectedVersion,
  IfMatchHeaders,
  idempotencyHeaders,
  sendCreated,
  sendTagged,
} from '../../lib/write-route.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import { WORKLOAD_CSV_COLUMNS, WORKLOAD_CSV_HEADERS } from './workloads.csv.js'
import {
  BulkCreateWorkloadsSchema,
  CreatedWorkloadsSchema,
  CreateWorkloadSchema,
  CreateWorkloadsSchema,
  UpdateWorkloadSchema,
  WorkloadListQuerySchema,
  WorkloadPageSchema,
  WorkloadParams,
  WorkloadSchema,
  WorkloadsCsvSchema,
} from './workloads.schemas.js'
import type { WorkloadService } from './workloads.service.js'

const tags = ['workloads']

type Validator = (data: unknown) => { value: unknown } | { error: unknown }
const compile = (schema: z.ZodType, url: string): Validator =>
  validatorCompiler({ schema, method: 'POST', url, httpPart: 'body' } as never) as Validator

/**
 * The create's body is one workload or `{ workloads: [...] }`. A zod union would answer a mistake in
 * either with "matches neither", pointing at the root; this picks the shape the client meant (a
 * `workloads` key means the bulk form) and validates that, so each issue points at its field.
 */
function oneOrManyValidator(): Validator {
  const url = '/v1/portfolios/:portfolioId/workloads'
  const one = compile(CreateWorkloadSchema, url)
  const many = compile(BulkCreateWorkloadsSchema, url)
  return (data) =>
    data !== null && typeof data === 'object' && !Array.isArray(data) && 'workloads' in data
      ? many(data)
      : one(data)
}

export const workloadRoutes: FastifyPluginAsyncZod<{ service: WorkloadService }> = async (
  app,
  { service },
) => {
  app.post(
    '/v1/portfolios/:portfolioId/workloads',
    {
      config: { auth: { apiKey: 'write' } },
      // A bulk create of the most workloads a plan computes is about 6 MB of JSON.
      bodyLimit: PREVIEW_LIMITS.maxBodyBytes,
      validatorCompiler: (route) =>
        (route.httpPart === 'body' ? oneOrManyValidator() : validatorCompiler(route as never)) as never,
      schema: {
        operationId: 'createWorkloads',
        tags,
        summary: 'Add workloads to a portfolio',
        description:
          'One workload, or several as `{ "workloads": [...] }` — created together or not at all. Every field of ' +
          'a preview’s workload, validated the same way (models are checked against the portfolio’s default ' +
          'price book), plus `team` and `tags`. Names are unique within the portfolio. A portfolio holds at ' +
          `most ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} workloads (what one plan computes). ` +
          'Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.',
        params: PortfolioParams,
        headers: idempotencyHeaders(),
        body: CreateWorkloadsSchema,
        response: {
          201: z.union([WorkloadSchema, CreatedWorkloadsSchema]).describe('The workload, or the list made.'),
          ...problemResponses(403, 404, 409, 413, 415, 422),
        },
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
    '/v1/portfolios/:portfolioId/workloads',
    {
      // A spreadsheet pulls the CSV form (IMPORTDATA, Power Query) through a signed link.
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'listWorkloads',
        tags,
        summary: 'List a portfolio’s workloads',
        description:
          'In the order they were added (the order a plan lists them in), with cursor pagination. With ' +
          '`format=csv`, or an `Accept` header preferring `text/csv`, **every** workload as one CSV table ' +
          '(RFC 4180, UTF-8, streamed, as an attachment): one row each, in list order, the columns ' +
          `${WORKLOAD_CSV_HEADERS.map((h) => `\`${h}\``).join(', ')} — those the import reads, so an export ` +
          'imports again as it is. Amounts, rates and counts are plain numbers; text that a spreadsheet would ' +
          "run as a formula is prefixed with `'`. Needs the `read` scope.",
        params: PortfolioParams,
        querystring: WorkloadListQuerySchema,
        response: {
          200: {
            description: 'A page of workloads, or every workload as CSV.',
            content: {
              'application/json': { schema: WorkloadPageSchema },
              'text/csv': { schema: WorkloadsCsvSchema },
            },
          },
          ...problemResponses(404),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request)
      // The answer depends on Accept: a cache must not give the CSV to a JSON client.
      reply.header('vary', 'Accept')
      if (wantsCsv(request, request.query.format)) {
        const { portfolio, workloads } = await service.exportAll(auth, request.params.portfolioId)
        return (
          reply
            .type(CSV_MEDIA_TYPE)
            .header('content-disposition', attachmentName(`${portfolio.name}-workloads.csv`))
            // A stream is sent as it is, never through the response schema (typed for the JSON form).
            .send(csvStream(WORKLOAD_CSV_COLUMNS, workloads) as never)
        )
      }
      return reply.send(await service.list(auth, request.params.portfolioId, request.query))
    },
  )

  app.get(
    '/v1/portfolios/:portfolioId/workloads/:workloadId',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getWorkload',
        tags,
        summary: 'Get a workload',
        description: 'The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.',
        params: WorkloadParams,
        response: { 200: WorkloadSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply,
        await service.get(authOf(request), request.params.portfolioId, request.params.workloadId),
      ),
  )

  app.patch(
    '/v1/portfolios/:portfolioId/workloads/:workloadId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'updateWorkload',
        tags,
        summary: 'Update a workload',
        description:
          'Changes the fields given (`null` resets an optional one to its default). Requires `If-Match`: a stale ' +
          'ETag is a 412 and changes nothing. Every scenario of the portfolio is recomputed on its next read.',
        params: WorkloadParams,
        headers: IfMatchHeaders,
        body: UpdateWorkloadSchema,
        response: { 200: WorkloadSchema, ...problemResponses(403, 404, 409, 412, 413, 415, 422, 428) },
      },
    },
    async (request, reply) =>
      sendTagged(
        request,
        reply,
        await service.update(
          authOf(request),
          request.params.portfolioId,
          request.params.workloadId,
          expectedVersion(request),
          request.body,
        ),
      ),
  )

  app.delete(
    '/v1/portfolios/:portfolioId/workloads/:workloadId',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'deleteWorkload',
        tags,
        summary: 'Delete a workload',
        description: 'Requires `If-Match`. Every scenario of the portfolio is recomputed on its next read.',
        params: WorkloadParams,
        headers: IfMatchHeaders,
        response: { 204: z.undefined().describe('Deleted.'), ...problemResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await service.remove(
        authOf(request),
        request.params.portfolioId,
        request.params.workloadId,
        expectedVersion(request),
      )
      return reply.code(204).send()
    },
  )
}
