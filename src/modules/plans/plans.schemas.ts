import { validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DecimalText } from '../../lib/decimal-schemas.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { priceBookRefWithDefault } from '../price-books/price-books.schemas.js'
import {
  CommitmentSchema,
  LeverNameSchema,
  LeverSequenceSchema,
  TermSchema,
} from '../scenarios/scenarios.schemas.js'
import { WorkloadInputSchema } from '../workloads/workloads.schemas.js'
import { PREVIEW_EXAMPLE_REQUEST, PREVIEW_EXAMPLE_RESPONSE } from './plans.examples.js'

/** The preview's inline workload: exactly the fields of a stored workload that the engine reads. */
export const PreviewWorkloadSchema = WorkloadInputSchema
const lever = LeverNameSchema

export const PreviewRequestSchema = z
  .strictObject({
    priceBook: priceBookRefWithDefault(),
    term: TermSchema,
    levers: LeverSequenceSchema,
    workloads: z.array(PreviewWorkloadSchema).min(1).max(PREVIEW_LIMITS.maxWorkloads),
    commitment: CommitmentSchema.nullish().describe('Commitment settings; absent = defaults with no tiers.'),
  })
  .meta({
    id: 'PlanPreviewRequest',
    example: PREVIEW_EXAMPLE_REQUEST,
  })

export type PreviewRequestBody = z.output<typeof PreviewRequestSchema>
/** A preview request as JSON (what a client sends; what a stored scenario is turned into). */
export type PreviewRequestInput = z.input<typeof PreviewRequestSchema>

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

/**
 * The request's fields before `workloads`, in the schema's order: the validator reports their issues before the
 * workloads', and every other issue (later fields, unknown keys) after them — how a large plan validated in
 * shards puts its issues back in the order of the whole request.
 */
export const PREVIEW_HEAD_KEYS: readonly string[] = Object.keys(PreviewRequestSchema.shape).slice(
  0,
  Object.keys(PreviewRequestSchema.shape).indexOf('workloads'),
)

/** The request without its workloads, validated as in {@link PreviewRequestSchema} (for merging shards). */
export const PreviewHeadSchema = PreviewRequestSchema.omit({ workloads: true })
export const validatePreviewHead = (data: unknown) => PreviewHeadSchema.safeParse(data)

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
const Savings = z.object({
  scheduled: money.describe('baseline − optimized term spend, cents.'),
  full: money.describe('baseline − fully optimized term spend, cents.'),
  scheduledRate: rate.describe('scheduled ÷ baseline term spend (0 when the baseline is 0).'),
  fullRate: rate.describe('full ÷ baseline term spend (0 when the baseline is 0).'),
})
const WaterfallStep = z.object({ lever, spendBefore: money, spendAfter: money, savings: money })
const wholeDollars = money.describe('USD, whole dollars (a simulated figure).')
const OptionYear = z.object({
  year: z
    .number()
    .int()
    .describe(
      'Contract year, 1 = the first 12 months (a single entry for the whole term under `structure: term`).',
    ),
  commit: wholeDollars.describe(
    'The commitment settled in this year. Every year but the last is rounded half up to whole dollars and the last is the option’s presented total less the others, so the years add up to `commit`.',
  ),
  expectedPayment: wholeDollars.describe(
    'Mean over the simulated runs of what this year costs: commitment plus overage.',
  ),
  expectedStranded: wholeDollars.describe(
    'Mean over the runs of max(0, commitment − consumption) in this year.',
  ),
})
const OPTION_KIND = z.enum([
  'recommended',
  'tier',
  'proposed',
  'baseline',
  'lowestExpectedPayment',
  'noCommitment',
])
const Option = z.object({
  kind: OPTION_KIND.describe('The first of `kinds`.'),
  kinds: z
    .array(OPTION_KIND)
    .describe(
      'Every rule that produced this very amount, in option order (an option equal to an earlier one — same discount, same amount in every year — is listed once, carrying both kinds).',
    ),
  label: z.string().describe('The first of `labels`.'),
  labels: z.array(z.string()).describe('One sentence per kind.'),
  basis: z.string().describe('How the amount was derived: which quantile, which tier, and why.'),
  commit: wholeDollars.describe('The total committed over the term, whole dollars.'),
  discountRate: rate.describe(
    'd(C): the discount of the highest tier whose minimum the total reaches (0 below every tier). Six decimals.',
  ),
  tier: z.number().int().describe('The tier the total reaches: 1 = the smallest minimum, 0 = none.'),
  expectedUtilization: rate
    .nullable()
    .describe(
      'Mean over the simulated runs of Σ consumed ÷ Σ committed, where a year’s consumed amount is min(commitment, usage × (1 − discount)); null when nothing is committed.',
    ),
  expectedCoverage: rate.describe(
    'Mean over the runs of Σ consumed ÷ Σ discounted usage (usage × (1 − discount)): the share of usage the commitment covers (a run with no usage counts as covered).',
  ),
  shortfallProbability: rate.describe(
    'Share of runs in which consumption falls short of the commitment — in any contract year under `structure: annual` (the joint probability).',
  ),
  expectedStranded: wholeDollars.describe(
    'Mean of Σ max(0, commitment − consumption): paid for but not used.',
  ),
  expectedPayment: wholeDollars.describe(
    'Mean total payment: per settlement, max(C, consumption) with overage at the discounted rate, or C + max(0, consumption − C) ÷ (1 − discount) with overage at list.',
  ),
  effectiveSavingsRate: rate.describe(
    '1 − expectedPayment ÷ E[U], E[U] the mean simulated optimized spend at list (what no commitment pays): the saving the commitment buys. 0 for no commitment.',
  ),
  years: z.array(OptionYear).describe('Per contract year under `structure: annual`; one entry under `term`.'),
})
const Percentiles = z.object({ p10: money, p50: money, p90: money })
const yearFields = {
  year: z
    .number()
    .int()
    .describe(
      '1, 2, …: contract years of 12 months from the term’s start (the last one shorter when the term is not a multiple of 12).',
    ),
  start: z.string().describe('First day of the contract year, YYYY-MM-DD.'),
  months: z.number().int().describe('Months in the year.'),
  baseline: money.describe('Baseline spend in the year, cents.'),
  optimized: money.describe(
    'Optimized spend in the year (levers on their schedules): the annual figure to budget with, cents.',
  ),
  fullyOptimized: money.describe(
    'Spend in the year with every listed lever fully adopted from month 0, cents.',
  ),
}
const WorkloadYear = z.object(yearFields)
const PortfolioYear = z.object({
  ...yearFields,
  percentiles: Percentiles.describe(
    'P10/P50/P90 of the year’s simulated optimized spend U_y, whole dollars.',
  ),
})

export const PlanPreviewSchema = z
  .object({
    currency: z.literal('USD'),
    priceBook: z.object({ id: z.string(), name: z.string(), effectiveFrom: z.string() }),
    term: z.object({ start: z.string(), months: z.number().int(), end: z.string() }),
    structure: z
      .enum(['term', 'annual'])
      .describe('How the commitment is settled: once for the term, or per contract year.'),
    levers: z.array(z.object({ lever, startMonth: z.number().int(), rampMonths: z.number().int() })),
    baseline: SeriesTotals.describe('Today’s state over the term, no lever pulled.'),
    optimized: SeriesTotals.describe('Every listed lever on its schedule.'),
    fullyOptimized: SeriesTotals.describe('Every listed lever fully adopted from month 0.'),
    savings: Savings,
    recommendation: Option.extend({
      kind: z.literal('recommended'),
      percentiles: Percentiles.describe('P10/P50/P90 of the simulated optimized term spend, whole dollars.'),
      deterministicTermSpend: money.describe('The optimized term spend without uncertainty, cents.'),
      explanation: z
        .string()
        .describe(
          'How the simulated median relates to the deterministic figure, and which uncertainty (growth, adoption slip, partial realization) moved it — each simulated on its own and quoted.',
        ),
    }),
    waterfall: z.array(WaterfallStep).describe('Spend after each lever in the scenario’s sequence.'),
    shapley: perLeverMoney.describe(
      'Order-independent saving of each listed lever (sums to baseline − optimized).',
    ),
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
    months: z
      .array(
        z.object({
          month: z.number().int(),
          start: z.string(),
          adoption: z.object({ routing: rate.optional(), caching: rate.optional(), batch: rate.optional() }),
          baseline: money,
          optimized: money,
          fullyOptimized: money,
        }),
      )
      .optional()
      .describe('With `include=months` (default).'),
    years: z.array(PortfolioYear).optional().describe('Contract years, with `include=years` (default).'),
    workloads: z
      .array(
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
          years: z.array(WorkloadYear).optional().describe('With `include=years` (default).'),
          months: z
            .array(
              z.object({ month: z.number().int(), baseline: money, optimized: money, fullyOptimized: money }),
            )
            .optional()
            .describe('Only with `include=workloadMonths`.'),
        }),
      )
      .optional()
      .describe('With `include=workloads` (default) or `include=workloadMonths`.'),
    options: z
      .array(Option)
      .describe(
        'Side by side, in this order: the recommendation, every tier, the proposed commit, one sized on today’s baseline, the lowest expected payment and no commitment (equal options merged).',
      ),
  })
  .meta({ id: 'PlanPreview', example: PREVIEW_EXAMPLE_RESPONSE })
