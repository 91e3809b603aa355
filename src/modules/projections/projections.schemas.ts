import { z } from 'zod'
import { DecimalText } from '../../lib/decimal-schemas.js'
import { ValidationError } from '../../lib/errors.js'
import { PREVIEW_EXAMPLE_RESPONSE } from '../plans/plans.examples.js'
import { PlanPreviewSchema } from '../plans/plans.schemas.js'
import { EXAMPLE_IDS } from '../portfolios/portfolios.schemas.js'
import { COMPARISON_LIMIT } from './projections.service.js'

const plan = PlanPreviewSchema.shape

// The examples are the worked example's (docs/cost-model.md §4.1): its portfolio, its scenario as given,
// and a copy of that scenario without levers ("commit now").
const WORKED = PREVIEW_EXAMPLE_RESPONSE

export const RecommendationSchema = z
  .object({
    scenarioId: z.uuid(),
    recommendation: plan.recommendation,
    options: plan.options,
    warnings: plan.warnings,
  })
  .meta({
    id: 'ScenarioRecommendation',
    example: {
      scenarioId: EXAMPLE_IDS.workedScenario,
      recommendation: WORKED.recommendation,
      options: WORKED.options,
      warnings: WORKED.warnings,
    },
  })

const money = DecimalText.describe('USD as a decimal string.')
const perLever = z.record(z.string(), money)

export const ComparisonSchema = z
  .object({
    portfolioId: z.uuid(),
    scenarios: z.array(
      z.object({
        scenarioId: z.uuid(),
        name: z.string(),
        termMonths: z.number().int(),
        structure: z
          .enum(['term', 'annual'])
          .describe('How the scenario’s commitment is settled: once for the term, or per contract year.'),
        baseline: money.describe('Term spend, no lever pulled.'),
        optimized: money.describe('Term spend with the levers on their schedule.'),
        fullyOptimized: money.describe('Term spend with every lever fully adopted from month 0.'),
        savings: plan.savings,
        waterfall: z
          .array(z.object({ lever: z.string(), savings: money }))
          .describe('In the scenario’s order.'),
        shapley: perLever.describe('Order-independent saving per lever.'),
        recommendation: z.object({
          commit: money,
          discountRate: DecimalText,
          expectedPayment: money,
          expectedStranded: money,
          shortfallProbability: DecimalText,
          years: z
            .array(
              z.object({
                year: z.number().int(),
                commit: money,
                expectedPayment: money,
                expectedStranded: money,
              }),
            )
            .describe(
              'The recommended commitment per contract year under `structure: annual` (one entry for the term otherwise): where a year-by-year commitment strands money.',
            ),
        }),
        stranded: z
          .object({ recommended: money, proposed: money.nullable(), baseline: money.nullable() })
          .describe(
            'Expected stranded amount of the recommended, the proposed and the baseline-sized commitment.',
          ),
        warningCounts: z.record(z.string(), z.number().int()).describe('How many warnings of each code.'),
      }),
    ),
    paysLeast: z
      .object({ scenarioId: z.uuid(), name: z.string(), expectedPayment: money })
      .nullable()
      .describe('The scenario whose recommended commitment has the lowest expected payment over its term.'),
  })
  .meta({
    id: 'ScenarioComparison',
    example: {
      portfolioId: EXAMPLE_IDS.portfolio,
      scenarios: [
        {
          scenarioId: EXAMPLE_IDS.workedScenario,
          name: 'optimize first',
          termMonths: 12,
          structure: 'term',
          baseline: '201181.35',
          optimized: '52483.76',
          fullyOptimized: '49443.33',
          savings: {
            scheduled: '148697.59',
            full: '151738.01',
            scheduledRate: '0.739122',
            fullRate: '0.754235',
          },
          waterfall: [
            { lever: 'routing', savings: '48283.52' },
            { lever: 'caching', savings: '47930.31' },
            { lever: 'batch', savings: '52483.76' },
          ],
          shapley: { routing: '31167.35', caching: '42254.35', batch: '75275.89' },
          recommendation: {
            commit: '62957',
            discountRate: '0.000000',
            expectedPayment: '72750',
            expectedStranded: '323',
            shortfallProbability: '0.100000',
            years: [{ year: 1, commit: '62957', expectedPayment: '72750', expectedStranded: '323' }],
          },
          stranded: { recommended: '323', proposed: '181194', baseline: '122316' },
          warningCounts: {
            STRANDED_COMMITMENT: 2,
            LEVER_AFTER_COMMIT_START: 1,
            TIER_CLIFF: 2,
            MODEL_RETIRING: 1,
          },
        },
        {
          scenarioId: EXAMPLE_IDS.commitNowScenario,
          name: 'commit now',
          termMonths: 12,
          structure: 'term',
          baseline: '201181.35',
          optimized: '201181.35',
          fullyOptimized: '201181.35',
          savings: { scheduled: '0.00', full: '0.00', scheduledRate: '0.000000', fullRate: '0.000000' },
          waterfall: [],
          shapley: {},
          recommendation: {
            commit: '177623',
            discountRate: '0.050000',
            expectedPayment: '192071',
            expectedStranded: '463',
            shortfallProbability: '0.100000',
            years: [{ year: 1, commit: '177623', expectedPayment: '192071', expectedStranded: '463' }],
          },
          stranded: { recommended: '463', proposed: '58392', baseline: '4072' },
          warningCounts: {
            STRANDED_COMMITMENT: 2,
            UNPULLED_BATCH: 1,
            UNPULLED_CACHING: 1,
            TIER_CLIFF: 1,
            MODEL_RETIRING: 1,
          },
        },
      ],
      paysLeast: { scenarioId: EXAMPLE_IDS.workedScenario, name: 'optimize first', expectedPayment: '72750' },
    },
  })

/**
 * `?scenarios=`, the scenarios a comparison compares — `GET …/comparison` (JSON and CSV) and its report: at most
 * {@link COMPARISON_LIMIT} ids (36 characters and a comma each), read by {@link comparedScenarioIds}.
 */
export const ComparedScenariosParam = z
  .string()
  .max(COMPARISON_LIMIT * 37)
  .optional()
  .describe(
    `Comma-separated scenario ids (at most ${COMPARISON_LIMIT}), in the order to show them; default: the ` +
      `portfolio’s first ${COMPARISON_LIMIT}.`,
  )

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The ids of {@link ComparedScenariosParam}, trimmed, lower-cased and each once, in the order given; null for
 * "the first ones" (absent or blank). Anything but scenario ids, or more than {@link COMPARISON_LIMIT}, is a 400
 * at `/scenarios`.
 */
export function comparedScenarioIds(text: string | undefined): string[] | null {
  if (text === undefined || text.trim() === '') return null
  const ids = [
    ...new Set(
      text
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== ''),
    ),
  ]
  const bad = ids.find((id) => !UUID.test(id))
  if (bad === undefined && ids.length <= COMPARISON_LIMIT) return ids
  throw new ValidationError('The scenarios parameter is not valid.', [
    {
      in: 'query',
      pointer: '/scenarios',
      code: 'invalid',
      detail:
        bad !== undefined
          ? `'${bad.slice(0, 40)}' is not a scenario id; give scenario ids separated by commas`
          : `at most ${COMPARISON_LIMIT} scenarios at once`,
    },
  ])
}

export const ComparisonQuery = z.object({
  scenarios: ComparedScenariosParam,
  format: z
    .enum(['csv', 'json'])
    .optional()
    .describe(
      '`csv`: one row per scenario, columns as in docs/spreadsheets.md; without it, `Accept: text/csv` ' +
        '(preferred to JSON) asks for CSV too.',
    ),
})
