import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, dec } from './money.js'
import {
  compareModels,
  discountModelPrices,
  findModel,
  MODEL_FACTOR_FIELDS,
  mapModelDecimals,
  sortModels,
  successorProblem,
  TOKEN_PRICE_FIELDS,
} from './price-book.js'
import { modelPrice, SONNET_45 } from './testing/fixtures.js'

const digits = (model: Parameters<typeof mapModelDecimals<Decimal, string>>[0]) =>
  mapModelDecimals(model, (d) => d.toFixed())

describe('discountModelPrices', () => {
  it('takes the discount off every per-token price, bands included, and keeps everything else', () => {
    const model = { ...SONNET_45, dataResidencyMultiplier: dec('1.1'), deprecatedAt: '2026-01-01' }
    const discounted = discountModelPrices(model, dec('0.15'))
    // 3 × 0.85 = 2.55, 15 × 0.85 = 12.75, 3.75 × 0.85 = 3.1875, 6 × 0.85 = 5.1, 0.3 × 0.85 = 0.255.
    expect(digits(discounted)).toEqual({
      input: '2.55',
      output: '12.75',
      cacheWrite5m: '3.1875',
      cacheWrite1h: '5.1',
      cacheRead: '0.255',
      batchDiscount: '0.5',
      minCacheableTokens: '1024',
      tokenizerRatio: '1',
      // Over 200K: 6 × 0.85 = 5.1, 22.5 × 0.85 = 19.125, 7.5 × 0.85 = 6.375, 12 × 0.85 = 10.2, 0.6 × 0.85 = 0.51.
      longContextBands: [
        {
          thresholdTokens: '200000',
          input: '5.1',
          output: '19.125',
          cacheWrite5m: '6.375',
          cacheWrite1h: '10.2',
          cacheRead: '0.51',
        },
      ],
      dataResidencyMultiplier: '1.1',
    })
    expect(discounted).toMatchObject({
      modelId: model.modelId,
      aliases: model.aliases,
      displayName: model.displayName,
      deprecatedAt: '2026-01-01',
      retiresAt: '2026-11-30',
    })
    // The model it was copied from is not changed.
    expect(model.input.toFixed()).toBe('3')
  })

  it('rounds a product with more than 10 decimals half up to 10 decimals (NUMERIC(20, 10))', () => {
    const model = modelPrice({
      id: 'claude-odd',
      prices: ['1.2345678901', '0.0000000003', '0.0000000001', '9999999999.9999999999', '3'],
      minCacheable: '1024',
    })
    const discounted = discountModelPrices(model, dec('0.123457'))
    // 1.2345678901 × 0.876543 = 1.0821518420919243 exactly → 1.0821518421 (the 11th decimal is 9: up).
    expect(discounted.input.toFixed()).toBe('1.0821518421')
    // 0.0000000003 × 0.876543 = 0.0000000002629629 → 0.0000000003 (half up from …26).
    expect(discounted.output.toFixed()).toBe('0.0000000003')
    // 0.0000000001 × 0.876543 = 0.0000000000876543 → 0.0000000001.
    expect(discounted.cacheWrite5m.toFixed()).toBe('0.0000000001')
    // 9999999999.9999999999 × 0.876543 = 8765429999.9999999999123457 → 8765429999.9999999999 (…1: down).
    expect(discounted.cacheWrite1h.toFixed()).toBe('8765429999.9999999999')
    // 3 × 0.876543 = 2.629629 exactly: no rounding needed.
    expect(discounted.cacheRead.toFixed()).toBe('2.629629')
    // A tie rounds up: 0.0000000003 × 0.5 = 0.00000000015 → 0.0000000002.
    expect(discountModelPrices(model, dec('0.5')).output.toFixed()).toBe('0.0000000002')
  })

  it('keeps at most 10 decimals, never raises a price, and leaves it unchanged at 0 (property)', () => {
    const priceArb = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }))
      .map(([units]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(10)))
    const discountArb = fc.integer({ min: 0, max: 999_999 }).map((n) => new Decimal(n).dividedBy(1_000_000))
    fc.assert(
      fc.property(priceArb, discountArb, (price, discount) => {
        const model = { ...SONNET_45, input: price, longContextBands: [] }
        const after = discountModelPrices(model, discount).input
        expect(after.decimalPlaces()).toBeLessThanOrEqual(10)
        expect(after.lte(price)).toBe(true)
        // Within half a unit of the 10th decimal of the exact product.
        const exact = price.times(new Decimal(1).minus(discount))
        expect(after.minus(exact).abs().lte(new Decimal('0.00000000005'))).toBe(true)
        if (discount.isZero()) expect(after.eq(price)).toBe(true)
      }),
    )
  })
})

describe('the price-field tuples', () => {
  it('list each decimal of a model once, and mapModelDecimals converts exactly those', () => {
    expect(TOKEN_PRICE_FIELDS).toEqual(['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'])
    expect(MODEL_FACTOR_FIELDS).toEqual(['batchDiscount', 'minCacheableTokens', 'tokenizerRatio'])
    const seen: string[] = []
    mapModelDecimals({ ...SONNET_45, dataResidencyMultiplier: dec('1.1') }, (d) => seen.push(d.toFixed()))
    // 5 prices + 3 factors + (threshold + 5 prices) of the one band + the residency multiplier.
    expect(seen).toHaveLength(15)
  })
})

describe('catalogue order', () => {
  const ids = [
    'claude-3-haiku-20240307',
    'claude-fable-5',
    'claude-opus-4-20250514',
    'claude-sonnet-4-6',
    'acme-tuned-7',
    '0042',
    'claude-opus-5-5',
    'claude-3-7-sonnet-20250219',
    'claude-opus-4-1-20250805',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-5-20251101',
    'claude-mythos-5-1',
    'claude-3-opus-20240229',
    'claude-sonnet-5',
    'claude-fable-5-1',
  ]
  const models = ids.map((id) => modelPrice({ id, prices: ['1', '1', '1', '1', '1'], minCacheable: '1' }))

  it('lists Opus, Sonnet, Haiku, then other families alphabetically, newest version first in each', () => {
    expect(sortModels(models).map((m) => m.modelId)).toEqual([
      'claude-opus-5-5',
      'claude-opus-4-5-20251101',
      'claude-opus-4-1-20250805',
      'claude-opus-4-20250514',
      'claude-3-opus-20240229',
      'claude-sonnet-5',
      'claude-sonnet-4-6',
      'claude-3-7-sonnet-20250219',
      'claude-haiku-4-5-20251001',
      'claude-3-haiku-20240307',
      // Other families, alphabetically ("acme" is this id's family word)…
      'acme-tuned-7',
      'claude-fable-5-1',
      'claude-fable-5',
      'claude-mythos-5-1',
      // …and last an id without any family word.
      '0042',
    ])
  })

  it('is a total order that does not depend on the input order (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(models), (subset) => {
        const sorted = sortModels(subset)
        expect(sortModels([...subset].reverse())).toEqual(sorted)
        for (let i = 1; i < sorted.length; i++)
          expect(compareModels(sorted[i - 1]!, sorted[i]!)).toBeLessThan(0)
      }),
    )
  })

  it('ranks a newer snapshot of the same version first, and a later version above an earlier one', () => {
    const a = { modelId: 'claude-sonnet-4-5-20250929' }
    const b = { modelId: 'claude-sonnet-4-5-20260101' }
    expect(compareModels(b, a)).toBeLessThan(0)
    expect(compareModels({ modelId: 'claude-opus-4-1' }, { modelId: 'claude-opus-4' })).toBeLessThan(0)
  })
})

describe('findModel', () => {
  it('finds by id or alias, case-insensitively and ignoring blanks', () => {
    const book = { models: [SONNET_45] }
    expect(findModel(book, ' Claude-Sonnet-4-5 ')).toBe(SONNET_45)
    expect(findModel(book, 'claude-sonnet-4-5-20250929')).toBe(SONNET_45)
    expect(findModel(book, 'claude-sonnet')).toBeUndefined()
  })
})

describe('successorProblem', () => {
  const book = {
    models: [
      { modelId: 'claude-sonnet-4-5-20250929', aliases: ['claude-sonnet-4-5'] },
      { modelId: 'claude-sonnet-4-6', aliases: [] },
    ],
  }
  const of = (successor: string | null | undefined) =>
    successorProblem(book, { modelId: 'claude-sonnet-4-5-20250929', successor })

  it('accepts no successor, or the id of another model of the book', () => {
    expect(of(undefined)).toBeNull()
    expect(of(null)).toBeNull()
    expect(of('claude-sonnet-4-6')).toBeNull()
  })

  it('refuses the model itself (by id or alias), an alias of another model, and a model the book lacks', () => {
    expect(of('claude-sonnet-4-5-20250929')).toBe(
      "a model cannot be its own successor ('claude-sonnet-4-5-20250929')",
    )
    expect(of('claude-sonnet-4-5')).toBe("a model cannot be its own successor ('claude-sonnet-4-5')")
    expect(successorProblem(book, { modelId: 'claude-sonnet-4-6', successor: 'Claude-Sonnet-4-5' })).toBe(
      "successor 'Claude-Sonnet-4-5' must be a model id: use 'claude-sonnet-4-5-20250929'",
    )
    expect(of('claude-sonnet-5')).toBe(
      "successor 'claude-sonnet-5' is not a model of this book; name another model of the book by its id",
    )
  })
})
