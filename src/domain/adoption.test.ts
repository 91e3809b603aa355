import { describe, expect, it } from 'vitest'
import { adoptionFraction, adoptionFractionFloat, adoptionSchedule, fractionProducts } from './adoption.js'
import { dec } from './money.js'
import { lever } from './testing/fixtures.js'

describe('adoption (design §3.4)', () => {
  it('is 0 before the start, then ramps linearly to 1', () => {
    const spec = lever('caching', 2, 3)
    expect([0, 1, 2, 3, 4, 5].map((m) => adoptionFraction(spec, m).toFixed(6))).toEqual([
      '0.000000',
      '0.000000',
      '0.333333',
      '0.666667',
      '1.000000',
      '1.000000',
    ])
  })

  it('treats a ramp of 0 or 1 as full adoption from the start month', () => {
    expect(adoptionFraction(lever('batch', 1, 0), 1).toString()).toBe('1')
    expect(adoptionFraction(lever('batch', 1, 1), 1).toString()).toBe('1')
    expect(adoptionFraction(lever('batch', 1, 1), 0).toString()).toBe('0')
  })

  it('handles a start before the term', () => {
    expect(adoptionFraction(lever('batch', -2, 4), 0).toString()).toBe('0.75')
  })

  it('moves the start by the slip and scales by the realization in the float version', () => {
    expect(adoptionFractionFloat(0, 4, 2, 1, 0.8)).toBeCloseTo(0.4, 12)
    expect(adoptionFractionFloat(0, 4, 0, 1)).toBe(0)
  })

  it('groups months into distinct vectors', () => {
    const s = adoptionSchedule([lever('routing', 0, 2), lever('batch', 1, 0)], 6, 0b101)
    // Months: (1/2, 0), (1, 1), (1, 1), … → 2 distinct vectors.
    expect(s.vectors).toHaveLength(2)
    expect(s.monthVector).toEqual([0, 1, 1, 1, 1, 1])
    expect(s.fullVector).toBe(1)
    expect(s.zeroVector).toBe(-1)
    expect(s.vectors[0]!.partial.map((p) => [p.bit, p.fraction.toString()])).toEqual([[1, '0.5']])
  })

  it('computes the products of fractions of every lever subset', () => {
    const p = fractionProducts({ routing: dec('0.5'), caching: dec('0.25'), batch: dec('1') })
    expect(p.map(String)).toEqual(['1', '0.5', '0.25', '0.125', '1', '0.5', '0.25', '0.125'])
  })
})
