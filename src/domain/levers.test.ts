import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fractionProducts } from './adoption.js'
import {
  cornerCosts,
  createPricingContext,
  dividends,
  fullMix,
  LEVER_BIT,
  leverMix,
  mixCost,
  vectorCost,
  workloadCosts,
} from './levers.js'
import { Decimal, dec, ONE, ZERO } from './money.js'
import { createRateCards } from './request-cost.js'
import { lever, planRequest, TEST_BOOK, type WorkloadInput } from './testing/fixtures.js'
import { validatePlanRequest } from './validation.js'

const costsOf = (w: WorkloadInput) => {
  const plan = validatePlanRequest(
    planRequest([w], [lever('routing'), lever('caching'), lever('batch')]),
    TEST_BOOK,
  )
  return workloadCosts(plan.workloads[0]!, createPricingContext(createRateCards()))
}

const DIGEST: WorkloadInput = {
  name: 'digest',
  model: 'claude-opus-4-5',
  routeToModel: 'claude-sonnet-4-5',
  routableShare: '0.6',
  requestsPerMonth: '300000',
  inputTokensPerRequest: '6000',
  outputTokensPerRequest: '800',
  cacheablePrefixTokens: '4500',
  targetCacheHitRate: '0.9',
  userWaiting: false,
}

describe('corner costs', () => {
  it('prices the eight corners of the lever cube', () => {
    // Per request (see plan.test.ts): Opus 0.05 / cached 0.0323375, Sonnet 0.03 / cached 0.0194025; batch halves.
    const corners = cornerCosts(costsOf(DIGEST))
    expect(corners.map(String)).toEqual([
      '0.05', // nothing
      '0.038', // routing: 0.4×0.05 + 0.6×0.03
      '0.0323375', // caching
      '0.0245765', // routing + caching
      '0.025', // batch
      '0.019', // routing + batch
      '0.01616875', // caching + batch
      '0.01228825', // all three
    ])
  })

  it('scales every corner by requests per month', () => {
    expect(cornerCosts(costsOf(DIGEST), 7, dec('300000'))[7]!.toString()).toBe('3686.475')
  })

  it('shares corner objects for levers that change nothing or are not listed', () => {
    const costs = costsOf({ ...DIGEST, routeToModel: null, routableShare: null, targetCacheHitRate: null })
    expect(costs.activeMask).toBe(LEVER_BIT.batch)
    const corners = cornerCosts(costs)
    expect(corners[1]).toBe(corners[0])
    expect(corners[3]).toBe(corners[0])
    expect(corners[7]).toBe(corners[4])
    const batchOnly = cornerCosts(costsOf(DIGEST), LEVER_BIT.batch)
    expect(batchOnly[5]).toBe(batchOnly[4])
  })

  it('treats a workload that does not cache today as uncached even when it has a prefix', () => {
    expect(costsOf(DIGEST).base.today.toString()).toBe('0.05')
  })
})

describe('multilinear interpolation', () => {
  const fraction = fc.integer({ min: 0, max: 12 }).map((n) => new Decimal(n).div(12))
  const workload = fc.record({
    routableShare: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2)),
    currentBatchShare: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2)),
    targetBatchShare: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2)),
    currentCacheHitRate: fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2)),
    cacheTtl: fc.constantFrom('5m' as const, '1h' as const),
    routeToModel: fc.constantFrom('claude-haiku-4-5', 'claude-sonnet-5', 'claude-opus-4-7'),
  })

  it('interpolating the corners equals pricing the lever mix directly, at any fractions', () => {
    fc.assert(
      fc.property(workload, fraction, fraction, fraction, (w, fR, fC, fB) => {
        const costs = costsOf({ ...DIGEST, ...w })
        const corners = cornerCosts(costs)
        const direct = mixCost(costs, leverMix(costs, fR, fC, fB))
        const fractions = { routing: fR, caching: fC, batch: fB }
        let fullMask = 0
        const partial: { bit: number; fraction: Decimal }[] = []
        for (const [l, f] of Object.entries(fractions) as ['routing' | 'caching' | 'batch', Decimal][]) {
          if (f.eq(ONE)) fullMask |= LEVER_BIT[l]
          else if (!f.isZero()) partial.push({ bit: LEVER_BIT[l], fraction: f })
        }
        const interpolated = vectorCost(corners, { fullMask, partial })
        expect(interpolated.minus(direct).abs().lte('1e-30')).toBe(true)
        // The multilinear coefficients give the same cost: Σ_T D_T · Π f.
        const d = dividends(corners, 7)
        const products = fractionProducts(fractions)
        const viaDividends = d.reduce((sum, dt, t) => sum.plus(dt.times(products[t]!)), ZERO)
        expect(viaDividends.minus(direct).abs().lte('1e-30')).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('fullMix is the all-ones corner of the listed levers', () => {
    const costs = costsOf(DIGEST)
    expect(mixCost(costs, fullMix(costs, 7)).eq(cornerCosts(costs)[7]!)).toBe(true)
    expect(mixCost(costs, fullMix(costs, LEVER_BIT.caching)).eq(cornerCosts(costs)[2]!)).toBe(true)
  })
})
