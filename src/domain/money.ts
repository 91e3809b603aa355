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

/** Money to cents, ROUND_HALF_UP, as a plain decimal string (`"1234.50"`). */
export function toCents(value: Decimal): string {
  return value.toFixed(2, ROUNDING.money)
}

/** Money to whole dollars, ROUND_HALF_UP (`"250000"`), for simulated figures. */
export function toWholeDollars(value: Decimal): string {
  return value.toFixed(0, ROUNDING.money)
}

/** A rate or unit price to `places` decimals (default 6), ROUND_HALF_UP, trailing zeros kept. */
export function toRate(value: Decimal, places = 6): string {
  return value.toFixed(places, ROUNDING.money)
}
