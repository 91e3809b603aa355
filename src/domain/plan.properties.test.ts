import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal, dec, ONE, ZERO } from './money.js'
import { computePlan, previewPlan } from './plan.js'
import { LEVERS, type Lever, type LeverSpec, type PlanRequest } from './plan-request.js'
import { planRequest, TEST_BOOK, type WorkloadInput } from './testing/fixtures.js'

/** Decimal strings with up to `places` decimals in [min, max]. */
const decimalText = (min: number, max: number, places: number) =>
  fc
    .integer({ min: Math.round(min * 10 ** places), max: Math.round(max * 10 ** places) })
    .map((n) => (n / 10 ** places).toFixed(places))

const share = decimalText(0, 1, 2)

const workloadArb = (name: string): fc.Arbitrary<WorkloadInput> =>
  fc
    .record({
      model: fc.constantFrom('claude-opus-4-5', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-7'),
      route: fc.option(
        fc.record({ to: fc.constantFrom('claude-haiku-4-5', 'claude-sonnet-5', 'claude-sonnet-4-5'), share }),
        { nil: null },
      ),
      requests: fc.integer({ min: 0, max: 2_000_000 }),
      input: fc.integer({ min: 0, max: 300_000 }),
      prefixShare: share,
      output: fc.integer({ min: 0, max: 5_000 }),
      current: fc.option(share, { nil: null }),
      target: fc.option(share, { nil: null }),
      ttl: fc.constantFrom('5m' as const, '1h' as const),
      userWaiting: fc.boolean(),
      currentBatch: fc.option(share, { nil: null }),
      targetBatch: fc.option(share, { nil: null }),
      growth: fc.option(decimalText(-0.05, 0.05, 3), { nil: null }),
      geo: fc.constantFrom('global' as const, 'us' as const),
    })
    .map((r) => ({
      name,
      model: r.model,
      routeToModel: r.route?.to ?? null,
      routableShare: r.route?.share ?? null,
      requestsPerMonth: String(r.requests),
      inputTokensPerRequest: String(r.input),
      cacheablePrefixTokens: dec(String(r.input)).times(r.prefixShare).floor().toString(),
      outputTokensPerRequest: String(r.output),
      currentCacheHitRate: r.current,
      targetCacheHitRate: r.target,
      cacheTtl: r.ttl,
      userWaiting: r.userWaiting,
      currentBatchShare: r.currentBatch,
      targetBatchShare: r.targetBatch,
      monthlyGrowthRate: r.growth,
      // US-only inference only where every model the workload may run on offers it (else a 422, §3.1).
      inferenceGeo: r.model === 'claude-opus-4-7' && !r.route ? r.geo : 'global',
    }))

const leversArb: fc.Arbitrary<LeverSpec[]> = fc
  .subarray([...LEVERS], { minLength: 0, maxLength: 3 })
  .chain((levers) =>
    fc.tuple(
      fc.shuffledSubarray(levers, { minLength: levers.length, maxLength: levers.length }),
      fc.array(fc.tuple(fc.integer({ min: -4, max: 8 }), fc.integer({ min: 0, max: 6 })), {
        minLength: levers.length,
        maxLength: levers.length,
      }),
    ),
  )
  .map(([levers, schedule]) =>
    levers.map((lever, i) => ({ lever, startMonth: schedule[i]![0], rampMonths: schedule[i]![1] })),
  )

const portfolioArb = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => workloadArb(`w${i}`))))

interface PlanInputs {
  workloads: WorkloadInput[]
  levers: LeverSpec[]
  months: number
}

const inputsArb: fc.Arbitrary<PlanInputs> = fc.record({
  workloads: portfolioArb,
  levers: leversArb,
  months: fc.integer({ min: 1, max: 24 }),
})

/** A fresh request (new Decimal objects every time) from plain inputs. */
const build = ({ workloads, levers, months }: PlanInputs): PlanRequest =>
  planRequest(workloads, levers, { term: { start: '2027-01-31', months }, commitment: { simulations: 50 } })

const planArb = inputsArb.map(build)

const sum = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), ZERO)

describe('properties of the plan', () => {
  it('the optimized spend does not depend on the order the levers are listed in', () => {
    fc.assert(
      fc.property(planArb, (request) => {
        const reversed: PlanRequest = { ...request, levers: [...request.levers].reverse() }
        const rotated: PlanRequest = {
          ...request,
          levers: [...request.levers.slice(1), ...request.levers.slice(0, 1)],
        }
        const a = computePlan(request, TEST_BOOK)
        for (const other of [reversed, rotated]) {
          const b = computePlan(other, TEST_BOOK)
          expect(b.optimized.termSpend.eq(a.optimized.termSpend)).toBe(true)
          expect(b.fullyOptimized.termSpend.eq(a.fullyOptimized.termSpend)).toBe(true)
          a.months.forEach((m, i) => {
            expect(b.months[i]!.optimized.eq(m.optimized)).toBe(true)
          })
          for (const lever of request.levers.map((l) => l.lever)) {
            expect(b.shapley[lever]!.minus(a.shapley[lever]!).abs().lte('1e-18')).toBe(true)
          }
        }
      }),
      { numRuns: 60 },
    )
  })

  it('waterfall steps and Shapley values add up to baseline − optimized (to 1e-24 of the baseline)', () => {
    fc.assert(
      fc.property(planArb, (request) => {
        const r = computePlan(request, TEST_BOOK)
        for (const figures of [r, ...r.workloads]) {
          const saving = figures.baseline.termSpend.minus(figures.optimized.termSpend)
          // 40 significant digits: sums of many figures may differ in the last digits, never near a cent.
          const close = (x: Decimal) =>
            x.minus(saving).abs().lte(figures.baseline.termSpend.times('1e-24').plus('1e-30'))
          expect(close(sum(figures.waterfall.map((s) => s.savings)))).toBe(true)
          expect(close(sum(Object.values(figures.shapley)))).toBe(true)
          expect(figures.savings.scheduled.eq(saving)).toBe(true)
        }
        // The portfolio is the sum of its workloads.
        const near = (a: Decimal, b: Decimal) =>
          a.minus(b).abs().lte(r.baseline.termSpend.times('1e-24').plus('1e-30'))
        expect(near(sum(r.workloads.map((w) => w.baseline.termSpend)), r.baseline.termSpend)).toBe(true)
        expect(near(sum(r.workloads.map((w) => w.optimized.termSpend)), r.optimized.termSpend)).toBe(true)
        for (const lever of Object.keys(r.shapley) as Lever[]) {
          expect(near(sum(r.workloads.map((w) => w.shapley[lever]!)), r.shapley[lever]!)).toBe(true)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('Shapley values are the average of each lever’s step over every order (checked against the definition)', () => {
    fc.assert(
      fc.property(planArb, (request) => {
        const levers = request.levers
        const n = levers.length
        // v(S): the optimized term spend of the same plan with only the levers of S, on their own schedules.
        const v = new Map<number, Decimal>()
        for (let mask = 0; mask < 1 << n; mask++) {
          const subset = levers.filter((_, i) => mask & (1 << i))
          v.set(mask, computePlan({ ...request, levers: subset }, TEST_BOOK).optimized.termSpend)
        }
        const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1))
        const r = computePlan(request, TEST_BOOK)
        levers.forEach((spec, i) => {
          let phi = ZERO
          for (let mask = 0; mask < 1 << n; mask++) {
            if (mask & (1 << i)) continue
            const size = [...Array(n).keys()].filter((j) => mask & (1 << j)).length
            const weight = new Decimal(factorial(size) * factorial(n - size - 1)).div(factorial(n))
            phi = phi.plus(weight.times(v.get(mask)!.minus(v.get(mask | (1 << i))!)))
          }
          expect(r.shapley[spec.lever]!.minus(phi).abs().lte('1e-12')).toBe(true)
        })
        // The waterfall's bars are the spends of the levers listed so far.
        r.waterfall.forEach((step, i) => {
          const prefix = (1 << (i + 1)) - 1
          expect(step.spendAfter.minus(v.get(prefix)!).abs().lte('1e-12')).toBe(true)
        })
      }),
      { numRuns: 40 },
    )
  })

  it('a higher target batch share never costs more', () => {
    fc.assert(
      fc.property(workloadArb('w'), share, share, (w, a, b) => {
        const [low, high] = dec(a).lte(b) ? [a, b] : [b, a]
        const levers: LeverSpec[] = [{ lever: 'batch', startMonth: 0, rampMonths: 2 }]
        const spend = (target: string) =>
          computePlan(
            planRequest([{ ...w, targetBatchShare: target }], levers, { commitment: { simulations: 1 } }),
            TEST_BOOK,
          ).optimized.termSpend
        expect(spend(high).lte(spend(low))).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('with no uncertainty every percentile is the deterministic spend and the recommendation is its closed form', () => {
    // Valid tiers: distinct whole-dollar minimums above 0, discounts strictly rising with the minimum.
    const tiersArb = fc.uniqueArray(fc.integer({ min: 1, max: 50_000_000 }), { maxLength: 3 }).chain((mins) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: mins.length, maxLength: mins.length })
        .map((rates) => {
          const m = [...mins].sort((a, b) => a - b)
          const r = [...rates].sort((a, b) => a - b)
          return m.map((minCommit, i) => ({
            minCommit: dec(String(minCommit)),
            discountRate: dec(String(r[i]! / 1000)),
          }))
        }),
    )
    fc.assert(
      fc.property(planArb, tiersArb, decimalText(0.5, 0.99, 2), (request, discountTiers, confidence) => {
        const r = computePlan(
          { ...request, commitment: { discountTiers, confidence: dec(confidence), simulations: 200 } },
          TEST_BOOK,
        )
        const u = r.optimized.termSpend
        for (const p of [
          r.recommendation.percentiles.p10,
          r.recommendation.percentiles.p50,
          r.recommendation.percentiles.p90,
        ]) {
          expect(p.eq(u)).toBe(true)
        }
        expect(r.recommendation.deterministicTermSpend.eq(u)).toBe(true)
        expect(r.simulation.mean.eq(u)).toBe(true)
        // Closed form: the highest tier whose U·(1 − d_t) reaches its minimum (else list price), kept a dollar
        // below the next tier's minimum.
        let t = -1
        discountTiers.forEach((tier, i) => {
          if (u.times(ONE.minus(tier.discountRate)).gte(tier.minCommit)) t = i
        })
        const d = t < 0 ? ZERO : discountTiers[t]!.discountRate
        const next = discountTiers[t + 1]
        let commit = u.times(ONE.minus(d))
        if (next && commit.gt(next.minCommit.minus(1))) commit = next.minCommit.minus(1)
        expect(r.recommendation.discountRate.eq(d)).toBe(true)
        expect(r.recommendation.commit.eq(commit)).toBe(true)
        expect(r.recommendation.tier).toBe(t + 1)
        expect(r.recommendation.shortfallProbability.isZero()).toBe(true)
        expect(r.recommendation.expectedStranded.isZero()).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('with no uncertainty the contract years add up to the term figures, for the portfolio and each workload', () => {
    const termArb = fc.integer({ min: 1, max: 40 })
    fc.assert(
      fc.property(inputsArb, termArb, fc.boolean(), (inputs, months, annual) => {
        const request = build({ ...inputs, months })
        const r = computePlan(
          {
            ...request,
            commitment: {
              structure: annual ? 'annual' : 'term',
              discountTiers: [{ minCommit: dec('1000'), discountRate: dec('0.1') }],
              simulations: 20,
            },
          },
          TEST_BOOK,
        )
        const close = (a: Decimal, b: Decimal) =>
          expect(a.minus(b).abs().lte(b.abs().times('1e-30').plus('1e-30'))).toBe(true)
        expect(r.years).toHaveLength(Math.ceil(months / 12))
        expect(r.years.reduce((n, y) => n + y.months, 0)).toBe(months)
        for (const [years, figures] of [
          [r.years, r] as const,
          ...r.workloads.map((w) => [w.years!, w] as const),
        ]) {
          close(sum(years.map((y) => y.baseline)), figures.baseline.termSpend)
          close(sum(years.map((y) => y.optimized)), figures.optimized.termSpend)
          close(sum(years.map((y) => y.fullyOptimized)), figures.fullyOptimized.termSpend)
        }
        // Each year's percentiles are its deterministic optimized spend; the options' years add up to their totals.
        for (const y of r.years) expect(y.percentiles.p50.eq(y.optimized)).toBe(true)
        for (const o of r.options) {
          expect(o.years).toHaveLength(annual ? r.years.length : 1)
          close(sum(o.years.map((y) => y.commit)), o.commit)
          close(sum(o.years.map((y) => y.expectedPayment)), o.expectedPayment)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('the same seed gives a byte-identical preview', () => {
    fc.assert(
      fc.property(inputsArb, fc.integer({ min: 0, max: 4_294_967_295 }), (inputs, seed) => {
        const withUncertainty = (): PlanRequest => ({
          ...build(inputs),
          commitment: {
            seed,
            simulations: 100,
            uncertainty: {
              growthStdDev: dec('0.02'),
              adoptionSlipMonths: { batch: 3, routing: 1 },
              minRealization: dec('0.7'),
            },
          },
        })
        const a = JSON.stringify(previewPlan(withUncertainty(), TEST_BOOK))
        const b = JSON.stringify(previewPlan(withUncertainty(), TEST_BOOK))
        expect(b).toBe(a)
      }),
      { numRuns: 30 },
    )
  })

  it('no money figure of the preview is a JS number', () => {
    /** Keys whose values are counts (numbers by design); everything else that is a number is a bug. */
    const COUNTS = new Set(['month', 'months', 'year', 'tier', 'runs', 'seed', 'startMonth', 'rampMonths'])
    const walk = (value: unknown, key: string, path: string, parentKey: string): void => {
      if (typeof value === 'number') {
        const allowed = COUNTS.has(key) || parentKey === 'adoptionSlipMonths'
        if (!allowed) throw new Error(`number at ${path}`)
        return
      }
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          walk(v, key, `${path}/${i}`, parentKey)
        })
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, k, `${path}/${k}`, key)
      }
    }
    fc.assert(
      fc.property(planArb, (request) => {
        const p = previewPlan(
          {
            ...request,
            commitment: {
              proposedCommit: dec('100000'),
              uncertainty: { adoptionSlipMonths: 2 },
              simulations: 20,
            },
          },
          TEST_BOOK,
        )
        walk(p, '', '', '')
        expect(typeof p.baseline.termSpend).toBe('string')
      }),
      { numRuns: 50 },
    )
  })
})
