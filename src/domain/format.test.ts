import { describe, expect, it } from 'vitest'
import { formatCount, formatPercent, formatUsd } from './format.js'
import { dec } from './money.js'

describe('sentence formatting', () => {
  it('formats money with separators, half up', () => {
    expect(formatUsd(dec('1234567.885'))).toBe('$1,234,567.89')
    expect(formatUsd(dec('999.5'), 'dollars')).toBe('$1,000')
    expect(formatUsd(dec('-0.004'))).toBe('$0.00')
    expect(formatUsd(dec('-12.5'))).toBe('-$12.50')
  })

  it('formats rates and counts', () => {
    expect(formatPercent(dec('0.125'))).toBe('12.5%')
    expect(formatPercent(dec('0.1'))).toBe('10%')
    expect(formatCount(dec('8766'))).toBe('8,766')
    expect(formatCount(dec('730.5'))).toBe('730.5')
  })
})
