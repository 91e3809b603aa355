import { Decimal, dec, type MonthOf, ONE, ROUNDING, ZERO } from '../../domain/index.js'
import type { CommitmentRow, CostRow } from './focus.columns.js'

/**
 * A stored plan as FOCUS rows (docs/spreadsheets.md, "FOCUS export"). The projected spend is the deterministic
 * optimized series — the forecast to budget with — and the commitment is the recommended one. Each commitment
 * period (the term, or each contract year under `structure: annual`) is a spend commitment bought up front
 * (a Purchase row) and drawn down by usage month after month, and within a month by workload in plan order, at
 * the discount its total earns: usage it covers is billed nothing more (Status Used), usage beyond it is billed
 * as the contract's overage says, and what it leaves unconsumed at the period's end is an Unused row. Every
 * amount is cents, computed exactly from the plan's cent figures, so the rows add up to the cent:
 *
 * - Σ ListCost of the usage rows = Σ of the plan's workload-month optimized spend;
 * - per commitment, Σ EffectiveCost of its usage rows (Used + Unused) = the BilledCost of its purchase;
 * - Σ BilledCost = Σ EffectiveCost = the deterministic payment (commitments plus overage);
 * - per commitment, Σ ContractCommitmentAppliedCost of ContractApplied over its usage rows (Used + Unused) = its
 *   ContractCommitmentCost, and its Purchase row applies the whole of it.
 */

/** What the rows are built from: the plan's headline figures and the scenario's settings. */
export interface FocusPlan {
  scenarioId: string
  portfolio: { id: string; name: string }
  term: { start: string; months: number; end: string }
  structure: 'term' | 'annual'
  months: readonly { month: number; start: string }[]
  years: readonly { year: number; start: string; months: number }[]
  recommendation: {
    commit: string
    discountRate: string
    label: string
    years: readonly { year: number; commit: string }[]
  }
  /** How usage beyond the commitment is billed (the scenario's `commitment.overage`). */
  overage: 'discounted' | 'list'
}

/** One workload of the plan: who it is, and its monthly series. */
export interface FocusWorkload {
  id: string
  name: string
  team: string | null
  inferenceGeo: string
  model: string
  routeToModel: string | null
  requestsPerMonth: string
  monthlyGrowthRate: string
  months: readonly MonthOf<string>[]
}

/** The workloads in plan order; called once per pass over them (the rows need two). */
export type WorkloadSource = () => AsyncIterable<FocusWorkload>

/** A commitment period: the term, or one contract year. */
export interface CommitmentPeriod {
  id: string
  /** `the term …` or `contract year 2 of 3 …`, for descriptions. */
  title: string
  /** CommitmentDiscountName. */
  name: string
  firstMonth: number
  lastMonth: number
  start: string
  /** Exclusive end (the day after its last day). */
  end: string
  commit: Decimal
}

const PROVIDER = 'Anthropic'
const COMMON: CostRow = {
  BillingCurrency: 'USD',
  HostProviderName: PROVIDER,
  InvoiceIssuerName: PROVIDER,
  ProviderName: PROVIDER,
  PublisherName: PROVIDER,
  ServiceCategory: 'AI and Machine Learning',
  ServiceName: 'Claude API',
  ServiceProviderName: PROVIDER,
  ServiceSubcategory: 'Generative AI',
}
const REGION_NAMES: Record<string, string> = { global: 'Global', us: 'United States' }

const cents = (value: Decimal) => value.toDecimalPlaces(2, ROUNDING.money)
const money = (value: Decimal) => value.toFixed(2)
const instant = (date: string) => `${date}T00:00:00Z`

/** The day after a `YYYY-MM-DD` date. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/** The scenario's contract, which every commitment period belongs to. */
export const contractId = (scenarioId: string) => `urn:commit-planner:scenario:${scenarioId}:contract`

/** The commitment periods of the recommended commitment, each with its amount. */
export function commitmentPeriods(plan: FocusPlan): CommitmentPeriod[] {
  const base = `urn:commit-planner:scenario:${plan.scenarioId}:commitment`
  const termEnd = dayAfter(plan.term.end)
  if (plan.structure !== 'annual') {
    return [
      {
        id: `${base}:term`,
        title: `the term ${plan.term.start} to ${plan.term.end}`,
        name: 'Committed spend, term',
        firstMonth: 0,
        lastMonth: plan.term.months - 1,
        start: plan.term.start,
        end: termEnd,
        commit: dec(plan.recommendation.commit),
      },
    ]
  }
  let first = 0
  return plan.years.map((year, i) => {
    const next = plan.years[i + 1]
    const end = next ? next.start : termEnd
    const period: CommitmentPeriod = {
      id: `${base}:year-${year.year}`,
      title: `contract year ${year.year} of ${plan.years.length} (${year.start} to ${next ? lastDay(next.start) : plan.term.end})`,
      name: `Committed spend, contract year ${year.year} of ${plan.years.length}`,
      firstMonth: first,
      lastMonth: first + year.months - 1,
      start: year.start,
      end,
      commit: dec(plan.recommendation.years.find((y) => y.year === year.year)?.commit ?? '0'),
    }
    first += year.months
    return period
  })
}

/** The day before a `YYYY-MM-DD` date. */
function lastDay(exclusiveEnd: string): string {
  const day = new Date(`${exclusiveEnd}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() - 1)
  return day.toISOString().slice(0, 10)
}

/** The rows of the Contract Commitment dataset: one per commitment period (none without a commitment). */
export function contractCommitmentRows(plan: FocusPlan): CommitmentRow[] {
  if (dec(plan.recommendation.commit).isZero()) return []
  const contract = contractId(plan.scenarioId)
  return commitmentPeriods(plan).map((period) => ({
    BillingCurrency: 'USD',
    ContractCommitmentCategory: 'Spend',
    ContractCommitmentCost: money(period.commit),
    ContractCommitmentDescription: `Committed spend for ${period.title} (the recommendation: ${plan.recommendation.label})`,
    ContractCommitmentId: period.id,
    ContractCommitmentPeriodEnd: instant(period.end),
    ContractCommitmentPeriodStart: instant(period.start),
    ContractCommitmentType: 'Committed Spend',
    ContractId: contract,
    ContractPeriodEnd: instant(dayAfter(plan.term.end)),
    ContractPeriodStart: instant(plan.term.start),
  }))
}

/** Requests of a workload month by month (volume × (1 + growth)^m), each month's growth factor computed once. */
function requestSeries(workload: FocusWorkload, months: number, cache: Map<string, Decimal[]>): Decimal[] {
  let factors = cache.get(workload.monthlyGrowthRate)
  if (!factors) {
    const step = ONE.plus(dec(workload.monthlyGrowthRate))
    factors = [ONE]
    for (let m = 1; m < months; m++) factors.push(factors[m - 1]!.times(step))
    cache.set(workload.monthlyGrowthRate, factors)
  }
  const volume = dec(workload.requestsPerMonth)
  return factors.map((factor) => volume.times(factor))
}

const quantity = (value: Decimal, places = 6) => value.toDecimalPlaces(places, ROUNDING.money).toFixed()

/**
 * The rows of the Cost and Usage dataset: the commitment's Purchase rows, then one usage row per workload and
 * month (two where the commitment runs out inside it: the part drawn down and the part beyond), then an
 * Unused row for every period the plan does not consume in full.
 */
export async function* costAndUsageRows(plan: FocusPlan, workloads: WorkloadSource): AsyncGenerator<CostRow> {
  const periods = commitmentPeriods(plan)
  const periodOf: CommitmentPeriod[] = []
  for (const period of periods)
    for (let m = period.firstMonth; m <= period.lastMonth; m++) periodOf[m] = period
  const keep = ONE.minus(dec(plan.recommendation.discountRate))
  const discounted = (list: Decimal) => cents(list.times(keep))
  const account: CostRow = {
    ...COMMON,
    BillingAccountId: plan.portfolio.id,
    BillingAccountName: plan.portfolio.name,
  }
  const monthEnd = (m: number) => plan.months[m + 1]?.start ?? dayAfter(plan.term.end)

  const applied = new Map(periods.map((period) => [period, contractAppliedOf(plan, period)]))

  // Pass 1: each month's consumption at the discount, so that the drawdown knows what is left at its start.
  const consumed: Decimal[] = plan.months.map(() => ZERO)
  for await (const workload of workloads()) {
    for (const month of workload.months) {
      consumed[month.month] = consumed[month.month]!.plus(discounted(dec(month.optimized)))
    }
  }
  const leftAtStart: Decimal[] = []
  const used = new Map<CommitmentPeriod, Decimal>()
  for (const period of periods) {
    let left = period.commit
    for (let m = period.firstMonth; m <= period.lastMonth; m++) {
      leftAtStart[m] = left
      left = Decimal.max(ZERO, left.minus(consumed[m] ?? ZERO))
    }
    used.set(period, period.commit.minus(left))
  }

  for (const period of periods) {
    if (period.commit.isZero()) continue
    yield {
      ...account,
      BilledCost: money(period.commit),
      BillingPeriodEnd: instant(monthEnd(period.firstMonth)),
      BillingPeriodStart: instant(period.start),
      ChargeCategory: 'Purchase',
      ChargeDescription: `Committed spend for ${period.title}, paid up front (the recommendation: ${plan.recommendation.label})`,
      ChargeFrequency: 'One-Time',
      ChargePeriodEnd: instant(period.end),
      ChargePeriodStart: instant(period.start),
      ...commitmentOf(period, period.commit),
      ContractApplied: applied.get(period)!(money(period.commit)),
      ContractedCost: money(period.commit),
      EffectiveCost: '0.00',
      ListCost: money(period.commit),
      PricingCategory: 'Standard',
      PricingQuantity: '1',
      PricingUnit: 'Count',
      ResourceId: period.id,
    }
  }

  // Pass 2: the usage rows. drawnBefore[m] is what earlier workloads of month m drew from its commitment.
  // A row inherits what it shares with its month's other rows from a prototype made once per month (and kind of
  // row): 360,000 rows then allocate only their own dozen cells, not forty each.
  const drawnBefore: Decimal[] = plan.months.map(() => ZERO)
  const growth = new Map<string, Decimal[]>()
  const beyond = plan.overage === 'list' ? 'at list price' : 'at the discounted price'
  const uncommitted = periods.every((period) => period.commit.isZero())
  const monthly = plan.months.map((month, m) => {
    const period = periodOf[m]!
    const when = Object.assign(Object.create(account) as CostRow, {
      BillingPeriodEnd: instant(monthEnd(m)),
      BillingPeriodStart: instant(month.start),
      ChargeCategory: 'Usage',
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: instant(monthEnd(m)),
      ChargePeriodStart: instant(month.start),
      ConsumedUnit: 'Requests',
      PricingUnit: 'Requests',
    } satisfies CostRow)
    const { CommitmentDiscountQuantity: _perRow, ...commitment } = commitmentOf(period, ZERO)
    return {
      period,
      applied: applied.get(period)!,
      what: ` in the month from ${month.start}`,
      drawn: Object.assign(Object.create(when) as CostRow, {
        ...commitment,
        BilledCost: '0.00',
        CommitmentDiscountStatus: 'Used',
        PricingCategory: 'Committed',
      } satisfies CostRow),
      beyond: Object.assign(Object.create(when) as CostRow, {
        PricingCategory: 'Standard',
      } satisfies CostRow),
      drawnText: `, drawn from the committed spend of ${period.title}`,
      beyondText: uncommitted
        ? ', without a commitment'
        : `, beyond the committed spend of ${period.title}, billed ${beyond}`,
    }
  })
  for await (const workload of workloads()) {
    const requests = requestSeries(workload, plan.months.length, growth)
    const regionName = REGION_NAMES[workload.inferenceGeo] ?? workload.inferenceGeo
    const what = `Projected Claude API usage of workload '${workload.name}'`
    /** A row of this workload on `base`, with its own cells. */
    const rowOf = (base: CostRow, cells: CostRow): CostRow => {
      const row = Object.create(base) as CostRow
      row.RegionId = workload.inferenceGeo
      row.RegionName = regionName
      row.x_WorkloadId = workload.id
      row.x_WorkloadName = workload.name
      if (workload.team !== null) row.x_Team = workload.team
      row.x_Model = workload.model
      if (workload.routeToModel !== null) row.x_RouteToModel = workload.routeToModel
      return Object.assign(row, cells)
    }
    for (const month of workload.months) {
      const m = month.month
      const shared = monthly[m]!
      const period = shared.period
      const list = dec(month.optimized)
      const consumption = discounted(list)
      const left = Decimal.max(ZERO, leftAtStart[m]!.minus(drawnBefore[m]!))
      drawnBefore[m] = drawnBefore[m]!.plus(consumption)
      const drawn = Decimal.min(consumption, left)
      const covered = !period.commit.isZero() && left.gt(ZERO)
      // The list price of the part drawn down: all of it, or (the commitment running out) its share.
      const listDrawn = !covered
        ? ZERO
        : drawn.eq(consumption)
          ? list
          : Decimal.min(list, cents(drawn.div(keep)))
      const requestsDrawn = list.isZero() ? requests[m]! : requests[m]!.times(listDrawn).div(list)
      const requestsDrawnText = quantity(covered ? requestsDrawn : ZERO)
      if (covered) {
        const amount = money(listDrawn)
        yield rowOf(shared.drawn, {
          ChargeDescription: `${what}${shared.what}${shared.drawnText}`,
          CommitmentDiscountQuantity: money(drawn),
          ConsumedQuantity: requestsDrawnText,
          ContractApplied: shared.applied(money(drawn)),
          ContractedCost: amount,
          EffectiveCost: money(drawn),
          ListCost: amount,
          PricingQuantity: requestsDrawnText,
        })
      }
      if (!covered || drawn.lt(consumption)) {
        const listBeyond = list.minus(listDrawn)
        const billed = money(plan.overage === 'list' ? listBeyond : consumption.minus(drawn))
        const requestsBeyond = quantity(
          Decimal.max(ZERO, requests[m]!.minus(covered ? dec(requestsDrawnText) : ZERO)),
        )
        yield rowOf(shared.beyond, {
          BilledCost: billed,
          ChargeDescription: `${what}${shared.what}${shared.beyondText}`,
          ConsumedQuantity: requestsBeyond,
          ContractedCost: billed,
          EffectiveCost: billed,
          ListCost: money(listBeyond),
          PricingQuantity: requestsBeyond,
        })
      }
    }
  }

  for (const period of periods) {
    const unused = period.commit.minus(used.get(period) ?? ZERO)
    if (period.commit.isZero() || !unused.gt(ZERO)) continue
    yield {
      ...account,
      BilledCost: '0.00',
      BillingPeriodEnd: instant(period.end),
      BillingPeriodStart: instant(plan.months[period.lastMonth]!.start),
      ChargeCategory: 'Usage',
      ChargeDescription: `Committed spend of ${period.title} that the plan does not consume (stranded)`,
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: instant(period.end),
      ChargePeriodStart: instant(period.start),
      ...commitmentOf(period, unused),
      CommitmentDiscountStatus: 'Unused',
      ContractApplied: applied.get(period)!(money(unused)),
      ContractedCost: '0.00',
      EffectiveCost: money(unused),
      ListCost: '0.00',
      PricingCategory: 'Committed',
      PricingQuantity: quantity(unused.div(period.commit), 10),
      PricingUnit: 'Count',
      ResourceId: period.id,
    }
  }
}

/**
 * The ContractApplied cell of a row that applies an amount (a decimal string, in USD) of `period`'s contract
 * commitment: FOCUS 1.3's JSON object, one element under "Elements". The keys are spelled as 1.3's requirements
 * (and its requirements model) spell them, `ContractId` but `ContractCommitmentID`; all four FOCUS-defined keys
 * of an element are present, the quantity and its unit null because a spend commitment is drawn down in money.
 * The amount is written as the JSON number it is, digit for digit (never through a JS number). Built once per
 * period and finished per row: it is a cell of every drawn-down row.
 */
function contractAppliedOf(plan: FocusPlan, period: CommitmentPeriod): (amount: string) => string {
  const head = `{"Elements":[{"ContractId":${JSON.stringify(contractId(plan.scenarioId))},"ContractCommitmentID":${JSON.stringify(period.id)},"ContractCommitmentAppliedCost":`
  const tail = ',"ContractCommitmentAppliedQuantity":null,"ContractCommitmentAppliedUnit":null}]}'
  return (amount) => `${head}${amount}${tail}`
}

/** The CommitmentDiscount* cells of a row of `period`, for `amount` USD of it. */
function commitmentOf(period: CommitmentPeriod, amount: Decimal): CostRow {
  return {
    CommitmentDiscountCategory: 'Spend',
    CommitmentDiscountId: period.id,
    CommitmentDiscountName: period.name,
    CommitmentDiscountQuantity: money(amount),
    CommitmentDiscountType: 'Committed Spend',
    CommitmentDiscountUnit: 'USD',
  }
}
