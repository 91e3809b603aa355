import { Decimal } from 'decimal.js'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EXAMPLE_PRICE_BOOK_ID,
  PREVIEW_EXAMPLE_REQUEST,
  PREVIEW_EXAMPLE_RESPONSE,
} from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

const EXAMPLE = PREVIEW_EXAMPLE_REQUEST
// biome-ignore lint/suspicious/noExplicitAny: the tests mutate copies of the example freely
const clone = (): any => structuredClone(EXAMPLE)

/** Sonnet 4.5 list prices: 1000·3e-6 + 100·15e-6 = $0.0045 a request; nobody waits, so batch goes to 100%. */
const SONNET_EVALS = {
  name: 'evals',
  model: 'claude-sonnet-4-5',
  requestsPerMonth: '1000',
  inputTokensPerRequest: '1000',
  outputTokensPerRequest: '100',
  userWaiting: false,
}

/** The fields of a contract year, in order (DESIGN §3.7); the portfolio's add `percentiles`. */
const YEAR_FIELDS = ['year', 'start', 'months', 'baseline', 'optimized', 'fullyOptimized']
/** The fields of every option, in order (DESIGN §3.5); the recommendation adds its own after them. */
const OPTION_FIELDS = [
  'kind',
  'kinds',
  'label',
  'labels',
  'basis',
  'commit',
  'discountRate',
  'tier',
  'expectedUtilization',
  'expectedCoverage',
  'shortfallProbability',
  'expectedStranded',
  'expectedPayment',
  'effectiveSavingsRate',
  'years',
]

let app: FastifyInstance
let tenant: Tenant

beforeAll(async () => {
  // Load shedding off (it has its own tests in limits.test.ts): on a busy shared machine it could answer 503.
  app = await buildTestApp({ MAX_EVENT_LOOP_DELAY_MS: '0' })
  tenant = await createTenant(app, 'preview')
})
afterAll(async () => app?.close())

const preview = (payload: unknown, key = tenant.keys.read) =>
  call(app, { method: 'POST', url: '/v1/plans/preview', headers: bearer(key), payload: payload as object })

describe('POST /v1/plans/preview with the DESIGN §4.1 example', () => {
  it('answers with every field of the contract, money as decimal strings', async () => {
    const response = await preview(EXAMPLE)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    for (const series of ['baseline', 'optimized', 'fullyOptimized'])
      expect(body[series].termSpend).toMatch(/^\d+\.\d{2}$/)
    expect(body.waterfall.map((s: { lever: string }) => s.lever)).toEqual(['routing', 'caching', 'batch'])
    for (const step of body.waterfall) {
      expect(Object.keys(step).sort()).toEqual(['lever', 'savings', 'spendAfter', 'spendBefore'])
    }
    expect(Object.keys(body.shapley).sort()).toEqual(['batch', 'caching', 'routing'])
    expect(body.months).toHaveLength(12)
    expect(body.months[0]).toMatchObject({ month: 0, start: '2027-01-01' })
    expect(body.months[11].start).toBe('2027-12-01')
    expect(body.structure).toBe('term')
    // One contract year for a 12-month term (§3.7), with the percentiles of its simulated spend.
    expect(body.years).toHaveLength(1)
    expect(Object.keys(body.years[0])).toEqual([...YEAR_FIELDS, 'percentiles'])
    expect(body.years[0]).toMatchObject({ year: 1, start: '2027-01-01', months: 12 })
    expect(Object.keys(body.years[0].percentiles)).toEqual(['p10', 'p50', 'p90'])
    expect(body.workloads).toHaveLength(1)
    expect(body.workloads[0]).toMatchObject({
      name: 'nightly-digest',
      model: 'claude-opus-4-5-20251101',
      routeToModel: 'claude-sonnet-4-5-20250929',
    })
    // By default (include=months,years,workloads) each workload has its contract years, not its monthly series.
    expect(body.workloads[0].years.map((y: Record<string, unknown>) => Object.keys(y))).toEqual([YEAR_FIELDS])
    expect(body.workloads[0].months).toBeUndefined()
    for (const field of [
      'commit',
      'discountRate',
      'expectedUtilization',
      'expectedCoverage',
      'shortfallProbability',
      'expectedStranded',
      'expectedPayment',
      'effectiveSavingsRate',
    ]) {
      expect(typeof body.recommendation[field]).toBe('string')
    }
    expect(Object.keys(body.recommendation)).toEqual([
      ...OPTION_FIELDS,
      'percentiles',
      'deterministicTermSpend',
      'explanation',
    ])
    expect(Object.keys(body.recommendation.percentiles)).toEqual(['p10', 'p50', 'p90'])
    // The six kinds in order (§3.5). The recommendation sits in tier 0: at tier 1's 5% its confident amount
    // q·0.95 is short of the $100,000 minimum (and tier 2's q·0.9 of $500,000), so both tiers are offered at their
    // minimums. The lowest expected payment is $0 — with overage billed at the discounted rate the candidates are
    // $0 and the two minimums, and every run's spend (P90 about $82,000) is far below either minimum, so committing
    // one pays more than paying as you go — the very amount of "no commitment", listed once with both kinds.
    expect(body.options.map((o: { kinds: string[] }) => o.kinds)).toEqual([
      ['recommended'],
      ['tier'],
      ['tier'],
      ['proposed'],
      ['baseline'],
      ['lowestExpectedPayment', 'noCommitment'],
    ])
    for (const option of body.options) {
      expect(Object.keys(option)).toEqual(OPTION_FIELDS)
      expect(option.kind).toBe(option.kinds[0])
      expect(option.labels).toHaveLength(option.kinds.length)
      expect(option.label).toBe(option.labels[0])
      expect(option.basis.length).toBeGreaterThan(20)
      // One settlement for the whole term (structure: term): one entry of years[], the option's own figures.
      expect(option.years).toEqual([
        {
          year: 1,
          commit: option.commit,
          expectedPayment: option.expectedPayment,
          expectedStranded: option.expectedStranded,
        },
      ])
    }
    const [recommended, tier1, tier2, proposed, baselineSized, none] = body.options
    expect(body.recommendation).toMatchObject(recommended)
    // Tier 0: the amount is q itself, the P10 of the simulated term spend (both q rounded once to dollars).
    expect(recommended).toMatchObject({
      tier: 0,
      discountRate: '0.000000',
      commit: body.recommendation.percentiles.p10,
    })
    expect(tier1).toMatchObject({ tier: 1, commit: '100000', discountRate: '0.050000' })
    expect(tier2).toMatchObject({ tier: 2, commit: '500000', discountRate: '0.100000' })
    // $250,000 reaches tier 1 only: it earns 5%.
    expect(proposed).toMatchObject({ tier: 1, commit: '250000', discountRate: '0.050000' })
    // Today's baseline B = $201,181.35 (below): at tier 1, B·0.95 = $191,122.28 ≥ $100,000 and below tier 2's
    // minimum; at tier 2, B·0.9 = $181,063.22 < $500,000. So $191,122 at 5%.
    expect(baselineSized).toMatchObject({ tier: 1, commit: '191122', discountRate: '0.050000' })
    expect(none).toMatchObject({
      commit: '0',
      tier: 0,
      expectedUtilization: null,
      expectedCoverage: '0.000000',
      shortfallProbability: '0.000000',
      expectedStranded: '0',
      effectiveSavingsRate: '0.000000',
      // Paying as you go costs E[U], the simulated mean.
      expectedPayment: body.simulation.mean,
    })
    // A commitment short in every run (each tier minimum, the proposed and the baseline-sized amounts exceed every
    // run's discounted spend) pays exactly its amount, covers all usage, and strands C − E[U]·(1 − d): tier 1
    // strands 100,000 − 0.95 × 72,428 ≈ $31,193 (E[U] rounded here, so within a dollar).
    const meanSpend = Number(body.simulation.mean)
    for (const option of [tier1, tier2, proposed, baselineSized]) {
      const keep = 1 - Number(option.discountRate)
      expect(option).toMatchObject({
        shortfallProbability: '1.000000',
        expectedPayment: option.commit,
        expectedCoverage: '1.000000',
      })
      expect(
        Math.abs(Number(option.expectedStranded) - (Number(option.commit) - meanSpend * keep)),
      ).toBeLessThan(1)
      expect(Number(option.expectedUtilization)).toBeCloseTo((meanSpend * keep) / Number(option.commit), 4)
    }
    expect(body.term).toEqual({ start: '2027-01-01', months: 12, end: '2027-12-31' })
    const codes = body.warnings.map((w: { code: string }) => w.code)
    expect(codes).toContain('STRANDED_COMMITMENT')
    for (const warning of body.warnings) {
      expect(Object.keys(warning)).toEqual(
        expect.arrayContaining(['code', 'severity', 'amount', 'workloads', 'message']),
      )
    }
  })

  it('gets the deterministic figures right to the cent', async () => {
    // Opus 4.5 list: $5 in, $25 out per MTok. Per request today: 6000·5e-6 + 800·25e-6 = $0.05;
    // month 0: 300,000 × 0.05 = $15,000 (start run-rate $180,000).
    // Baseline term: 15,000 × Σ 1.02^m for m = 0..11 = 15,000 × (1.02^12 − 1)/0.02 = $201,181.35.
    // Routing alone (60% to Sonnet 4.5 at $3/$15: 6000·3e-6 + 800·15e-6 = $0.03): 0.4·0.05 + 0.6·0.03 = 0.038,
    // i.e. 0.76 × baseline = $152,897.82 (the first waterfall bar).
    // Month 0 optimized (routing and batch full, caching not started): 0.038 × 0.5 × 300,000 = $5,700.
    // Month 2 onward fully optimized: cached Opus 1500·5e-6 + 4500·(0.9·0.5e-6 + 0.1·6.25e-6) + 0.02 = 0.0323375,
    // cached Sonnet 1500·3e-6 + 4500·(0.9·0.3e-6 + 0.1·3.75e-6) + 0.012 = 0.0194025;
    // mix 0.4·0.0323375 + 0.6·0.0194025 = 0.0245765, batched ×0.5 → 0.01228825 × 300,000 = $3,686.48 in month 0
    // (fully-optimized start run-rate 12 × 3,686.475 = $44,237.70).
    const body = (await preview(EXAMPLE)).json()
    expect(body.baseline).toMatchObject({ termSpend: '201181.35', startRunRate: '180000.00' })
    expect(body.months[0]).toMatchObject({
      baseline: '15000.00',
      optimized: '5700.00',
      fullyOptimized: '3686.48',
    })
    expect(body.fullyOptimized.startRunRate).toBe('44237.70')
    expect(body.waterfall[0]).toMatchObject({
      spendBefore: '201181.35',
      spendAfter: '152897.82',
      savings: '48283.52',
    })
    expect(body.waterfall.at(-1).spendAfter).toBe(body.optimized.termSpend)
  })

  it('gives the same answer for the same seed, byte for byte, and another for another seed', async () => {
    const first = await preview(EXAMPLE)
    const second = await preview(EXAMPLE)
    expect(second.body).toBe(first.body)
    const other = clone()
    other.commitment.seed = 7
    const third = (await preview(other)).json()
    expect(third.simulation.percentiles).not.toEqual(first.json().simulation.percentiles)
  })

  it('matches the example response documented in the OpenAPI document', async () => {
    const body = (await preview(EXAMPLE)).json()
    expect({ ...body, priceBook: { ...body.priceBook, id: EXAMPLE_PRICE_BOOK_ID } }).toEqual(
      PREVIEW_EXAMPLE_RESPONSE,
    )
  })
})

describe('include: the parts of the plan to send', () => {
  const withInclude = (include: string) =>
    call(app, {
      method: 'POST',
      url: `/v1/plans/preview?include=${encodeURIComponent(include)}`,
      headers: bearer(tenant.keys.read),
      payload: EXAMPLE,
    })

  it('sends the headline figures first, then months, years, workloads and options (the default)', async () => {
    const body = (await preview(EXAMPLE)).json()
    expect(Object.keys(body)).toEqual([
      'currency',
      'priceBook',
      'term',
      'structure',
      'levers',
      'baseline',
      'optimized',
      'fullyOptimized',
      'savings',
      'recommendation',
      'waterfall',
      'shapley',
      'simulation',
      'warnings',
      'months',
      'years',
      'workloads',
      'options',
    ])
    // Each workload: its figures, then its contract years (with the default include), never its months.
    expect(Object.keys(body.workloads[0]).slice(-2)).toEqual(['shapley', 'years'])
  })

  it('workloadMonths adds each workload’s monthly series, equal to the full plan’s figures', async () => {
    const full = (await withInclude('workloadMonths,months')).json()
    expect(full.workloads[0].months).toHaveLength(12)
    expect(full.workloads[0].months[0]).toMatchObject({ month: 0 })
    // Without `years` neither the portfolio nor a workload has contract years.
    expect(full.years).toBeUndefined()
    expect(full.workloads[0].years).toBeUndefined()
    const byDefault = (await preview(EXAMPLE)).json()
    const { months: _months, ...figures } = full.workloads[0]
    const { years: _years, ...defaultFigures } = byDefault.workloads[0]
    expect(figures).toEqual(defaultFigures)
    expect(full.months).toEqual(byDefault.months)
    // With `years` too, each workload carries its years and then its months.
    const everything = (await withInclude('workloadMonths,years')).json()
    expect(Object.keys(everything.workloads[0]).slice(-2)).toEqual(['years', 'months'])
    expect(everything.workloads[0].years).toEqual(byDefault.workloads[0].years)
    expect(everything.years).toEqual(byDefault.years)
    expect(everything.months).toBeUndefined()
  })

  it('years and workloads are parts of their own: workload years only with both', async () => {
    const byDefault = (await preview(EXAMPLE)).json()
    const workloadsOnly = (await withInclude('workloads')).json()
    expect(workloadsOnly.years).toBeUndefined()
    expect(workloadsOnly.months).toBeUndefined()
    expect(workloadsOnly.workloads[0].years).toBeUndefined()
    expect(workloadsOnly.workloads[0].months).toBeUndefined()
    const { years: _years, ...figures } = byDefault.workloads[0]
    expect(workloadsOnly.workloads).toEqual([figures])
    const yearsOnly = (await withInclude('years')).json()
    expect(Object.keys(yearsOnly).slice(-2)).toEqual(['years', 'options'])
    expect(yearsOnly.years).toEqual(byDefault.years)
    expect(yearsOnly.workloads).toBeUndefined()
    const both = (await withInclude('years,workloads')).json()
    expect(both.workloads).toEqual(byDefault.workloads)
    expect(both.months).toBeUndefined()
  })

  it('an empty include sends the headline figures and options only', async () => {
    const body = (await withInclude('')).json()
    expect(body.months).toBeUndefined()
    expect(body.years).toBeUndefined()
    expect(body.workloads).toBeUndefined()
    expect(body.structure).toBe('term')
    expect(body.recommendation.commit).toMatch(/^\d+$/)
    expect(body.options.length).toBeGreaterThan(0)
  })

  it('400 naming the parts there are for an unknown part', async () => {
    const response = await withInclude('months,everything')
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]).toMatchObject({ in: 'query', pointer: '/include', code: 'unknown_part' })
    expect(problem.errors?.[0]?.detail).toContain('workloadMonths')
  })
})

describe('defaults', () => {
  const minimal = {
    term: { start: '2027-01-01', months: 12 },
    levers: [{ lever: 'batch', startMonth: 0, rampMonths: 0 }],
    workloads: [
      {
        name: 'evals',
        model: 'claude-sonnet-4-5',
        requestsPerMonth: 1000,
        inputTokensPerRequest: 1000,
        outputTokensPerRequest: 100,
        userWaiting: false,
      },
    ],
  }

  it('uses the list prices, batch everything nobody waits on, and commits the optimized spend with no uncertainty', async () => {
    // Sonnet 4.5: 1000·3e-6 + 100·15e-6 = $0.0045 per request; $4.50 a month; $54.00 over 12 months.
    // targetBatchShare defaults to 1 (userWaiting false): half price from month 0 → $27.00.
    const body = (await preview(minimal)).json()
    expect(body.priceBook.name).toBe('Anthropic list prices')
    expect(body.baseline.termSpend).toBe('54.00')
    expect(body.optimized.termSpend).toBe('27.00')
    expect(body.simulation).toMatchObject({ runs: 2000, seed: 1 })
    expect(body.recommendation).toMatchObject({
      commit: '27',
      discountRate: '0.000000',
      shortfallProbability: '0.000000',
    })
    expect(body.recommendation.percentiles).toEqual({ p10: '27', p50: '27', p90: '27' })
    expect(body.structure).toBe('term')
    expect(body.years).toEqual([
      {
        year: 1,
        start: '2027-01-01',
        months: 12,
        baseline: '54.00',
        optimized: '27.00',
        fullyOptimized: '27.00',
        percentiles: { p10: '27', p50: '27', p90: '27' },
      },
    ])
    // No tiers, no proposed commit: the recommendation (q = $27, every run the deterministic plan), the amount
    // sized on today's baseline ($54 at list: it consumes $27 and strands $27 in every run, so it pays $54,
    // utilization 27/54, savings rate 1 − 54/27 = −1), and $0 — the lowest expected payment (the only
    // candidate) and no commitment, one option with both kinds.
    expect(
      body.options.map((o: Record<string, unknown>) => ({
        kinds: o.kinds,
        commit: o.commit,
        tier: o.tier,
        expectedUtilization: o.expectedUtilization,
        expectedCoverage: o.expectedCoverage,
        shortfallProbability: o.shortfallProbability,
        expectedStranded: o.expectedStranded,
        expectedPayment: o.expectedPayment,
        effectiveSavingsRate: o.effectiveSavingsRate,
      })),
    ).toEqual([
      {
        kinds: ['recommended'],
        commit: '27',
        tier: 0,
        expectedUtilization: '1.000000',
        expectedCoverage: '1.000000',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '27',
        effectiveSavingsRate: '0.000000',
      },
      {
        kinds: ['baseline'],
        commit: '54',
        tier: 0,
        expectedUtilization: '0.500000',
        expectedCoverage: '1.000000',
        shortfallProbability: '1.000000',
        expectedStranded: '27',
        expectedPayment: '54',
        effectiveSavingsRate: '-1.000000',
      },
      {
        kinds: ['lowestExpectedPayment', 'noCommitment'],
        commit: '0',
        tier: 0,
        expectedUtilization: null,
        expectedCoverage: '0.000000',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '27',
        effectiveSavingsRate: '0.000000',
      },
    ])
    expect(body.recommendation.deterministicTermSpend).toBe('27.00')
  })

  it('keeps work somebody waits on real-time unless told otherwise', async () => {
    const waiting = structuredClone(minimal)
    ;(waiting.workloads[0] as { userWaiting: boolean }).userWaiting = true
    const body = (await preview(waiting)).json()
    expect(body.optimized.termSpend).toBe('54.00')
  })
})

/** Sum of decimal money strings, exactly. */
const total = (values: readonly string[]) => values.reduce((sum, v) => sum.plus(v), new Decimal(0))

describe('contract years (DESIGN §3.7)', () => {
  it('splits a 30-month term into years of 12, 12 and 6 months, each the sum of its months', async () => {
    const request = clone()
    request.term.months = 30
    const body = (await preview(request)).json()
    expect(
      body.years.map((y: { year: number; start: string; months: number }) => [y.year, y.start, y.months]),
    ).toEqual([
      [1, '2027-01-01', 12],
      [2, '2028-01-01', 12],
      [3, '2029-01-01', 6],
    ])
    expect(body.months).toHaveLength(30)
    const first = [0, 12, 24]
    body.years.forEach((year: Record<string, string> & { months: number }, i: number) => {
      const months = body.months.slice(first[i], first[i]! + year.months)
      for (const series of ['baseline', 'optimized', 'fullyOptimized']) {
        // Each presented figure is its own exact value rounded once (§3.8): a year is its exact months' sum,
        // rounded; the rounded months may add up to it only within half a cent each.
        const sum = total(months.map((m: Record<string, string>) => m[series]!))
        expect(sum.minus(year[series]!).abs().toNumber()).toBeLessThanOrEqual(0.005 * year.months)
      }
      const p = year.percentiles as unknown as Record<string, string>
      expect(Number(p.p10)).toBeLessThanOrEqual(Number(p.p50))
      expect(Number(p.p50)).toBeLessThanOrEqual(Number(p.p90))
    })
    // The years add up to the term, within half a cent a year.
    for (const series of ['baseline', 'optimized', 'fullyOptimized']) {
      const sum = total(body.years.map((y: Record<string, string>) => y[series]!))
      expect(sum.minus(body[series].termSpend).abs().toNumber()).toBeLessThanOrEqual(0.015)
    }
    // One workload: its years are the portfolio's, without the percentiles.
    expect(body.workloads[0].years).toEqual(
      body.years.map(({ percentiles: _p, ...year }: { percentiles: unknown }) => year),
    )
  })

  it('in whole cents the years are exactly the sums of their months, for the portfolio and each workload', async () => {
    // Sonnet 4.5 at $0.0045 a request (below): 1,000,000 requests = $4,500 a month, $2,250 once batched;
    // 200,000 = $900 a month, $450 batched. Batch from month 6 of an 18-month term, no growth: every month is
    // whole cents, so year 1 = 6 × 5,400 + 6 × 2,700 = $48,600 optimized, year 2 (6 months) = 6 × 2,700 = $16,200.
    const request = {
      term: { start: '2027-03-01', months: 18 },
      levers: [{ lever: 'batch', startMonth: 6, rampMonths: 0 }],
      workloads: [
        { ...SONNET_EVALS, name: 'big', requestsPerMonth: '1000000' },
        { ...SONNET_EVALS, name: 'small', requestsPerMonth: '200000' },
      ],
    }
    const body = (await preview(request)).json()
    expect(body.years).toEqual([
      {
        year: 1,
        start: '2027-03-01',
        months: 12,
        baseline: '64800.00',
        optimized: '48600.00',
        fullyOptimized: '32400.00',
        percentiles: { p10: '48600', p50: '48600', p90: '48600' },
      },
      {
        year: 2,
        start: '2028-03-01',
        months: 6,
        baseline: '32400.00',
        optimized: '16200.00',
        fullyOptimized: '16200.00',
        percentiles: { p10: '16200', p50: '16200', p90: '16200' },
      },
    ])
    const sumOfMonths = (months: Record<string, string>[], from: number, count: number, series: string) =>
      total(months.slice(from, from + count).map((m) => m[series]!))
    for (const [i, year] of body.years.entries()) {
      for (const series of ['baseline', 'optimized', 'fullyOptimized']) {
        expect(sumOfMonths(body.months, 12 * i, year.months, series).eq(year[series])).toBe(true)
        // The workloads' years add up to the portfolio's.
        const workloadYears = body.workloads.map(
          (w: { years: Record<string, string>[] }) => w.years[i]![series]!,
        )
        expect(total(workloadYears).eq(year[series])).toBe(true)
      }
    }
    expect(
      body.workloads.map((w: { years: { optimized: string }[] }) => w.years.map((y) => y.optimized)),
    ).toEqual([
      ['40500.00', '13500.00'],
      ['8100.00', '2700.00'],
    ])
    // And each workload's years are the sums of its own months.
    const detailed = (
      await call(app, {
        method: 'POST',
        url: '/v1/plans/preview?include=years,workloadMonths',
        headers: bearer(tenant.keys.read),
        payload: request,
      })
    ).json()
    for (const workload of detailed.workloads) {
      for (const [i, year] of workload.years.entries()) {
        for (const series of ['baseline', 'optimized', 'fullyOptimized'])
          expect(sumOfMonths(workload.months, 12 * i, year.months, series).eq(year[series])).toBe(true)
      }
    }
  })
})

describe('the commitment rules (DESIGN §3.5), by hand without uncertainty', () => {
  // 1,000,000 requests a month of Sonnet 4.5 at $0.0045: $4,500 a month, $54,000 over 12 months; batched from
  // month 0: $2,250 a month, U = q = $27,000 in every run (no uncertainty).
  const evals = { ...SONNET_EVALS, requestsPerMonth: '1000000' }

  it('caps the recommendation inside its tier and evaluates every amount at the discount its total earns', async () => {
    // Tiers: $10,000 at 2%, $26,000 at 5%. Tier 2: C_2 = 27,000 × 0.95 = $25,650 < $26,000, not reached.
    // Tier 1: C_1 = 27,000 × 0.98 = $26,460 ≥ $10,000, the highest qualifying tier — but it is above tier 2's
    // minimum, so it is capped at m_2 − 1 = $25,999, still at 2%. It consumes 26,460 ≥ 25,999 in every run:
    // nothing stranded, never short, pays the consumption $26,460, utilization 1, coverage 25,999 / 26,460 =
    // 0.982577…, savings 1 − 26,460 / 27,000 = 2%. Tier 1's own option, max(m_1, Ĉ_1) = $25,999, is the same
    // amount: one option.
    // Tier 2's option is its minimum $26,000 at 5% (C_2 below it): consumes 25,650, strands $350, pays $26,000,
    // utilization 25,650 / 26,000 = 0.986538…, short in every run, savings 1 − 26,000 / 27,000 = 0.037037….
    // Lowest expected payment (discounted overage: candidates 0, 10,000, 26,000): $27,000, max(10,000, 26,460)
    // and max(26,000, 25,650) — $26,000, the tier-2 row again.
    // Sized on today's baseline B = $54,000: tier 2's 54,000 × 0.95 = $51,300 (top tier, no cap) at 5%:
    // consumes 25,650, strands $25,650, pays $51,300, savings 1 − 51,300 / 27,000 = −0.9.
    const body = (
      await preview({
        term: { start: '2027-01-01', months: 12 },
        levers: [{ lever: 'batch', startMonth: 0, rampMonths: 0 }],
        workloads: [evals],
        commitment: {
          discountTiers: [
            { minCommit: '10000', discountRate: '0.02' },
            { minCommit: '26000', discountRate: '0.05' },
          ],
        },
      })
    ).json()
    expect(body.optimized.termSpend).toBe('27000.00')
    const rows = body.options.map((o: Record<string, unknown>) => ({
      kinds: o.kinds,
      commit: o.commit,
      discountRate: o.discountRate,
      tier: o.tier,
      expectedUtilization: o.expectedUtilization,
      expectedCoverage: o.expectedCoverage,
      shortfallProbability: o.shortfallProbability,
      expectedStranded: o.expectedStranded,
      expectedPayment: o.expectedPayment,
      effectiveSavingsRate: o.effectiveSavingsRate,
    }))
    expect(rows).toEqual([
      {
        kinds: ['recommended', 'tier'],
        commit: '25999',
        discountRate: '0.020000',
        tier: 1,
        expectedUtilization: '1.000000',
        expectedCoverage: '0.982577',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '26460',
        effectiveSavingsRate: '0.020000',
      },
      {
        kinds: ['tier', 'lowestExpectedPayment'],
        commit: '26000',
        discountRate: '0.050000',
        tier: 2,
        expectedUtilization: '0.986538',
        expectedCoverage: '1.000000',
        shortfallProbability: '1.000000',
        expectedStranded: '350',
        expectedPayment: '26000',
        effectiveSavingsRate: '0.037037',
      },
      {
        kinds: ['baseline'],
        commit: '51300',
        discountRate: '0.050000',
        tier: 2,
        expectedUtilization: '0.500000',
        expectedCoverage: '1.000000',
        shortfallProbability: '1.000000',
        expectedStranded: '25650',
        expectedPayment: '51300',
        effectiveSavingsRate: '-0.900000',
      },
      {
        kinds: ['noCommitment'],
        commit: '0',
        discountRate: '0.000000',
        tier: 0,
        expectedUtilization: null,
        expectedCoverage: '0.000000',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '27000',
        effectiveSavingsRate: '0.000000',
      },
    ])
    expect(body.recommendation).toMatchObject(body.options[0])
    expect(body.recommendation.labels).toHaveLength(2)
    expect(body.recommendation.basis).toContain('capped at $25,999 inside tier 1')
    // TIER_CLIFF, once for the capped recommendation: E[payment at $26,000] − E[payment at $25,999] =
    // 26,000 − 26,460 = −$460 (committing the minimum is cheaper); and once for the tier-2 row, short in more
    // than 1 − confidence of the runs: its expected stranded $350. STRANDED_COMMITMENT for the baseline-sized
    // amount: $25,650.
    const cliffs = body.warnings.filter((w: { code: string }) => w.code === 'TIER_CLIFF')
    expect(cliffs.map((w: { amount: string }) => w.amount)).toEqual(['-460', '350'])
    expect(body.warnings).toContainEqual(
      expect.objectContaining({ code: 'STRANDED_COMMITMENT', amount: '25650' }),
    )
  })

  it('coverage is the mean over runs of consumed ÷ discounted usage, at the discount the amount earns', async () => {
    // The worked example's simulation (same seed and uncertainty) with a single tier, $30,000 at 5%, no proposal.
    const original = (await preview(EXAMPLE)).json()
    const request = clone()
    request.commitment.discountTiers = [{ minCommit: '30000', discountRate: '0.05' }]
    delete request.commitment.proposedCommit
    const body = (await preview(request)).json()
    expect(body.simulation).toEqual(original.simulation)
    const q = Number(body.recommendation.percentiles.p10)
    const meanSpend = Number(body.simulation.mean)
    // Recommendation: C_1 = q × 0.95 (about $59,809) ≥ $30,000, the top tier; tier 1's row is the same amount.
    const [recommended, baselineSized, lowest, none] = body.options
    expect(body.options.map((o: { kinds: string[] }) => o.kinds)).toEqual([
      ['recommended', 'tier'],
      ['baseline'],
      ['lowestExpectedPayment'],
      ['noCommitment'],
    ])
    expect(Math.abs(Number(recommended.commit) - q * 0.95)).toBeLessThanOrEqual(1)
    expect(recommended.discountRate).toBe('0.050000')
    // Committing 0.95·q at 5% against consumption 0.95·U_i is the example's tier-0 recommendation (q against U_i)
    // scaled by 0.95 run by run: the same shortfall, utilization and coverage — mean of min(C, cons_i) ÷ cons_i is
    // scale-free — and 0.95 × its stranded amount.
    const atList = original.recommendation
    expect(recommended.shortfallProbability).toBe(atList.shortfallProbability)
    expect(recommended.expectedUtilization).toBe(atList.expectedUtilization)
    expect(recommended.expectedCoverage).toBe(atList.expectedCoverage)
    expect(
      Math.abs(Number(recommended.expectedStranded) - 0.95 * Number(atList.expectedStranded)),
    ).toBeLessThanOrEqual(1)
    // Lowest expected payment (discounted overage: candidates $0 → E[U], and $30,000 at 5%): every run consumes
    // 0.95·U_i > $30,000 (the lowest runs are near $60,000), so it pays 0.95·E[U] and is never short.
    expect(lowest).toMatchObject({
      commit: '30000',
      discountRate: '0.050000',
      shortfallProbability: '0.000000',
      expectedUtilization: '1.000000',
      expectedStranded: '0',
      effectiveSavingsRate: '0.050000',
    })
    expect(Math.abs(Number(lowest.expectedPayment) - 0.95 * meanSpend)).toBeLessThanOrEqual(1)
    // Its coverage is the mean of 30,000 ÷ (0.95·U_i): by the inequality of the arithmetic and harmonic means
    // strictly above 30,000 ÷ (0.95·E[U]) ≈ 0.4360 (what Σ consumed ÷ Σ usage would give, as U varies). And at
    // least 90% of the runs spend U_i ≥ q (the P10), each covering at most 30,000 ÷ (0.95·q); the others at most 1.
    const coverage = Number(lowest.expectedCoverage)
    expect(coverage).toBeGreaterThan(30000 / (0.95 * meanSpend) + 0.001)
    expect(coverage).toBeLessThanOrEqual(0.9 * (30000 / (0.95 * q)) + 0.1)
    expect(none).toMatchObject({
      commit: '0',
      expectedPayment: body.simulation.mean,
      expectedCoverage: '0.000000',
    })
    expect(baselineSized).toMatchObject({
      commit: '191122',
      discountRate: '0.050000',
      expectedCoverage: '1.000000',
    })
  })

  it('annual: the total sized on Σ q_y, one discount for the contract, each year settled on its own', async () => {
    // 24 months, batch from month 12: year 1 U_1 = 12 × 4,500 = $54,000, year 2 U_2 = 12 × 2,250 = $27,000;
    // Q = $81,000. One tier, $50,000 at 5%: Q × 0.95 = $76,950 ≥ $50,000, allocated 2 : 1 (q_y / Q) as
    // $51,300 and $25,650 — each exactly its year's consumption at 5%: pays $76,950, nothing stranded.
    // Proposed by year $60,000 + $20,000 = $80,000 (tier 1, 5%): year 1 strands 60,000 − 51,300 = $8,700 and pays
    // $60,000; year 2 consumes 25,650 > 20,000, pays $25,650 — $85,650 in all, short (year 1) in every run;
    // utilization (51,300 + 20,000) / 80,000 = 0.89125; coverage 71,300 / 76,950 = 0.926575…;
    // savings 1 − 85,650 / 81,000 = −0.057407….
    // Baseline-sized: B = $108,000 × 0.95 = $102,600, allocated 2 : 1 as $68,400 and $34,200: strands $17,100 and
    // $8,550, pays $102,600; utilization 76,950 / 102,600 = 0.75; savings 1 − 102,600 / 81,000 = −0.266667.
    // Lowest expected payment: $50,000 (the tier minimum, allocated $33,333.33… and $16,666.67…, both consumed in
    // full: pays $76,950, as the recommendation — but a different amount, so its own row; coverage 50,000 / 76,950
    // = 0.649772…). Presented years: every year but the last rounded, the last the total − the others.
    const body = (
      await preview({
        term: { start: '2027-01-01', months: 24 },
        levers: [{ lever: 'batch', startMonth: 12, rampMonths: 0 }],
        workloads: [evals],
        commitment: {
          structure: 'annual',
          proposedCommitByYear: ['60000', '20000'],
          discountTiers: [{ minCommit: '50000', discountRate: '0.05' }],
        },
      })
    ).json()
    expect(body.structure).toBe('annual')
    expect(body.years.map((y: { optimized: string }) => y.optimized)).toEqual(['54000.00', '27000.00'])
    const rows = body.options.map((o: Record<string, unknown>) => ({
      kinds: o.kinds,
      commit: o.commit,
      discountRate: o.discountRate,
      expectedUtilization: o.expectedUtilization,
      expectedCoverage: o.expectedCoverage,
      shortfallProbability: o.shortfallProbability,
      expectedStranded: o.expectedStranded,
      expectedPayment: o.expectedPayment,
      effectiveSavingsRate: o.effectiveSavingsRate,
      years: (o.years as Record<string, unknown>[]).map((y) => [
        y.year,
        y.commit,
        y.expectedPayment,
        y.expectedStranded,
      ]),
    }))
    expect(rows).toEqual([
      {
        kinds: ['recommended', 'tier'],
        commit: '76950',
        discountRate: '0.050000',
        expectedUtilization: '1.000000',
        expectedCoverage: '1.000000',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '76950',
        effectiveSavingsRate: '0.050000',
        years: [
          [1, '51300', '51300', '0'],
          [2, '25650', '25650', '0'],
        ],
      },
      {
        kinds: ['proposed'],
        commit: '80000',
        discountRate: '0.050000',
        expectedUtilization: '0.891250',
        expectedCoverage: '0.926576',
        shortfallProbability: '1.000000',
        expectedStranded: '8700',
        expectedPayment: '85650',
        effectiveSavingsRate: '-0.057407',
        years: [
          [1, '60000', '60000', '8700'],
          [2, '20000', '25650', '0'],
        ],
      },
      {
        kinds: ['baseline'],
        commit: '102600',
        discountRate: '0.050000',
        expectedUtilization: '0.750000',
        expectedCoverage: '1.000000',
        shortfallProbability: '1.000000',
        expectedStranded: '25650',
        expectedPayment: '102600',
        effectiveSavingsRate: '-0.266667',
        years: [
          [1, '68400', '68400', '17100'],
          [2, '34200', '34200', '8550'],
        ],
      },
      {
        kinds: ['lowestExpectedPayment'],
        commit: '50000',
        discountRate: '0.050000',
        expectedUtilization: '1.000000',
        expectedCoverage: '0.649773',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '76950',
        effectiveSavingsRate: '0.050000',
        years: [
          [1, '33333', '51300', '0'],
          [2, '16667', '25650', '0'],
        ],
      },
      {
        kinds: ['noCommitment'],
        commit: '0',
        discountRate: '0.000000',
        expectedUtilization: null,
        expectedCoverage: '0.000000',
        shortfallProbability: '0.000000',
        expectedStranded: '0',
        expectedPayment: '81000',
        effectiveSavingsRate: '0.000000',
        years: [
          [1, '0', '54000', '0'],
          [2, '0', '27000', '0'],
        ],
      },
    ])
    expect(
      body.warnings
        .filter((w: { code: string }) => w.code === 'STRANDED_COMMITMENT')
        .map((w: { amount: string }) => w.amount),
    ).toEqual(['8700', '25650'])
  })
})

describe('validation', () => {
  const issuesOf = (body: { errors?: { pointer: string; code: string }[] }) =>
    body.errors?.map((e) => e.pointer) ?? []

  it('rejects money sent as a JSON number, pointing at the field', async () => {
    const request = clone()
    request.commitment.proposedCommit = 250000
    request.commitment.discountTiers[1].minCommit = 500000
    const body = expectProblem(await preview(request), 400, 'VALIDATION_FAILED')
    expect(issuesOf(body)).toEqual(
      expect.arrayContaining(['/commitment/proposedCommit', '/commitment/discountTiers/1/minCommit']),
    )
  })

  it('accepts counts and rates as JSON numbers', async () => {
    const request = clone()
    Object.assign(request.workloads[0], {
      requestsPerMonth: 300000,
      routableShare: 0.6,
      monthlyGrowthRate: 0.02,
    })
    const asNumbers = (await preview(request)).json()
    expect(asNumbers.baseline.termSpend).toBe('201181.35')
  })

  it.each([
    ['requestsPerMonth', 'lots', '/workloads/0/requestsPerMonth'],
    ['routableShare', '1.5', '/workloads/0/routableShare'],
    ['currentCacheHitRate', '-0.1', '/workloads/0/currentCacheHitRate'],
    ['cacheTtl', '10m', '/workloads/0/cacheTtl'],
    ['userWaiting', undefined, '/workloads/0/userWaiting'],
    ['monthlyGrowthRate', '-1', '/workloads/0/monthlyGrowthRate'],
    ['surprise', 'x', '/workloads/0/surprise'],
  ])('400 for %s = %s', async (field, value, pointer) => {
    const request = clone()
    if (value === undefined) delete request.workloads[0][field]
    else request.workloads[0][field] = value
    const body = expectProblem(await preview(request), 400, 'VALIDATION_FAILED')
    expect(issuesOf(body)).toContain(pointer)
  })

  it('422 for impossible plans, every issue listed with its pointer, the fourth workload included', async () => {
    const request = clone()
    const base = request.workloads[0]
    request.workloads = [
      base,
      { ...base, name: 'w1', model: 'claude-opus-9' },
      { ...base, name: 'w2', routeToModel: null },
      { ...base, name: 'w3', cacheablePrefixTokens: '7000' },
    ]
    request.levers[2] = { lever: 'routing', startMonth: 2, rampMonths: 0 }
    const body = expectProblem(await preview(request), 422, 'UNPROCESSABLE_PLAN')
    expect(issuesOf(body)).toEqual(
      expect.arrayContaining([
        '/workloads/1/model',
        '/workloads/2/routeToModel',
        '/workloads/3/cacheablePrefixTokens',
        '/levers/2/lever',
      ]),
    )
  })

  it('422 for an unknown price book, or one of another organization', async () => {
    const request = clone()
    request.priceBook = 'nope'
    expect(issuesOf(expectProblem(await preview(request), 422, 'UNPROCESSABLE'))).toEqual(['/priceBook'])
    const other = await createTenant(app, 'preview-other')
    await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(other.keys.write),
      payload: {
        slug: 'others-book',
        name: 'Theirs',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
      },
    })
    request.priceBook = 'others-book'
    expectProblem(await preview(request), 422, 'UNPROCESSABLE')
  })

  it("prices with the organization's own negotiated book", async () => {
    const created = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: bearer(tenant.keys.write),
      payload: {
        slug: 'half-price',
        name: 'Half price',
        effectiveFrom: '2027-01-01',
        basedOn: 'anthropic-list',
      },
    })
    const book = created.json()
    const models = book.models.map((m: Record<string, string>) => ({
      ...m,
      input: String(Number(m.input) / 2),
      output: String(Number(m.output) / 2),
    }))
    await call(app, {
      method: 'PATCH',
      url: `/v1/price-books/${book.id}`,
      headers: { ...bearer(tenant.keys.write), 'if-match': created.headers.etag as string },
      payload: { models },
    })
    const request = clone()
    request.priceBook = 'half-price'
    const body = (await preview(request)).json()
    expect(body.baseline.termSpend).toBe('100590.67')
  })

  it('needs a key, and the read scope is enough', async () => {
    expectProblem(
      await call(app, { method: 'POST', url: '/v1/plans/preview', payload: EXAMPLE }),
      401,
      'UNAUTHENTICATED',
    )
    expect((await preview(EXAMPLE, tenant.keys.read)).statusCode).toBe(200)
  })
})

describe('limits', () => {
  const workload = {
    name: 'w',
    model: 'claude-haiku-4-5',
    requestsPerMonth: '10',
    inputTokensPerRequest: '100',
    outputTokensPerRequest: '10',
    userWaiting: true,
  }
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...workload, name: `w${i}` }))

  it('400 above 10,000 workloads, 120 months or 20,000 simulations', async () => {
    const tooMany = { term: { start: '2027-01-01', months: 1 }, levers: [], workloads: many(10_001) }
    expect(issuesOfProblem(expectProblem(await preview(tooMany), 400, 'VALIDATION_FAILED'))).toContain(
      '/workloads',
    )
    const tooLong = { term: { start: '2027-01-01', months: 121 }, levers: [], workloads: many(1) }
    expect(issuesOfProblem(expectProblem(await preview(tooLong), 400, 'VALIDATION_FAILED'))).toContain(
      '/term/months',
    )
    const tooManyRuns = {
      term: { start: '2027-01-01', months: 12 },
      levers: [],
      workloads: many(1),
      commitment: { simulations: 20_001 },
    }
    expect(issuesOfProblem(expectProblem(await preview(tooManyRuns), 400, 'VALIDATION_FAILED'))).toContain(
      '/commitment/simulations',
    )
  })

  it('422 above 360,000 workload-months', async () => {
    const big = { term: { start: '2027-01-01', months: 120 }, levers: [], workloads: many(3001) }
    expectProblem(await preview(big), 422, 'PLAN_TOO_LARGE')
  })

  it('413 above the 16 MiB body limit', async () => {
    const huge = {
      term: { start: '2027-01-01', months: 1 },
      levers: [],
      workloads: [{ ...workload, kind: 'x'.repeat(17 * 1024 * 1024) }],
    }
    expectProblem(await preview(huge), 413, 'PAYLOAD_TOO_LARGE')
  })
})

function issuesOfProblem(body: { errors?: { pointer: string }[] }) {
  return body.errors?.map((e) => e.pointer) ?? []
}
