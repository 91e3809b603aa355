import { z } from 'zod'
import { isoInstant } from '../../lib/date-schemas.js'
import { DecimalText, decimalLike, decimalString, MoneyText } from '../../lib/decimal-schemas.js'
import { USAGE_IMPORT_LIMITS as LIMITS } from '../../lib/limits.js'
import { CreateWorkloadSchema, WorkloadSchema } from '../workloads/workloads.schemas.js'
import {
  EXAMPLE_IMPORT_REQUEST,
  EXAMPLE_IMPORT_RESULT,
  EXAMPLE_PREVIEW_RESULT,
} from './anthropic-usage.examples.js'

/**
 * The usage import's request and answers. The report pages are read as the Anthropic Admin API returns them
 * (`GET /v1/organizations/usage_report/messages` and `GET /v1/organizations/cost_report`): field names are
 * theirs, fields this service does not read are ignored (the provider may add some), and every field it reads
 * is checked, so a page that is not one of those reports is a 400 pointing at what is wrong.
 */

/** The report's group-by dimensions, as the Admin API names them (`group_by[]`). */
export const REPORT_DIMENSIONS = [
  'model',
  'workspace_id',
  'api_key_id',
  'service_tier',
  'context_window',
  'inference_geo',
  'speed',
  'account_id',
  'service_account_id',
] as const

/** One of {@link REPORT_DIMENSIONS}. */
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number]

/**
 * A token count: a whole number as the API writes it (a JSON number, or digits in a string), at most 2^53 − 1.
 * Not a `decimalLike`: a report has hundreds of thousands of counts, and they are summed as exact integers.
 */
const tokenCount = (what: string) =>
  z
    .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/)], {
      error: 'must be a whole number of at least 0',
    })
    .describe(`${what} (a whole number).`)
const dimension = (what: string) =>
  z.string().max(200).nullish().describe(`${what}; null when the report is not grouped by it.`)
const dimensionFields = {
  model: dimension('Model id, e.g. `claude-sonnet-4-5-20250929`'),
  workspace_id: dimension('Workspace (null also for the default workspace)'),
  api_key_id: dimension('API key (null also for Workbench usage)'),
  service_tier: dimension('`standard`, `batch`, `priority`…'),
  context_window: dimension('`0-200k` or `200k-1M`'),
  inference_geo: dimension('`global`, `us` or `not_available`'),
  speed: dimension('`standard` or `fast`'),
  account_id: dimension('User account'),
  service_account_id: dimension('Service account'),
}

const bucket = <T extends z.ZodType>(result: T) =>
  z.object({
    starting_at: isoInstant('Start of the bucket (inclusive)'),
    ending_at: isoInstant('End of the bucket (exclusive)'),
    results: z.array(result).max(LIMITS.maxResultsPerBucket),
  })

const page = <T extends z.ZodType>(result: T) =>
  z.object({
    data: z.array(bucket(result)).max(LIMITS.maxBucketsPerPage).describe('Time buckets, oldest first.'),
    has_more: z.boolean().describe('True when the report continues on another page.'),
    next_page: z.string().max(1000).nullish().describe('The next page’s token, when there is one.'),
  })

/** One result of a `usage_report/messages` bucket. */
export const UsageResultSchema = z.object({
  uncached_input_tokens: tokenCount('Input tokens neither read from nor written to the cache'),
  cache_read_input_tokens: tokenCount('Input tokens read from the cache'),
  cache_creation: z.object({
    ephemeral_5m_input_tokens: tokenCount('Input tokens written to the cache for 5 minutes'),
    ephemeral_1h_input_tokens: tokenCount('Input tokens written to the cache for 1 hour'),
  }),
  output_tokens: tokenCount('Output tokens'),
  server_tool_use: z
    .object({ web_search_requests: tokenCount('Web searches').nullish() })
    .nullish()
    .describe('Server tool use (web searches are not priced by the planner).'),
  ...dimensionFields,
})
export type UsageResult = z.output<typeof UsageResultSchema>

/** One page of `GET /v1/organizations/usage_report/messages`, as returned. */
export const UsagePageSchema = page(UsageResultSchema).meta({ id: 'AnthropicUsageReportPage' })
export type UsagePage = z.output<typeof UsagePageSchema>

/** One result of a `cost_report` bucket. */
export const CostResultSchema = z.object({
  amount: decimalString({ min: '-1000000000000000', maxDecimals: 12, maxIntegerDigits: 16 }).describe(
    'Cost in the lowest currency unit (cents for USD) as a decimal string: `"123.45"` is $1.23.',
  ),
  currency: z.string().max(10).nullish().describe('Always `USD` today.'),
  cost_type: dimension('`tokens`, `web_search`, `code_execution`… (with `group_by[]=description`)'),
  token_type: dimension('`uncached_input_tokens`, `output_tokens`, `cache_read_input_tokens`, …'),
  description: dimension('What the cost is for'),
  model: dimensionFields.model,
  workspace_id: dimensionFields.workspace_id,
  service_tier: dimensionFields.service_tier,
  context_window: dimensionFields.context_window,
  inference_geo: dimensionFields.inference_geo,
  speed: dimensionFields.speed,
})
export type CostResult = z.output<typeof CostResultSchema>

/** One page of `GET /v1/organizations/cost_report`, as returned. */
export const CostPageSchema = page(CostResultSchema).meta({ id: 'AnthropicCostReportPage' })
export type CostPage = z.output<typeof CostPageSchema>

const groupingSchema = z
  .array(z.enum(REPORT_DIMENSIONS))
  .min(1)
  .max(REPORT_DIMENSIONS.length)
  .refine((dims) => dims.includes('model'), { error: 'must include `model`: a workload runs on one model' })
  .refine((dims) => new Set(dims).size === dims.length, { error: 'names a dimension twice' })
  .describe(
    'The dimensions whose values make one workload (the Admin API’s `group_by[]` names). Default: `model`, plus ' +
      'each of `workspace_id`, `api_key_id`, `service_tier`, `context_window`, `inference_geo` and `speed` the ' +
      'report carries.',
  )

const perRequest = (what: string) =>
  decimalLike({ min: '0', minExclusive: true, maxDecimals: 6, maxIntegerDigits: 12 }).nullish().describe(what)

const VolumeSchema = z
  .strictObject({
    outputTokensPerRequest: perRequest(
      'Average output tokens of one request: a group’s requests = its output tokens ÷ this.',
    ),
    inputTokensPerRequest: perRequest(
      'Average input tokens (cache reads and writes included) of one request: requests = input tokens ÷ this.',
    ),
  })
  .refine((v) => !(v.outputTokensPerRequest && v.inputTokensPerRequest), {
    error: 'give one of outputTokensPerRequest and inputTokensPerRequest, not both',
  })
  .describe(
    'How many requests the usage was (the usage report counts tokens, not requests), for groups whose ' +
      '`groups[].requests` is not given.',
  )

const shape = CreateWorkloadSchema.shape

const GroupSettingsSchema = z.strictObject({
  match: z
    .strictObject(
      Object.fromEntries(
        REPORT_DIMENSIONS.map((d) => [
          d,
          z.string().max(200).nullable().optional().describe(`The group’s \`${d}\` (null matches null).`),
        ]),
      ) as Record<ReportDimension, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
    )
    .describe(
      'Dimension values the groups must have; a model matches by any of its names. `{}` matches all.',
    ),
  name: shape.name
    .optional()
    .describe('Workload name for the one group matched (instead of the generated one).'),
  requests: decimalLike({ min: '0', minExclusive: true, maxDecimals: 6, maxIntegerDigits: 15 })
    .nullish()
    .describe('Requests the one group matched made over the whole report (from your own logs).'),
  userWaiting: shape.userWaiting.nullish().describe('The waiting test for the groups matched.'),
  kind: shape.kind,
  team: shape.team,
  tags: shape.tags,
})
export type GroupSettings = z.output<typeof GroupSettingsSchema>

/** The import's body. */
export const AnthropicUsageImportSchema = z
  .strictObject({
    usage: z
      .array(UsagePageSchema)
      .min(1)
      .max(LIMITS.maxPages)
      .describe(
        'Pages of one `usage_report/messages` report, as returned (follow `next_page` to get them all).',
      ),
    cost: z
      .array(CostPageSchema)
      .min(1)
      .max(LIMITS.maxPages)
      .nullish()
      .describe(
        'Pages of a `cost_report` over the same days: the observed spend. Without it, the usage is priced.',
      ),
    grouping: groupingSchema.nullish(),
    namePrefix: z
      .string()
      .max(100)
      .nullish()
      .describe('Put before every generated workload name, e.g. `acme/` (default: none).'),
    volume: VolumeSchema.nullish(),
    groups: z
      .array(GroupSettingsSchema)
      .max(LIMITS.maxGroupSettings)
      .nullish()
      .describe('Settings for some groups; the first entry whose `match` a group has applies to it.'),
    userWaiting: z
      .boolean()
      .nullish()
      .describe('The waiting test for groups not all in batch (default true: someone waits).'),
    team: shape.team.describe('Team of every workload made (unless `groups` says otherwise).'),
    tags: shape.tags.describe('Tags of every workload made (unless `groups` says otherwise).'),
    unknownModels: z
      .enum(['reject', 'skip'])
      .nullish()
      .describe(
        'A model the price book lacks: `reject` (default) answers 422, `skip` leaves its groups out.',
      ),
  })
  .superRefine((body, ctx) => {
    const count = (pages: readonly { data: readonly { results: readonly unknown[] }[] }[], at: string) => {
      let buckets = 0
      let results = 0
      for (const p of pages) {
        buckets += p.data.length
        for (const b of p.data) results += b.results.length
      }
      if (buckets > LIMITS.maxBuckets)
        ctx.addIssue({ code: 'custom', path: [at], message: `more than ${LIMITS.maxBuckets} buckets in all` })
      if (results > LIMITS.maxResults)
        ctx.addIssue({ code: 'custom', path: [at], message: `more than ${LIMITS.maxResults} results in all` })
    }
    count(body.usage, 'usage')
    if (body.cost) count(body.cost, 'cost')
  })
  .meta({ id: 'AnthropicUsageImport', example: EXAMPLE_IMPORT_REQUEST })
export type AnthropicUsageImportBody = z.output<typeof AnthropicUsageImportSchema>

export const ImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .describe('`true`: answer what would be created (200) and write nothing.'),
})

const NoteSchema = z.object({ code: z.string(), detail: z.string() }).meta({ id: 'ImportNote' })
const Period = z.object({
  start: z.string().describe('First bucket’s start.'),
  end: z.string().describe('Last bucket’s end.'),
  days: DecimalText.describe('Days the buckets cover (gaps not counted).'),
  buckets: z.number().int(),
})
const Group = z
  .record(z.string(), z.string().nullable())
  .describe('The group’s value of each grouping dimension (Admin API names).')
const ObservedTokens = z
  .object({
    uncached_input_tokens: DecimalText,
    cache_read_input_tokens: DecimalText,
    ephemeral_5m_input_tokens: DecimalText,
    ephemeral_1h_input_tokens: DecimalText,
    output_tokens: DecimalText,
    web_search_requests: DecimalText,
    cacheReadShareOfInput: DecimalText.describe('Cache reads ÷ all input tokens.'),
    batchShareOfTokens: DecimalText.describe('Tokens in batch ÷ all tokens.'),
  })
  .describe('The group’s tokens over the whole report, and two shares of them.')
const SpendSource = z.enum(['cost_report', 'price_book'])

const importedItem = <T extends z.ZodType>(workload: T) =>
  z.object({
    group: Group,
    workload,
    volume: z.object({
      basis: z.enum(['requests', 'output_tokens_per_request', 'input_tokens_per_request']),
      requestsInPeriod: DecimalText,
    }),
    observed: ObservedTokens,
    observedMonthlySpend: MoneyText.describe(
      'From the cost report, or priced with the book (`observedSpendSource`).',
    ),
    observedSpendSource: SpendSource,
    listPricedMonthlySpend: MoneyText.describe('The usage priced with the portfolio’s price book.'),
    modelledMonthlySpend: MoneyText.describe('What the planner’s baseline makes of the workload, per month.'),
    notes: z.array(NoteSchema),
  })

/** A workload as the import would store it: a stored workload without identity and times. */
export const ProposedWorkloadSchema = WorkloadSchema.omit({
  id: true,
  portfolioId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
}).meta({ id: 'ProposedWorkload' })

const resultOf = <T extends z.ZodType>(workload: T) =>
  z.object({
    object: z.literal('usage_import'),
    dryRun: z.boolean(),
    portfolioId: z.uuid(),
    priceBook: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    period: Period,
    costPeriod: Period.nullable(),
    daysPerMonth: DecimalText.describe('A period is scaled to a month by this (365.2425 ÷ 12).'),
    grouping: z.array(z.enum(REPORT_DIMENSIONS)),
    observedSpendSource: SpendSource,
    totals: z.object({
      observedMonthlySpend: MoneyText,
      listPricedMonthlySpend: MoneyText,
      modelledMonthlySpend: MoneyText,
    }),
    workloads: z.array(importedItem(workload)),
    skipped: z.array(
      z.object({
        group: Group,
        reason: z.enum(['no_usage', 'unknown_model']),
        detail: z.string(),
        pointer: z.string().describe('The group’s first result in the request.'),
      }),
    ),
    notes: z.array(NoteSchema),
  })

/** The dry run's answer (200). */
export const UsageImportPreviewSchema = resultOf(ProposedWorkloadSchema).meta({
  id: 'UsageImportPreview',
  example: EXAMPLE_PREVIEW_RESULT,
})
/** The import's answer (201): the same, with the workloads as created. */
export const UsageImportResultSchema = resultOf(WorkloadSchema).meta({
  id: 'UsageImportResult',
  example: EXAMPLE_IMPORT_RESULT,
})

/** A proposed workload as the answers show it. */
export type ProposedWorkload = z.input<typeof ProposedWorkloadSchema>
