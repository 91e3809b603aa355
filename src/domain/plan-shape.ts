import type { Decimal } from './money.js'
import type { Lever, LeverSpec } from './plan-request.js'
import type { Severity, WarningCode } from './warnings.js'

/**
 * The one shape of a plan, generic in how its figures are held: `PlanOf<Decimal>` is the unrounded result of
 * `computePlan` (every money figure and rate a Decimal), `PlanOf<string>` the presented plan of `previewPlan` and
 * `POST /v1/plans/preview` (money as decimal strings in cents, or whole dollars for simulated figures; rates with
 * six decimals). Presenting maps one to the other field by field (`present.ts`), so the two cannot drift apart.
 * Field names are a contract.
 */

/** Term spend and annualized run-rates of one series. */
export interface SeriesTotalsOf<N> {
  termSpend: N
  /** 12 × the first month's spend (the annualized run-rate at the start of the term). */
  startRunRate: N
  /** 12 × the last month's spend (the annualized run-rate the term ends on). */
  endRunRate: N
}

/** Savings against the baseline. */
export interface SavingsOf<N> {
  /** baseline − optimized term spend. */
  scheduled: N
  /** baseline − fully optimized term spend. */
  full: N
  /** scheduled ÷ baseline (0 when the baseline is 0). */
  scheduledRate: N
  /** full ÷ baseline (0 when the baseline is 0). */
  fullRate: N
}

/** One bar-to-bar step of the waterfall; `savings` = spendBefore − spendAfter. */
export interface WaterfallStepOf<N> {
  lever: Lever
  spendBefore: N
  spendAfter: N
  savings: N
}

/** Shapley saving per listed lever, in the scenario's order. */
export type ShapleyOf<N> = Partial<Record<Lever, N>>

/** One month of a workload. */
export interface MonthOf<N> {
  month: number
  baseline: N
  optimized: N
  fullyOptimized: N
}

/** One month of the portfolio, with its start date and each listed lever's adoption. */
export interface PortfolioMonthOf<N> extends MonthOf<N> {
  /** Term start + month months, `YYYY-MM-DD`. */
  start: string
  adoption: Partial<Record<Lever, N>>
}

/** One contract year (12 months from the term's start; the last one shorter when the term is not a multiple). */
export interface YearOf<N> {
  /** 1, 2, … */
  year: number
  /** First day of the contract year, `YYYY-MM-DD`. */
  start: string
  /** Months in the year (12, or fewer for a short last year). */
  months: number
  baseline: N
  optimized: N
  fullyOptimized: N
}

/** Percentiles (P10/P50/P90) of a simulated spend. */
export interface PercentilesOf<N> {
  p10: N
  p50: N
  p90: N
}

/** A portfolio contract year, with the percentiles of that year's simulated optimized spend U_y. */
export interface PortfolioYearOf<N> extends YearOf<N> {
  percentiles: PercentilesOf<N>
}

/** Figures shared by the portfolio and each workload. */
export interface ProjectionFiguresOf<N> {
  baseline: SeriesTotalsOf<N>
  optimized: SeriesTotalsOf<N>
  fullyOptimized: SeriesTotalsOf<N>
  savings: SavingsOf<N>
  waterfall: WaterfallStepOf<N>[]
  shapley: ShapleyOf<N>
}

/** One workload's figures; `years` and `months` only when they were asked for. */
export interface WorkloadOf<N> extends ProjectionFiguresOf<N> {
  name: string
  kind: string | null
  /** Canonical model id. */
  model: string
  /** Canonical id of the routing target, or null. */
  routeToModel: string | null
  years?: YearOf<N>[]
  months?: MonthOf<N>[]
}

/** Which rule produced an option (§3.5), in option order. */
export type OptionKind =
  | 'recommended'
  | 'tier'
  | 'proposed'
  | 'baseline'
  | 'lowestExpectedPayment'
  | 'noCommitment'

/** Every option kind, in option order. */
export const OPTION_KINDS: readonly OptionKind[] = [
  'recommended',
  'tier',
  'proposed',
  'baseline',
  'lowestExpectedPayment',
  'noCommitment',
]

/** One contract year of an option (a single entry for the whole term under `structure: term`). */
export interface OptionYearOf<N> {
  year: number
  commit: N
  expectedPayment: N
  expectedStranded: N
}

/** A commitment option evaluated over the simulated runs. */
export interface OptionOf<N> {
  /** The first of `kinds`. */
  kind: OptionKind
  /** Every rule that produced this very amount (equal options are listed once), in option order. */
  kinds: OptionKind[]
  /** The first of `labels`. */
  label: string
  /** One sentence per kind. */
  labels: string[]
  /** How the amount was derived: which quantile, which tier, why. */
  basis: string
  /** The total committed over the term. */
  commit: N
  /** The discount the total earns, d(C): the highest tier whose minimum it reaches (0 below every tier). */
  discountRate: N
  /** The tier the total reaches (1 = the smallest minimum), 0 for none. */
  tier: number
  /** Mean over runs of Σ consumed ÷ Σ committed; null when nothing is committed. */
  expectedUtilization: N | null
  /** Mean over runs of Σ consumed ÷ Σ discounted usage (a run with no usage counts as covered). */
  expectedCoverage: N
  /** Share of runs in which some settlement period falls short (consumption below its commitment). */
  shortfallProbability: N
  /** Mean commitment paid but not consumed. */
  expectedStranded: N
  /** Mean total payment (commitments plus overage). */
  expectedPayment: N
  /** 1 − expected payment ÷ expected list spend E[U] (0 when E[U] is 0). */
  effectiveSavingsRate: N
  years: OptionYearOf<N>[]
}

/** The recommendation: the recommended option plus where it comes from. */
export interface RecommendationOf<N> extends OptionOf<N> {
  kind: 'recommended'
  /** Percentiles of the simulated optimized term spend. */
  percentiles: PercentilesOf<N>
  /** The deterministic optimized term spend the simulation scatters around. */
  deterministicTermSpend: N
  /** How the simulated median relates to the deterministic figure, and which uncertainty moved it. */
  explanation: string
}

/** What the simulation assumed and produced. */
export interface SimulationOf<N> {
  runs: number
  seed: number
  growthStdDev: N
  /** Maximum slip per listed lever. */
  adoptionSlipMonths: Partial<Record<Lever, number>>
  /** Minimum realization per listed lever. */
  minRealization: Partial<Record<Lever, N>>
  percentiles: PercentilesOf<N>
  mean: N
}

/** One warning; the unrounded form also says how its amount is presented. */
export interface WarningOf<N> {
  code: WarningCode
  severity: Severity
  /** The money at stake, or null when no amount applies. */
  amount: N | null
  /** Names of the workloads involved (empty for warnings about the commitment as a whole). */
  workloads: string[]
  lever?: Lever
  message: string
}

/** The whole plan. `months`, `years` and `workloads` may be left out of a presented plan (`include`). */
export interface PlanOf<N, W extends WarningOf<N> = WarningOf<N>> extends ProjectionFiguresOf<N> {
  currency: 'USD'
  priceBook: { id: string; name: string; effectiveFrom: string }
  term: { start: string; months: number; end: string }
  structure: 'term' | 'annual'
  levers: LeverSpec[]
  months: PortfolioMonthOf<N>[]
  years: PortfolioYearOf<N>[]
  workloads: WorkloadOf<N>[]
  recommendation: RecommendationOf<N>
  options: OptionOf<N>[]
  simulation: SimulationOf<N>
  warnings: W[]
}

/** One warning, unrounded, with how its amount is presented. */
export interface PlanWarning extends WarningOf<Decimal> {
  /** Whole dollars when the amount comes from the simulation, else cents. */
  amountPrecision: 'cents' | 'dollars'
}

/** The unrounded plan of `computePlan`. */
export type PlanResult = PlanOf<Decimal, PlanWarning>
/** The presented plan of `previewPlan`. */
export type PlanPreview = PlanOf<string>

export type CommitmentOption = OptionOf<Decimal>
export type WorkloadResult = WorkloadOf<Decimal>
export type WorkloadPreview = WorkloadOf<string>
export type PortfolioMonth = PortfolioMonthOf<Decimal>
export type WorkloadMonth = MonthOf<Decimal>
export type ContractYear = YearOf<Decimal>
export type PortfolioYear = PortfolioYearOf<Decimal>
export type SpendPercentiles = PercentilesOf<Decimal>
export type ShapleyValues = ShapleyOf<Decimal>
export type SavingsSummary = SavingsOf<Decimal>
export type SeriesTotals = SeriesTotalsOf<Decimal>
export type Recommendation = RecommendationOf<Decimal>
