import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, ROUNDING, toCents, toRate, toWholeDollars } from './money.js'

/** What the formatters must equal, always: decimal.js's own rounding and printing. */
// decimal.js's own rounding, except that a figure which rounds to zero carries no sign ("-0.00" is not presented).
const reference = (x: Decimal, places = 2) => {
  const text = x.toFixed(places, ROUNDING.money)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** A digit string of 1 to `max` digits. */
const digits = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max })

/** Decimals of up to 45 digits (more than the 40 the engine keeps) at any scale from 1e-45 to 1e25, either sign. */
const anyDecimal = fc
  .record({
    negative: fc.boolean(),
    mantissa: digits(45),
    exponent: fc.integer({ min: -45, max: 25 }),
  })
  .map(({ negative, mantissa, exponent }) => new Decimal(`${negative ? '-' : ''}${mantissa}e${exponent}`))

/** Values on or next to a half-cent tie: d.dd5 with nothing, zeros, or a few digits after it. */
const nearTie = fc
  .record({
    negative: fc.boolean(),
    whole: fc.oneof(fc.constant('0'), digits(14)),
    cents: digits(2).map((c) => c.padStart(2, '0')),
    third: fc.constantFrom('4', '5', '6'),
    tail: fc.oneof(fc.constant(''), fc.constant('000000'), digits(40), fc.constant('9999999999999')),
  })
  .map(
    ({ negative, whole, cents, third, tail }) =>
      new Decimal(`${negative ? '-' : ''}${whole}.${cents}${third}${tail}`),
  )

/** Results of the engine's kind of arithmetic: 40-digit products and sums of money-like figures. */
const computed = fc
  .record({ a: anyDecimal, b: anyDecimal, add: fc.boolean() })
  .map(({ a, b, add }) => (add ? a.plus(b) : a.times(b)))

describe('toCents, toWholeDollars and toRate', () => {
  it('are decimal.js toFixed(places, ROUND_HALF_UP) on any decimal (without a negative zero)', () => {
    fc.assert(
      fc.property(fc.oneof(anyDecimal, nearTie, computed), fc.integer({ min: 0, max: 12 }), (x, places) => {
        expect(toCents(x)).toBe(reference(x))
        expect(toWholeDollars(x)).toBe(reference(x, 0))
        expect(toRate(x)).toBe(reference(x, 6))
        expect(toRate(x, places)).toBe(reference(x, places))
      }),
      { numRuns: 20_000 },
    )
  })

  it('agree on every thousandth from -30 to 30, on each side of every tie and at the word boundaries', () => {
    for (let n = -30_000; n <= 30_000; n++) {
      for (const text of [`${n}e-3`, `${n}5e-4`, `${n}4999999e-7`, `${n}50000001e-8`]) {
        const x = new Decimal(text)
        expect(toCents(x)).toBe(reference(x))
      }
    }
    for (let e = -45; e <= 25; e++) {
      for (const m of ['1', '5', '4999999', '5000000', '9999999', '99999995', '12345678901234567890123']) {
        for (const sign of ['', '-']) {
          const x = new Decimal(`${sign}${m}e${e}`)
          for (let places = 0; places <= 8; places++) expect(toRate(x, places)).toBe(reference(x, places))
          expect(toCents(x)).toBe(reference(x))
          expect(toWholeDollars(x)).toBe(reference(x, 0))
        }
      }
    }
  })

  it('never print a sign on a figure that rounds to zero', () => {
    expect(toCents(new Decimal('-0.001'))).toBe('0.00')
    expect(toCents(new Decimal('-0.005'))).toBe('-0.01')
    expect(toCents(new Decimal('-0'))).toBe('0.00')
    expect(toCents(new Decimal('0'))).toBe('0.00')
    expect(toWholeDollars(new Decimal('-0.4'))).toBe('0')
    expect(toRate(new Decimal('-0.0000004'))).toBe('0.000000')
    expect(toCents(new Decimal('-1e20'))).toBe('-100000000000000000000.00')
    expect(toCents(new Decimal('-1e-25'))).toBe('0.00')
    expect(toCents(new Decimal('1234.505'))).toBe('1234.51')
    expect(toCents(new Decimal('9999999999999.995'))).toBe('10000000000000.00')
  })
})
