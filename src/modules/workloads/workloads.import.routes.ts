import type { FastifyRequest } from 'fastify'
import {
  type FastifyPluginAsyncZod,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { attachmentName, CSV_MEDIA_TYPE, csvText } from '../../lib/csv.js'
import { AppError } from '../../lib/errors.js'
import { CSV_IMPORT_LIMITS } from '../../lib/limits.js'
import { problemResponses } from '../../lib/problem.js'
import { idempotencyHeaders } from '../../lib/write-route.js'
import { PortfolioParams } from '../portfolios/portfolios.schemas.js'
import { REQUIRED_CSV_HEADERS, WORKLOAD_CSV_HEADERS } from './workloads.csv.js'
import { type CsvTable, readCsvTable } from './workloads.csv-reader.js'
import type { createWorkloadImportService } from './workloads.import.js'
import {
  WorkloadImportQuerySchema,
  WorkloadImportReportSchema,
  WorkloadsCsvSchema,
} from './workloads.schemas.js'

const tags = ['workloads']
const CSV = 'text/csv'

/**
 * A parsed upload. Its table is a private field, so that nothing walking the body's own fields (the
 * input-safety hook) walks 10,000 rows: the reader has checked every cell already.
 */
class CsvUpload {
  readonly #table: CsvTable
  constructor(table: CsvTable) {
    this.#table = table
  }
  get table() {
    return this.#table
  }
}

/** A 415 naming what the import reads (`Accept-Post: text/csv`). */
function unsupported(request: FastifyRequest): AppError {
  const sent = request.headers['content-type']
  return new AppError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'Unsupported media type',
    sent
      ? `Content-Type '${sent.slice(0, 100)}' is not accepted; send the file as ${CSV} (UTF-8).`
      : `Send the file as the body, with Content-Type ${CSV} (UTF-8).`,
    undefined,
    { 'accept-post': `${CSV}; charset=utf-8` },
  )
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i

const listed = (headers: readonly string[]) => headers.map((h) => `\`${h}\``).join(', ')

/** The import: a CSV body, read as it streams by its own parser (only this route reads text/csv). */
export const workloadImportRoutes: FastifyPluginAsyncZod<{
  service: ReturnType<typeof createWorkloadImportService>
}> = async (app, { service }) => {
  app.get(
    '/v1/portfolios/:portfolioId/workloads/import/template',
    {
      config: { auth: { apiKey: 'read', signedLink: true } },
      schema: {
        operationId: 'getWorkloadImportTemplate',
        tags,
        summary: 'Download the CSV template of workloads',
        description:
          'The exact header row the import reads — the same columns, in the same order, as the CSV export — and ' +
          'one example row that imports into this portfolio as it is (a name it does not have yet, models of its ' +
          'price book). Needs the `read` scope.',
        params: PortfolioParams,
        response: {
          200: {
            description: 'The template (CSV, UTF-8).',
            content: { [CSV]: { schema: WorkloadsCsvSchema } },
          },
          ...problemResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { columns, rows } = await service.template(authOf(request), request.params.portfolioId)
      return reply
        .type(CSV_MEDIA_TYPE)
        .header('content-disposition', attachmentName('workloads-template.csv'))
        .send(await csvText(columns, rows))
    },
  )

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>()
    // JSON is no body of this route: everything but text/csv is a 415 saying so.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(CSV, async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
      const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase()
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
        throw unsupported(request)
      }
      const length = Number(request.headers['content-length'])
      return new CsvUpload(await readCsvTable(payload as never, Number.isFinite(length) ? length : undefined))
    })
    scope.addContentTypeParser('*', (request, _payload, done) => done(unsupported(request), undefined))

    scope.post(
      '/v1/portfolios/:portfolioId/workloads/import',
      {
        config: { auth: { apiKey: 'write' } },
        bodyLimit: CSV_IMPORT_LIMITS.maxBodyBytes,
        // The body is parsed and checked by the reader and the service, cell by cell, not by a schema.
        validatorCompiler: (route) =>
          (route.httpPart === 'body'
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(route as never)) as never,
        schema: {
          operationId: 'importWorkloads',
          tags,
          summary: 'Import workloads from a CSV file',
          description:
            `A CSV file (RFC 4180, UTF-8, \`Content-Type: ${CSV}\`): a header row, then one row per workload. ` +
            `The columns are those of the export and the template: ${listed(WORKLOAD_CSV_HEADERS)}; ` +
            `${listed(REQUIRED_CSV_HEADERS)} are required, the others may be left out (an empty cell is the ` +
            'field’s default). Cells are trimmed; `,`, `;` or tab delimits them (read from the header row); a ' +
            'byte-order mark, CRLF and line breaks inside quoted cells are read. Each row is checked as ' +
            '`POST …/workloads` checks a workload — the same rules and wording, models against the portfolio’s ' +
            'price book — and **all or nothing**: one bad row is a 422 `INVALID_ROWS` listing every problem ' +
            '(`errors[]`: `row`, 1 = the first row after the header; `line` of the file; `column`; `value`) and ' +
            'nothing is written. A header that is not the table’s (unknown, missing or repeated columns), ' +
            'quoting that does not close, bytes that are not UTF-8 are a 422 `INVALID_CSV`. Limits: ' +
            `${CSV_IMPORT_LIMITS.maxBodyBytes.toLocaleString('en-US')} bytes (413 beyond), ` +
            `${CSV_IMPORT_LIMITS.maxRows.toLocaleString('en-US')} rows (what a portfolio holds), ` +
            `${CSV_IMPORT_LIMITS.maxColumns} columns, ${CSV_IMPORT_LIMITS.maxCellChars.toLocaleString('en-US')} ` +
            'characters per cell. `mode=create` (default): a name the portfolio already has, or that the ' +
            'file repeats, is a bad row; `mode=upsert`: a row whose name exists replaces that workload’s ' +
            'fields given by the file’s columns (a column the file lacks is kept). `dryRun=true` answers what ' +
            'the import would (the same report or the same 422) and writes nothing. The workloads and their ' +
            'history are written in one transaction, and the portfolio’s scenarios are recomputed on their ' +
            'next read. Send an `Idempotency-Key` to make retries safe. Needs the `write` scope.',
          params: PortfolioParams,
          querystring: WorkloadImportQuerySchema,
          headers: idempotencyHeaders(' (a dry run stores nothing)'),
          consumes: [CSV],
          body: WorkloadsCsvSchema,
          response: {
            200: WorkloadImportReportSchema.describe('What became of each row (or would, in a dry run).'),
            ...problemResponses(403, 404, 409, 413, 415, 422),
          },
        },
      },
      async (request, reply) => {
        const upload = request.body as unknown
        if (!(upload instanceof CsvUpload)) throw unsupported(request)
        const { report, replayed } = await service.importCsv(
          authOf(request),
          request.params.portfolioId,
          upload.table,
          request.query,
          request.headers['idempotency-key'],
        )
        if (replayed) reply.header('idempotent-replayed', 'true')
        return reply.send(report)
      },
    )
  })
}
