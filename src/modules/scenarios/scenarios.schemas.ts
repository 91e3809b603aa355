import { z } from 'zod'
import { COMMITMENT_STRUCTURES, LEVERS } from '../../domain/index.js'
import { termStartDate } from '../../lib/date-schemas.js'
import { decimalLike, decimalString } from '../../lib/decimal-schemas.js'
import { ENGINE_LIMITS, PREVIEW_LIMITS } from '../../lib/limits.js'
import { PageQuerySchema, pageSchema } from '../../lib/pagination.js'
import { EXAMPLE_IDS, EXAMPLE_TIMES, priceBookRef } from '../portfolios/portfolios.schemas.js'

/**
 * Scenarios: a term, a lever sequence with its schedule, and commitment settings for one portfolio. The
 * schemas of those parts are used by the stateless preview and by stored scenarios alike.
 */

export const LeverNameSchema = z.enum(LEVERS as readonly ['routing', 'caching', 'batch'])

const share = (what: string) => decimalLike({ max: '1', maxDecimals: 10 }).describe(`${what}, 0–1.`)
/** A USD amount of a commitment: a decimal string, at least 0, cents at most. */
const commitAmount = () => decimalString({ maxDecimals: 2, maxIntegerDigits: 14 })
/** Contract years of the longest term: 12 months each from the term start, the last one shorter. */
const MAX_CONTRACT_YEARS = Math.ceil(ENGINE_LIMITS.maxTermMonths / 12)
const MAX_SLIP_MONTHS = ENGINE_LIMITS.maxSlipMonths
const MAX_SCHEDULE_MONTHS = ENGINE_LIMITS.maxLeverMonths

export const LeverSchema = z.strictObject({
  lever: LeverNameSchema,
  startMonth: z
    .number()
    .int()
    .min(-MAX_SCHEDULE_MONTHS)
    .max(MAX_SCHEDULE_MONTHS)
    .describe('Month the lever starts, 0 = first month of the term; negative = adopted before the term.'),
  rampMonths: z
    .number()
    .int()
    .min(0)
    .max(MAX_SCHEDULE_MONTHS)
    .describe('Months to full adoption (0 or 1: full at once).'),
})

/** The levers in the order they are pulled. */
export const LeverSequenceSchema = z
  .array(LeverSchema)
  .max(3)
  .describe('The levers in the order they are pulled, each with its schedule.')

export const TermSchema = z.strictObject({
  start: termStartDate('First day of the commitment term'),
  months: z.number().int().min(1).max(PREVIEW_LIMITS.maxTermMonths).describe('Term length in months.'),
})

const perLever = <T extends z.ZodType>(value: T) =>
  z.strictObject({ routing: value.optional(), caching: value.optional(), batch: value.optional() })

const UncertaintySchema = z.strictObject({
  growthStdDev: decimalLike({ max: '1', maxDecimals: 10 })
    .nullish()
    .describe('Standard deviation of the monthly growth rate (default 0).'),
  adoptionSlipMonths: z
    .union([
      z.number().int().min(0).max(MAX_SLIP_MONTHS),
      perLever(z.number().int().min(0).max(MAX_SLIP_MONTHS)),
    ])
    .nullish()
    .describe(
      'Maximum slip of each lever’s start, months: one number for all levers or one per lever (default 0).',
    ),
  minRealization: z
    .union([share('Minimum realized share of each lever’s saving'), perLever(share('Per lever'))])
    .nullish()
    .describe('Minimum realized share of each lever’s saving, 0–1 (default 1).'),
})

/** Everything the commitment recommendation takes. */
export const CommitmentSchema = z.strictObject({
  confidence: decimalLike({ min: '0', minExclusive: true, max: '1', maxExclusive: true, maxDecimals: 10 })
    .nullish()
    .describe('How sure the buyer wants to be to consume the commitment (default 0.9).'),
  proposedCommit: commitAmount()
    .nullish()
    .describe(
      'A commitment to evaluate, e.g. the vendor’s ask: a term total (USD string). With `proposedCommitByYear` ' +
        'it must equal their sum exactly, and may be left out (the sum is then used).',
    ),
  structure: z
    .enum(COMMITMENT_STRUCTURES as readonly ['term', 'annual'])
    .nullish()
    .describe(
      '`term` (default): one commitment for the whole term, settled at its end. `annual`: one commitment per ' +
        'contract year (12 months from the term start, the last one shorter), each settled at its year’s end; ' +
        'the discount is earned by their total.',
    ),
  proposedCommitByYear: z
    .array(commitAmount())
    .max(MAX_CONTRACT_YEARS)
    .nullish()
    .describe(
      'The proposed commitment year by year (e.g. the vendor’s ramp), USD strings ≥ 0, year 1 first: only with ' +
        '`structure: annual`, and exactly one per contract year (a 30-month term has 3). Else a 422.',
    ),
  overage: z
    .enum(['discounted', 'list'])
    .nullish()
    .describe('How usage above the commitment is billed (default `discounted`).'),
  discountTiers: z
    .array(
      z.strictObject({
        minCommit: decimalString({ min: '0', minExclusive: true, maxDecimals: 2, maxIntegerDigits: 14 })
          // A value with more than two decimals has its issue already.
          .refine((value) => value.isInteger() || value.decimalPlaces() > 2, {
            message: 'must be a whole-dollar amount such as "250000", without cents',
          })
          .describe('Whole dollars above 0, as a USD string ("250000"): commit at least this over the term.'),
        discountRate: decimalLike({ max: '1', maxExclusive: true, maxDecimals: 10 }).describe(
          '0 ≤ rate < 1.',
        ),
      }),
    )
    .max(PREVIEW_LIMITS.maxDiscountTiers)
    .nullish()
    .describe(
      'Negotiated tiers: commit at least `minCommit` over the term (a total, whatever the `structure`) for ' +
        '`discountRate` off. Any order: they are sorted by `minCommit`; no two minimums may be equal and each ' +
        'discount must be above the one of the tier below (else a 422 at the tier, by its index here).',
    ),
  uncertainty: UncertaintySchema.nullish(),
  simulations: z
    .number()
    .int()
    .min(1)
    .max(PREVIEW_LIMITS.maxSimulations)
    .nullish()
    .describe('Monte Carlo runs (default 2000).'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(ENGINE_LIMITS.maxSeed)
    .nullish()
    .describe('Same seed, same answer (default 1).'),
})

export type CommitmentBody = z.output<typeof CommitmentSchema>

const scenarioName = z.string().trim().min(1).max(200).describe('Unique within the portfolio.')

const EXAMPLE_SCENARIO = {
  name: 'optimize first',
  term: { start: '2027-01-01', months: 36 },
  levers: [
    { lever: 'batch', startMonth: 0, rampMonths: 2 },
    { lever: 'caching', startMonth: 1, rampMonths: 3 },
    { lever: 'routing', startMonth: 3, rampMonths: 3 },
  ],
  commitment: {
    confidence: '0.9',
    proposedCommit: '1000000',
    discountTiers: [
      { minCommit: '250000', discountRate: '0.05' },
      { minCommit: '1000000', discountRate: '0.1' },
      { minCommit: '5000000', discountRate: '0.15' },
    ],
    uncertainty: { growthStdDev: '0.01', adoptionSlipMonths: 2, minRealization: '0.8' },
    simulations: 2000,
    seed: 42,
  },
}

/**
 * POST body. Without `basedOn`, `term` and `levers` are required; with it, every field not given is
 * copied from that scenario.
 */
export const CreateScenarioSchema = z
  .strictObject({
    name: scenarioName,
    basedOn: z
      .uuid()
      .nullish()
      .describe('Copy this scenario of the same portfolio; the fields given here replace its own.'),
    term: TermSchema.nullish(),
    levers: LeverSequenceSchema.nullish(),
    commitment: CommitmentSchema.nullish().describe('Commitment settings; absent = defaults with no tiers.'),
    priceBook: priceBookRef()
      .nullish()
      .describe('Price book (id or slug) overriding the portfolio’s default; absent = the portfolio’s.'),
  })
  .meta({ id: 'CreateScenario', example: EXAMPLE_SCENARIO })
export type CreateScenarioBody = z.output<typeof CreateScenarioSchema>

export const UpdateScenarioSchema = z
  .strictObject({
    name: scenarioName.optional(),
    term: TermSchema.optional(),
    levers: LeverSequenceSchema.optional(),
    commitment: CommitmentSchema.nullish().describe(
      'Replaces the whole commitment settings; null = defaults.',
    ),
    priceBook: priceBookRef().nullish().describe('null = use the portfolio’s default again.'),
  })
  .meta({
    id: 'UpdateScenario',
    example: {
      commitment: { proposedCommit: '750000', discountTiers: EXAMPLE_SCENARIO.commitment.discountTiers },
    },
  })
export type UpdateScenarioBody = z.output<typeof UpdateScenarioSchema>

const LeverOut = z.object({
  lever: LeverNameSchema,
  startMonth: z.number().int(),
  rampMonths: z.number().int(),
})

/** {@link EXAMPLE_SCENARIO} as stored. */
const EXAMPLE_SCENARIO_RESOURCE = {
  id: EXAMPLE_IDS.scenario,
  portfolioId: EXAMPLE_IDS.portfolio,
  name: EXAMPLE_SCENARIO.name,
  basedOn: null,
  term: EXAMPLE_SCENARIO.term,
  levers: EXAMPLE_SCENARIO.levers,
  commitment: EXAMPLE_SCENARIO.commitment,
  priceBook: null,
  version: 1,
  createdAt: EXAMPLE_TIMES.created,
  updatedAt: EXAMPLE_TIMES.created,
}

/** A stored scenario; its commitment settings as given (decimals as strings, absent ones omitted). */
export const ScenarioSchema = z
  .object({
    id: z.uuid(),
    portfolioId: z.uuid(),
    name: z.string(),
    basedOn: z.uuid().nullable().describe('The scenario this one was copied from, while it exists.'),
    term: z.object({ start: z.string(), months: z.number().int() }),
    levers: z.array(LeverOut),
    commitment: z.record(z.string(), z.unknown()).describe('The commitment settings as stored.'),
    priceBook: z.uuid().nullable().describe('The scenario’s own price book; null = the portfolio’s default.'),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Scenario', example: EXAMPLE_SCENARIO_RESOURCE })

export const ScenarioPageSchema = pageSchema(ScenarioSchema).meta({
  id: 'ScenarioPage',
  example: { object: 'list', data: [EXAMPLE_SCENARIO_RESOURCE], hasMore: false, nextCursor: null },
})

export const ScenarioParams = z.object({
  portfolioId: z.uuid().describe('The portfolio’s id.'),
  scenarioId: z.uuid().describe('The scenario’s id.'),
})

export const ScenarioListQuery = PageQuerySchema
