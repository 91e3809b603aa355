import { describe, expect, it } from 'vitest'
import { dec } from './money.js'
import { quantileSorted } from './quantile.js'

describe('quantileSorted (type 7, PERCENTILE.INC)', () => {
  const xs = ['1', '2', '3', '4'].map(dec)
  it('interpolates between order statistics', () => {
    expect(quantileSorted(xs, dec('0.1')).toString()).toBe('1.3')
    expect(quantileSorted(xs, dec('0.5')).toString()).toBe('2.5')
    expect(quantileSorted(xs, dec('0.9')).toString()).toBe('3.7')
    expect(quantileSorted(xs, dec('0')).toString()).toBe('1')
    expect(quantileSorted(xs, dec('1')).toString()).toBe('4')
  })

  it('returns the value itself when neighbours are equal', () => {
    const one = dec('1')
    expect(quantileSorted([one, one, one], dec('0.1'))).toBe(one)
  })
})
