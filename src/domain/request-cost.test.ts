import { describe, expect, it } from 'vitest'
import { dec } from './money.js'
import { bandIndex, createRateCards, rateCard, requestCost, requestCosts } from './request-cost.js'
import { OPUS_45, OPUS_47, SONNET_45 } from './testing/fixtures.js'

const tokens = (input: string, prefix: string, output: string) => ({
  input: dec(input),
  prefix: dec(prefix),
  output: dec(output),
})
const opus = rateCard(OPUS_45, -1, 'global')

describe('requestCost (design §3.2)', () => {
  it('prices an uncached request as I·in + O·out', () => {
    // 6,000 × $5/MTok + 800 × $25/MTok = 0.03 + 0.02
    expect(requestCost(opus, tokens('6000', '4500', '800'), null).toString()).toBe('0.05')
  })

  it('prices a cached request with reads and 5-minute writes', () => {
    // 1,500 × 5 + 4,500 × (0.9 × 0.5 + 0.1 × 6.25) + 800 × 25 = 7,500 + 4,837.5 + 20,000 per MTok
    expect(
      requestCost(opus, tokens('6000', '4500', '800'), { hitRate: dec('0.9'), ttl: '5m' }).toString(),
    ).toBe('0.0323375')
  })

  it('uses the 1-hour write price for the 1h TTL', () => {
    // 7,500 + 4,500 × (0.45 + 0.1 × 10) + 20,000 = 34,025 per MTok
    expect(
      requestCost(opus, tokens('6000', '4500', '800'), { hitRate: dec('0.9'), ttl: '1h' }).toString(),
    ).toBe('0.034025')
  })

  it('charges every request the write price at a 0% hit rate (caching on, no hits)', () => {
    // 7,500 + 4,500 × 6.25 + 20,000 = 55,625 per MTok
    expect(
      requestCost(opus, tokens('6000', '4500', '800'), { hitRate: dec('0'), ttl: '5m' }).toString(),
    ).toBe('0.055625')
  })

  it('bills a prefix below the model minimum as plain input whatever the hit rate', () => {
    expect(
      requestCost(opus, tokens('6000', '4095', '800'), { hitRate: dec('0.9'), ttl: '5m' }).toString(),
    ).toBe('0.05')
    // …unless asked to ignore the minimum: 1,905×5 + 4,095×1.075 + 20,000 = 33,927.125 per MTok
    expect(
      requestCost(opus, tokens('6000', '4095', '800'), { hitRate: dec('0.9'), ttl: '5m' }, true).toString(),
    ).toBe('0.033927125')
    // Exactly at the minimum it caches.
    expect(
      requestCost(opus, tokens('6000', '4096', '800'), { hitRate: dec('1'), ttl: '5m' }).toString(),
    ).toBe('0.031568') // 1,904×5 + 4,096×0.5 + 20,000 per MTok
  })

  it('shares the common parts between caching states, returning the same object for the same state', () => {
    const state = { hitRate: dec('0.5'), ttl: '5m' as const }
    const [a, b, c] = requestCosts(opus, tokens('6000', '4500', '800'), [null, state, state])
    expect(a!.toString()).toBe('0.05')
    expect(b).toBe(c)
  })
})

describe('rate cards', () => {
  it('picks the highest band whose threshold the input exceeds (strictly)', () => {
    expect(bandIndex(SONNET_45, dec('200000'))).toBe(-1)
    expect(bandIndex(SONNET_45, dec('200000.5'))).toBe(0)
    const card = rateCard(SONNET_45, 0, 'global')
    expect(card.input.toString()).toBe('0.000006')
    expect(card.output.toString()).toBe('0.0000225')
    expect(card.cacheWrite1h.toString()).toBe('0.000012')
  })

  it('applies the data-residency multiplier to every token class for US-only inference', () => {
    const card = rateCard(OPUS_47, -1, 'us')
    expect(
      [card.input, card.output, card.cacheRead, card.cacheWrite5m, card.cacheWrite1h].map(String),
    ).toEqual(['0.0000055', '0.0000275', '0.00000055', '0.000006875', '0.000011'])
    // A model without a multiplier is unaffected.
    expect(rateCard(OPUS_45, -1, 'us').input.toString()).toBe('0.000005')
  })

  it('memoizes one card per model, band and effective geography', () => {
    const cards = createRateCards()
    expect(cards(OPUS_45, dec('10'), 'global')).toBe(cards(OPUS_45, dec('20'), 'us'))
    expect(cards(SONNET_45, dec('10'), 'global')).not.toBe(cards(SONNET_45, dec('300000'), 'global'))
  })
})
