import { validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { termStartDate } from '../../lib/date-schemas.js'
import { DecimalText, decimalLike, decimalString } from '../../lib/decimal-schemas.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { priceBookRefWithDefault } from '../price-books/price-books.schemas.js'
import { PREVIEW_EXAMPLE_REQUEST, PREVIEW_EXAMPLE_RESPONSE } from './plans.examples.js'

const LEVER_NAMES = ['routing', 'caching', 'batch'] as const
const lever = z.enum(LEVER_NAMES)
const share = (what: string) => decimalLike({ max: '1', maxDecimals: 10 }).describe(`${what}, 0–1.`)
const tokens = (what: string) => decimalLike({ maxDecimals: 6, maxIntegerDigits: 12 }).describe(what)
const modelName = z.string().trim().min(1).max(100)

export const PreviewWorkloadSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('Unique within the request, e.g. `nightly-digest`.'),
  kind: z.string().trim().max(100).nullish().describe('Free label, e.g. `overnight_report`.'),
  model: modelName.describe('Model today: dated id or alias, e.g. `claude-opus-4-5`.'),
  routeToModel: modelName.nullish().describe('Cheaper model the routing lever moves `routableShare` to.'),
  requestsPerMonth: decimalLike({ maxDecimals: 6, maxIntegerDigits: 15 }).describe(
    'Requests per month today (may be fractional).',
  ),
  inputTokensPerRequest: tokens('All input tokens per request, the cacheable prefix included.'),
  outputTokensPerRequest: tokens('Output tokens per request.'),
  cacheablePrefixTokens: tokens('Shared prefix that could be cached (≤ input; default 0).').nullish(),
  currentCacheHitRate: share('Cache hit rate today; 0 or absent = no caching today').nullish(),
  targetCacheHitRate: share(
    'Hit rate once the caching lever is pulled; absent = caching changes nothing',
  ).nullish(),
  cacheTtl: z.enum(['5m', '1h']).nullish().describe('Cache TTL priced for writes (default `5m`).'),
  userWaiting: z
    .boolean()
    .describe('The waiting test: is anyone waiting on this result the instant it is produced? Required.'),
  currentBatchShare: share('Share of requests in batch today (default 0)').nullish(),
  targetBatchShare: share(
    'Batch share once the batch lever is pulled (default 1 if nobody waits, else 0)',
  ).nullish(),
  routableShare: share('Share of requests routable to `routeToModel` (both or neither)').nullish(),
  monthlyGrowthRate: decimalLike({ min: '-1', minExclusive: true, max: '10', maxDecimals: 10 })
    .nullish()
    .describe('Monthly volume growth, e.g. 0.02 (default 0).'),
  inferenceGeo: z
    .enum(['global', 'us'])
    .nullish()
    .describe('`us` applies the model’s data-residency multiplier.'),
  observedMonthlySpend: decimalString({ maxDecimals: 6, maxIntegerDigits: 14 })
    .nullish()
    .describe('Observed monthly spend (USD string) to check the modelled baseline against.'),
})

const LeverSchema = z.strictObject({
  lever,
  startMonth: z
    .number()
    .int()
    .min(-1200)
    .max(1200)
    .describe('Month the lever starts, 0 = first month of the term; negative = adopted before the term.'),
  rampMonths: z.number().int().min(0).max(1200).describe('Months to full adoption (0 or 1: full at once).'),
})

const perLever = <T extends z.ZodType>(value: T) =>
  z.strictObject({ routing: value.optional(), caching: value.optional(), batch: value.optional() })

const UncertaintySchema = z.strictObject({
  growthStdDev: decimalLike({ max: '1', maxDecimals: 10 })
    .nullish()
    .describe('Standard deviation of the monthly growth rate (default 0).'),
  adoptionSlipMonths: z
    .union([z.number().int().min(0).max(120), perLever(z.number().int().min(0).max(120))])
    .nullish()
    .describe(
      'Maximum slip of each lever’s start, months: one number for all levers or one per lever (default 0).',
    ),
  minRealization: z
    .union([share('Minimum realized share of each lever’s saving'), perLever(share('Per lever'))])
    .nullish()
    .describe('Minimum realized share of each lever’s saving, 0–1 (default 1).'),
})

const CommitmentSchema = z.strictObject({
  confidence: decimalLike({ min: '0', minExclusive: true, max: '1', maxExclusive: true, maxDecimals: 10 })
    .nullish()
    .describe('How sure the buyer wants to be to consume the commitment (default 0.9).'),
  proposedCommit: decimalString({ maxDecimals: 2, maxIntegerDigits: 14 })
    .nullish()
    .describe('A commitment to evaluate, e.g. the vendor’s ask (USD string).'),
  overage: z
    .enum(['discounted', 'list'])
    .nullish()
    .describe('How usage above the commitment is billed (default `discounted`).'),
  discountTiers: z
    .array(
      z.strictObject({
        minCommit: decimalString({ maxDecimals: 2, maxIntegerDigits: 14 }).describe('USD string.'),
        discountRate: decimalLike({ max: '1', maxExclusive: true, maxDecimals: 10 }).describe(
          '0 ≤ rate < 1.',
        ),
      }),
    )
    .max(20)
    .nullish()
    .describe('Negotiated tiers: commit at least `minCommit` over the term for `discountRate` off.'),
  uncertainty: UncertaintySchema.nullish(),
  simulations: z
    .number()
    .int()
    .min(1)
    .max(PREVIEW_LIMITS.maxSimulations)
    .nullish()
    .describe('Monte Carlo runs (default 2000).'),
  seed: z.number().int().min(0).max(4_294_967_295).nullish().describe('Same seed, same answer (default 1).'),
})

export const PreviewRequestSchema = z
  .strictObject({
    priceBook: priceBookRefWithDefault(),
    term: z.strictObject({
      start: termStartDate('First day of the commitment term'),
      months: z.number().int().min(1).max(PREVIEW_LIMITS.maxTermMonths).describe('Term length in months.'),
    }),
    levers: z
      .array(LeverSchema)
      .max(3)
      .describe('The levers in the order they are pulled, each with its schedule.'),
    workloads: z.array(PreviewWorkloadSchema).min(1).max(PREVIEW_LIMITS.maxWorkloads),
    commitment: CommitmentSchema.nullish().describe('Commitment settings; absent = defaults with no tiers.'),
  })
  .meta({
    id: 'PlanPreviewRequest',
    example: PREVIEW_EXAMPLE_REQUEST,
  })

export type PreviewRequestBody = z.output<typeof PreviewRequestSchema>

/**
 * The zod type provider's validator for the preview body, exactly as Fastify would run it on the route: it
 * answers `{ value }` (the parsed request) or `{ error }` (one validation entry per zod issue, which the
 * error handler turns into the 400 problem). The route itself does not run it — the worker does.
 */
export const validatePreviewBody = validatorCompiler({
  schema: PreviewRequestSchema,
  method: 'POST',
  url: '/v1/plans/preview',
  httpPart: 'body',
}) as (data: unknown) => { value: PreviewRequestBody; error?: undefined } | { error: unknown[] }

// ---- response -------------------------------------------------------------------------------------

const money = DecimalText.describe('USD as a decimal string.')
const rate = DecimalText.describe('Rate or share, decimal string with six decimals.')
const perLeverMoney = z.object({
  routing: money.optional(),
  caching: money.optional(),
  batch: money.optional(),
})

const SeriesTotals = z.object({
  termSpend: money,
  startRunRate: money.describe('12 × the first month’s spend.'),
  endRunRate: money.describe('12 × the last month’s spend.'),
})
const Savings = z.object({ scheduled: money, full: money, scheduledRate: rate, fullRate: rate })
const WaterfallStep = z.object({ lever, spendBefore: money, spendAfter: money, savings: money })
const Option = z.object({
  kind: z.enum(['recommended', 'tier', 'proposed', 'baseline']),
  label: z.string(),
  commit: money.describe('Whole dollars.'),
  discountRate: rate,
  expectedUtilization: rate,
  expectedCoverage: rate,
  shortfallProbability: rate,
  expectedStranded: money,
  expectedPayment: money,
  effectiveSavingsRate: rate,
})
const Percentiles = z.object({ p10: money, p50: money, p90: money })

export const PlanPreviewSchema = z
  .object({
    currency: z.literal('USD'),
    priceBook: z.object({ id: z.string(), name: z.string(), effectiveFrom: z.string() }),
    term: z.object({ start: z.string(), months: z.number().int(), end: z.string() }),
    levers: z.array(z.object({ lever, startMonth: z.number().int(), rampMonths: z.number().int() })),
    baseline: SeriesTotals.describe('Today’s state over the term, no lever pulled.'),
    optimized: SeriesTotals.describe('Every listed lever on its schedule.'),
    fullyOptimized: SeriesTotals.describe('Every listed lever fully adopted from month 0.'),
    savings: Savings,
    waterfall: z.array(WaterfallStep).describe('Spend after each lever in the scenario’s sequence.'),
    shapley: perLeverMoney.describe(
      'Order-independent saving of each listed lever (sums to baseline − optimized).',
    ),
    months: z.array(
      z.object({
        month: z.number().int(),
        start: z.string(),
        adoption: z.object({ routing: rate.optional(), caching: rate.optional(), batch: rate.optional() }),
        baseline: money,
        optimized: money,
        fullyOptimized: money,
      }),
    ),
    workloads: z.array(
      z.object({
        name: z.string(),
        kind: z.string().nullable(),
        model: z.string(),
        routeToModel: z.string().nullable(),
        baseline: SeriesTotals,
        optimized: SeriesTotals,
        fullyOptimized: SeriesTotals,
        savings: Savings,
        waterfall: z.array(WaterfallStep),
        shapley: perLeverMoney,
        months: z.array(
          z.object({ month: z.number().int(), baseline: money, optimized: money, fullyOptimized: money }),
        ),
      }),
    ),
    recommendation: Option.extend({
      kind: z.literal('recommended'),
      percentiles: Percentiles.describe('P10/P50/P90 of the simulated optimized term spend, whole dollars.'),
      deterministicTermSpend: money.describe('The optimized term spend without uncertainty, cents.'),
    }),
    options: z
      .array(Option)
      .describe('Recommended, every tier, the proposed commit and one sized on today’s baseline.'),
    simulation: z.object({
      runs: z.number().int(),
      seed: z.number().int(),
      growthStdDev: rate,
      adoptionSlipMonths: z.object({
        routing: z.number().int().optional(),
        caching: z.number().int().optional(),
        batch: z.number().int().optional(),
      }),
      minRealization: z.object({
        routing: rate.optional(),
        caching: rate.optional(),
        batch: rate.optional(),
      }),
      percentiles: Percentiles,
      mean: money,
    }),
    warnings: z.array(
      z.object({
        code: z.string().describe('Stable code, e.g. `STRANDED_COMMITMENT`.'),
        severity: z.enum(['error', 'warning', 'info']),
        amount: money.nullable(),
        workloads: z.array(z.string()),
        lever: lever.optional(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'PlanPreview', example: PREVIEW_EXAMPLE_RESPONSE })
