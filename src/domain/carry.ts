import { Decimal } from './money.js'

/**
 * Decimal places at which term-level money aggregates are carried (1e-20 USD).
 *
 * Decimal arithmetic at 40 significant digits is not associative: adding ten thousand workloads in another order,
 * or telescoping a waterfall, can differ in the 40th digit. Term figures that are added and subtracted with each
 * other (the spend of every lever subset, and therefore baseline, optimized and fully optimized term spend) are
 * therefore carried on a fixed grid of 1e-20 USD. On that grid every sum and difference below 1e20 USD is exact,
 * so the portfolio equals the sum of its workloads, the waterfall telescopes and the Shapley values add up, to the
 * last digit. The grid is eighteen orders of magnitude below the presented cent; it is not a presentation
 * rounding (figures are still rounded to cents once, when presented).
 */
export const CARRY_PLACES = 20

/** Puts a money amount on the carry grid ({@link CARRY_PLACES} places, half-even). */
export function carry(value: Decimal): Decimal {
  return value.toDecimalPlaces(CARRY_PLACES, Decimal.ROUND_HALF_EVEN)
}
