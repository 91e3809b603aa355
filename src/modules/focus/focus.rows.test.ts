import { describe, expect, it } from 'vitest'
import type { CostRow } from './focus.columns.js'
import {
  commitmentPeriods,
  contractCommitmentRows,
  costAndUsageRows,
  dayAfter,
  type FocusPlan,
  type FocusWorkload,
} from './focus.rows.js'

/** A three-month plan of two workloads: 100 and 50 a month at list, a 10% discount on a 200 commitment. */
function plan(overrides: Partial<FocusPlan> = {}): FocusPlan {
  return {
    scenarioId: 's1',
    portfolio: { id: 'p1', name: 'Portfolio' },
    term: { start: '2027-01-01', months: 3, end: '2027-03-31' },
    structure: 'term',
    months: [
      { month: 0, start: '2027-01-01' },
      { month: 1, start: '2027-02-01' },
      { month: 2, start: '2027-03-01' },
    ],
    years: [{ year: 1, start: '2027-01-01', months: 3 }],
    recommendation: {
      commit: '200',
      discountRate: '0.100000',
      label: 'Recommended: commit $200 at 10% off',
      years: [{ year: 1, commit: '200' }],
    },
    overage: 'discounted',
    ...overrides,
  }
}

const workload = (id: string, monthly: string, requests = '1000'): FocusWorkload => ({
  id,
  name: id,
  team: null,
  inferenceGeo: 'global',
  model: 'claude-opus-4-5-20251101',
  routeToModel: null,
  requestsPerMonth: requests,
  monthlyGrowthRate: '0.1',
  months: [0, 1, 2].map((month) => ({
    month,
    baseline: monthly,
    optimized: monthly,
    fullyOptimized: monthly,
  })),
})
const WORKLOADS = [workload('w1', '100.00'), workload('w2', '50.00')]
const source = (items: FocusWorkload[]) =>
  async function* () {
    yield* items
  }

async function rowsOf(p: FocusPlan, items = WORKLOADS): Promise<CostRow[]> {
  const rows: CostRow[] = []
  for await (const row of costAndUsageRows(p, source(items))) rows.push(row)
  return rows
}

const sum = (rows: CostRow[], column: keyof CostRow) =>
  rows.reduce((total, row) => total + Math.round(Number(row[column] ?? 0) * 100), 0) / 100
const pick = (rows: CostRow[], ...columns: (keyof CostRow)[]) =>
  rows.map((row) => columns.map((c) => row[c] ?? null))

describe('the drawdown of a commitment', () => {
  it('draws month by month, then workload by workload; the month it runs out is split; beyond is billed at the discount', async () => {
    const rows = await rowsOf(plan())
    expect(
      pick(
        rows,
        'ChargeCategory',
        'x_WorkloadId',
        'ChargePeriodStart',
        'CommitmentDiscountStatus',
        'ListCost',
        'EffectiveCost',
        'BilledCost',
      ),
    ).toEqual([
      ['Purchase', null, '2027-01-01T00:00:00Z', null, '200.00', '0.00', '200.00'],
      ['Usage', 'w1', '2027-01-01T00:00:00Z', 'Used', '100.00', '90.00', '0.00'],
      ['Usage', 'w1', '2027-02-01T00:00:00Z', 'Used', '72.22', '65.00', '0.00'],
      ['Usage', 'w1', '2027-02-01T00:00:00Z', null, '27.78', '25.00', '25.00'],
      ['Usage', 'w1', '2027-03-01T00:00:00Z', null, '100.00', '90.00', '90.00'],
      ['Usage', 'w2', '2027-01-01T00:00:00Z', 'Used', '50.00', '45.00', '0.00'],
      ['Usage', 'w2', '2027-02-01T00:00:00Z', null, '50.00', '45.00', '45.00'],
      ['Usage', 'w2', '2027-03-01T00:00:00Z', null, '50.00', '45.00', '45.00'],
    ])
    const usage = rows.filter((r) => r.ChargeCategory === 'Usage')
    // FOCUS: a commitment's usage rows (Used + Unused) amortize exactly what its purchase billed.
    expect(
      sum(
        usage.filter((r) => r.CommitmentDiscountId),
        'EffectiveCost',
      ),
    ).toBe(200)
    expect(sum(usage, 'ListCost')).toBe(450)
    // Everything is paid once: the deterministic payment max(C, U·(1 − d)) = max(200, 405).
    expect(sum(rows, 'BilledCost')).toBe(405)
    expect(sum(rows, 'EffectiveCost')).toBe(405)
    // Requests follow the volume (1000 × 1.1^m), split with the list cost.
    expect(pick(rows.slice(2, 4), 'ConsumedQuantity', 'PricingQuantity')).toEqual([
      ['794.42', '794.42'],
      ['305.58', '305.58'],
    ])
    const used = rows[1]!
    expect(used).toMatchObject({
      PricingCategory: 'Committed',
      CommitmentDiscountCategory: 'Spend',
      CommitmentDiscountQuantity: '90.00',
      CommitmentDiscountUnit: 'USD',
      CommitmentDiscountId: 'urn:commit-planner:scenario:s1:commitment:term',
      ContractedCost: '100.00',
      ConsumedUnit: 'Requests',
      PricingUnit: 'Requests',
      ChargeFrequency: 'Usage-Based',
      BillingPeriodEnd: '2027-02-01T00:00:00Z',
    })
    expect(rows[3]).toMatchObject({ PricingCategory: 'Standard', ContractedCost: '25.00' })
    expect(rows[3]!.CommitmentDiscountId).toBeUndefined()
  })

  it('bills usage beyond the commitment at list price when the overage terms say so', async () => {
    const rows = await rowsOf(plan({ overage: 'list' }))
    const beyond = rows.filter((r) => r.ChargeCategory === 'Usage' && !r.CommitmentDiscountId)
    expect(pick(beyond, 'ListCost', 'BilledCost', 'EffectiveCost')).toEqual([
      ['27.78', '27.78', '27.78'],
      ['100.00', '100.00', '100.00'],
      ['50.00', '50.00', '50.00'],
      ['50.00', '50.00', '50.00'],
    ])
    // C + (the excess consumption at list): 200 + 227.78.
    expect(sum(rows, 'BilledCost')).toBe(427.78)
  })

  it('what the plan does not consume is an Unused row at the end of the period', async () => {
    const rows = await rowsOf(plan({ recommendation: { ...plan().recommendation, commit: '500' } }))
    const unused = rows.at(-1)!
    expect(unused).toMatchObject({
      ChargeCategory: 'Usage',
      CommitmentDiscountStatus: 'Unused',
      EffectiveCost: '95.00',
      BilledCost: '0.00',
      ListCost: '0.00',
      CommitmentDiscountQuantity: '95.00',
      PricingQuantity: '0.19',
      PricingUnit: 'Count',
      ChargePeriodStart: '2027-01-01T00:00:00Z',
      ChargePeriodEnd: '2027-04-01T00:00:00Z',
      BillingPeriodStart: '2027-03-01T00:00:00Z',
    })
    expect(unused.ConsumedQuantity).toBeUndefined()
    const usage = rows.filter((r) => r.ChargeCategory === 'Usage')
    expect(usage.filter((r) => r.CommitmentDiscountStatus === 'Used')).toHaveLength(6)
    expect(sum(usage, 'EffectiveCost')).toBe(500)
    expect(sum(rows, 'BilledCost')).toBe(500)
  })

  it('without a commitment, every row is usage at list price', async () => {
    const rows = await rowsOf(
      plan({
        recommendation: { ...plan().recommendation, commit: '0', discountRate: '0.000000', years: [] },
      }),
    )
    expect(rows).toHaveLength(6)
    for (const row of rows) {
      expect(row).toMatchObject({ ChargeCategory: 'Usage', PricingCategory: 'Standard' })
      expect(row.BilledCost).toBe(row.ListCost)
      expect(row.ChargeDescription).toMatch(/without a commitment$/)
    }
    expect(
      contractCommitmentRows(plan({ recommendation: { ...plan().recommendation, commit: '0' } })),
    ).toEqual([])
  })
})

/** A row's ContractApplied, parsed: its elements (null when the cell is null). */
const appliedOf = (row: CostRow) =>
  row.ContractApplied === undefined
    ? null
    : (JSON.parse(row.ContractApplied) as { Elements: Record<string, unknown>[] }).Elements
const TERM = 'urn:commit-planner:scenario:s1:commitment:term'
const CONTRACT = 'urn:commit-planner:scenario:s1:contract'

describe('ContractApplied (FOCUS 1.3)', () => {
  it('links the purchase, the drawn-down and the Unused rows to their commitment with the USD applied; nothing else', async () => {
    const rows = await rowsOf(plan({ recommendation: { ...plan().recommendation, commit: '300' } }))
    // 300 committed: Jan draws 90 + 45, Feb 90 + 45, Mar's w1 month the last 30 of it (split), the rest beyond.
    expect(
      rows.map((r) => [
        r.ChargeCategory,
        r.CommitmentDiscountStatus ?? null,
        appliedOf(r)?.[0]?.ContractCommitmentAppliedCost ?? null,
      ]),
    ).toEqual([
      ['Purchase', null, 300],
      ['Usage', 'Used', 90],
      ['Usage', 'Used', 90],
      ['Usage', 'Used', 30],
      ['Usage', null, null],
      ['Usage', 'Used', 45],
      ['Usage', 'Used', 45],
      ['Usage', null, null],
    ])
    expect(appliedOf(rows[1]!)).toEqual([
      {
        ContractId: CONTRACT,
        ContractCommitmentID: TERM,
        ContractCommitmentAppliedCost: 90,
        ContractCommitmentAppliedQuantity: null,
        ContractCommitmentAppliedUnit: null,
      },
    ])
    // The applied cost is the row's draw on the commitment, digit for digit: its EffectiveCost.
    expect(rows[3]!.ContractApplied).toContain('"ContractCommitmentAppliedCost":30.00,')
    for (const row of rows.filter((r) => r.CommitmentDiscountStatus === 'Used'))
      expect(row.ContractApplied).toContain(`"ContractCommitmentAppliedCost":${row.EffectiveCost},`)
    // FOCUS 1.3: a purchase's ContractCommitmentID is its ResourceId; usage rows name no resource.
    expect(rows[0]!.ResourceId).toBe(TERM)
    expect(rows.slice(1).every((r) => r.ResourceId === undefined)).toBe(true)
    // The usage rows apply exactly the commitment: Σ applied = C.
    const usage = rows.slice(1).flatMap((r) => appliedOf(r) ?? [])
    expect(
      usage.reduce((total, e) => total + Math.round(Number(e.ContractCommitmentAppliedCost) * 100), 0),
    ).toBe(30000)
  })

  it('an Unused row applies the stranded amount and names the commitment as its resource', async () => {
    const rows = await rowsOf(plan({ recommendation: { ...plan().recommendation, commit: '500' } }))
    const unused = rows.at(-1)!
    expect(unused.ResourceId).toBe(TERM)
    expect(appliedOf(unused)).toEqual([
      expect.objectContaining({ ContractCommitmentID: TERM, ContractCommitmentAppliedCost: 95 }),
    ])
  })

  it('without a commitment, no row has one', async () => {
    const rows = await rowsOf(
      plan({
        recommendation: { ...plan().recommendation, commit: '0', discountRate: '0.000000', years: [] },
      }),
    )
    expect(rows.every((r) => r.ContractApplied === undefined && r.ResourceId === undefined)).toBe(true)
  })
})

describe('annual commitments', () => {
  const annual = plan({
    term: { start: '2027-01-31', months: 14, end: '2028-03-30' },
    structure: 'annual',
    months: Array.from({ length: 14 }, (_, month) => ({ month, start: `m${month}` })),
    years: [
      { year: 1, start: '2027-01-31', months: 12 },
      { year: 2, start: '2028-01-31', months: 2 },
    ],
    recommendation: {
      commit: '1300',
      discountRate: '0.050000',
      label: 'Recommended',
      years: [
        { year: 1, commit: '1100' },
        { year: 2, commit: '200' },
      ],
    },
  })

  it('one period per contract year, with its own amount and dates', () => {
    expect(
      commitmentPeriods(annual).map((p) => [
        p.id,
        p.firstMonth,
        p.lastMonth,
        p.start,
        p.end,
        p.commit.toFixed(),
      ]),
    ).toEqual([
      ['urn:commit-planner:scenario:s1:commitment:year-1', 0, 11, '2027-01-31', '2028-01-31', '1100'],
      ['urn:commit-planner:scenario:s1:commitment:year-2', 12, 13, '2028-01-31', '2028-03-31', '200'],
    ])
    expect(
      contractCommitmentRows(annual).map((r) => [r.ContractCommitmentId, r.ContractCommitmentCost]),
    ).toEqual([
      ['urn:commit-planner:scenario:s1:commitment:year-1', '1100.00'],
      ['urn:commit-planner:scenario:s1:commitment:year-2', '200.00'],
    ])
    expect(contractCommitmentRows(annual)[1]).toMatchObject({
      ContractCommitmentCategory: 'Spend',
      ContractCommitmentPeriodStart: '2028-01-31T00:00:00Z',
      ContractCommitmentPeriodEnd: '2028-03-31T00:00:00Z',
      ContractPeriodStart: '2027-01-31T00:00:00Z',
      ContractPeriodEnd: '2028-03-31T00:00:00Z',
      ContractId: 'urn:commit-planner:scenario:s1:contract',
      BillingCurrency: 'USD',
    })
  })

  it('each year is drawn down by its own months', async () => {
    const w = {
      ...workload('w1', '100.00'),
      months: Array.from({ length: 14 }, (_, month) => ({
        month,
        baseline: '100.00',
        optimized: '100.00',
        fullyOptimized: '100.00',
      })),
    }
    const rows = await rowsOf(annual, [w])
    const purchases = rows.filter((r) => r.ChargeCategory === 'Purchase')
    expect(pick(purchases, 'BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd')).toEqual([
      ['1100.00', '2027-01-31T00:00:00Z', '2028-01-31T00:00:00Z'],
      ['200.00', '2028-01-31T00:00:00Z', '2028-03-31T00:00:00Z'],
    ])
    const byCommitment = (id: string) =>
      sum(
        rows.filter((r) => r.ChargeCategory === 'Usage' && r.CommitmentDiscountId === id),
        'EffectiveCost',
      )
    // Year 1: 12 × 95 = 1140 of consumption against 1100 committed; year 2: 190 against 200 (10 unused).
    expect(byCommitment('urn:commit-planner:scenario:s1:commitment:year-1')).toBe(1100)
    expect(byCommitment('urn:commit-planner:scenario:s1:commitment:year-2')).toBe(200)
    expect(rows.at(-1)).toMatchObject({ CommitmentDiscountStatus: 'Unused', EffectiveCost: '10.00' })
    // Each row's ContractApplied names its own year's commitment.
    for (const row of rows.filter((r) => r.CommitmentDiscountId))
      expect(appliedOf(row)?.map((e) => e.ContractCommitmentID)).toEqual([row.CommitmentDiscountId])
    expect(sum(rows, 'BilledCost')).toBe(1100 + 40 + 200)
  })
})

it('dayAfter crosses months, years and leap days', () => {
  expect(dayAfter('2027-12-31')).toBe('2028-01-01')
  expect(dayAfter('2028-02-28')).toBe('2028-02-29')
  expect(dayAfter('2028-02-29')).toBe('2028-03-01')
})
