import { describe, expect, it } from 'vitest'
import { dec } from '../../domain/index.js'
import { count, dateText, percent, price, share, signedUsd, usd } from './format.js'

describe('report figures', () => {
  it('shows the plan’s money figure as it is, grouped, with a true minus', () => {
    expect(usd('1078117.22')).toBe('$1,078,117.22')
    expect(usd('517527')).toBe('$517,527')
    expect(usd('-2070')).toBe('−$2,070')
    expect(usd('-0.00')).toBe('$0.00')
    expect(usd('999')).toBe('$999')
    expect(signedUsd('242166')).toBe('+$242,166')
    expect(signedUsd('-5')).toBe('−$5')
    expect(signedUsd('0')).toBe('$0')
  })

  it('shows rates, shares, counts, prices and dates', () => {
    expect(percent('0.470974')).toBe('47.1%')
    expect(percent('-0.006053')).toBe('−0.6%')
    expect(percent('-0.0001')).toBe('0.0%')
    expect(share('0.85')).toBe('85%')
    expect(share(dec('0.125'))).toBe('12.5%')
    expect(count('1000000')).toBe('1,000,000')
    expect(count('2500.5')).toBe('2,500.5')
    expect(price(dec('3'))).toBe('$3.00')
    expect(price(dec('0.0625'))).toBe('$0.0625')
    expect(dateText('2027-03-01')).toBe('1 Mar 2027')
  })
})
