/**
 * The planning engine's limits, written once. The engine enforces them in `validation.ts`; the HTTP edge
 * imports the same constants through `src/lib/limits.ts` (which re-exports them beside the request limits),
 * so the API's schemas and the engine cannot drift apart — a value the edge accepts is one the engine accepts.
 *
 * This module imports nothing: the domain stays free of anything outside `src/domain`.
 */
export const ENGINE_LIMITS = {
  /** Longest commitment term, months (ten years). */
  maxTermMonths: 120,
  /**
   * Largest |startMonth| of a lever and longest ramp, months (a century): a lever adopted long before the term,
   * or one that ramps for decades, is still a valid (if odd) schedule.
   */
  maxLeverMonths: 1200,
  /**
   * Longest adoption slip the Monte Carlo may draw, months. As long as the longest term: a slip beyond the
   * term moves a lever out of it altogether, which a longer slip cannot make any worse.
   */
  maxSlipMonths: 120,
  /**
   * Most Monte Carlo runs the engine accepts. A sanity bound for direct callers (100,000 runs of a 120-month
   * term take well under a second); the API's own, tighter bound is `PREVIEW_LIMITS.maxSimulations`.
   */
  maxSimulations: 100_000,
  /** Largest seed: pure-rand's xoroshiro128+ is seeded with a 32-bit integer, so larger seeds would collide. */
  maxSeed: 4_294_967_295,
} as const

/**
 * How prices of a price book are written and kept: USD per million tokens, stored as `NUMERIC(20, 10)`, so at
 * most 10 digits before the point and 10 after. Every price the service derives (a discount off list) is
 * rounded to {@link PRICE_LIMITS.maxDecimals} places, half up, before it is stored.
 */
export const PRICE_LIMITS = {
  /** Digits after the decimal point of a price. */
  maxDecimals: 10,
  /** Digits before the decimal point of a price. */
  maxIntegerDigits: 10,
  /** Digits after the decimal point of a uniform discount off list (`discountOffList`, e.g. 0.125). */
  maxDiscountDecimals: 6,
} as const
