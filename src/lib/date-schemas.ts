import { z } from 'zod'
import { DATE_LIMITS, FIRST_INSTANT, LAST_INSTANT } from './limits.js'

/**
 * zod schemas for every date and instant the API takes in. zod's ISO formats already refuse dates
 * that are not on the calendar (2027-02-30); these also bound them to {@link DATE_LIMITS}, the range
 * PostgreSQL and JavaScript agree on. Outside it a date either fails in the database (a 500), is
 * stored as something else (year 0000 does not exist in PostgreSQL), or is stored but cannot be read
 * back (an instant in year 10000).
 */

export interface DateBounds {
  /** Earliest accepted date, YYYY-MM-DD (inclusive). */
  min: string
  /** Latest accepted date, YYYY-MM-DD (inclusive). */
  max: string
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/
const DEFAULT_BOUNDS: DateBounds = { min: DATE_LIMITS.min, max: DATE_LIMITS.max }

/**
 * A calendar date, `YYYY-MM-DD`, between `bounds.min` and `bounds.max` (default: {@link DATE_LIMITS}).
 * `what` starts its OpenAPI description, which ends with the accepted range.
 */
export function isoDate(what = 'ISO date', bounds: DateBounds = DEFAULT_BOUNDS) {
  return (
    z.iso
      .date({ error: 'must be a date, YYYY-MM-DD' })
      // Four-digit years compare as text in calendar order. A malformed text has its issue already.
      .refine((text) => !DATE_SHAPE.test(text) || (text >= bounds.min && text <= bounds.max), {
        error: `must be between ${bounds.min} and ${bounds.max}`,
        abort: true,
      })
      .describe(`${what}: YYYY-MM-DD, ${bounds.min} to ${bounds.max}.`)
  )
}

/** The first day of a commitment term: a date within the term-start years of {@link DATE_LIMITS}. */
export function termStartDate(what = 'First day of the commitment term') {
  return isoDate(what, { min: DATE_LIMITS.termStartMin, max: DATE_LIMITS.termStartMax })
}

/**
 * The instant an ISO date-time (as {@link isoInstant} accepts it) denotes. `Date.parse` reads the
 * offset, so `9999-12-31T23:59:59-23:59` is in year 10000 whatever its date part says.
 */
export function instantOf(text: string): Date {
  return new Date(Date.parse(text))
}

/**
 * An ISO 8601 date-time with `Z` or a numeric offset (`2027-01-01T00:00:00+02:00`) whose instant,
 * once the offset is applied, lies within {@link DATE_LIMITS}. Stays a string; read it with
 * {@link instantOf}.
 */
export function isoInstant(what = 'An instant') {
  return z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO date-time with Z or an offset, e.g. 2027-01-01T00:00:00Z',
    })
    .refine(
      (text) => {
        const at = Date.parse(text)
        // A malformed text has its issue already.
        return Number.isNaN(at) || (at >= FIRST_INSTANT && at <= LAST_INSTANT)
      },
      { error: `must be an instant between ${DATE_LIMITS.min} and ${DATE_LIMITS.max} (UTC)`, abort: true },
    )
    .describe(
      `${what}. ISO 8601 date-time with Z or an offset, ${DATE_LIMITS.min} to ${DATE_LIMITS.max} (UTC).`,
    )
}
