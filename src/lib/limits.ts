import { ENGINE_LIMITS } from '../domain/limits.js'

/**
 * The planning engine's own limits (term, lever months, slip, seed) and the format of a price, written in
 * `src/domain/limits.ts` (the domain may not import from here) and re-exported, so this module stays the one
 * table the edge's schemas read: `ENGINE_LIMITS.maxLeverMonths` for a lever's `startMonth` (±) and
 * `rampMonths`, `ENGINE_LIMITS.maxSlipMonths` for `adoptionSlipMonths`, `ENGINE_LIMITS.maxSeed` for `seed`,
 * `PRICE_LIMITS` for the digits of a price and of a discount off list.
 */
export { ENGINE_LIMITS, PRICE_LIMITS } from '../domain/limits.js'

/**
 * The one table of request limits. Each bounds CPU time, memory or the size of an answer; each is
 * documented in the OpenAPI description of the operations it applies to and enforced before any work.
 * Limits an operator may tune (concurrency, deadlines, rates) are configuration (`config/env.ts`).
 */
export const PREVIEW_LIMITS = {
  /** Workloads in one inline portfolio. */
  maxWorkloads: 10_000,
  /** Workloads × term months: 10,000 workloads over 36 months, or 3,000 over 120. */
  maxWorkloadMonths: 360_000,
  /** Commitment term, months: the engine's own limit. */
  maxTermMonths: ENGINE_LIMITS.maxTermMonths,
  /** Negotiated discount tiers of one commitment. */
  maxDiscountTiers: 20,
  /** Monte Carlo runs. */
  maxSimulations: 20_000,
  /**
   * Cost budget of one computation: workload-months × simulations. 10,000 workloads × 36 months with
   * 4,000 runs fits; so does 1,000 × 36 with the 20,000-run maximum.
   */
  maxCost: 1_440_000_000,
  /** Request body, bytes (a 10,000-workload portfolio is about 6 MB of JSON). */
  maxBodyBytes: 16 * 1024 * 1024,
} as const

/** Cursor pagination: page sizes. */
export const PAGE_LIMITS = { defaultLimit: 20, maxLimit: 100, maxCursorLength: 200 } as const

/**
 * Dates accepted anywhere in the API (stored or computed): PostgreSQL and JavaScript agree on every
 * instant in this range, and it leaves room for a 120-month term that starts at the last `termStart`.
 */
export const DATE_LIMITS = {
  min: '1970-01-01',
  max: '9999-12-31',
  /** A commitment term starts within these years. */
  termStartMin: '2000-01-01',
  termStartMax: '2199-12-31',
} as const

/** The first and last instants (epoch ms) of the accepted date range. */
export const FIRST_INSTANT = Date.parse(`${DATE_LIMITS.min}T00:00:00.000Z`)
export const LAST_INSTANT = Date.parse(`${DATE_LIMITS.max}T23:59:59.999Z`)
