import type { Decimal } from './money.js'

/**
 * The input contract of the planning engine. The HTTP layer parses JSON into these shapes (every decimal
 * already one of our {@link Decimal}s); the engine validates them ({@link validatePlanRequest}) before
 * computing anything.
 */

/** One of the three cost levers. */
export type Lever = 'routing' | 'caching' | 'batch'

/** Every lever, in the engine's canonical order (used wherever the scenario's own order must not matter). */
export const LEVERS: readonly Lever[] = ['routing', 'caching', 'batch']

/** When a lever starts and how long it ramps (both whole months; `startMonth` may be negative). */
export interface LeverSpec {
  lever: Lever
  startMonth: number
  rampMonths: number
}

/** Prompt-cache time to live. */
export type CacheTtl = '5m' | '1h'

/** Where inference runs; `'us'` applies the model's data-residency multiplier when it has one. */
export type InferenceGeo = 'global' | 'us'

/** One kind of Claude traffic with its own baseline and the states each lever would move it to. */
export interface WorkloadSpec {
  name: string
  kind?: string | null
  model: string
  routeToModel?: string | null
  requestsPerMonth: Decimal
  inputTokensPerRequest: Decimal
  outputTokensPerRequest: Decimal
  /** Default 0. */
  cacheablePrefixTokens?: Decimal | null
  /** Default 0 = does not cache today. */
  currentCacheHitRate?: Decimal | null
  /** Absent = the caching lever changes nothing. */
  targetCacheHitRate?: Decimal | null
  /** Default `5m`. */
  cacheTtl?: CacheTtl | null
  userWaiting: boolean
  /** Default 0. */
  currentBatchShare?: Decimal | null
  /** Default 1 when nobody waits on the result, else 0. */
  targetBatchShare?: Decimal | null
  /** With `routeToModel`: both or neither. */
  routableShare?: Decimal | null
  /** Default 0. */
  monthlyGrowthRate?: Decimal | null
  /** Default `global`. */
  inferenceGeo?: InferenceGeo | null
  /** The workload's observed monthly spend, compared with the modelled baseline (BASELINE_MISMATCH). */
  observedMonthlySpend?: Decimal | null
}

/**
 * A negotiated committed-spend tier: commit at least `minCommit` over the term, get `discountRate` off. A
 * request may list tiers in any order; validation sorts them by `minCommit` and requires each minimum to be a
 * whole-dollar amount above 0, no two equal, and each discount strictly above the one below it.
 */
export interface DiscountTier {
  minCommit: Decimal
  discountRate: Decimal
}

/** Forecast uncertainty for the Monte Carlo; every part defaults to "no uncertainty". */
export interface UncertaintySpec {
  growthStdDev?: Decimal | null
  adoptionSlipMonths?: number | Partial<Record<Lever, number>> | null
  minRealization?: Decimal | Partial<Record<Lever, Decimal>> | null
}

/** How overage above the commitment is billed. */
export type OverageBilling = 'discounted' | 'list'

/**
 * How a commitment is structured: `term` (one amount for the whole term, settled at its end) or `annual`
 * (one amount per contract year, each settled at its year's end; the discount is earned by their total).
 */
export type CommitmentStructure = 'term' | 'annual'

/** Every commitment structure; `term` is the default. */
export const COMMITMENT_STRUCTURES: readonly CommitmentStructure[] = ['term', 'annual']

/** Commitment settings of a scenario; a missing block means every default and no tiers. */
export interface CommitmentSpec {
  confidence?: Decimal | null
  /** A term total to evaluate (e.g. the vendor's ask); with `proposedCommitByYear` it must equal their sum. */
  proposedCommit?: Decimal | null
  /** Default `term`. */
  structure?: CommitmentStructure | null
  /**
   * The proposed commitment year by year (the vendor's ramp): only with `structure: 'annual'`, exactly one
   * amount ≥ 0 per contract year (12 months from the term start, the last one shorter).
   */
  proposedCommitByYear?: Decimal[] | null
  overage?: OverageBilling | null
  discountTiers?: DiscountTier[] | null
  uncertainty?: UncertaintySpec | null
  simulations?: number | null
  seed?: number | null
}

/** A whole planning request: the term, the lever sequence, the portfolio and the commitment settings. */
export interface PlanRequest {
  term: { start: string; months: number }
  levers: LeverSpec[]
  workloads: WorkloadSpec[]
  commitment?: CommitmentSpec | null
}
