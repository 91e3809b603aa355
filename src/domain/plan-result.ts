import type { WaterfallStep } from './attribution.js'
import type { CommitmentOption } from './commitment.js'
import type { Decimal } from './money.js'
import type { Lever, LeverSpec } from './plan-request.js'
import type { PlanWarning } from './warnings.js'

/**
 * The unrounded result of {@link computePlan}: every money figure and rate a Decimal, nothing rounded.
 * `previewPlan` presents it (strings, rounded once).
 */

/** Term spend and annualized run-rates of one series. */
export interface SeriesTotals {
  termSpend: Decimal
  /** 12 × the first month's spend (the annualized run-rate at the start of the term). */
  startRunRate: Decimal
  /** 12 × the last month's spend (the annualized run-rate the term ends on). */
  endRunRate: Decimal
}

/** Savings against the baseline. */
export interface SavingsSummary {
  /** baseline − optimized term spend. */
  scheduled: Decimal
  /** baseline − fully optimized term spend. */
  full: Decimal
  /** scheduled / baseline (0 when the baseline is 0). */
  scheduledRate: Decimal
  /** full / baseline (0 when the baseline is 0). */
  fullRate: Decimal
}

/** Shapley saving per listed lever, in the scenario's order. */
export type ShapleyValues = Partial<Record<Lever, Decimal>>

/** One month of a workload. */
export interface WorkloadMonth {
  month: number
  baseline: Decimal
  optimized: Decimal
  fullyOptimized: Decimal
}

/** One month of the portfolio, with its start date and each listed lever's adoption. */
export interface PortfolioMonth extends WorkloadMonth {
  /** Term start + month months, `YYYY-MM-DD`. */
  start: string
  adoption: Partial<Record<Lever, Decimal>>
}

/** Figures shared by the portfolio and each workload. */
export interface ProjectionFigures {
  baseline: SeriesTotals
  optimized: SeriesTotals
  fullyOptimized: SeriesTotals
  savings: SavingsSummary
  waterfall: WaterfallStep[]
  shapley: ShapleyValues
}

/** One workload's result. */
export interface WorkloadResult extends ProjectionFigures {
  name: string
  kind: string | null
  /** Canonical model id. */
  model: string
  /** Canonical id of the routing target, or null. */
  routeToModel: string | null
  months: WorkloadMonth[]
}

/** Percentiles of the simulated optimized term spend. */
export interface SpendPercentiles {
  p10: Decimal
  p50: Decimal
  p90: Decimal
}

/** The recommendation: the recommended option plus where it comes from. */
export interface Recommendation extends CommitmentOption {
  kind: 'recommended'
  percentiles: SpendPercentiles
  /** The deterministic optimized term spend the simulation multiplies. */
  deterministicTermSpend: Decimal
}

/** What the simulation assumed and produced. */
export interface SimulationSummary {
  runs: number
  seed: number
  growthStdDev: Decimal
  /** Maximum slip per listed lever. */
  adoptionSlipMonths: Partial<Record<Lever, number>>
  /** Minimum realization per listed lever. */
  minRealization: Partial<Record<Lever, Decimal>>
  percentiles: SpendPercentiles
  mean: Decimal
}

/** The whole unrounded plan. */
export interface PlanResult extends ProjectionFigures {
  currency: 'USD'
  priceBook: { id: string; name: string; effectiveFrom: string }
  term: { start: string; months: number; end: string }
  levers: LeverSpec[]
  months: PortfolioMonth[]
  workloads: WorkloadResult[]
  recommendation: Recommendation
  options: CommitmentOption[]
  simulation: SimulationSummary
  warnings: PlanWarning[]
}
