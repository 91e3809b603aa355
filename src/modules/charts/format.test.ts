import { describe, expect, it } from 'vitest'
import {
  axisMoney,
  compactMoney,
  leverSchedule,
  money,
  monthRange,
  percent,
  perMonth,
  rateOf,
} from './format.js'
import { valueAxis } from './scale.js'

describe('chart figures', () => {
  it('abbreviates axis ticks by the axis’s size, with the decimals its step needs', () => {
    const ticks = (max: number) => {
      const axis = valueAxis(max)
      return axis.ticks.map((t) => axisMoney(t, axis.max, axis.step))
    }
    expect(ticks(201181.35)).toEqual(['$0', '$50K', '$100K', '$150K', '$200K', '$250K'])
    expect(ticks(6853)).toEqual(['$0', '$2K', '$4K', '$6K', '$8K'])
    expect(ticks(1_150_000)).toEqual(['$0', '$0.25M', '$0.5M', '$0.75M', '$1M', '$1.25M'])
    expect(ticks(420)).toEqual(['$0', '$100', '$200', '$300', '$400', '$500'])
    expect(ticks(7.3e9)).toEqual(['$0', '$2B', '$4B', '$6B', '$8B'])
    // Nothing to draw still has a scale.
    expect(ticks(0)).toEqual(['$0', '$20', '$40', '$60', '$80', '$100'])
  })

  it('ends the axis on the first round tick at or above the largest value', () => {
    for (const max of [1, 99, 100, 101, 62957, 250000, 1234567.89]) {
      const axis = valueAxis(max)
      expect(axis.max).toBeGreaterThanOrEqual(max)
      expect(axis.max - axis.step).toBeLessThan(max)
      expect(axis.ticks[0]).toBe(0)
    }
  })

  it('writes full figures in whole dollars, rounded half up, with a real minus sign', () => {
    expect(money('201181.35')).toBe('$201,181')
    expect(money('0.50')).toBe('$1')
    expect(money('-48283.52')).toBe('−$48,284')
    expect(money('-0.40')).toBe('$0')
    expect(compactMoney('201181.35')).toBe('$201K')
    expect(compactMoney('1234567')).toBe('$1.23M')
    expect(compactMoney('-999')).toBe('−$999')
  })

  it('computes shares and per-month amounts in decimals', () => {
    expect(rateOf('48283.52', '201181.35')).toBe('0.240000')
    expect(rateOf('1', '0')).toBe('0.000000')
    expect(percent('0.739122')).toBe('73.9%')
    expect(percent('0.00049')).toBe('0.0%')
    expect(perMonth('62957', '12' as unknown as number)).toBe('5246.42')
  })

  it('says when a lever takes effect', () => {
    expect(leverSchedule('2027-01-01', 0, 0)).toBe('from the start')
    expect(leverSchedule('2027-01-01', 1, 2)).toBe('from Feb 2027, 2-mo ramp')
    expect(leverSchedule('2027-01-01', 12, 1)).toBe('from Jan 2028')
    expect(leverSchedule('2027-01-01', -1, 4)).toBe('full by Mar 2027')
    expect(monthRange('2027-03-01', 30)).toBe('Mar 2027 – Aug 2029')
  })
})
