import { Decimal as DecimalJs } from 'decimal.js'

/**
 * The one configured decimal constructor of the planning engine.
 *
 * 40 significant digits (the design asks for at least 34) so that products of per-token prices
 * (six or more decimals), fractional volumes and compounded growth never lose a cent. Rounding of
 * intermediate results is ROUND_HALF_EVEN (banker's) because it is unbiased over long sums; presented
 * figures are rounded once with {@link ROUNDING.money} (ROUND_HALF_UP, what spreadsheets do).
 *
 * Never call the global `Decimal.set`: other libraries (Prisma bundles its own decimal.js) must not
 * be affected, and ours must not be affected by them.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
})

/** A decimal value of the engine's configured constructor. */
export type Decimal = InstanceType<typeof Decimal>

/** Anything the engine accepts as a decimal: a decimal string or one of our decimals (never a JS float). */
export type DecimalInput = string | Decimal

/** Named rounding modes, so no call site has to remember decimal.js's numeric constants. */
export const ROUNDING = {
  /** Money and presented figures: half away from zero, as spreadsheets round. */
  money: DecimalJs.ROUND_HALF_UP,
  /** Intermediate arithmetic: unbiased. */
  internal: DecimalJs.ROUND_HALF_EVEN,
} as const

export const ZERO = new Decimal(0)
export const ONE = new Decimal(1)

/** Builds a decimal from a decimal string or decimal; throws on anything that is not a finite number. */
export function dec(value: DecimalInput): Decimal {
  const d = new Decimal(value)
  if (!d.isFinite()) throw new RangeError(`not a finite decimal: ${String(value)}`)
  return d
}

/** 10^0 … 10^7: the shifts within one base-1e7 word of a decimal's digits. */
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]

/** Counts of rounding units below 10^15 < 2^53 are read from the digits: every step is exact integer arithmetic. */
const MAX_UNIT_DIGITS = 15

/** `.00` … `.99`, so a cent string is built with one concatenation. */
const CENT_SUFFIXES = Array.from({ length: 100 }, (_, i) => `.${i < 10 ? '0' : ''}${i}`)

/**
 * |value| rounded half up to `places` decimals, as a whole number of 10^−places units (123.456 → 12346 for cents),
 * or −1 when the value is not finite, the count might not be below 10^15 or `places` is not a whole number ≥ 0
 * (decimal.js then formats, or rejects, it).
 *
 * It reads the decimal's own digits instead of rounding a copy: decimal.js keeps |value| as base-1e7 words `d` (the
 * first without leading zeros, the others seven digits each, no trailing zero word) whose first digit has weight
 * 10^e. The digits down to the last kept decimal give the truncated count, the next digit decides the round-up
 * (≥ 5: half up, by magnitude, as decimal.js's ROUND_HALF_UP does), and digits past the end are zeros.
 */
function halfUpUnits(value: Decimal, places: number): number {
  const d = value.d
  if (!d || !Number.isInteger(places) || places < 0) return -1
  // Digit index 0 is the first digit (weight 10^e); index e + places is the last kept one, the next the rounding one.
  const last = value.e + places
  if (last >= MAX_UNIT_DIGITS) return -1
  // The rounding digit comes before the first digit: a leading zero, so the value rounds to 0.
  if (last < -1) return 0
  let units = 0
  let roundDigit = 0
  let start = 0
  let end = 0
  for (let i = 0; i < d.length; i++) {
    const word = d[i]!
    let width = 7
    if (i === 0) for (width = 1; width < 7 && word >= POW10[width]!; width++);
    end = start + width
    if (end - 1 <= last) {
      units = units * POW10[width]! + word
    } else {
      // The word holds the rounding digit: keep its digits up to the last kept one, read the one after.
      const dropped = end - 1 - last
      const below = word % POW10[dropped]!
      units = units * POW10[width - dropped]! + (word - below) / POW10[dropped]!
      roundDigit = ((below - (below % POW10[dropped - 1]!)) / POW10[dropped - 1]!) % 10
      end = last + 1
      break
    }
    start = end
  }
  return units * 10 ** (last + 1 - end) + (roundDigit >= 5 ? 1 : 0)
}

/**
 * The sign of a presented figure: `-` for a negative value whose rounded figure is not zero. decimal.js's toFixed
 * prints `-0.00` for −0.001 (and for −0); a spreadsheet shows 0.00, and so do we.
 */
function signOf(value: Decimal, units: number): string {
  return value.s < 0 && units !== 0 ? '-' : ''
}

/** toFixed without the sign of a figure that rounds to zero. */
function withoutNegativeZero(text: string): string {
  return text.startsWith('-') && /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/**
 * `value.toFixed(places, ROUNDING.money)` (but never `-0.00`), built from {@link halfUpUnits} when the value is in its range (else by
 * decimal.js itself). `money.test.ts` checks the two agree on random, tie and boundary values.
 */
function toFixedHalfUp(value: Decimal, places: number): string {
  const units = halfUpUnits(value, places)
  if (units < 0) return withoutNegativeZero(value.toFixed(places, ROUNDING.money))
  if (places === 0) return `${signOf(value, units)}${units}`
  const scale = 10 ** places
  const fraction = units % scale
  const decimals = places === 2 ? CENT_SUFFIXES[fraction]! : `.${String(fraction).padStart(places, '0')}`
  return `${signOf(value, units)}${(units - fraction) / scale}${decimals}`
}

/**
 * Money to cents, ROUND_HALF_UP, as a plain decimal string (`"1234.50"`). Exactly
 * `value.toFixed(2, ROUNDING.money)` (but never `-0.00`), read from the decimal's digits ({@link halfUpUnits}): a large preview
 * presents hundreds of thousands of figures, and decimal.js's toFixed rounds and prints a copy of each.
 */
export function toCents(value: Decimal): string {
  return toFixedHalfUp(value, 2)
}

/** Money to whole dollars, ROUND_HALF_UP (`"250000"`), for simulated figures; exactly `toFixed(0, money)`. */
export function toWholeDollars(value: Decimal): string {
  return toFixedHalfUp(value, 0)
}

/**
 * A rate or unit price to `places` decimals (default 6), ROUND_HALF_UP, trailing zeros kept; exactly
 * `toFixed(places, money)`.
 */
export function toRate(value: Decimal, places = 6): string {
  return toFixedHalfUp(value, places)
}
