import type { Lever } from '../../domain/index.js'

/**
 * Where everything is in the workbook: sheet names, and the row and column of every input and every figure. The
 * sheets write their cells at these places and the formula builder (`formulas.ts`) refers to them, so a formula
 * and the cell it reads can never disagree; tests read the figures back from the same places. Rows and columns are
 * 1-based (row 1 of every table sheet is its header).
 */

/** The sheets, in workbook order: the portfolio's totals first. */
export const SHEETS = {
  summary: 'Summary',
  years: 'Years',
  waterfall: 'Waterfall',
  monthly: 'Monthly',
  workloads: 'Workloads',
  workloadMonths: 'Workload months',
  requestCosts: 'Request costs',
  options: 'Options',
  warnings: 'Warnings',
  assumptions: 'Assumptions',
} as const

export type SheetKey = keyof typeof SHEETS

/** Bits of the levers in a corner of the lever cube (as the engine numbers them): routing 1, caching 2, batch 4. */
export const CORNER_BIT: Readonly<Record<Lever, number>> = { routing: 1, caching: 2, batch: 4 }
export const CORNERS = 8

/** Column numbers of a list of keys, from `first` on. */
function columnsOf<K extends string>(keys: readonly K[], first = 1): Record<K, number> {
  return Object.fromEntries(keys.map((key, i) => [key, first + i])) as Record<K, number>
}

/**
 * A plan's term figures — spend, savings, rates, run-rates — in order: the portfolio's are the Summary's first rows,
 * each workload's the result columns of the Workloads sheet (the same figure of one workload).
 */
export const TERM_RESULTS = [
  'baselineTerm',
  'optimizedTerm',
  'fullyOptimizedTerm',
  'savingsScheduled',
  'savingsFull',
  'scheduledRate',
  'fullRate',
  'baselineStartRunRate',
  'baselineEndRunRate',
  'optimizedStartRunRate',
  'optimizedEndRunRate',
  'fullyOptimizedStartRunRate',
  'fullyOptimizedEndRunRate',
] as const

/** The Summary's rows, in order (`null` is a blank row). */
export const SUMMARY_ROWS = [
  ...TERM_RESULTS,
  null,
  'recommendedCommit',
  'recommendedDiscount',
  'recommendedTier',
  'recommendedPayment',
  'recommendedStranded',
  'recommendedShortfall',
  'recommendedUtilization',
  'recommendedCoverage',
  'recommendedSavingsRate',
  'p10',
  'p50',
  'p90',
  'mean',
  'deterministicTermSpend',
  'explanation',
  'basis',
  null,
  'portfolio',
  'scenario',
  'priceBook',
  'termStart',
  'termMonths',
  'termEnd',
  'structure',
  'leverOrder',
  'planEtag',
  null,
  'legendInputs',
  'legendValues',
] as const

export type SummaryRow = Exclude<(typeof SUMMARY_ROWS)[number], null>

const MONTHLY_HEAD = ['month', 'start', 'contractYear'] as const
/** The spend series, in the order of every sheet's columns. */
export const SERIES = ['baseline', 'optimized', 'fullyOptimized'] as const
export type Series = (typeof SERIES)[number]

const WORKLOAD_INPUTS = [
  'name',
  'kind',
  'team',
  'tags',
  'model',
  'routeToModel',
  'requestsPerMonth',
  'inputTokens',
  'outputTokens',
  'prefixTokens',
  'currentHitRate',
  'targetHitRate',
  'cacheTtl',
  'userWaiting',
  'currentBatchShare',
  'targetBatchShare',
  'routableShare',
  'growthRate',
  'inferenceGeo',
  'observedMonthlySpend',
] as const
/** One model segment's columns on the Request costs sheet (the base model's, then the routing target's). */
export const SEGMENT_COLUMNS = [
  'geoMultiplier',
  'input',
  'output',
  'write',
  'read',
  'batchDiscount',
  'minCacheable',
  'cacheable',
  'uncached',
  'today',
  'target',
] as const
export type SegmentColumn = (typeof SEGMENT_COLUMNS)[number]

const REQUEST_HEAD = [
  'name',
  'baseRow',
  'baseBand',
  'routed',
  'routedRow',
  'tokenScale',
  'routedInput',
  'routedPrefix',
  'routedOutput',
  'routedBand',
] as const

/** The price table's columns before the long-context bands (Assumptions). */
const PRICE_HEAD = [
  'model',
  'displayName',
  'batchDiscount',
  'minCacheable',
  'tokenizerRatio',
  'usMultiplier',
  'input',
  'output',
  'write5m',
  'write1h',
  'read',
] as const
/** The five token prices of a rate, in the order of the price table. */
export const PRICE_FIELDS = ['input', 'output', 'write5m', 'write1h', 'read'] as const
export type PriceField = (typeof PRICE_FIELDS)[number]
/** Columns per long-context band: its threshold, then its five prices. */
export const BAND_WIDTH = 1 + PRICE_FIELDS.length

const OPTION_HEAD = [
  'option',
  'kinds',
  'label',
  'commit',
  'discountRate',
  'tier',
  'payment',
  'stranded',
  'coverage',
  'utilization',
] as const
export const PERIOD_COLUMNS = ['commit', 'spend', 'consumption', 'consumed', 'payment', 'stranded'] as const
export type PeriodColumn = (typeof PERIOD_COLUMNS)[number]
const OPTION_SIMULATED = [
  'expectedPayment',
  'expectedStranded',
  'expectedUtilization',
  'expectedCoverage',
  'shortfallProbability',
  'effectiveSavingsRate',
  'basis',
] as const

/** The commitment block of the Assumptions sheet, in order. */
export const COMMITMENT_ROWS = [
  'structure',
  'overage',
  'confidence',
  'proposedCommit',
  'simulations',
  'seed',
  'termStart',
  'termMonths',
] as const
export type CommitmentRow = (typeof COMMITMENT_ROWS)[number]

/** What the layout depends on: the plan's dimensions. */
export interface LayoutShape {
  workloads: number
  months: number
  /** Contract years of the term. */
  years: number
  /** The scenario's levers, in its order. */
  levers: readonly Lever[]
  structure: 'term' | 'annual'
  /** Models in the price table. */
  models: number
  /** Long-context bands of the model with the most. */
  bands: number
  /** The scenario's discount tiers (tier 0, no commitment, comes on top). */
  tiers: number
  options: number
  warnings: number
}

/** Builds the layout of a workbook of this shape. */
export function workbookLayout(shape: LayoutShape) {
  const { months, levers } = shape
  const n = levers.length
  const listedMask = levers.reduce((mask, lever) => mask | CORNER_BIT[lever], 0)
  const periods = shape.structure === 'annual' ? shape.years : 1

  // Summary
  const summaryRow = {} as Record<SummaryRow, number>
  SUMMARY_ROWS.forEach((key, i) => {
    if (key !== null) summaryRow[key] = i + 2
  })

  // Monthly: the portfolio's months, the schedule's weights, and (for a waterfall of 2+ levers) corner spends.
  const monthlyHead = columnsOf(MONTHLY_HEAD)
  let next = MONTHLY_HEAD.length + 1
  const adoption = {} as Partial<Record<Lever, number>>
  for (const lever of levers) adoption[lever] = next++
  const monthlySeries = columnsOf(SERIES, next)
  next += SERIES.length
  const barFirst = next
  next += Math.max(0, n - 1)
  const weightFirst = next
  next += CORNERS
  const needsCornerSpend = n >= 2
  const cornerSpendFirst = next
  if (needsCornerSpend) next += CORNERS
  const monthly = {
    ...monthlyHead,
    adoption,
    ...monthlySeries,
    /** Portfolio spend in month m with the first i levers applied (1 ≤ i < n). */
    bar: (i: number) => barFirst + i - 1,
    /** Share of requests in corner c this month, as scheduled. */
    weight: (c: number) => weightFirst + c,
    /** Portfolio spend in month m if every request were in corner c (only with 2+ levers). */
    cornerSpend: needsCornerSpend ? (c: number) => cornerSpendFirst + c : null,
    lastColumn: next - 1,
    row: (m: number) => 2 + m,
    lastRow: 1 + months,
  }

  const years = {
    ...columnsOf(['year', 'start', 'months', ...SERIES, 'p10', 'p50', 'p90'] as const),
    row: (y: number) => 2 + y,
    lastRow: 1 + shape.years,
  }

  const waterfall = {
    ...columnsOf([
      'step',
      'lever',
      'startMonth',
      'rampMonths',
      'spendBefore',
      'spendAfter',
      'savings',
      'shapley',
    ] as const),
    /** Step i (1-based, the scenario's order). */
    row: (i: number) => 1 + i,
    totalRow: 2 + n,
  }

  // Workloads: inputs, then results, then contract years, then Shapley values.
  const workloadInputs = columnsOf(WORKLOAD_INPUTS)
  const workloadResults = columnsOf(TERM_RESULTS, WORKLOAD_INPUTS.length + 1)
  const yearFirst = WORKLOAD_INPUTS.length + TERM_RESULTS.length + 1
  const shapleyFirst = yearFirst + shape.years * SERIES.length
  const workloads = {
    ...workloadInputs,
    ...workloadResults,
    year: (y: number, series: Series) => yearFirst + y * SERIES.length + SERIES.indexOf(series),
    shapley: (lever: Lever) => shapleyFirst + levers.indexOf(lever),
    lastColumn: shapleyFirst + n - 1,
    firstRow: 2,
    row: (w: number) => 2 + w,
    lastRow: 1 + shape.workloads,
  }

  /** Workload months: requests, then baseline, optimized and fully optimized spend, each a block of months. */
  const BLOCKS = ['requests', ...SERIES] as const
  const workloadMonths = {
    name: 1,
    blocks: BLOCKS,
    col: (block: (typeof BLOCKS)[number], m: number) => 2 + BLOCKS.indexOf(block) * months + m,
    lastColumn: 1 + BLOCKS.length * months,
    row: (w: number) => 2 + w,
    lastRow: 1 + shape.workloads,
  }

  const requestHead = columnsOf(REQUEST_HEAD)
  const baseFirst = REQUEST_HEAD.length + 1
  const routedFirst = baseFirst + SEGMENT_COLUMNS.length
  const cornerFirst = routedFirst + SEGMENT_COLUMNS.length
  const requestCosts = {
    ...requestHead,
    segment: (segment: 'base' | 'routed', column: SegmentColumn) =>
      (segment === 'base' ? baseFirst : routedFirst) + SEGMENT_COLUMNS.indexOf(column),
    /** Cost of one request in corner c of the lever cube. */
    corner: (c: number) => cornerFirst + c,
    lastColumn: cornerFirst + CORNERS - 1,
    row: (w: number) => 2 + w,
    lastRow: 1 + shape.workloads,
  }

  const optionHead = columnsOf(OPTION_HEAD)
  const periodFirst = OPTION_HEAD.length + 1
  const simulatedFirst = periodFirst + periods * PERIOD_COLUMNS.length
  const options = {
    ...optionHead,
    periods,
    period: (p: number, column: PeriodColumn) =>
      periodFirst + p * PERIOD_COLUMNS.length + PERIOD_COLUMNS.indexOf(column),
    ...columnsOf(OPTION_SIMULATED, simulatedFirst),
    lastColumn: simulatedFirst + OPTION_SIMULATED.length - 1,
    row: (o: number) => 2 + o,
    lastRow: 1 + shape.options,
  }

  const warnings = {
    ...columnsOf(['severity', 'code', 'amount', 'lever', 'workloads', 'message'] as const),
    row: (i: number) => 2 + i,
    lastRow: 1 + shape.warnings,
  }

  // Assumptions: the price table first (one row per model used), then the scenario's inputs in blocks.
  const priceHead = columnsOf(PRICE_HEAD)
  const priceLast = PRICE_HEAD.length + shape.bands * BAND_WIDTH
  const priceRow = (model: number) => 2 + model
  const priceLastRow = 1 + Math.max(1, shape.models)
  const leverTitle = priceLastRow + 2
  const tierTitle = leverTitle + 2 + Math.max(1, n) + 1
  const commitmentTitle = tierTitle + 2 + shape.tiers + 1 + 1
  const commitmentRow = {} as Record<CommitmentRow, number>
  COMMITMENT_ROWS.forEach((key, i) => {
    commitmentRow[key] = commitmentTitle + 1 + i
  })
  const assumptions = {
    price: {
      ...priceHead,
      /** Column of a token price: the base rate (band 0) or long-context band b ≥ 1. */
      priceColumn: (band: number, field: PriceField) =>
        band === 0
          ? priceHead[field]
          : PRICE_HEAD.length + (band - 1) * BAND_WIDTH + 2 + PRICE_FIELDS.indexOf(field),
      thresholdColumn: (band: number) => PRICE_HEAD.length + (band - 1) * BAND_WIDTH + 1,
      lastColumn: priceLast,
      row: priceRow,
      lastRow: priceLastRow,
    },
    levers: {
      titleRow: leverTitle,
      headerRow: leverTitle + 1,
      ...columnsOf(['order', 'lever', 'startMonth', 'rampMonths'] as const),
      /** The i-th lever of the scenario (0-based). */
      row: (i: number) => leverTitle + 2 + i,
    },
    tiers: {
      titleRow: tierTitle,
      headerRow: tierTitle + 1,
      ...columnsOf(['tier', 'minCommit', 'discountRate'] as const),
      /** Tier t (0 = no commitment). */
      row: (t: number) => tierTitle + 2 + t,
      lastRow: tierTitle + 2 + shape.tiers,
    },
    commitment: { titleRow: commitmentTitle, label: 1, value: 2, row: commitmentRow },
  }

  return {
    shape,
    listedMask,
    periods,
    summary: { label: 1, value: 2, source: 3, row: summaryRow },
    monthly,
    years,
    waterfall,
    workloads,
    workloadMonths,
    requestCosts,
    options,
    warnings,
    assumptions,
  }
}

export type WorkbookLayout = ReturnType<typeof workbookLayout>
