import { describe, expect, it } from 'vitest'
import { dec } from './money.js'
import { computePlan, previewPlan } from './plan.js'
import type { LeverSpec, PlanRequest } from './plan-request.js'
import { lever, planRequest, TEST_BOOK, type WorkloadInput } from './testing/fixtures.js'

/**
 * Worked examples, every figure derived by hand in the comments (list prices per MTok, per token = ÷ 1,000,000).
 * 12-month term from 2027-01-01, no growth unless stated.
 */

const preview = (workloads: WorkloadInput[], levers: LeverSpec[], rest: Partial<PlanRequest> = {}) =>
  previewPlan(planRequest(workloads, levers, rest), TEST_BOOK)

/** Opus 4.5, 100,000 requests of 2,000 in / 500 out: 2,000×$5 + 500×$25 per MTok = $0.0225 a request. */
const REPORT: WorkloadInput = {
  name: 'report',
  model: 'claude-opus-4-5',
  requestsPerMonth: '100000',
  inputTokensPerRequest: '2000',
  outputTokensPerRequest: '500',
  userWaiting: false,
}

describe('worked examples', () => {
  it('batch alone halves the price from month 0', () => {
    // Baseline: 100,000 × 0.0225 = 2,250.00 a month, 27,000.00 a term, run-rate 27,000.00.
    // Batch (target share 1 by default, nobody waits): 0.0225 × (1 − 0.5) = 0.01125 → 1,125.00 a month, 13,500.00.
    const p = preview([REPORT], [lever('batch')])
    expect(p.baseline).toEqual({ termSpend: '27000.00', startRunRate: '27000.00', endRunRate: '27000.00' })
    expect(p.optimized).toEqual({ termSpend: '13500.00', startRunRate: '13500.00', endRunRate: '13500.00' })
    expect(p.fullyOptimized.termSpend).toBe('13500.00')
    expect(p.savings).toEqual({
      scheduled: '13500.00',
      full: '13500.00',
      scheduledRate: '0.500000',
      fullRate: '0.500000',
    })
    expect(p.waterfall).toEqual([
      { lever: 'batch', spendBefore: '27000.00', spendAfter: '13500.00', savings: '13500.00' },
    ])
    expect(p.shapley).toEqual({ batch: '13500.00' })
    expect(p.months[0]).toEqual({
      month: 0,
      start: '2027-01-01',
      adoption: { batch: '1.000000' },
      baseline: '2250.00',
      optimized: '1125.00',
      fullyOptimized: '1125.00',
    })
    expect(p.months[11]!.start).toBe('2027-12-01')
    expect(p.term).toEqual({ start: '2027-01-01', months: 12, end: '2027-12-31' })
    expect(p.workloads[0]!.months![5]).toEqual({
      month: 5,
      baseline: '2250.00',
      optimized: '1125.00',
      fullyOptimized: '1125.00',
    })
    expect(p.workloads[0]!.model).toBe('claude-opus-4-5-20251101')
  })

  it('caching alone, for a workload that does not cache today (no write premium at baseline)', () => {
    // Baseline, not caching: 6,000×5 + 800×25 = 30,000 + 20,000 → $0.05 a request (the 4,500-token prefix is plain
    // input, no write premium) → 100,000 × 0.05 = 5,000.00 a month, 60,000.00 a term.
    // Target 90% hits, 5-minute TTL: 1,500×5 + 4,500×(0.9×0.5 + 0.1×6.25) + 800×25 = 7,500 + 4,837.5 + 20,000
    //   → $0.0323375 → 3,233.75 a month, 38,805.00 a term; saving 21,195.00.
    const p = preview(
      [
        {
          name: 'assistant',
          model: 'claude-opus-4-5',
          requestsPerMonth: '100000',
          inputTokensPerRequest: '6000',
          outputTokensPerRequest: '800',
          cacheablePrefixTokens: '4500',
          targetCacheHitRate: '0.9',
          userWaiting: true,
        },
      ],
      [lever('caching')],
    )
    expect(p.baseline.termSpend).toBe('60000.00')
    expect(p.optimized.termSpend).toBe('38805.00')
    expect(p.months[0]!.optimized).toBe('3233.75')
    expect(p.shapley).toEqual({ caching: '21195.00' })
  })

  it('a workload that caches today at a low hit rate pays the write premium in its baseline', () => {
    // Current hit rate 0.1: 1,500×5 + 4,500×(0.1×0.5 + 0.9×6.25) + 800×25 = 7,500 + 25,537.5 + 20,000
    //   → $0.0530375 a request → 5,303.75 a month (more than the 5,000.00 of not caching at all).
    const p = preview(
      [
        {
          name: 'assistant',
          model: 'claude-opus-4-5',
          requestsPerMonth: '100000',
          inputTokensPerRequest: '6000',
          outputTokensPerRequest: '800',
          cacheablePrefixTokens: '4500',
          currentCacheHitRate: '0.1',
          userWaiting: true,
        },
      ],
      [],
    )
    expect(p.months[0]!.baseline).toBe('5303.75')
  })

  it('routing alone moves 60% of the requests to Sonnet', () => {
    // Sonnet 4.5: 2,000×3 + 500×15 = 6,000 + 7,500 → $0.0135. Mix 0.4×0.0225 + 0.6×0.0135 = 0.009 + 0.0081 = 0.0171
    // → 1,710.00 a month, 20,520.00 a term; saving 27,000 − 20,520 = 6,480.00.
    const p = preview(
      [{ ...REPORT, userWaiting: true, routeToModel: 'claude-sonnet-4-5', routableShare: '0.6' }],
      [lever('routing')],
    )
    expect(p.optimized.termSpend).toBe('20520.00')
    expect(p.shapley).toEqual({ routing: '6480.00' })
    expect(p.workloads[0]!.routeToModel).toBe('claude-sonnet-4-5-20250929')
  })

  it('all three levers together, waterfall and Shapley', () => {
    // 300,000 requests of 6,000 in (4,500 cacheable) / 800 out; 60% routable Opus 4.5 → Sonnet 4.5; 90% target hits;
    // nobody waits (batch target 1). Per request:
    //   Opus plain 0.05, Opus cached 0.0323375 (above); Sonnet plain 6,000×3 + 800×15 = 0.03;
    //   Sonnet cached 1,500×3 + 4,500×(0.9×0.3 + 0.1×3.75) + 800×15 = 4,500 + 2,902.5 + 12,000 → 0.0194025.
    // Term spend of each lever subset (× 300,000 × 12 = 3,600,000):
    //   v(∅)   = 0.05                                   → 180,000.00
    //   v(R)   = 0.4×0.05 + 0.6×0.03 = 0.038             → 136,800.00
    //   v(C)   = 0.0323375                              → 116,415.00
    //   v(B)   = 0.025                                  →  90,000.00
    //   v(RC)  = 0.4×0.0323375 + 0.6×0.0194025 = 0.0245765 → 88,475.40
    //   v(RB)  = 0.019                                  →  68,400.00
    //   v(CB)  = 0.01616875                             →  58,207.50
    //   v(RCB) = 0.01228825                             →  44,237.70
    // Waterfall R, C, B: 180,000 → 136,800 → 88,475.40 → 44,237.70 (steps 43,200.00, 48,324.60, 44,237.70).
    // Shapley R = (43,200 + 13,969.80)/3 + (27,939.60 + 21,600)/6 = 19,056.60 + 8,256.60 = 27,313.20
    //         C = (63,585 + 24,162.30)/3 + (48,324.60 + 31,792.50)/6 = 29,249.10 + 13,352.85 = 42,601.95
    //         B = (90,000 + 44,237.70)/3 + (68,400 + 58,207.50)/6 = 44,745.90 + 21,101.25 = 65,847.15
    //   sum 135,762.30 = 180,000 − 44,237.70.
    const p = preview(
      [
        {
          name: 'nightly-digest',
          model: 'claude-opus-4-5',
          requestsPerMonth: '300000',
          inputTokensPerRequest: '6000',
          outputTokensPerRequest: '800',
          cacheablePrefixTokens: '4500',
          currentCacheHitRate: '0',
          targetCacheHitRate: '0.9',
          userWaiting: false,
          routeToModel: 'claude-sonnet-4-5',
          routableShare: '0.6',
        },
      ],
      [lever('routing'), lever('caching'), lever('batch')],
    )
    expect(p.baseline.termSpend).toBe('180000.00')
    expect(p.optimized.termSpend).toBe('44237.70')
    expect(p.waterfall).toEqual([
      { lever: 'routing', spendBefore: '180000.00', spendAfter: '136800.00', savings: '43200.00' },
      { lever: 'caching', spendBefore: '136800.00', spendAfter: '88475.40', savings: '48324.60' },
      { lever: 'batch', spendBefore: '88475.40', spendAfter: '44237.70', savings: '44237.70' },
    ])
    expect(p.shapley).toEqual({ routing: '27313.20', caching: '42601.95', batch: '65847.15' })
    expect(p.workloads[0]!.shapley).toEqual(p.shapley)
    expect(p.months[0]!.optimized).toBe('3686.48') // 300,000 × 0.01228825 = 3,686.475, half up
    expect(p.optimized.startRunRate).toBe('44237.70')
  })

  it('a ramp: batch over three months', () => {
    // Adoption 1/3, 2/3, 1: month cost 2,250 × (1 − f·0.5) = 1,875.00, 1,500.00, then 1,125.00 ×10 = 11,250;
    // term 14,625.00. The fully optimized series is 1,125.00 every month.
    const p = preview([REPORT], [lever('batch', 0, 3)])
    expect(p.months.slice(0, 3).map((m) => [m.adoption.batch, m.optimized, m.fullyOptimized])).toEqual([
      ['0.333333', '1875.00', '1125.00'],
      ['0.666667', '1500.00', '1125.00'],
      ['1.000000', '1125.00', '1125.00'],
    ])
    expect(p.optimized.termSpend).toBe('14625.00')
    expect(p.fullyOptimized.termSpend).toBe('13500.00')
  })

  it('a negative start month: already partly adopted when the term starts', () => {
    // Start −2, ramp 4: month 0 is the ramp's third month, adoption 3/4 → 2,250 × (1 − 0.375) = 1,406.25;
    // then 1,125.00 × 11 = 12,375.00; term 13,781.25. Shapley (one lever) = 27,000 − 13,781.25 = 13,218.75, and it
    // lands partly after the term starts (LEVER_AFTER_COMMIT_START).
    const p = preview([REPORT], [lever('batch', -2, 4)])
    expect(p.months[0]!.adoption.batch).toBe('0.750000')
    expect(p.months[0]!.optimized).toBe('1406.25')
    expect(p.optimized.termSpend).toBe('13781.25')
    const w = p.warnings.find((x) => x.code === 'LEVER_AFTER_COMMIT_START')
    expect(w).toMatchObject({ amount: '13218.75', lever: 'batch', workloads: ['report'] })
  })

  it('routing across a tokenizer change scales every token count', () => {
    // Opus 4.5 (ratio 1) → Sonnet 5 (ratio 1.3): 2,600 in, 650 out at $2/$10 → 0.0052 + 0.0065 = $0.0117 a request
    // (all routable) → 1,170.00 a month, 14,040.00 a term.
    const p = preview(
      [{ ...REPORT, userWaiting: true, routeToModel: 'claude-sonnet-5', routableShare: '1' }],
      [lever('routing')],
    )
    expect(p.months[0]!.optimized).toBe('1170.00')
    expect(p.optimized.termSpend).toBe('14040.00')
  })

  it('the cache minimum is checked on the routed model after tokenizer scaling', () => {
    // A 900-token prefix (of 2,000) from Opus 4.5 to Sonnet 5 becomes 1,170 tokens ≥ Sonnet 5's 1,024 minimum, so the
    // routed requests cache (on Opus, below 4,096, they would not). Routed, 90% hits, 5m:
    //   1,430×2 + 1,170×(0.9×0.2 + 0.1×2.5) + 650×10 = 2,860 + 503.1 + 6,500 → $0.0098631 a request
    //   → 986.31 a month.
    const p = preview(
      [
        {
          ...REPORT,
          userWaiting: true,
          routeToModel: 'claude-sonnet-5',
          routableShare: '1',
          cacheablePrefixTokens: '900',
          targetCacheHitRate: '0.9',
        },
      ],
      [lever('routing'), lever('caching')],
    )
    expect(p.months[0]!.optimized).toBe('986.31')
    // After routing: 1,170 − 986.31 = 183.69 a month × 12 = 2,204.28: the caching step of the waterfall.
    expect(p.waterfall[1]).toEqual({
      lever: 'caching',
      spendBefore: '14040.00',
      spendAfter: '11835.72',
      savings: '2204.28',
    })
    // Caching alone (on Opus, prefix below 4,096) changes nothing, so Shapley gives caching half of 2,204.28:
    // caching ½(0 + 2,204.28) = 1,102.14; routing ½(12,960 + 15,164.28) = 14,062.14; sum 15,164.28.
    expect(p.shapley).toEqual({ routing: '14062.14', caching: '1102.14' })
  })

  it('a long-context band prices the whole request at the band rates', () => {
    // Sonnet 4.5, 250,000 in (> 200,000) / 1,000 out: 250,000×6 + 1,000×22.5 → $1.5225 a request.
    // 1,000 requests → 1,522.50 a month, 18,270.00 a term. At exactly 200,000 in: base rates, 0.6 + 0.015 = $0.615.
    const over = preview(
      [
        {
          name: 'long',
          model: 'claude-sonnet-4-5',
          requestsPerMonth: '1000',
          inputTokensPerRequest: '250000',
          outputTokensPerRequest: '1000',
          userWaiting: true,
        },
      ],
      [],
    )
    expect(over.months[0]!.baseline).toBe('1522.50')
    expect(over.baseline.termSpend).toBe('18270.00')
    const at = preview(
      [
        {
          name: 'long',
          model: 'claude-sonnet-4-5',
          requestsPerMonth: '1000',
          inputTokensPerRequest: '200000',
          outputTokensPerRequest: '1000',
          userWaiting: true,
        },
      ],
      [],
    )
    expect(at.months[0]!.baseline).toBe('615.00')
  })

  it('a prefix below the model minimum is billed as plain input, and the plan says so', () => {
    // Opus 4.5 minimum is 4,096: a 3,000-token prefix never caches, so caching saves nothing: 5,000.00 a month both.
    // Ignoring the minimum it would cost 3,000×5 + 3,000×(0.45 + 0.625) + 800×25 = 15,000 + 3,225 + 20,000
    //   → $0.038225, a saving of 0.011775 a request × 100,000 × 12 = 14,130.00 a year that will not happen.
    const p = preview(
      [
        {
          name: 'short-prefix',
          model: 'claude-opus-4-5',
          requestsPerMonth: '100000',
          inputTokensPerRequest: '6000',
          outputTokensPerRequest: '800',
          cacheablePrefixTokens: '3000',
          targetCacheHitRate: '0.9',
          userWaiting: true,
        },
      ],
      [lever('caching')],
    )
    expect(p.optimized.termSpend).toBe('60000.00')
    expect(p.shapley).toEqual({ caching: '0.00' })
    const w = p.warnings.find((x) => x.code === 'CACHE_PREFIX_TOO_SHORT')
    expect(w).toMatchObject({
      severity: 'warning',
      amount: '14130.00',
      workloads: ['short-prefix'],
      lever: 'caching',
    })
  })

  it('US-only inference multiplies every price by the residency multiplier', () => {
    // Opus 4.7 at ×1.1: (2,000×5 + 500×25)×1.1 = 24,750 → $0.02475 → 2,475.00 a month.
    const p = preview([{ ...REPORT, model: 'claude-opus-4-7', inferenceGeo: 'us' }], [])
    expect(p.months[0]!.baseline).toBe('2475.00')
    // Opus 4.5 has no multiplier: it offers no US-only inference, so the request is refused (§3.1).
    expect(() => preview([{ ...REPORT, inferenceGeo: 'us' }], [])).toThrow(
      /INFERENCE_GEO_UNAVAILABLE|offers no US-only/,
    )
  })

  it('growth compounds monthly and the run-rates annualize the first and last month', () => {
    // 2% a month: month 11 = 2,250 × 1.02^11 = 2,797.59219…; term = 2,250 × (1.02^12 − 1)/0.02 = 30,177.20188…;
    // end run-rate 12 × 2,797.59219… = 33,571.10632….
    const p = preview([{ ...REPORT, monthlyGrowthRate: '0.02' }], [])
    expect(p.months[11]!.baseline).toBe('2797.59')
    expect(p.baseline).toEqual({ termSpend: '30177.20', startRunRate: '27000.00', endRunRate: '33571.11' })
  })
})

describe('commitment options (no uncertainty, so every simulated spend is the deterministic one)', () => {
  // No levers: optimized = baseline = 27,000.00. Tiers: $20,000 → 10% off, $30,000 → 20% off.
  const tiers = [
    { minCommit: dec('20000'), discountRate: dec('0.1') },
    { minCommit: dec('30000'), discountRate: dec('0.2') },
  ]

  it('recommends the best tier the optimized spend reaches, at U·(1 − d)', () => {
    // Tier 1: 27,000 × 0.9 = 24,300 ≥ 20,000 qualifies; tier 2: 27,000 × 0.8 = 21,600 < 30,000 does not.
    const p = preview([REPORT], [], { commitment: { discountTiers: tiers, proposedCommit: dec('22000') } })
    expect(p.recommendation).toMatchObject({
      kind: 'recommended',
      commit: '24300',
      discountRate: '0.100000',
      expectedUtilization: '1.000000',
      expectedCoverage: '1.000000',
      shortfallProbability: '0.000000',
      expectedStranded: '0',
      expectedPayment: '24300',
      effectiveSavingsRate: '0.100000',
      percentiles: { p10: '27000', p50: '27000', p90: '27000' },
      deterministicTermSpend: '27000.00',
    })
    // The recommendation, tier 1's confident amount and the baseline-sized one (no levers: the baseline is the
    // forecast) are the same 24,300 at 10%: one row with three kinds. The lowest expected payment is tier 1's
    // minimum: 20,000 pays max(20,000, 24,300) = 24,300 like 24,300 does, and the smaller amount wins a tie;
    // no commitment pays 27,000.
    expect(p.options.map((o) => [o.kinds, o.commit, o.discountRate, o.expectedPayment])).toEqual([
      [['recommended', 'tier', 'baseline'], '24300', '0.100000', '24300'],
      [['tier'], '30000', '0.200000', '30000'],
      [['proposed'], '22000', '0.100000', '24300'],
      [['lowestExpectedPayment'], '20000', '0.100000', '24300'],
      [['noCommitment'], '0', '0.000000', '27000'],
    ])
    expect(p.options[0]!.labels).toHaveLength(3)
    expect(p.options[4]).toMatchObject({
      expectedUtilization: null,
      effectiveSavingsRate: '0.000000',
      tier: 0,
    })
    // Tier 2: commit 30,000 against consumption 27,000 × 0.8 = 21,600: utilization 0.72, stranded 8,400, payment
    // 30,000, savings (27,000 − 30,000)/27,000 = −0.111111; its shortfall (certain) exceeds 10% → TIER_CLIFF.
    expect(p.options[1]).toMatchObject({
      expectedUtilization: '0.720000',
      expectedCoverage: '1.000000',
      shortfallProbability: '1.000000',
      expectedStranded: '8400',
      expectedPayment: '30000',
      effectiveSavingsRate: '-0.111111',
    })
    expect(p.warnings.filter((w) => w.code === 'TIER_CLIFF').map((w) => w.amount)).toEqual(['8400'])
    expect(p.simulation).toMatchObject({ runs: 2000, seed: 1, growthStdDev: '0.000000', mean: '27000' })
  })

  it('overage billed at the discounted rate', () => {
    // Proposed 22,000 reaches tier 1 (10%): consumption 24,300 > 22,000, overage 2,300 at the discounted rate:
    // payment 24,300, savings 0.1; coverage 22,000/24,300 = 0.905350.
    const p = preview([REPORT], [], {
      commitment: { discountTiers: tiers, proposedCommit: dec('22000'), overage: 'discounted' },
    })
    expect(p.options[2]).toMatchObject({
      kind: 'proposed',
      expectedUtilization: '1.000000',
      expectedCoverage: '0.905350',
      shortfallProbability: '0.000000',
      expectedStranded: '0',
      expectedPayment: '24300',
      effectiveSavingsRate: '0.100000',
    })
  })

  it('overage billed at list', () => {
    // Overage 2,300 of discounted consumption is billed at list: 2,300 / 0.9 = 2,555.56 → payment 24,555.56 → 24,556;
    // savings (27,000 − 24,555.555…)/27,000 = 0.090535.
    const p = preview([REPORT], [], {
      commitment: { discountTiers: tiers, proposedCommit: dec('22000'), overage: 'list' },
    })
    expect(p.options[2]).toMatchObject({
      kind: 'proposed',
      expectedPayment: '24556',
      effectiveSavingsRate: '0.090535',
    })
  })

  it('a commit just below a better tier raises TIER_CLIFF with the gap', () => {
    // Proposed 28,000 is 2,000 short of the 30,000 tier (within 10% of it): amount 2,000. Warnings of one code keep
    // the options' order: the 30,000 tier option (8,400 stranded) comes before the proposed one.
    const p = preview([REPORT], [], { commitment: { discountTiers: tiers, proposedCommit: dec('28000') } })
    const cliff = p.warnings.filter((w) => w.code === 'TIER_CLIFF').map((w) => w.amount)
    expect(cliff).toEqual(['8400', '2000'])
  })

  it('sizes the baseline option on today’s spend and reports what it strands', () => {
    // Batch halves the spend: optimized 13,500, baseline 27,000. Baseline option: 27,000 × 0.9 = 24,300 (tier 1)
    // against consumption 13,500 × 0.9 = 12,150: stranded 12,150 → STRANDED_COMMITMENT.
    const p = preview([REPORT], [lever('batch')], { commitment: { discountTiers: tiers } })
    const baseline = p.options.find((o) => o.kind === 'baseline')
    expect(baseline).toMatchObject({ commit: '24300', expectedStranded: '12150', expectedPayment: '24300' })
    expect(p.warnings.find((w) => w.code === 'STRANDED_COMMITMENT')).toMatchObject({
      amount: '12150',
      severity: 'warning',
      workloads: [],
    })
    // The recommendation: 13,500 × 0.9 = 12,150 < 20,000 and 13,500 × 0.8 < 30,000: list price, 13,500.
    expect(p.recommendation).toMatchObject({ commit: '13500', discountRate: '0.000000' })
  })
})

describe('computePlan', () => {
  it('returns unrounded decimals', () => {
    // 2,250 × 1.02^11 = 2,797.5921938879676139008 exactly.
    const r = computePlan(planRequest([{ ...REPORT, monthlyGrowthRate: '0.02' }], []), TEST_BOOK)
    expect(r.workloads[0]!.months![11]!.baseline.toString()).toBe('2797.5921938879676139008')
    expect(r.baseline.termSpend.toString()).toBe('30177.2018882863483089408')
  })

  it('presents the same figures as previewPlan', async () => {
    const { presentPlan } = await import('./present.js')
    const request = planRequest(
      [{ ...REPORT, monthlyGrowthRate: '0.013', routeToModel: 'claude-haiku-4-5', routableShare: '0.3' }],
      [lever('routing', 1, 3), lever('batch', -1, 4)],
      { commitment: { uncertainty: { growthStdDev: dec('0.02'), adoptionSlipMonths: 1 }, simulations: 300 } },
    )
    expect(JSON.stringify(presentPlan(computePlan(request, TEST_BOOK)))).toBe(
      JSON.stringify(previewPlan(request, TEST_BOOK)),
    )
  })
})

describe('edge cases', () => {
  it('computes an empty portfolio as zeros', () => {
    const p = preview([], [lever('batch')], { commitment: { proposedCommit: dec('1000') } })
    expect(p.baseline).toEqual({ termSpend: '0.00', startRunRate: '0.00', endRunRate: '0.00' })
    expect(p.recommendation).toMatchObject({
      commit: '0',
      expectedUtilization: null,
      effectiveSavingsRate: '0.000000',
      kinds: ['recommended', 'baseline', 'lowestExpectedPayment', 'noCommitment'],
    })
    expect(p.options.find((o) => o.kind === 'proposed')).toMatchObject({ expectedStranded: '1000' })
    expect(p.workloads).toEqual([])
    expect(p.months).toHaveLength(12)
  })

  it('handles a one-month term', () => {
    const p = preview([REPORT], [lever('batch', 0, 3)], { term: { start: '2027-01-31', months: 1 } })
    // Adoption 1/3: 2,250 × (1 − 1/6) = 1,875.00; the term ends 2027-02-27 (Jan 31 + 1 month = Feb 28, minus a day).
    expect(p.optimized).toEqual({ termSpend: '1875.00', startRunRate: '22500.00', endRunRate: '22500.00' })
    expect(p.term.end).toBe('2027-02-27')
  })
})
