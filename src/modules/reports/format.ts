import { type Decimal, dec, ROUNDING } from '../../domain/index.js'
import { MINUS, monthParts } from '../charts/format.js'

/**
 * How figures read in a report. Money is the plan's own decimal string with its own precision — cents for the
 * deterministic projection, whole dollars for what the simulation gives — grouped in thousands: the report shows
 * the API's figure, not a rounding of it. Negative figures take a true minus sign.
 */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** A money figure of the plan as it is, with a dollar sign and separators: `$1,078,117.22`, `−$3,847`. */
export function usd(figure: string): string {
  const negative = figure.startsWith('-')
  const [whole, fraction] = (negative ? figure.slice(1) : figure).split('.')
  const zero = !/[1-9]/.test(figure)
  return `${negative && !zero ? MINUS : ''}$${group(whole ?? '0')}${fraction === undefined ? '' : `.${fraction}`}`
}

/** A difference with its sign always shown: `+$1,234`, `−$1,234`, `$0`. */
export function signedUsd(figure: string): string {
  const text = usd(figure)
  return text.startsWith(MINUS) || !/[1-9]/.test(figure) ? text : `+${text}`
}

/** A rate of the plan (`0.470974`) as a percentage with one decimal: `47.1%`, `−0.6%`. */
export function percent(rate: string): string {
  const value = dec(rate).times(100).toDecimalPlaces(1, ROUNDING.money)
  return `${value.isNegative() && !value.isZero() ? MINUS : ''}${value.abs().toFixed(1)}%`
}

/** A count or a decimal input (requests, tokens) with separators: `1,000,000`, `0.85`. */
export function count(value: string | Decimal): string {
  const text = typeof value === 'string' ? value : value.toString()
  const [whole, fraction] = text.split('.')
  return `${group(whole ?? '0')}${fraction === undefined ? '' : `.${fraction}`}`
}

/** A share of 1 (`0.85`) as a percentage without trailing zeros: `85%`, `12.5%`. */
export function share(value: string | Decimal): string {
  return `${dec(value).times(100).toDecimalPlaces(2, ROUNDING.money).toString()}%`
}

/** A price per million tokens: at least two decimals, as many as the book holds: `$3.00`, `$0.30`, `$0.0625`. */
export function price(value: Decimal): string {
  return `$${value.toFixed(Math.max(2, value.decimalPlaces()))}`
}

/** `2027-03-01` → `1 Mar 2027`. */
export function dateText(date: string): string {
  const { month, year } = monthParts(date)
  return `${Number(date.slice(8, 10))} ${month} ${year}`
}

/** `36 months`, `1 month`. */
export const monthsText = (months: number): string => `${months} month${months === 1 ? '' : 's'}`
