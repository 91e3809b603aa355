import { describe, expect, it } from 'vitest'
import { commitmentOptions, discountFor, evaluateCommitment, recommendCommit } from './commitment.js'
import { dec, toRate } from './money.js'
import { simulatedSpend } from './simulation.js'

// Four runs: U = 100 × (0.8, 1.0, 1.2, 1.4) = 80, 100, 120, 140; mean 110.
const sim = simulatedSpend(dec('100'), Float64Array.from([1.4, 0.8, 1.2, 1]))
const rates = (o: ReturnType<typeof evaluateCommitment>) => ({
  commit: o.commit.toString(),
  utilization: toRate(o.expectedUtilization),
  coverage: toRate(o.expectedCoverage),
  shortfall: toRate(o.shortfallProbability),
  stranded: o.expectedStranded.toString(),
  payment: o.expectedPayment.toString(),
  savings: toRate(o.effectiveSavingsRate),
})

describe('evaluateCommitment', () => {
  it('at list price, overage at the discounted rate', () => {
    // C = 100: min(C, U) = 80, 100, 100, 100 → mean 95 → utilization 0.95, coverage 95/110; one run below C;
    // stranded (20)/4 = 5; payment mean max(C, U) = (100+100+120+140)/4 = 115; savings (110 − 115)/110.
    expect(rates(evaluateCommitment(sim, dec('100'), dec('0'), 'discounted'))).toEqual({
      commit: '100',
      utilization: '0.950000',
      coverage: '0.863636',
      shortfall: '0.250000',
      stranded: '5',
      payment: '115',
      savings: '-0.045455',
    })
  })

  it('at 10% off, overage discounted and at list', () => {
    // Consumption 0.9U = 72, 90, 108, 126 (mean 99): min(100, ·) = 72, 90, 100, 100 → 90.5; two runs below;
    // stranded (28 + 10)/4 = 9.5; discounted payment (100 + 100 + 108 + 126)/4 = 108.5;
    // list payment 100 + ((8 + 26)/4)/0.9 = 109.444…; savings (110 − 108.5)/110 and (110 − 109.444…)/110.
    const discounted = rates(evaluateCommitment(sim, dec('100'), dec('0.1'), 'discounted'))
    expect(discounted).toEqual({
      commit: '100',
      utilization: '0.905000',
      coverage: '0.914141',
      shortfall: '0.500000',
      stranded: '9.5',
      payment: '108.5',
      savings: '0.013636',
    })
    const list = evaluateCommitment(sim, dec('100'), dec('0.1'), 'list')
    expect(list.expectedPayment.toFixed(6)).toBe('109.444444')
    expect(toRate(list.effectiveSavingsRate)).toBe('0.005051')
  })

  it('counts a shortfall only when consumption is strictly below the commitment', () => {
    expect(evaluateCommitment(sim, dec('80'), dec('0'), 'discounted').shortfallProbability.isZero()).toBe(
      true,
    )
  })

  it('defines utilization as 1 for a zero commitment', () => {
    const zero = evaluateCommitment(sim, dec('0'), dec('0'), 'discounted')
    expect(zero.expectedUtilization.toString()).toBe('1')
    expect(zero.expectedCoverage.isZero()).toBe(true)
    expect(zero.expectedPayment.toString()).toBe('110')
  })
})

describe('recommendCommit', () => {
  it('takes the best tier whose (1 − confidence) quantile reaches its minimum', () => {
    // 10% quantile of U: h = 3 × 0.1 = 0.3 → 80 + 0.3 × 20 = 86. Tier 5%: 81.7 ≥ 80 qualifies; tier 10%: 77.4 < 85.
    const rec = recommendCommit(sim, dec('0.9'), [
      { minCommit: dec('80'), discountRate: dec('0.05') },
      { minCommit: dec('85'), discountRate: dec('0.1') },
    ])
    expect(rec).toMatchObject({ tier: 0 })
    expect(rec.commit.toString()).toBe('81.7')
    expect(recommendCommit(sim, dec('0.9'), []).commit.toString()).toBe('86')
  })

  it('finds the discount a commitment reaches', () => {
    const tiers = [
      { minCommit: dec('100'), discountRate: dec('0.05') },
      { minCommit: dec('200'), discountRate: dec('0.1') },
    ]
    expect(discountFor(dec('99.99'), tiers).toString()).toBe('0')
    expect(discountFor(dec('200'), tiers).toString()).toBe('0.1')
  })
})

describe('commitmentOptions', () => {
  it('lists the recommendation, every tier, the proposal and the baseline-sized commitment, in that order', () => {
    const options = commitmentOptions({
      sim,
      confidence: dec('0.9'),
      tiers: [{ minCommit: dec('90'), discountRate: dec('0.05') }],
      overage: 'discounted',
      proposedCommit: dec('95'),
      baselineTermSpend: dec('200'),
    })
    expect(options.map((o) => [o.kind, o.commit.toString(), o.discountRate.toString()])).toEqual([
      ['recommended', '86', '0'], // 86 × 0.95 = 81.7 < 90: list price
      ['tier', '90', '0.05'], // max(81.7, 90)
      ['proposed', '95', '0.05'],
      ['baseline', '190', '0.05'], // 200 × 0.95 ≥ 90
    ])
    expect(options[0]!.label).toBe(
      'Recommended: commit $86 at list price, the spend the optimized plan consumes with 90% confidence',
    )
  })
})
