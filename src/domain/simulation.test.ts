import { describe, expect, it } from 'vitest'
import { CORNER_COUNT } from './levers.js'
import { dec } from './money.js'
import type { LeverSpec } from './plan-request.js'
import {
  type CornerSpendTable,
  simulatedSpend,
  simulateRatios,
  spendMean,
  spendQuantile,
} from './simulation.js'

/** 12 months; the batch corner (4) costs half the baseline corner (0). */
const table: CornerSpendTable = {
  months: 12,
  values: Float64Array.from({ length: 12 * CORNER_COUNT }, (_, i) => (i % CORNER_COUNT >= 4 ? 50 : 100)),
}
const batch: LeverSpec[] = [{ lever: 'batch', startMonth: 0, rampMonths: 3 }]
const none = { routing: 0, caching: 0, batch: 0 }
const full = { routing: 1, caching: 1, batch: 1 }

describe('simulateRatios', () => {
  it('gives exactly 1 in every run when there is no uncertainty', () => {
    const { term: k } = simulateRatios(table, batch, {
      runs: 500,
      seed: 7,
      growthStdDev: 0,
      adoptionSlipMonths: none,
      minRealization: full,
    })
    expect(k.every((x) => x === 1)).toBe(true)
  })

  it('is reproducible for a seed and differs between seeds', () => {
    const settings = {
      runs: 200,
      growthStdDev: 0.02,
      adoptionSlipMonths: { ...none, batch: 2 },
      minRealization: full,
    }
    const a = simulateRatios(table, batch, { ...settings, seed: 1 })
    expect(simulateRatios(table, batch, { ...settings, seed: 1 })).toEqual(a)
    expect(simulateRatios(table, batch, { ...settings, seed: 2 })).not.toEqual(a)
  })

  it('only ever delays a saving lever when it slips or under-delivers', () => {
    const { term: k } = simulateRatios(table, batch, {
      runs: 500,
      seed: 3,
      growthStdDev: 0,
      adoptionSlipMonths: { ...none, batch: 4 },
      minRealization: { ...full, batch: 0.5 },
    })
    expect(Math.min(...k)).toBeGreaterThanOrEqual(1)
    // Never worse than no batch at all: baseline 1,200 over optimized 100+… (1/3, 2/3 ramp) = 700.
    const neutral = 100 * (1 - 0.5 / 3) + 100 * (1 - 1 / 3) + 50 * 10
    expect(Math.max(...k)).toBeLessThanOrEqual(1200 / neutral + 1e-12)
    expect(Math.max(...k)).toBeGreaterThan(1)
  })

  it('spreads both ways with growth uncertainty', () => {
    const { term: k } = simulateRatios(table, [], {
      runs: 2000,
      seed: 11,
      growthStdDev: 0.02,
      adoptionSlipMonths: none,
      minRealization: full,
    })
    expect(Math.min(...k)).toBeLessThan(1)
    expect(Math.max(...k)).toBeGreaterThan(1)
  })
})

describe('simulatedSpend', () => {
  it('multiplies the exact deterministic spend by the sorted ratios', () => {
    const sim = simulatedSpend(dec('1000.10'), Float64Array.from([1.2, 0.8, 1]))
    expect([0, 1, 2].map((i) => sim.ratio(i).toString())).toEqual(['0.8', '1', '1.2'])
    expect([0, 1, 2, 3].map((j) => sim.prefix(j).toString())).toEqual(['0', '0.8', '1.8', '3'])
    expect(spendQuantile(sim, dec('0.5')).toString()).toBe('1000.1')
    expect(spendQuantile(sim, dec('0.25')).toString()).toBe('900.09')
    expect(spendMean(sim).toString()).toBe('1000.1')
  })

  it('returns the deterministic spend itself for every percentile without uncertainty', () => {
    const u = dec('123456.789')
    const sim = simulatedSpend(u, new Float64Array(2000).fill(1))
    for (const p of ['0.1', '0.5', '0.9']) expect(spendQuantile(sim, dec(p)).eq(u)).toBe(true)
    expect(spendMean(sim).eq(u)).toBe(true)
  })
})
