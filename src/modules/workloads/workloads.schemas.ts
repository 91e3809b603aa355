import { z } from 'zod'
import { type DecimalBounds, DecimalText, decimalLike, decimalString } from '../../lib/decimal-schemas.js'

import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'
import { EXAMPLE_IDS, EXAMPLE_TIMES } from '../portfolios/portfolios.schemas.js'

/**
 * Workloads: one kind of Claude traffic with its own baseline. The fields the planning engine reads are
 * one schema, used by the stateless preview (inline workloads) and by stored workloads alike, so the two
 * accept exactly the same names and values.
 */

/**
 * The bounds of every decimal field and the lengths of every text field, named once for the schemas below
 * and for the import's fast path of the same checks ({@link fastCreateBody}), so that the two cannot drift.
 */
const SHARE = { max: '1', maxDecimals: 10 } as const
const TOKENS = { maxDecimals: 6, maxIntegerDigits: 12 } as const
export const WORKLOAD_DECIMAL_BOUNDS = {
  requestsPerMonth: { maxDecimals: 6, maxIntegerDigits: 15 },
  inputTokensPerRequest: TOKENS,
  outputTokensPerRequest: TOKENS,
  cacheablePrefixTokens: TOKENS,
  currentCacheHitRate: SHARE,
  targetCacheHitRate: SHARE,
  currentBatchShare: SHARE,
  targetBatchShare: SHARE,
  routableShare: SHARE,
  monthlyGrowthRate: { min: '-1', minExclusive: true, max: '10', maxDecimals: 10 },
  observedMonthlySpend: { maxDecimals: 6, maxIntegerDigits: 14 },
} as const satisfies Record<string, DecimalBounds>
/** Shortest and longest text of each text field, after trimming. */
const MODEL_NAME = { min: 1, max: 100 } as const
export const WORKLOAD_TEXT_LENGTHS = {
  name: { min: 1, max: 200 },
  kind: { min: 0, max: 100 },
  model: MODEL_NAME,
  routeToModel: MODEL_NAME,
  team: { min: 1, max: 200 },
} as const

const B = WORKLOAD_DECIMAL_BOUNDS
const L = WORKLOAD_TEXT_LENGTHS
const share = (field: keyof typeof B, what: string) => decimalLike(B[field]).describe(`${what}, 0–1.`)
const tokens = (field: keyof typeof B, what: string) => decimalLike(B[field]).describe(what)
const modelName = z.string().trim().min(L.model.min).max(L.model.max)
const workloadName = z.string().trim().min(L.name.min).max(L.name.max)

/** Longest list of tags on one workload, and longest tag. */
export const WORKLOAD_TAG_LIMITS = { maxTags: 20, maxTagLength: 50 } as const

/** Every field of a workload the engine reads (the preview's workload). */
export const WorkloadInputSchema = z.strictObject({
  name: workloadName.describe('Unique within the portfolio (or the preview request), e.g. `nightly-digest`.'),
  kind: z.string().trim().max(L.kind.max).nullish().describe('Free label, e.g. `overnight_report`.'),
  model: modelName.describe('Model today: dated id or alias, e.g. `claude-opus-4-5`.'),
  routeToModel: modelName.nullish().describe('Cheaper model the routing lever moves `routableShare` to.'),
  requestsPerMonth: decimalLike(B.requestsPerMonth).describe('Requests per month today (may be fractional).'),
  inputTokensPerRequest: tokens(
    'inputTokensPerRequest',
    'All input tokens per request, the cacheable prefix included.',
  ),
  outputTokensPerRequest: tokens('outputTokensPerRequest', 'Output tokens per request.'),
  cacheablePrefixTokens: tokens(
    'cacheablePrefixTokens',
    'Shared prefix that could be cached (≤ input; default 0).',
  ).nullish(),
  currentCacheHitRate: share(
    'currentCacheHitRate',
    'Cache hit rate today; 0 or absent = no caching today',
  ).nullish(),
  targetCacheHitRate: share(
    'targetCacheHitRate',
    'Hit rate once the caching lever is pulled; absent = caching changes nothing',
  ).nullish(),
  cacheTtl: z.enum(['5m', '1h']).nullish().describe('Cache TTL priced for writes (default `5m`).'),
  userWaiting: z
    .boolean()
    .describe('The waiting test: is anyone waiting on this result the instant it is produced? Required.'),
  currentBatchShare: share('currentBatchShare', 'Share of requests in batch today (default 0)').nullish(),
  targetBatchShare: share(
    'targetBatchShare',
    'Batch share once the batch lever is pulled (default 1 if nobody waits, else 0)',
  ).nullish(),
  routableShare: share(
    'routableShare',
    'Share of requests routable to `routeToModel` (both or neither)',
  ).nullish(),
  monthlyGrowthRate: decimalLike(B.monthlyGrowthRate)
    .nullish()
    .describe('Monthly volume growth, e.g. 0.02 (default 0).'),
  inferenceGeo: z
    .enum(['global', 'us'])
    .nullish()
    .describe('`us` applies the model’s data-residency multiplier.'),
  observedMonthlySpend: decimalString(B.observedMonthlySpend)
    .nullish()
    .describe('Observed monthly spend (USD string) to check the modelled baseline against.'),
})

export type WorkloadInput = z.output<typeof WorkloadInputSchema>

const ownership = {
  team: z
    .string()
    .trim()
    .min(L.team.min)
    .max(L.team.max)
    .nullish()
    .describe('Who owns the traffic, e.g. `data-platform`.'),
  tags: z
    .array(z.string().trim().min(1).max(WORKLOAD_TAG_LIMITS.maxTagLength))
    .max(WORKLOAD_TAG_LIMITS.maxTags)
    .nullish()
    .describe(`Free labels for filtering and reports (at most ${WORKLOAD_TAG_LIMITS.maxTags}).`),
}

const EXAMPLE_WORKLOAD = {
  name: 'nightly-digest',
  kind: 'overnight_report',
  model: 'claude-opus-4-5',
  requestsPerMonth: '300000',
  inputTokensPerRequest: '6000',
  outputTokensPerRequest: '800',
  cacheablePrefixTokens: '4500',
  targetCacheHitRate: '0.9',
  userWaiting: false,
  targetBatchShare: '1',
  routeToModel: 'claude-sonnet-4-5',
  routableShare: '0.6',
  monthlyGrowthRate: '0.02',
  observedMonthlySpend: '41000.00',
  team: 'analytics',
  tags: ['reporting'],
}

/** A stored workload as created: the engine's fields plus who owns it. */
export const CreateWorkloadSchema = WorkloadInputSchema.extend(ownership).meta({
  id: 'CreateWorkload',
  example: EXAMPLE_WORKLOAD,
})
export type CreateWorkloadBody = z.output<typeof CreateWorkloadSchema>

/** POST body, bulk form: several workloads, created together or not at all. */
export const BulkCreateWorkloadsSchema = z
  .strictObject({
    workloads: z
      .array(CreateWorkloadSchema)
      .min(1)
      .max(PREVIEW_LIMITS.maxWorkloads)
      .describe('Several workloads, created together or not at all.'),
  })
  .meta({ id: 'BulkCreateWorkloads' })

/** POST body: one workload, or `{ workloads: [...] }` (all or nothing). */
export const CreateWorkloadsSchema = z
  .union([CreateWorkloadSchema, BulkCreateWorkloadsSchema])
  .meta({ id: 'CreateWorkloads', example: EXAMPLE_WORKLOAD })

/** PATCH body: the fields to change; `null` clears an optional one. */
export const UpdateWorkloadSchema = CreateWorkloadSchema.partial().meta({
  id: 'UpdateWorkload',
  example: { requestsPerMonth: '320000', targetBatchShare: '0.8' },
})
export type UpdateWorkloadBody = z.output<typeof UpdateWorkloadSchema>

const text = z.string()
const decimal = DecimalText

/** {@link EXAMPLE_WORKLOAD} as stored: every default filled in, decimals normalized. */
const EXAMPLE_WORKLOAD_RESOURCE = {
  id: EXAMPLE_IDS.workload,
  portfolioId: EXAMPLE_IDS.portfolio,
  name: EXAMPLE_WORKLOAD.name,
  kind: EXAMPLE_WORKLOAD.kind,
  model: EXAMPLE_WORKLOAD.model,
  routeToModel: EXAMPLE_WORKLOAD.routeToModel,
  requestsPerMonth: EXAMPLE_WORKLOAD.requestsPerMonth,
  inputTokensPerRequest: EXAMPLE_WORKLOAD.inputTokensPerRequest,
  outputTokensPerRequest: EXAMPLE_WORKLOAD.outputTokensPerRequest,
  cacheablePrefixTokens: EXAMPLE_WORKLOAD.cacheablePrefixTokens,
  currentCacheHitRate: '0',
  targetCacheHitRate: EXAMPLE_WORKLOAD.targetCacheHitRate,
  cacheTtl: '5m',
  userWaiting: EXAMPLE_WORKLOAD.userWaiting,
  currentBatchShare: '0',
  targetBatchShare: EXAMPLE_WORKLOAD.targetBatchShare,
  routableShare: EXAMPLE_WORKLOAD.routableShare,
  monthlyGrowthRate: EXAMPLE_WORKLOAD.monthlyGrowthRate,
  inferenceGeo: 'global',
  observedMonthlySpend: '41000',
  team: EXAMPLE_WORKLOAD.team,
  tags: EXAMPLE_WORKLOAD.tags,
  version: 1,
  createdAt: EXAMPLE_TIMES.created,
  updatedAt: EXAMPLE_TIMES.created,
}

/** A stored workload as the API answers it: decimals as strings, absent optional fields as null. */
export const WorkloadSchema = z
  .object({
    id: z.uuid(),
    portfolioId: z.uuid(),
    name: text,
    kind: text.nullable(),
    model: text,
    routeToModel: text.nullable(),
    requestsPerMonth: decimal,
    inputTokensPerRequest: decimal,
    outputTokensPerRequest: decimal,
    cacheablePrefixTokens: decimal,
    currentCacheHitRate: decimal,
    targetCacheHitRate: decimal.nullable(),
    cacheTtl: z.enum(['5m', '1h']),
    userWaiting: z.boolean(),
    currentBatchShare: decimal,
    targetBatchShare: decimal.nullable(),
    routableShare: decimal.nullable(),
    monthlyGrowthRate: decimal,
    inferenceGeo: z.enum(['global', 'us']),
    observedMonthlySpend: decimal.nullable().describe('USD per month, as observed on invoices.'),
    team: text.nullable(),
    tags: z.array(text),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Workload', example: EXAMPLE_WORKLOAD_RESOURCE })

export const WorkloadPageSchema = pageSchema(WorkloadSchema).meta({
  id: 'WorkloadPage',
  example: { object: 'list', data: [EXAMPLE_WORKLOAD_RESOURCE], hasMore: false, nextCursor: null },
})

/** The bulk create's answer. */
export const CreatedWorkloadsSchema = z
  .object({ object: z.literal('list'), data: z.array(WorkloadSchema) })
  .meta({ id: 'CreatedWorkloads', example: { object: 'list', data: [EXAMPLE_WORKLOAD_RESOURCE] } })

export const WorkloadParams = z.object({
  portfolioId: z.uuid().describe('The portfolio’s id.'),
  workloadId: z.uuid().describe('The workload’s id.'),
})

export const WorkloadListQuery = PageQuerySchema

/** The list's query: a page (JSON), or with `format=csv` every workload as one CSV table. */
export const WorkloadListQuerySchema = PageQuerySchema.extend({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe(
      '`csv`: every workload of the portfolio as one CSV table (`limit` and `startingAfter` do not apply). ' +
        'Absent: `Accept: text/csv` asks for it too; JSON otherwise.',
    ),
})

/** The CSV body of an import, and the template's example (what the template of the example portfolio gives). */
export const WORKLOADS_CSV_EXAMPLE =
  '"name","kind","team","tags","model","requestsPerMonth","inputTokensPerRequest","outputTokensPerRequest",' +
  '"userWaiting","cacheablePrefixTokens","currentCacheHitRate","targetCacheHitRate","cacheTtl",' +
  '"currentBatchShare","targetBatchShare","routeToModel","routableShare","monthlyGrowthRate","inferenceGeo",' +
  '"observedMonthlySpend"\r\n' +
  '"nightly-digest","overnight_report","analytics","reporting","claude-opus-4-6",300000,6000,800,"false",4500,0,' +
  '0.9,"5m",0,1,"claude-sonnet-4-6",0.6,0.02,"global",15000.00\r\n'

/** A CSV table of workloads, as the export writes it and the import reads it. */
export const WorkloadsCsvSchema = z
  .string()
  .describe('CSV (RFC 4180, UTF-8): a header row of the columns, then one row per workload.')
  .meta({ example: WORKLOADS_CSV_EXAMPLE })

/** The import's query. */
export const WorkloadImportQuerySchema = z.object({
  mode: z
    .enum(['create', 'upsert'])
    .default('create')
    .describe(
      '`create` (default): every row is a new workload; a name the portfolio already has is a bad row. ' +
        '`upsert`: a row whose name the portfolio has replaces that workload.',
    ),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('`true`: check the file and answer what the import would do, writing nothing.'),
})

const ImportedRowSchema = z.object({
  row: z.number().int().describe('The data row (1 = the first row after the header).'),
  line: z.number().int().describe('The line of the file the row starts on.'),
  name: z.string(),
  action: z.enum(['created', 'updated', 'unchanged']),
  id: z.uuid().nullable().describe('The workload’s id (null for one a dry run would create).'),
})

/** The import's answer. */
export const WorkloadImportReportSchema = z
  .object({
    object: z.literal('workload_import'),
    portfolioId: z.uuid(),
    mode: z.enum(['create', 'upsert']),
    dryRun: z.boolean().describe('True when nothing was written.'),
    rows: z.number().int().describe('Data rows read (blank rows are skipped).'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe('Upsert: rows equal to the workload they name (not written).'),
    workloads: z.array(ImportedRowSchema).describe('Every row, in file order, with what became of it.'),
  })
  .meta({
    id: 'WorkloadImportReport',
    example: {
      object: 'workload_import',
      portfolioId: EXAMPLE_IDS.portfolio,
      mode: 'create',
      dryRun: false,
      rows: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      workloads: [{ row: 1, line: 2, name: 'nightly-digest', action: 'created', id: EXAMPLE_IDS.workload }],
    },
  })
