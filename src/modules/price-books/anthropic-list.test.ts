import { describe, expect, it } from 'vitest'
import { Decimal, dec } from '../../domain/money.js'
import { findModel, type TokenPrices } from '../../domain/price-book.js'
import {
  type AnthropicListModel,
  anthropicListBookSchema,
  loadAnthropicListBook,
  parseAnthropicListBook,
} from './anthropic-list.js'
import data from './anthropic-list.json' with { type: 'json' }

const book = loadAnthropicListBook()

/** Every model of pricing.md §1a and §1b, in file order. */
const EXPECTED_MODEL_IDS = [
  'claude-opus-4-6',
  'claude-opus-4-5-20251101',
  'claude-opus-4-1-20250805',
  'claude-opus-4-20250514',
  'claude-sonnet-4-6',
  'claude-sonnet-4-5-20250929',
  'claude-sonnet-4-20250514',
  'claude-3-7-sonnet-20250219',
  'claude-haiku-4-5-20251001',
  'claude-3-5-haiku-20241022',
  'claude-3-haiku-20240307',
  'claude-3-opus-20240229',
  'claude-opus-4-7-20260416',
  'claude-opus-4-8',
  'claude-opus-5',
  'claude-opus-5-5',
  'claude-sonnet-5',
  'claude-sonnet-5-5',
  'claude-haiku-5-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-fable-5-1',
  'claude-mythos-5-1',
]

/** Documented exceptions to the 0.1× cache-read ladder (pricing.md §1b, §2): model id → read/input ratio. */
const CACHE_READ_RATIO_EXCEPTIONS: Record<string, string> = {
  'claude-opus-5-5': '0.05',
  'claude-sonnet-5-5': '0.05',
  'claude-fable-5-1': '0.025',
  'claude-mythos-5-1': '0.025',
}

/**
 * Prices the official table publishes rounded to the cent instead of the exact ladder value
 * (Haiku 3: 5m write $0.30 instead of 0.3125, read $0.03 instead of 0.025).
 */
const ROUNDED_PUBLISHED: Record<string, Partial<Record<keyof TokenPrices, string>>> = {
  'claude-3-haiku-20240307': { cacheWrite5m: '0.3', cacheRead: '0.03' },
}

/** Models priced with the newer tokenizer (pricing.md §4; Sonnet 5.5 / Haiku 5.5 by generation). */
const NEW_TOKENIZER = new Set([
  'claude-opus-4-7-20260416',
  'claude-opus-4-8',
  'claude-opus-5',
  'claude-opus-5-5',
  'claude-sonnet-5',
  'claude-sonnet-5-5',
  'claude-haiku-5-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-fable-5-1',
  'claude-mythos-5-1',
])

/** Models on which `inference_geo: "us"` costs 1.1× (Opus 4.6 / Sonnet 4.6 and later). */
const DATA_RESIDENCY = new Set(['claude-opus-4-6', 'claude-sonnet-4-6', ...NEW_TOKENIZER])

function model(name: string): AnthropicListModel {
  const found = book.models.find((m) => m.modelId === name)
  if (found === undefined) throw new Error(`model ${name} not in the book`)
  return found
}

/** Asserts the list-price cache ladder on one set of token prices, honouring the documented exceptions. */
function expectLadder(modelId: string, where: string, p: TokenPrices): void {
  const rounded = ROUNDED_PUBLISHED[modelId] ?? {}
  const readRatio = CACHE_READ_RATIO_EXCEPTIONS[modelId] ?? '0.1'
  const expected = {
    cacheWrite5m: rounded.cacheWrite5m ?? p.input.times('1.25').toString(),
    cacheWrite1h: rounded.cacheWrite1h ?? p.input.times(2).toString(),
    cacheRead: rounded.cacheRead ?? p.input.times(readRatio).toString(),
  }
  expect(
    {
      cacheWrite5m: p.cacheWrite5m.toString(),
      cacheWrite1h: p.cacheWrite1h.toString(),
      cacheRead: p.cacheRead.toString(),
    },
    `${modelId} ${where}`,
  ).toEqual(expected)
}

function prices(p: TokenPrices): Record<keyof TokenPrices, string> {
  return {
    input: p.input.toString(),
    output: p.output.toString(),
    cacheWrite5m: p.cacheWrite5m.toString(),
    cacheWrite1h: p.cacheWrite1h.toString(),
    cacheRead: p.cacheRead.toString(),
  }
}

describe('anthropic-list.json', () => {
  it('parses against the schema', () => {
    const result = anthropicListBookSchema.safeParse(data)
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true)
  })

  it('describes the built-in USD book, effective from the newest price change', () => {
    expect(book.slug).toBe('anthropic-list')
    expect(book.currency).toBe('USD')
    expect(book.effectiveFrom).toBe('2026-10-07')
    const newest = book.models.map((m) => m.effectiveFrom).sort()
    expect(newest.at(-1)).toBe(book.effectiveFrom)
    expect(book.source).toMatch(/^https:\/\//)
  })

  it('contains exactly the models of pricing.md §1a and §1b', () => {
    expect(book.models.map((m) => m.modelId)).toEqual(EXPECTED_MODEL_IDS)
  })

  it('has unique model ids and aliases across all models (case-insensitive)', () => {
    const names = book.models.flatMap((m) => [m.modelId, ...m.aliases].map((n) => n.toLowerCase()))
    expect(new Set(names).size).toBe(names.length)
  })

  it('uses the undated name as the alias of every dated id, and no alias for undated ids', () => {
    for (const m of book.models) {
      const dated = /-(\d{8})$/.exec(m.modelId)
      if (dated) expect(m.aliases, m.modelId).toContain(m.modelId.slice(0, -9))
      else expect(m.aliases, m.modelId).toEqual([])
    }
  })

  it('converts every price to our Decimal', () => {
    for (const m of book.models) {
      const values = [
        m.input,
        m.output,
        m.cacheWrite5m,
        m.cacheWrite1h,
        m.cacheRead,
        m.batchDiscount,
        m.minCacheableTokens,
        m.tokenizerRatio,
        ...m.longContextBands.flatMap((b) => [
          b.thresholdTokens,
          b.input,
          b.output,
          b.cacheWrite5m,
          b.cacheWrite1h,
          b.cacheRead,
        ]),
      ]
      for (const v of values) expect(v).toBeInstanceOf(Decimal)
    }
  })

  it('holds the cache ladder (5m = 1.25×, 1h = 2×, read = 0.1× input) except the documented exceptions', () => {
    for (const m of book.models) {
      expectLadder(m.modelId, 'base', m)
      m.longContextBands.forEach((band, i) => {
        expectLadder(m.modelId, `band ${i}`, band)
      })
    }
  })

  it('lists only real exceptions (every excepted model is in the book and breaks the 0.1× read rule)', () => {
    for (const id of [...Object.keys(CACHE_READ_RATIO_EXCEPTIONS), ...Object.keys(ROUNDED_PUBLISHED)]) {
      const m = model(id)
      expect(m.cacheRead.equals(m.input.times('0.1')), id).toBe(false)
    }
  })

  it('prices long-context bands with ascending thresholds that raise every price', () => {
    for (const m of book.models) {
      let previous = dec('0')
      for (const band of m.longContextBands) {
        expect(band.thresholdTokens.gt(previous), m.modelId).toBe(true)
        for (const key of ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const) {
          expect(band[key].gt(m[key]), `${m.modelId} ${key}`).toBe(true)
        }
        previous = band.thresholdTokens
      }
    }
    expect(book.models.filter((m) => m.longContextBands.length > 0).map((m) => m.modelId)).toEqual([
      'claude-sonnet-4-5-20250929',
      'claude-sonnet-4-20250514',
      'claude-haiku-5-5',
    ])
  })

  it('applies the 50% batch discount to every model', () => {
    for (const m of book.models) expect(m.batchDiscount.toString(), m.modelId).toBe('0.5')
  })

  it('sets the tokenizer ratio and data-residency multiplier by model generation', () => {
    for (const m of book.models) {
      expect(m.tokenizerRatio.toString(), m.modelId).toBe(NEW_TOKENIZER.has(m.modelId) ? '1.3' : '1')
      expect(m.dataResidencyMultiplier?.toString() ?? null, m.modelId).toBe(
        DATA_RESIDENCY.has(m.modelId) ? '1.1' : null,
      )
    }
  })

  it('matches pricing.md spot checks', () => {
    expect(prices(model('claude-opus-4-5-20251101'))).toEqual({
      input: '5',
      output: '25',
      cacheWrite5m: '6.25',
      cacheWrite1h: '10',
      cacheRead: '0.5',
    })
    const haiku35 = model('claude-3-5-haiku-20241022')
    expect([haiku35.input.toString(), haiku35.output.toString()]).toEqual(['0.8', '4'])
    const sonnet5 = model('claude-sonnet-5')
    expect([sonnet5.input.toString(), sonnet5.output.toString()]).toEqual(['2', '10'])
    expect(model('claude-sonnet-5-5').cacheRead.toString()).toBe('0.1')
    expect(model('claude-sonnet-5-5').effectiveFrom).toBe('2026-10-07')
    expect(model('claude-opus-4-1-20250805').input.toString()).toBe('15')

    const haiku55 = model('claude-haiku-5-5')
    expect(prices(haiku55)).toEqual({
      input: '0.1',
      output: '0.5',
      cacheWrite5m: '0.125',
      cacheWrite1h: '0.2',
      cacheRead: '0.01',
    })
    expect(haiku55.longContextBands).toHaveLength(1)
    const band = haiku55.longContextBands[0]!
    expect(band.thresholdTokens.toString()).toBe('100000')
    expect(prices(band)).toEqual({
      input: '0.5',
      output: '2.5',
      cacheWrite5m: '0.625',
      cacheWrite1h: '1',
      cacheRead: '0.05',
    })

    const sonnet45Band = model('claude-sonnet-4-5-20250929').longContextBands[0]!
    expect(sonnet45Band.thresholdTokens.toString()).toBe('200000')
    expect(prices(sonnet45Band)).toEqual({
      input: '6',
      output: '22.5',
      cacheWrite5m: '7.5',
      cacheWrite1h: '12',
      cacheRead: '0.6',
    })
    expect(model('claude-opus-4-6').longContextBands).toEqual([])
    expect(model('claude-sonnet-4-6').longContextBands).toEqual([])
  })

  it('records minimum cacheable prefixes from pricing.md §2', () => {
    const min = (id: string) => model(id).minCacheableTokens.toString()
    expect(min('claude-opus-4-6')).toBe('4096')
    expect(min('claude-haiku-4-5-20251001')).toBe('4096')
    expect(min('claude-sonnet-4-6')).toBe('1024')
    expect(model('claude-sonnet-4-6').source).toMatch(/2048/)
    expect(min('claude-3-haiku-20240307')).toBe('2048')
    expect(min('claude-opus-4-7-20260416')).toBe('2048')
    expect(min('claude-opus-5')).toBe('512')
  })

  it('records lifecycle dates only where pricing.md gives them', () => {
    const sonnet45 = model('claude-sonnet-4-5-20250929')
    expect([sonnet45.deprecatedAt, sonnet45.retiresAt]).toEqual([null, '2026-11-30'])
    const dated = book.models.filter((m) => m.deprecatedAt !== null || m.retiresAt !== null)
    expect(dated.map((m) => m.modelId)).toEqual(['claude-sonnet-4-5-20250929'])
    for (const id of ['claude-opus-4-1-20250805', 'claude-opus-4-20250514']) {
      expect(model(id).source, id).toMatch(/RETIRED/)
    }
    for (const id of ['claude-3-7-sonnet-20250219', 'claude-3-opus-20240229']) {
      expect(model(id).source, id).toMatch(/DEPRECATED/)
    }
  })

  it('names a successor only where pricing.md gives one (it names none)', () => {
    // pricing.md §1a lists Opus 4.1 and Opus 4 as retired and Sonnet 4.5 as retiring on 2026-11-30, but names no
    // replacement for any model: the book leaves every successor absent rather than guess one.
    expect(book.models.filter((m) => m.successor !== null).map((m) => m.modelId)).toEqual([])
    expect(data.models.some((m) => 'successor' in m)).toBe(false)
  })

  it('accepts a successor that is another model of the book, and refuses any other', () => {
    const withSuccessor = (successor: string) => {
      const json = structuredClone(data) as { models: Record<string, unknown>[] }
      const sonnet45 = json.models.find((m) => m.modelId === 'claude-sonnet-4-5-20250929')!
      sonnet45.successor = successor
      return json
    }
    expect(
      findModel(parseAnthropicListBook(withSuccessor('claude-sonnet-4-6')), 'claude-sonnet-4-5')?.successor,
    ).toBe('claude-sonnet-4-6')
    expect(() => parseAnthropicListBook(withSuccessor('claude-sonnet-4-5-20250929'))).toThrow(
      /cannot be its own successor/,
    )
    expect(() => parseAnthropicListBook(withSuccessor('claude-sonnet-4-1'))).toThrow(
      /not a model of this book/,
    )
    expect(() => parseAnthropicListBook(withSuccessor('claude-opus-4-5'))).toThrow(
      /must be a model id: use 'claude-opus-4-5-20251101'/,
    )
  })

  it('lets findModel resolve an alias and its dated id to the same model', () => {
    const byAlias = findModel(book, 'claude-opus-4-5')
    const byId = findModel(book, 'claude-opus-4-5-20251101')
    expect(byAlias).toBeDefined()
    expect(byAlias).toBe(byId)
    expect(findModel(book, 'Claude-Opus-4-7')?.modelId).toBe('claude-opus-4-7-20260416')
  })

  it('rejects malformed books', () => {
    const clone = () => structuredClone(data) as { models: Record<string, unknown>[] }
    const badDecimal = clone()
    badDecimal.models[0]!.input = '5e0'
    expect(() => parseAnthropicListBook(badDecimal)).toThrow()
    const duplicateAlias = clone()
    duplicateAlias.models[1]!.aliases = ['CLAUDE-OPUS-4-6']
    expect(() => parseAnthropicListBook(duplicateAlias)).toThrow(/already used/)
    const numberPrice = clone()
    numberPrice.models[0]!.output = 25
    expect(() => parseAnthropicListBook(numberPrice)).toThrow()
  })
})
