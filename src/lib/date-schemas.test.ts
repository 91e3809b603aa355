import { describe, expect, it } from 'vitest'
import { instantOf, isoDate, isoInstant, termStartDate } from './date-schemas.js'

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: string) =>
  schema.safeParse(value).success

describe('isoDate', () => {
  it.each([
    ['1970-01-01', true],
    ['9999-12-31', true],
    ['2028-02-29', true],
    ['1969-12-31', false],
    ['0000-01-01', false],
    ['2027-02-29', false],
    ['2027-04-31', false],
    ['10000-01-01', false],
    ['2027-1-1', false],
  ])('%s → %s', (text, ok) => {
    expect(accepts(isoDate(), text)).toBe(ok)
  })

  it('reports one issue for a malformed date, not a second one for its range', () => {
    expect(isoDate().safeParse('soon').error?.issues).toHaveLength(1)
  })

  it('bounds a term start to its own years', () => {
    expect(
      ['1999-12-31', '2000-01-01', '2199-12-31', '2200-01-01'].map((d) => accepts(termStartDate(), d)),
    ).toEqual([false, true, true, false])
  })
})

describe('isoInstant', () => {
  it.each([
    ['9999-12-31T23:59:59.999Z', true],
    ['1970-01-01T00:00:00-01:00', true],
    ['2027-06-30T12:00:00.123456+05:30', true],
    // Its date part is in range, its instant (after the offset) is in year 10000.
    ['9999-12-31T23:59:59.999-23:59', false],
    ['1970-01-01T00:00:00+01:00', false],
    ['0000-01-01T00:00:00Z', false],
    ['2027-02-29T00:00:00Z', false],
    ['2027-01-01T00:00:00', false],
  ])('%s → %s', (text, ok) => {
    expect(accepts(isoInstant(), text)).toBe(ok)
  })

  it('applies the offset', () => {
    expect(instantOf('2027-01-01T00:00:00+02:00').toISOString()).toBe('2026-12-31T22:00:00.000Z')
  })
})
