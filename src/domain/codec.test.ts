import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodePriceBook, encodePriceBook } from './codec.js'
import { Decimal, dec } from './money.js'
import type { PriceBook } from './price-book.js'
import { TEST_BOOK } from './testing/fixtures.js'

/** Every decimal of a book as text, in a fixed order: equal lists mean digit-for-digit equal books. */
function digitsOf(book: PriceBook): string[] {
  return book.models.flatMap((m) => [
    m.modelId,
    ...[m.input, m.output, m.cacheWrite5m, m.cacheWrite1h, m.cacheRead, m.batchDiscount].map((d) =>
      d.toFixed(),
    ),
    m.minCacheableTokens.toFixed(),
    m.tokenizerRatio.toFixed(),
    m.dataResidencyMultiplier?.toFixed() ?? 'null',
    ...m.longContextBands.flatMap((b) =>
      [b.thresholdTokens, b.input, b.output, b.cacheRead].map((d) => d.toFixed()),
    ),
  ])
}

describe('price book codec', () => {
  it('a Decimal cannot be posted to another thread, which is why the codec exists', () => {
    expect(() => structuredClone(dec('1.25'))).toThrow(/could not be cloned/)
  })

  it('round-trips the test book through a structured clone, every decimal an engine Decimal again', () => {
    const wire = structuredClone(encodePriceBook(TEST_BOOK))
    const decoded = decodePriceBook(wire)
    expect(decoded).toEqual(TEST_BOOK)
    expect(digitsOf(decoded)).toEqual(digitsOf(TEST_BOOK))
    for (const model of decoded.models) {
      expect(model.input).toBeInstanceOf(Decimal)
      for (const band of model.longContextBands) expect(band.thresholdTokens).toBeInstanceOf(Decimal)
    }
  })

  it('carries a model’s successor, and leaves it absent where the book names none', () => {
    const book = {
      ...TEST_BOOK,
      models: TEST_BOOK.models.map((m, i) => (i === 1 ? { ...m, successor: 'claude-sonnet-5' } : m)),
    }
    const wire = structuredClone(encodePriceBook(book))
    expect(wire.models.map((m) => m.successor)).toEqual([null, 'claude-sonnet-5', null, null, null])
    const decoded = decodePriceBook(wire)
    expect(decoded).toEqual(book)
    expect(decoded.models.map((m) => 'successor' in m)).toEqual([false, true, false, false, false])
  })

  it('encodes to plain strings, keeping only the PriceBook fields', () => {
    const stored = { ...TEST_BOOK, slug: 'test', version: 3, createdAt: new Date(0) }
    const wire = encodePriceBook(stored)
    expect(Object.keys(wire).sort()).toEqual(['currency', 'effectiveFrom', 'id', 'models', 'name', 'source'])
    expect(typeof wire.models[0]?.input).toBe('string')
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire)
  })

  it('keeps every digit of any decimal, tiny or huge, more digits than the engine computes with', () => {
    const anyDecimal = fc
      .record({
        mantissa: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 45 }),
        exponent: fc.integer({ min: -45, max: 30 }),
      })
      .map(({ mantissa, exponent }) => new Decimal(`${mantissa}e${exponent}`))
    fc.assert(
      fc.property(
        anyDecimal,
        anyDecimal,
        fc.option(anyDecimal, { nil: null }),
        (price, threshold, residency) => {
          const model = TEST_BOOK.models[0]!
          const book: PriceBook = {
            ...TEST_BOOK,
            models: [
              {
                ...model,
                input: price,
                dataResidencyMultiplier: residency,
                longContextBands: [{ ...model, thresholdTokens: threshold }].map(
                  ({ thresholdTokens, input, output, cacheWrite5m, cacheWrite1h, cacheRead }) => ({
                    thresholdTokens,
                    input,
                    output,
                    cacheWrite5m,
                    cacheWrite1h,
                    cacheRead,
                  }),
                ),
              },
            ],
          }
          const decoded = decodePriceBook(structuredClone(encodePriceBook(book)))
          const first = decoded.models[0]!
          expect(first.input.eq(price)).toBe(true)
          expect(first.longContextBands[0]!.thresholdTokens.eq(threshold)).toBe(true)
          expect(
            first.dataResidencyMultiplier === null ? null : first.dataResidencyMultiplier.eq(residency!),
          ).toBe(residency === null ? null : true)
        },
      ),
    )
  })

  it('refuses a decimal string that is not a number', () => {
    const wire = encodePriceBook(TEST_BOOK)
    wire.models[0]!.output = 'lots'
    expect(() => decodePriceBook(wire)).toThrow()
  })
})
