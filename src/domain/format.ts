import { type Decimal, ROUNDING, toCents, toWholeDollars } from './money.js'

/**
 * Human formatting for sentences (warning messages and option labels). Presented *fields* use the plain strings
 * of `present.ts`; sentences use what a buyer reads: `$1,234,567.89`, `12.5%`.
 */

/** Money in a sentence: `$1,234.56` (cents) or `$1,235` (whole dollars), rounded half up once. */
export function formatUsd(value: Decimal, precision: 'cents' | 'dollars' = 'cents'): string {
  // The presented field's string is the rounded |value| with a '-' in front of any negative value: drop that sign,
  // and put it back only when the rounded amount is not zero.
  const text = precision === 'cents' ? toCents(value) : toWholeDollars(value)
  const fixed = text.startsWith('-') ? text.slice(1) : text
  const [whole, fraction] = fixed.split('.')
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const sign = value.isNegative() && /[1-9]/.test(fixed) ? '-' : ''
  return `${sign}$${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

/** A rate in a sentence as a percentage with at most `places` decimals and no trailing zeros: `12.5%`. */
export function formatPercent(rate: Decimal, places = 2): string {
  return `${rate.times(100).toDecimalPlaces(places, ROUNDING.money).toString()}%`
}

/** A count in a sentence with thousands separators (`8,766`), at most two decimals. */
export function formatCount(value: Decimal): string {
  const text = value.toDecimalPlaces(2, ROUNDING.money).toString()
  const [whole, fraction] = text.split('.')
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`
}
