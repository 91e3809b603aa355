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
    recommendation: Option.extend({
      kind: z.literal('recommended'),
      percentiles: Percentiles.describe('P10/P50/P90 of the simulated optimized term spend, whole dollars.'),
      deterministicTermSpend: money.describe('The optimized term spend without uncertainty, cents.'),
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
      .describe('Recommended, every tier, the proposed commit and one sized on today’s baseline.'),
  })
  .meta({ id: 'PlanPreview', example: PREVIEW_EXAMPLE_RESPONSE })
