import { z } from 'zod'
import { DecimalText } from '../../lib/decimal-schemas.js'
import { PlanPreviewSchema } from '../plans/plans.schemas.js'
import { COMPARISON_LIMIT } from './projections.service.js'

const plan = PlanPreviewSchema.shape

export const RecommendationSchema = z
  .object({
    scenarioId: z.uuid(),
    recommendation: plan.recommendation,
    options: plan.options,
    warnings: plan.warnings,
  })
  .meta({ id: 'ScenarioRecommendation' })

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
  .meta({ id: 'ScenarioComparison' })

export const ComparisonQuery = z.object({
  scenarios: z
    .string()
    .max(COMPARISON_LIMIT * 37)
    .optional()
    .describe(
      `Comma-separated scenario ids (at most ${COMPARISON_LIMIT}); default: the portfolio’s first ${COMPARISON_LIMIT}.`,
    ),
})
