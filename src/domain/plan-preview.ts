import type { OptionKind } from './commitment.js'
import type { Lever } from './plan-request.js'
import type { Severity, WarningCode } from './warnings.js'

/**
 * The presented plan (`POST /v1/plans/preview`, the worked example of docs/cost-model.md): every money figure a decimal string, every rate a
 * string with six decimals, counts as numbers. Field names are a contract.
 */

/** Money in USD as a decimal string: cents (`"1234.56"`), or whole dollars (`"250000"`) for simulated figures. */
export type MoneyString = string
/** A rate or share as a decimal string with six decimals (`"0.050000"`). */
export type RateString = string

/** Term spend and annualized run-rates (12 × the first and the last month) of one series, in cents. */
export interface SeriesTotalsPreview {
  termSpend: MoneyString
  startRunRate: MoneyString
  endRunRate: MoneyString
}

/** Savings against the baseline. */
export interface SavingsPreview {
  scheduled: MoneyString
  full: MoneyString
  scheduledRate: RateString
  fullRate: RateString
}

/** One waterfall step, in cents; `savings` is round(before − after). */
export interface WaterfallStepPreview {
  lever: Lever
  spendBefore: MoneyString
  spendAfter: MoneyString
  savings: MoneyString
}

/** Shapley saving per listed lever, in cents. */
export type ShapleyPreview = Partial<Record<Lever, MoneyString>>

/** One month of a workload, in cents. */
export interface WorkloadMonthPreview {
  month: number
  baseline: MoneyString
  optimized: MoneyString
  fullyOptimized: MoneyString
}

/** One month of the portfolio. */
export interface PortfolioMonthPreview {
  month: number
  /** Term start + month months, `YYYY-MM-DD`. */
  start: string
  /** Adoption fraction of each listed lever. */
  adoption: Partial<Record<Lever, RateString>>
  baseline: MoneyString
  optimized: MoneyString
  fullyOptimized: MoneyString
}

/** One workload's figures. */
export interface WorkloadPreview {
  name: string
  kind: string | null
  /** Canonical model id. */
  model: string
  routeToModel: string | null
  baseline: SeriesTotalsPreview
  optimized: SeriesTotalsPreview
  fullyOptimized: SeriesTotalsPreview
  savings: SavingsPreview
  waterfall: WaterfallStepPreview[]
  shapley: ShapleyPreview
  months: WorkloadMonthPreview[]
}

/** A commitment option; money in whole dollars (it comes from the simulation). */
export interface CommitmentOptionPreview {
  kind: OptionKind
  label: string
  commit: MoneyString
  discountRate: RateString
  expectedUtilization: RateString
  expectedCoverage: RateString
  shortfallProbability: RateString
  expectedStranded: MoneyString
  expectedPayment: MoneyString
  effectiveSavingsRate: RateString
}

/** Percentiles of the simulated optimized term spend, whole dollars. */
export interface PercentilesPreview {
  p10: MoneyString
  p50: MoneyString
  p90: MoneyString
}

/** The recommended option, its percentiles and the deterministic figure they come from (cents). */
export interface RecommendationPreview extends CommitmentOptionPreview {
  kind: 'recommended'
  percentiles: PercentilesPreview
  deterministicTermSpend: MoneyString
}

/** The Monte Carlo's settings and outcome. */
export interface SimulationPreview {
  runs: number
  seed: number
  growthStdDev: RateString
  adoptionSlipMonths: Partial<Record<Lever, number>>
  minRealization: Partial<Record<Lever, RateString>>
  percentiles: PercentilesPreview
  /** Mean simulated optimized term spend, whole dollars. */
  mean: MoneyString
}

/** One warning. `amount` is in cents, or whole dollars when it quotes a simulated figure. */
export interface WarningPreview {
  code: WarningCode
  severity: Severity
  amount: MoneyString | null
  workloads: string[]
  lever?: Lever
  message: string
}

/** The whole presented plan. */
export interface PlanPreview {
  currency: 'USD'
  priceBook: { id: string; name: string; effectiveFrom: string }
  term: { start: string; months: number; end: string }
  levers: { lever: Lever; startMonth: number; rampMonths: number }[]
  baseline: SeriesTotalsPreview
  optimized: SeriesTotalsPreview
  fullyOptimized: SeriesTotalsPreview
  savings: SavingsPreview
  waterfall: WaterfallStepPreview[]
  shapley: ShapleyPreview
  months: PortfolioMonthPreview[]
  workloads: WorkloadPreview[]
  recommendation: RecommendationPreview
  options: CommitmentOptionPreview[]
  simulation: SimulationPreview
  warnings: WarningPreview[]
}
