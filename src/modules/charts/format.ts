import { formatUsd } from '../../domain/format.js'
import { dec, ROUNDING } from '../../domain/index.js'

/**
 * How figures read on a chart. Axes abbreviate (`$1.2M`); labels and the accessible description give the
 * full figure in whole dollars (`$1,234,567`), rounded half up once from the plan's decimal string; the
 * `data-` attributes carry the plan's strings exactly.
 */

/** The minus sign of a printed figure (U+2212, as wide as the plus; a hyphen looks like a dash). */
export const MINUS = '\u2212'

const UNITS = [
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'K' },
] as const

/**
 * A tick of a money axis, abbreviated: `$0`, `$500`, `$2.5K`, `$1.2M`. The unit follows the axis's top and the
 * decimals its step, so neighbouring ticks never print the same text.
 */
export function axisMoney(value: number, axisMax: number, step: number): string {
  const unit = UNITS.find((u) => axisMax >= u.size)
  const size = unit?.size ?? 1
  const scaledStep = step / size
  // As many decimals as the step has (0.25M needs two), at most three.
  const decimals =
    [0, 1, 2, 3].find((d) => Math.abs(Math.round(scaledStep * 10 ** d) - scaledStep * 10 ** d) < 1e-6) ?? 3
  const fixed = (value / size).toFixed(decimals)
  const digits = decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed
  return `$${digits}${value === 0 ? '' : (unit?.suffix ?? '')}`
}

/** A figure in whole dollars with separators: `$201,181` (`−$1,234` when negative). */
export function money(figure: string): string {
  return formatUsd(dec(figure), 'dollars').replace('-', MINUS)
}

/** A figure in a compact form for narrow places: `$201K`, `$1.23M` (three significant digits). */
export function compactMoney(figure: string): string {
  const value = dec(figure).abs()
  const unit = UNITS.find((u) => value.gte(u.size))
  const sign = dec(figure).isNegative() && !value.isZero() ? MINUS : ''
  if (!unit) return `${sign}$${value.toDecimalPlaces(0, ROUNDING.money).toString()}`
  const scaled = value.div(unit.size)
  return `${sign}$${scaled.toSignificantDigits(3, ROUNDING.money).toString()}${unit.suffix}`
}

/** A rate (`0.739122`) as a percentage with one decimal: `73.9%`. */
export function percent(rate: string): string {
  return `${dec(rate).times(100).toDecimalPlaces(1, ROUNDING.money).toFixed(1)}%`
}

/** `part ÷ whole` with six decimals (the API's rate format), 0 when the whole is 0. */
export function rateOf(part: string, whole: string): string {
  const w = dec(whole)
  if (w.isZero()) return '0.000000'
  return dec(part).div(w).toDecimalPlaces(6, ROUNDING.money).toFixed(6)
}

/** `figure ÷ count` in cents (a commitment or a simulated year spread over its months). */
export function perMonth(figure: string, months: number): string {
  return dec(figure).div(months).toDecimalPlaces(2, ROUNDING.money).toFixed(2)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** `2027-01-01` → `2027-01` (the month a `data-month` attribute names). */
export const monthKey = (date: string): string => date.slice(0, 7)

/** `2027-01-01` → `{ month: 'Jan', year: '2027' }`. */
export function monthParts(date: string): { month: string; year: string } {
  return { month: MONTHS[Number(date.slice(5, 7)) - 1] ?? '?', year: date.slice(0, 4) }
}

/** `2027-01-01` → `Jan 2027`. */
export function monthLabel(date: string): string {
  const { month, year } = monthParts(date)
  return `${month} ${year}`
}

/** `2027-01-01` → `January 2027` (for the accessible description). */
export function monthName(date: string): string {
  return `${MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? '?'} ${date.slice(0, 4)}`
}

/** The month `offset` months after `date`'s month, as `YYYY-MM-01`. */
export function addMonths(date: string, offset: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + offset
  const year = Math.floor(index / 12)
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** `Jan 2027 – Dec 2027`: the months a span of the term covers. */
export function monthRange(firstMonth: string, months: number): string {
  return `${monthLabel(firstMonth)} – ${monthLabel(addMonths(firstMonth, months - 1))}`
}

/** How a lever is named on a chart. */
export const LEVER_NAMES: Readonly<Record<string, string>> = {
  routing: 'Routing',
  caching: 'Prompt caching',
  batch: 'Batch API',
}

/** A lever's name on a chart (an unknown one as it is: the text is escaped where it is written). */
export const leverName = (lever: string): string => LEVER_NAMES[lever] ?? lever

/**
 * When a lever takes effect, in a few words: `from the start`, `from Feb 2027`, `from Feb 2027, 3-mo ramp`,
 * `full by Mar 2027` (a ramp begun before the term). Adoption in month m is min(1, (m − s + 1) ÷ max(k, 1)).
 */
export function leverSchedule(termStart: string, startMonth: number, rampMonths: number): string {
  const ramp = Math.max(rampMonths, 1)
  const fullAt = startMonth + ramp - 1
  if (startMonth <= 0)
    return fullAt <= 0 ? 'from the start' : `full by ${monthLabel(addMonths(termStart, fullAt))}`
  const from = `from ${monthLabel(addMonths(termStart, startMonth))}`
  return ramp > 1 ? `${from}, ${ramp}-mo ramp` : from
}
