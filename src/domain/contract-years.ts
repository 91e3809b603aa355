import { addMonths, type CalendarDate, formatIsoDate } from './calendar.js'
import { type Decimal, ZERO } from './money.js'

/**
 * Contract years (docs/cost-model.md, contract years): the term split into years of 12 months from its start; when
 * the term is not a multiple of 12 the last year is shorter (a 30-month term has years of 12, 12 and 6 months).
 */

/** Months in a contract year. */
export const MONTHS_PER_YEAR = 12

/** One contract year's place in the term. */
export interface ContractYearSpan {
  /** 1, 2, … */
  year: number
  /** `YYYY-MM-DD` of its first day. */
  start: string
  /** Index of its first month in the term. */
  firstMonth: number
  /** Months in it. */
  months: number
}

/** Number of contract years of a term: ⌈months ÷ 12⌉. */
export function contractYearCount(termMonths: number): number {
  return Math.ceil(termMonths / MONTHS_PER_YEAR)
}

/** The contract years of a term starting on `start`. */
export function contractYears(start: CalendarDate, termMonths: number): ContractYearSpan[] {
  const years: ContractYearSpan[] = []
  for (let first = 0; first < termMonths; first += MONTHS_PER_YEAR) {
    years.push({
      year: years.length + 1,
      start: formatIsoDate(addMonths(start, first)),
      firstMonth: first,
      months: Math.min(MONTHS_PER_YEAR, termMonths - first),
    })
  }
  return years
}

/** The contract year (0-based) month m falls in. */
export const yearOfMonth = (month: number): number => Math.floor(month / MONTHS_PER_YEAR)

/** Sums a monthly series per contract year (each year's months added in order). */
export function sumByYear(values: readonly Decimal[], years: readonly ContractYearSpan[]): Decimal[] {
  return years.map((y) => {
    let sum = ZERO
    for (let m = y.firstMonth; m < y.firstMonth + y.months; m++) sum = sum.plus(values[m]!)
    return sum
  })
}
