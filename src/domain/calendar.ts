/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), done in UTC so the result never depends on the machine's
 * time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date as year, month (1–12) and day. */
export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** Parses `YYYY-MM-DD` into a calendar date, or returns null when it is not a real date (2027-02-30). */
export function parseIsoDate(text: string): CalendarDate | null {
  if (typeof text !== 'string') return null
  const match = ISO_DATE.exec(text)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** Formats a calendar date as `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
}

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Adds whole months. A day that does not exist in the target month is clamped to that month's last day
 * (Jan 31 + 1 month = Feb 28 or 29), as spreadsheets' EDATE and most date libraries do.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) }
}

/** Adds (or with a negative count subtracts) whole days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/**
 * The last day of a term of `months` months starting on `start`: the day before start + months
 * (2027-01-01 for 12 months ends 2027-12-31).
 */
export function termEndDate(start: CalendarDate, months: number): CalendarDate {
  return addDays(addMonths(start, months), -1)
}
