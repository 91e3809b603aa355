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
 * How close below a rounding tie a computed value must lie to be presented as the tie: 10^TIE_WINDOW_EXPONENT.
 * Design §3.8 (docs/cost-model.md, rounding and exactness): "when a computed value lies within 10⁻²⁰ of a rounding
 * tie, settle it with exact rational arithmetic". See {@link toCents} for why presenting such a value as the tie
 * is the exact rational answer for this engine's inputs, and where that argument stops holding.
 */
const TIE_WINDOW_EXPONENT = -20

/**
 * The window applies to at most 12 decimals: there it is at most 10⁻⁸ of a rounding unit, so it only ever catches
 * values that are a tie but for the engine's 40-digit error. Beyond 12 decimals figures are rounded as they are.
 */
const MAX_TIE_WINDOW_PLACES = 12

/** Digits in the first base-1e7 word of a decimal (the only one without leading zeros). */
function firstWordWidth(word: number): number {
  let width = 1
  while (width < 7 && word >= POW10[width]!) width++
  return width
}

/** Digit `index` of a decimal's digits `d` (index 0 is the first digit); 0 past the last word. */
function digitAt(d: readonly number[], firstWidth: number, index: number): number {
  let word: number
  let shift: number
  if (index < firstWidth) {
    word = d[0]!
    shift = firstWidth - 1 - index
  } else {
    const j = index - firstWidth
    const w = 1 + Math.floor(j / 7)
    if (w >= d.length) return 0
    word = d[w]!
    shift = 6 - (j % 7)
  }
  return Math.floor(word / POW10[shift]!) % 10
}

/**
 * Whether |value| lies below a tie of `places` decimals by at most 10⁻²⁰ (0 < tie − |value| ≤ 10⁻²⁰): its rounding
 * digit is 4 and every digit after it down to the one of weight 10⁻²⁰ is 9 (…4999…9, 19 − places nines). Reads
 * the digits only; `places` must be a whole number from 0 to {@link MAX_TIE_WINDOW_PLACES}.
 */
function justBelowTie(d: readonly number[], e: number, places: number): boolean {
  const round = e + places + 1
  // The rounding digit comes before the first digit: a leading zero, nowhere near a tie.
  if (round < 0) return false
  const firstWidth = firstWordWidth(d[0]!)
  if (digitAt(d, firstWidth, round) !== 4) return false
  // Digit i has weight 10^(e − i): the last one to check, of weight 10⁻²⁰, is index e + 20.
  const lastChecked = e - TIE_WINDOW_EXPONENT
  for (let i = round + 1; i <= lastChecked; i++) if (digitAt(d, firstWidth, i) !== 9) return false
  return true
}

/**
 * |value| rounded half up to `places` decimals, as a whole number of 10^−places units (123.456 → 12346 for cents),
 * or −1 when the value is not finite, the count might not be below 10^15 or `places` is not a whole number ≥ 0
 * (decimal.js then formats, or rejects, it). A value within 10⁻²⁰ below a tie rounds as the tie, up (see
 * {@link toCents}).
 *
 * It reads the decimal's own digits instead of rounding a copy: decimal.js keeps |value| as base-1e7 words `d` (the
 * first without leading zeros, the others seven digits each, no trailing zero word) whose first digit has weight
 * 10^e. The digits down to the last kept decimal give the truncated count, the next digit decides the round-up
 * (≥ 5: half up, by magnitude, as decimal.js's ROUND_HALF_UP does), and digits past the end are zeros. Only when
 * that digit is 4 are the digits after it read ({@link justBelowTie}, which stops at the first one that is not 9):
 * the common case costs what it did before the tie window.
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
  const up =
    roundDigit >= 5 ||
    (roundDigit === 4 && places <= MAX_TIE_WINDOW_PLACES && justBelowTie(d, value.e, places))
  return units * 10 ** (last + 1 - end) + (up ? 1 : 0)
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
 * `value.toFixed(places, ROUNDING.money)` (but never `-0.00`, and a value within 10⁻²⁰ below a tie rounded as the
 * tie), built from {@link halfUpUnits} when the value is in its range (else by decimal.js itself, with the same
 * tie window: such a value is rounded away from zero, which for a value just below a tie is the tie's rounding).
 * `money.test.ts` checks both against decimal.js on random, tie and boundary values and on values near a tie.
 */
function toFixedHalfUp(value: Decimal, places: number): string {
  const units = halfUpUnits(value, places)
  if (units < 0) {
    const nearTie =
      !!value.d &&
      Number.isInteger(places) &&
      places >= 0 &&
      places <= MAX_TIE_WINDOW_PLACES &&
      justBelowTie(value.d, value.e, places)
    return withoutNegativeZero(value.toFixed(places, nearTie ? DecimalJs.ROUND_UP : ROUNDING.money))
  }
  if (places === 0) return `${signOf(value, units)}${units}`
  const scale = 10 ** places
  const fraction = units % scale
  const decimals = places === 2 ? CENT_SUFFIXES[fraction]! : `.${String(fraction).padStart(places, '0')}`
  return `${signOf(value, units)}${(units - fraction) / scale}${decimals}`
}

/**
 * Money to cents, ROUND_HALF_UP by magnitude (−0.005 → `"-0.01"`), as a plain decimal string (`"1234.50"`), never
 * `-0.00`. It is `value.toFixed(2, ROUNDING.money)` read from the decimal's digits ({@link halfUpUnits}: a large
 * preview presents about a million figures, and decimal.js's toFixed rounds and prints a copy of each), except on
 * the tie window below.
 *
 * **Ties (design §3.8).** A presented figure is its exact rational value rounded once, so a value whose exact value
 * is a tie rounds up even when the engine's 40-digit arithmetic lands just below it: a saving of exactly 448.525
 * reached through the ramp fractions 1/3 and 2/3 comes out as 448.52499…9 (nines to the 40th digit) and must
 * present as 448.53, as 377583/8 = 47197.875 must present as 47197.88 however it is reached. So a value that lies at
 * most 10⁻²⁰ below a tie (|x| = …4999…9 with nines down to the digit of weight 10⁻²⁰) is rounded as the tie. A value
 * just above a tie needs nothing: it rounds up already. The same window applies to {@link toWholeDollars},
 * {@link toRate} (up to 12 decimals) and to the values decimal.js formats itself (too large for the fast path).
 *
 * Why that is the exact answer, and where it is not:
 * - *The engine's error is far inside the window.* decimal.js rounds each operation to 40 significant digits, a
 *   relative error of at most 5·10⁻⁴⁰ of the intermediate it rounds. A presented figure comes from at most about a
 *   million operations whose intermediates are at most the largest term total M it is computed from (a waterfall
 *   step or a Shapley value is a difference of such totals), so its error is below 10⁶ · 5·10⁻⁴⁰ · M: below
 *   5·10⁻²² for M ≤ $10¹², 20 times inside the window. A true tie is therefore never computed more than 10⁻²⁰
 *   below itself, and is presented exactly. Bound relied on: figures and the totals behind them below about
 *   $10¹². Beyond about $10¹⁴ the error can exceed the window, and a tie can still present one unit low.
 * - *A non-tie is not within the window.* If the exact value is N/D in lowest terms, its distance to a tie (a
 *   multiple of ½·10⁻ᵖ at p places) is 0 or at least 1/(2·10ᵖ·D): more than 10⁻²⁰ when D < 5·10¹⁷ for cents
 *   (5·10¹⁹ whole dollars, 5·10¹³ six-decimal rates). D is 10 to the number of decimals the figure's inputs carry
 *   between them (a price per token has the per-MTok price's decimals + 6; token counts, volumes, shares, hit
 *   rates, 1 − the batch discount, the residency multiplier add theirs) times small factors: ramp lengths (3 for
 *   2/3), a tokenizer ratio's numerator (13 for 1.3), Shapley's 2 and 3. Integer volumes and token counts,
 *   two-decimal prices and one-decimal shares and hit rates stay well below it (D ≈ 10¹³ × ramp lengths × 13);
 *   two-decimal shares come close. Many-decimal inputs do not, nor does growth ((1 + g)^m carries m times the
 *   decimals of g), nor a rate (a ratio of two figures: the divisor's digits join D). For such values nothing puts
 *   the exact value near a tie,
 *   and the chance that it falls in the window is about 10⁻²⁰ / 10⁻ᵖ: 10⁻¹⁸ per cent figure, 10⁻¹⁴ per rate, under 10⁻⁹
 *   for a whole preview. A value built to lie in the window — e.g. 999.9999999999999999999998 tokens at
 *   $5/MTok, $0.005 − 10⁻²⁷, more than 18 decimals in an input (the API accepts at most 6 for tokens and volumes,
 *   10 for prices, shares and rates) — presents one cent high: the price of settling ties without carrying every
 *   ramp fraction, tokenizer ratio and Shapley weight as a fraction.
 */
export function toCents(value: Decimal): string {
  return toFixedHalfUp(value, 2)
}

/**
 * Money to whole dollars, ROUND_HALF_UP by magnitude (`"250000"`), for simulated figures; `toFixed(0, money)` with
 * the tie window of {@link toCents}.
 */
export function toWholeDollars(value: Decimal): string {
  return toFixedHalfUp(value, 0)
}

/**
 * A rate or unit price to `places` decimals (default 6), ROUND_HALF_UP by magnitude, trailing zeros kept;
 * `toFixed(places, money)` with the tie window of {@link toCents} for up to 12 places (none beyond).
 */
export function toRate(value: Decimal, places = 6): string {
  return toFixedHalfUp(value, places)
}
