import { Decimal as DecimalJs } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, ROUNDING, toCents, toRate, toWholeDollars } from './money.js'

/** What the formatters must equal away from a tie window: decimal.js's own rounding and printing. */
// decimal.js's own rounding, except that a figure which rounds to zero carries no sign ("-0.00" is not presented).
const reference = (x: Decimal, places = 2) => {
  const text = x.toFixed(places, ROUNDING.money)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** Exact arithmetic for the checks below (every test value has far fewer than 200 digits). */
const Exact = DecimalJs.clone({ precision: 200 })

/**
 * Design §3.8's tie window, computed independently of money.ts (by subtraction, not by reading digits): |x| lies
 * below a tie of `places` decimals by more than 0 and at most 1e-20. Applies to places 0 … 12 only.
 */
function nearTie(x: Decimal, places: number): boolean {
  if (places > 12) return false
  const a = new Exact(x.toString()).abs()
  const tie = a
    .toDecimalPlaces(places, Exact.ROUND_DOWN)
    .plus(new Exact(5).times(new Exact(10).pow(-places - 1)))
  const gap = tie.minus(a)
  return gap.gt(0) && gap.lte('1e-20')
}

/** The presented figure design §3.8 asks for: ROUND_HALF_UP by magnitude, a value in the tie window as the tie. */
const expected = (x: Decimal, places = 2) =>
  nearTie(x, places)
    ? reference(new Decimal(x.toFixed(places, Decimal.ROUND_UP)), places)
    : reference(x, places)

/** Whether `x` is in the tie window at any number of places from 0 to 12 (such values are not toFixed's). */
const nearTieAtAnyPlaces = (x: Decimal) => Array.from({ length: 13 }, (_, p) => p).some((p) => nearTie(x, p))

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
const aroundTie = fc
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
  // The generators are filtered to exclude the tie window (a value at most 1e-20 below a tie at any of 0 … 12 places),
  // where design §3.8 departs from toFixed on purpose: those values have their own tests below. Random values almost
  // never fall in it; the filter makes sure.
  it('are decimal.js toFixed(places, ROUND_HALF_UP) on any decimal outside the tie window (without a negative zero)', () => {
    const outsideWindow = fc.oneof(anyDecimal, aroundTie, computed).filter((x) => !nearTieAtAnyPlaces(x))
    fc.assert(
      fc.property(outsideWindow, fc.integer({ min: 0, max: 12 }), (x, places) => {
        expect(toCents(x)).toBe(reference(x))
        expect(toWholeDollars(x)).toBe(reference(x, 0))
        expect(toRate(x)).toBe(reference(x, 6))
        expect(toRate(x, places)).toBe(reference(x, places))
      }),
      { numRuns: 20_000 },
    )
  })

  it('agree on every thousandth from -30 to 30, on each side of every tie and at the word boundaries', () => {
    // None of these values is in the tie window (their nines stop long before 1e-20), so toFixed is the reference.
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

describe('rounding ties as the exact rational does (design §3.8: within 1e-20 of a tie)', () => {
  const d = (text: string) => new Decimal(text)

  it('presents a value 1e-34 below a half-cent tie as the tie, and a genuine non-tie 1e-9 below as it is', () => {
    // 377583/8 = 47197.875 a few units of the 40th digit low, as 40-digit arithmetic can leave it: rounds as the tie.
    expect(toCents(d('47197.8749999999999999999999999999999999'))).toBe('47197.88')
    expect(toCents(d('47197.87499999999999999999999999999999999'))).toBe('47197.88')
    expect(toCents(d('-47197.8749999999999999999999999999999999'))).toBe('-47197.88')
    // 1e-9 below the tie: no rational with the engine's denominators is there by accident, so it is what it says.
    expect(toCents(d('47197.874999999'))).toBe('47197.87')
    expect(toCents(d('-47197.874999999'))).toBe('-47197.87')
    // The tie itself and just above it round up as before.
    expect(toCents(d('47197.875'))).toBe('47197.88')
    expect(toCents(d('47197.8750000000000000000000000000000001'))).toBe('47197.88')
    // Small magnitudes, both signs: −0.00499…9 is −0.005 (half up by magnitude: "-0.01", never "-0.00").
    expect(toCents(d('0.004999999999999999999999999999999999999'))).toBe('0.01')
    expect(toCents(d('-0.004999999999999999999999999999999999999'))).toBe('-0.01')
    expect(toCents(d('-0.004999999'))).toBe('0.00')
    expect(toCents(d('11000.16499999999999999999999999999999999'))).toBe('11000.17')
  })

  it('has its edge at exactly 1e-20 below the tie', () => {
    expect(toCents(d('0.00499999999999999999'))).toBe('0.01') // 0.005 − 1e-20: inside
    expect(toCents(d('0.0049999999999999999899999999'))).toBe('0.00') // 0.005 − 1.01e-20: outside
    expect(toCents(d('0.004999999999999999999'))).toBe('0.01') // 0.005 − 1e-21
    expect(toCents(d('0.004999999999999999'))).toBe('0.00') // 0.005 − 1e-18
    expect(toCents(d('12.3449999999999999999'))).toBe('12.34') // 12.345 − 1e-19: outside
    expect(toCents(d('12.34499999999999999999'))).toBe('12.35') // 12.345 − 1e-20: inside
  })

  it('applies to whole dollars and to rates (6 places) in the same way', () => {
    expect(toWholeDollars(d('250000.4999999999999999999999999999999'))).toBe('250001')
    expect(toWholeDollars(d('-250000.4999999999999999999999999999999'))).toBe('-250001')
    expect(toWholeDollars(d('-0.4999999999999999999999'))).toBe('-1')
    expect(toWholeDollars(d('250000.499999999'))).toBe('250000')
    expect(toWholeDollars(d('-0.499999999'))).toBe('0')
    expect(toRate(d('0.1234564999999999999999999999999999999'))).toBe('0.123457')
    expect(toRate(d('-0.0000004999999999999999999999999999999'))).toBe('-0.000001')
    expect(toRate(d('0.123456499999999'))).toBe('0.123456')
    expect(toRate(d('-0.000000499999999'))).toBe('0.000000')
    // Up to 12 places; beyond, figures are rounded as they are.
    expect(toRate(d('0.0000000000004999999999999999999999'), 12)).toBe('0.000000000001')
    expect(toRate(d('0.00000000000004999999999999999999999'), 13)).toBe('0.0000000000000')
  })

  it('applies where decimal.js formats (values too large for the digit reader)', () => {
    // 1e15 cents and more: toFixed formats, with the same window.
    expect(toCents(d('12345678901234567.894999999999999999999999'))).toBe('12345678901234567.90')
    expect(toCents(d('-12345678901234567.894999999999999999999999'))).toBe('-12345678901234567.90')
    expect(toCents(d('12345678901234567.894999999'))).toBe('12345678901234567.89')
    expect(toWholeDollars(d('1234567890123456789.4999999999999999999999'))).toBe('1234567890123456790')
    expect(toRate(d('123456789012.1234564999999999999999999'))).toBe('123456789012.123457')
  })

  /** k ≥ 0 whole units and a tie k + ½ unit, as a decimal string at `places` places. */
  const tieOf = (k: bigint, places: number) => new Exact(`${k}5e-${places + 1}`)
  const windowCase = (eMin: number, eMax: number) =>
    fc.record({
      k: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      negative: fc.boolean(),
      // e = mantissa × 10^exponent with 1 ≤ mantissa < 10: uniform in its decade, any decade in [eMin, eMax].
      mantissa: fc.integer({ min: 1_000_000, max: 9_999_999 }),
      exponent: fc.integer({ min: eMin, max: eMax }),
    })
  const value = (
    tie: InstanceType<typeof Exact>,
    c: { negative: boolean; mantissa: number; exponent: number },
  ) => {
    const e = new Exact(c.mantissa).times(new Exact(10).pow(c.exponent - 6))
    const x = tie.minus(e)
    return new Decimal((c.negative ? x.negated() : x).toString())
  }
  /** What the tie rounds to (away from zero) and what the value below it rounds to (towards zero). */
  const roundedUp = (k: bigint, places: number, negative: boolean) =>
    reference(new Decimal(`${negative ? '-' : ''}${k + 1n}e-${places}`), places)
  const roundedDown = (k: bigint, places: number, negative: boolean) =>
    reference(new Decimal(`${negative ? '-' : ''}${k}e-${places}`), places)

  it('(k + ½ unit) − e presents as the tie for 0 < e < 1e-21, and rounds down for e ≥ 1e-18', () => {
    for (const [places, present] of [
      [2, toCents],
      [0, toWholeDollars],
      [6, (x: Decimal) => toRate(x)],
    ] as const) {
      fc.assert(
        fc.property(windowCase(-45, -22), (c) => {
          const x = value(tieOf(c.k, places), c)
          expect(present(x)).toBe(roundedUp(c.k, places, c.negative))
          expect(present(x)).toBe(expected(x, places))
        }),
        { numRuns: 3_000 },
      )
      fc.assert(
        fc.property(windowCase(-18, -places - 2), (c) => {
          const x = value(tieOf(c.k, places), c)
          expect(present(x)).toBe(roundedDown(c.k, places, c.negative))
          expect(present(x)).toBe(expected(x, places))
        }),
        { numRuns: 3_000 },
      )
    }
  })

  it('are the design rule (toFixed, or the tie inside the window) on values near ties at every place count', () => {
    /** Digits, then the rounding digit 4, then a run of nines of any length, then anything. */
    const nines = fc
      .record({
        negative: fc.boolean(),
        whole: fc.oneof(fc.constant('0'), digits(14)),
        kept: fc
          .integer({ min: 0, max: 12 })
          .chain((n) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })),
        run: fc.integer({ min: 0, max: 30 }),
        tail: fc.oneof(fc.constant(''), digits(6)),
      })
      .map(({ negative, whole, kept, run, tail }) => ({
        x: new Decimal(`${negative ? '-' : ''}${whole}.${kept}4${'9'.repeat(run)}${tail}`),
        places: kept.length,
      }))
    fc.assert(
      fc.property(nines, ({ x, places }) => {
        expect(toRate(x, places)).toBe(expected(x, places))
        expect(toCents(x)).toBe(expected(x))
        expect(toWholeDollars(x)).toBe(expected(x, 0))
      }),
      { numRuns: 20_000 },
    )
  })
})
