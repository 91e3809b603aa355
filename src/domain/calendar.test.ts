import { describe, expect, it } from 'vitest'
import { addMonths, formatIsoDate, parseIsoDate, termEndDate } from './calendar.js'

describe('calendar', () => {
  it('parses real dates only', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 })
    expect(parseIsoDate('2027-02-29')).toBeNull()
    expect(parseIsoDate('2027-13-01')).toBeNull()
    expect(parseIsoDate('27-01-01')).toBeNull()
  })

  it('adds months, clamping to the end of a shorter month', () => {
    const jan31 = parseIsoDate('2027-01-31')!
    expect(formatIsoDate(addMonths(jan31, 1))).toBe('2027-02-28')
    expect(formatIsoDate(addMonths(jan31, 13))).toBe('2028-02-29')
    expect(formatIsoDate(addMonths(jan31, -2))).toBe('2026-11-30')
  })

  it('ends a term the day before start + months', () => {
    expect(formatIsoDate(termEndDate(parseIsoDate('2027-01-01')!, 12))).toBe('2027-12-31')
    expect(formatIsoDate(termEndDate(parseIsoDate('2027-03-15')!, 1))).toBe('2027-04-14')
  })
})
