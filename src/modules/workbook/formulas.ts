import type { Lever } from '../../domain/index.js'
import { type Anchor, rangeRef, ref } from './cells.js'
import {
  BAND_WIDTH,
  CORNER_BIT,
  CORNERS,
  type PeriodColumn,
  PRICE_FIELDS,
  type PriceField,
  type Series,
  SHEETS,
  type WorkbookLayout,
} from './layout.js'

/**
 * The formula builder: every formula of the workbook, as text, from the layout alone. The formulas restate
 * docs/cost-model.md in spreadsheet terms (docs/spreadsheets.md, "Workbook", lists them); they are made of cell
 * references, numbers, operators, a handful of functions (SUM, SUMPRODUCT, INDEX, MATCH, IF, AND, MIN, MAX,
 * ISNUMBER) and the literals of {@link FORMULA_LITERALS} — never of any text a user wrote. Text cells that users
 * write (names, model ids) are read by reference only.
 */

/** The only string literals a formula contains (compared with input cells that hold them). */
export const FORMULA_LITERALS = ['us', '1h', 'list', ''] as const

/** The functions formulas use. */
export const FORMULA_FUNCTIONS = [
  'SUM',
  'SUMPRODUCT',
  'INDEX',
  'MATCH',
  'IF',
  'AND',
  'MIN',
  'MAX',
  'ISNUMBER',
] as const

const ROW: Anchor = { col: true }
const ABS: Anchor = { col: true, row: true }

/** The formulas of one workbook layout. */
export function formulasFor(layout: WorkbookLayout) {
  const { shape } = layout
  const n = shape.levers.length
  const W = SHEETS.workloads
  const RC = SHEETS.requestCosts
  const WM = SHEETS.workloadMonths
  const MO = SHEETS.monthly
  const A = SHEETS.assumptions
  const price = layout.assumptions.price
  const table = rangeRef(A, { col: 1, row: price.row(0) }, { col: price.lastColumn, row: price.lastRow })
  const modelIds = rangeRef(
    A,
    { col: price.model, row: price.row(0) },
    { col: price.model, row: price.lastRow },
  )
  const tiers = layout.assumptions.tiers
  const tierMinimums = rangeRef(
    A,
    { col: tiers.minCommit, row: tiers.row(0) },
    { col: tiers.minCommit, row: tiers.lastRow },
  )
  const tierDiscounts = rangeRef(
    A,
    { col: tiers.discountRate, row: tiers.row(0) },
    { col: tiers.discountRate, row: tiers.lastRow },
  )
  const overage = ref(A, layout.assumptions.commitment.value, layout.assumptions.commitment.row.overage, ABS)
  const leverRow = (lever: Lever) => layout.assumptions.levers.row(shape.levers.indexOf(lever))
  const summary = (key: keyof WorkbookLayout['summary']['row']) =>
    ref(SHEETS.summary, layout.summary.value, layout.summary.row[key], ABS)

  /** A whole column of the Workload months sheet (every workload's value in one month of one block). */
  const workloadColumn = (sheet: string, col: number) =>
    shape.workloads === 0
      ? null
      : rangeRef(
          sheet,
          { col, row: layout.workloadMonths.row(0) },
          { col, row: layout.workloadMonths.lastRow },
        )
  const sumOrZero = (range: string | null) => (range === null ? '0' : `SUM(${range})`)

  // ----- Monthly: the schedule -------------------------------------------------------------------------------

  /** f(m) = 0 before the start month s, then min(1, (m − s + 1) / max(k, 1)) (docs/cost-model.md, ramps). */
  function adoption(lever: Lever, m: number): string {
    const month = ref('', layout.monthly.month, layout.monthly.row(m), ROW)
    const start = ref(A, layout.assumptions.levers.startMonth, leverRow(lever), ABS)
    const ramp = ref(A, layout.assumptions.levers.rampMonths, leverRow(lever), ABS)
    return `IF(${month}<${start},0,MIN(1,(${month}-${start}+1)/MAX(${ramp},1)))`
  }

  /**
   * Π over the levers of `applied` of f (lever in corner c) or 1 − f (not in c): the share of requests in corner c
   * in month m when the levers of `applied` follow their schedules and the others are not applied. Null when c has
   * a lever outside `applied` (its share is 0).
   */
  function cornerShare(c: number, applied: readonly Lever[], m: number): string | null {
    const mask = applied.reduce((bits, lever) => bits | CORNER_BIT[lever], 0)
    if ((c & mask) !== c) return null
    if (applied.length === 0) return '1'
    return applied
      .map((lever) => {
        const f = ref('', layout.monthly.adoption[lever]!, layout.monthly.row(m), ROW)
        return c & CORNER_BIT[lever] ? f : `(1-${f})`
      })
      .join('*')
  }

  /** The share of requests in corner c in month m, as scheduled (null: 0, a lever the scenario does not list). */
  const weight = (c: number, m: number) => cornerShare(c, shape.levers, m)

  /** Σ over workloads of one block's month m (a portfolio month). */
  const portfolioMonth = (series: Series, m: number) =>
    sumOrZero(workloadColumn(WM, layout.workloadMonths.col(series, m)))

  /** Portfolio spend in month m if every request were in corner c: Σ_w requests_w(m) · cost_w(c). */
  function cornerSpend(c: number, m: number): string {
    const requests = workloadColumn(WM, layout.workloadMonths.col('requests', m))
    const cost = workloadColumn(RC, layout.requestCosts.corner(c))
    return requests === null || cost === null ? '0' : `SUMPRODUCT(${requests},${cost})`
  }

  /** Portfolio spend in month m with the first i levers on their schedules: Σ_c cornerSpend_c · share_c. */
  function bar(i: number, m: number): string {
    const applied = shape.levers.slice(0, i)
    const terms: string[] = []
    for (let c = 0; c < CORNERS; c++) {
      const share = cornerShare(c, applied, m)
      if (share === null) continue
      const spend = ref('', layout.monthly.cornerSpend!(c), layout.monthly.row(m), ROW)
      terms.push(share === '1' ? spend : `${spend}*${share}`)
    }
    return terms.join('+')
  }

  // ----- Term, years, run-rates ------------------------------------------------------------------------------

  const monthlyColumn = (col: number, first = 0, last = shape.months - 1) =>
    rangeRef(MO, { col, row: layout.monthly.row(first) }, { col, row: layout.monthly.row(last) })

  const termSpend = (series: Series) => `SUM(${monthlyColumn(layout.monthly[series])})`
  const runRate = (series: Series, which: 'start' | 'end') =>
    `12*${ref(MO, layout.monthly[series], layout.monthly.row(which === 'start' ? 0 : shape.months - 1), ABS)}`
  const yearSpend = (series: Series, y: number) => {
    const first = y * 12
    return `SUM(${monthlyColumn(layout.monthly[series], first, Math.min(first + 12, shape.months) - 1)})`
  }
  /** saving ÷ baseline, 0 when the baseline is 0. */
  const rate = (saving: string, baseline: string) => `IF(${baseline}=0,0,${saving}/${baseline})`

  // ----- Waterfall -------------------------------------------------------------------------------------------

  const wf = layout.waterfall
  function waterfallBefore(i: number): string {
    return i === 1 ? summary('baselineTerm') : ref('', wf.spendAfter, wf.row(i - 1))
  }
  function waterfallAfter(i: number): string {
    return i === n ? summary('optimizedTerm') : `SUM(${monthlyColumn(layout.monthly.bar(i))})`
  }
  const waterfallSavings = (i: number) =>
    `${ref('', wf.spendBefore, wf.row(i))}-${ref('', wf.spendAfter, wf.row(i))}`
  const waterfallTotal = (col: number) =>
    n === 0 ? '0' : `SUM(${rangeRef('', { col, row: wf.row(1) }, { col, row: wf.row(n) })})`

  // ----- Request costs ---------------------------------------------------------------------------------------

  /** The request-cost formulas of workload w (row w of the Workloads and Request costs sheets). */
  function requestCosts(w: number) {
    const row = layout.requestCosts.row(w)
    const wl = (col: number) => ref(W, col, layout.workloads.row(w), ROW)
    const rc = (col: number) => ref('', col, row, ROW)
    const L = layout.workloads
    const R = layout.requestCosts
    const index = (rowExpr: string, col: string | number) => `INDEX(${table},${rowExpr},${col})`

    /** The long-context band (0 = base rates) of a request with `input` tokens on price row `rowExpr`. */
    function band(rowExpr: string, input: string): string {
      let expr = '0'
      for (let b = 1; b <= shape.bands; b++) {
        const threshold = index(rowExpr, price.thresholdColumn(b))
        expr = `IF(AND(ISNUMBER(${threshold}),${input}>${threshold}),${b},${expr})`
      }
      return expr
    }

    const routed = rc(R.routed)
    const guard = (expr: string) => `IF(${routed},${expr},0)`
    const base = {
      row: rc(R.baseRow),
      band: rc(R.baseBand),
      input: wl(L.inputTokens),
      prefix: wl(L.prefixTokens),
      output: wl(L.outputTokens),
    }
    const routedTokens = {
      row: rc(R.routedRow),
      band: rc(R.routedBand),
      input: rc(R.routedInput),
      prefix: rc(R.routedPrefix),
      output: rc(R.routedOutput),
    }

    /** A token price per token: the table's per-MTok price of the band, times the residency multiplier, ÷ 10⁶. */
    function tokenPrice(tokens: typeof base, geo: string, field: PriceField | 'write'): string {
      const column = (f: PriceField) => price.priceColumn(0, f)
      const col =
        field === 'write'
          ? `IF(${wl(L.cacheTtl)}="1h",${column('write1h')},${column('write5m')})+${BAND_WIDTH}*${tokens.band}`
          : `${column(field)}+${BAND_WIDTH}*${tokens.band}`
      return `${index(tokens.row, col)}*${geo}/1000000`
    }

    function segment(name: 'base' | 'routed', tokens: typeof base) {
      const c = (col: Parameters<typeof R.segment>[1]) => rc(R.segment(name, col))
      const wrap = name === 'base' ? (expr: string) => expr : guard
      const multiplier = index(tokens.row, price.usMultiplier)
      const cached = (hitRate: string) =>
        `(${tokens.input}-${tokens.prefix})*${c('input')}+${tokens.prefix}*(${c('write')}-${hitRate}*(${c('write')}-${c('read')}))+${tokens.output}*${c('output')}`
      return {
        geoMultiplier: wrap(`IF(AND(${wl(L.inferenceGeo)}="us",ISNUMBER(${multiplier})),${multiplier},1)`),
        input: wrap(tokenPrice(tokens, c('geoMultiplier'), 'input')),
        output: wrap(tokenPrice(tokens, c('geoMultiplier'), 'output')),
        write: wrap(tokenPrice(tokens, c('geoMultiplier'), 'write')),
        read: wrap(tokenPrice(tokens, c('geoMultiplier'), 'read')),
        batchDiscount: wrap(index(tokens.row, price.batchDiscount)),
        minCacheable: wrap(index(tokens.row, price.minCacheable)),
        cacheable:
          name === 'base'
            ? `AND(${tokens.prefix}>0,${tokens.prefix}>=${c('minCacheable')})`
            : `AND(${routed},${tokens.prefix}>0,${tokens.prefix}>=${c('minCacheable')})`,
        uncached: wrap(`${tokens.input}*${c('input')}+${tokens.output}*${c('output')}`),
        today: wrap(
          `IF(AND(${wl(L.currentHitRate)}<>0,${c('cacheable')}),${cached(wl(L.currentHitRate))},${c('uncached')})`,
        ),
        target: wrap(
          `IF(${wl(L.targetHitRate)}="",${c('today')},IF(${c('cacheable')},${cached(wl(L.targetHitRate))},${c('uncached')}))`,
        ),
      }
    }

    /** A segment's cost in one (caching, batch) state: today's or the target's, times 1 − batch share · discount. */
    function segmentCorner(name: 'base' | 'routed', caching: boolean, batch: boolean): string {
      const cost = rc(R.segment(name, caching ? 'target' : 'today'))
      const share = wl(batch ? L.targetBatchShare : L.currentBatchShare)
      return `${cost}*(1-${share}*${rc(R.segment(name, 'batchDiscount'))})`
    }

    const corners: string[] = []
    for (let c = 0; c < CORNERS; c++) {
      const caching = (c & CORNER_BIT.caching) !== 0
      const batch = (c & CORNER_BIT.batch) !== 0
      if (!(c & CORNER_BIT.routing)) {
        corners.push(segmentCorner('base', caching, batch))
        continue
      }
      // Routed: a share routableShare of the requests runs on the target: x + share · (routed − x).
      const unrouted = rc(R.corner(c & ~CORNER_BIT.routing))
      corners.push(
        `IF(${routed},${unrouted}+${wl(L.routableShare)}*(${segmentCorner('routed', caching, batch)}-${unrouted}),${unrouted})`,
      )
    }

    return {
      baseRow: `MATCH(${wl(L.model)},${modelIds},0)`,
      baseBand: band(base.row, base.input),
      routed: `AND(${wl(L.routeToModel)}<>"",${wl(L.routableShare)}<>0)`,
      routedRow: guard(`MATCH(${wl(L.routeToModel)},${modelIds},0)`),
      tokenScale: `IF(${routed},${index(routedTokens.row, price.tokenizerRatio)}/${index(base.row, price.tokenizerRatio)},1)`,
      routedInput: `${base.input}*${rc(R.tokenScale)}`,
      routedPrefix: `${base.prefix}*${rc(R.tokenScale)}`,
      routedOutput: `${base.output}*${rc(R.tokenScale)}`,
      routedBand: guard(band(routedTokens.row, routedTokens.input)),
      base: segment('base', base),
      routedSegment: segment('routed', routedTokens),
      corners,
    }
  }

  // ----- Workload months and results -------------------------------------------------------------------------

  const WMrow = (w: number) => layout.workloadMonths.row(w)

  function workloadMonth(block: 'requests' | Series, w: number, m: number): string {
    const L = layout.workloads
    const row = WMrow(w)
    if (block === 'requests') {
      const wl = (col: number) => ref(W, col, L.row(w), ROW)
      return `${wl(L.requestsPerMonth)}*(1+${wl(L.growthRate)})^${m}`
    }
    const requests = ref('', layout.workloadMonths.col('requests', m), row)
    const corner = (c: number) => ref(RC, layout.requestCosts.corner(c), layout.requestCosts.row(w), ROW)
    if (block === 'baseline') return `${requests}*${corner(0)}`
    if (block === 'fullyOptimized') return `${requests}*${corner(layout.listedMask)}`
    const costs = rangeRef(
      RC,
      { col: layout.requestCosts.corner(0), row: layout.requestCosts.row(w) },
      { col: layout.requestCosts.corner(CORNERS - 1), row: layout.requestCosts.row(w) },
      ROW,
    )
    const shares = rangeRef(
      MO,
      { col: layout.monthly.weight(0), row: layout.monthly.row(m) },
      { col: layout.monthly.weight(CORNERS - 1), row: layout.monthly.row(m) },
      ABS,
    )
    return `${requests}*SUMPRODUCT(${costs},${shares})`
  }

  /** Workload w's months [first, last] of one series. */
  function workloadRange(series: Series, w: number, first = 0, last = shape.months - 1): string {
    const row = WMrow(w)
    return rangeRef(
      WM,
      { col: layout.workloadMonths.col(series, first), row },
      { col: layout.workloadMonths.col(series, last), row },
      ROW,
    )
  }

  function workloadResults(w: number) {
    const L = layout.workloads
    const own = (col: number) => ref('', col, L.row(w), ROW)
    const month = (series: Series, m: number) => ref(WM, layout.workloadMonths.col(series, m), WMrow(w), ROW)
    return {
      baselineTerm: `SUM(${workloadRange('baseline', w)})`,
      optimizedTerm: `SUM(${workloadRange('optimized', w)})`,
      fullyOptimizedTerm: `SUM(${workloadRange('fullyOptimized', w)})`,
      savingsScheduled: `${own(L.baselineTerm)}-${own(L.optimizedTerm)}`,
      savingsFull: `${own(L.baselineTerm)}-${own(L.fullyOptimizedTerm)}`,
      scheduledRate: rate(own(L.savingsScheduled), own(L.baselineTerm)),
      fullRate: rate(own(L.savingsFull), own(L.baselineTerm)),
      baselineStartRunRate: `12*${month('baseline', 0)}`,
      baselineEndRunRate: `12*${month('baseline', shape.months - 1)}`,
      optimizedStartRunRate: `12*${month('optimized', 0)}`,
      optimizedEndRunRate: `12*${month('optimized', shape.months - 1)}`,
      fullyOptimizedStartRunRate: `12*${month('fullyOptimized', 0)}`,
      fullyOptimizedEndRunRate: `12*${month('fullyOptimized', shape.months - 1)}`,
      year: (series: Series, y: number) =>
        `SUM(${workloadRange(series, w, y * 12, Math.min(y * 12 + 12, shape.months) - 1)})`,
    }
  }

  // ----- Options: the deterministic commitment figures -------------------------------------------------------

  function option(o: number) {
    const O = layout.options
    const own = (col: number) => ref('', col, O.row(o), ROW)
    const period = (p: number, column: PeriodColumn) => own(O.period(p, column))
    const periods = Array.from({ length: layout.periods }, (_, p) => p)
    const sum = (column: PeriodColumn) => periods.map((p) => period(p, column)).join('+')
    const discount = own(O.discountRate)
    const commit = own(O.commit)
    return {
      /** Under `annual` the total is the sum of the years' amounts (each an input); under `term` an input. */
      commit: shape.structure === 'annual' ? sum('commit') : null,
      discountRate: `INDEX(${tierDiscounts},MATCH(${commit},${tierMinimums},1))`,
      tier: `MATCH(${commit},${tierMinimums},1)-1`,
      payment: sum('payment'),
      stranded: sum('stranded'),
      coverage: `IF((${sum('consumption')})=0,1,(${sum('consumed')})/(${sum('consumption')}))`,
      utilization: `IF(${commit}=0,"",(${sum('consumed')})/${commit})`,
      period: (p: number) => {
        const c = period(p, 'commit')
        const consumption = period(p, 'consumption')
        return {
          commit: shape.structure === 'annual' ? null : `${commit}`,
          spend:
            shape.structure === 'annual'
              ? ref(SHEETS.years, layout.years.optimized, layout.years.row(p), ABS)
              : summary('optimizedTerm'),
          consumption: `${period(p, 'spend')}*(1-${discount})`,
          consumed: `MIN(${c},${consumption})`,
          payment: `IF(${overage}="list",${c}+MAX(0,${consumption}-${c})/(1-${discount}),MAX(${c},${consumption}))`,
          stranded: `MAX(0,${c}-${consumption})`,
        }
      },
    }
  }

  return {
    adoption,
    weight,
    portfolioMonth,
    cornerSpend,
    bar,
    termSpend,
    runRate,
    yearSpend,
    rate,
    waterfallBefore,
    waterfallAfter,
    waterfallSavings,
    waterfallTotal,
    requestCosts,
    workloadMonth,
    workloadResults,
    option,
    /** A reference to a Summary figure (for sheets that repeat one). */
    summary,
  }
}

export type WorkbookFormulas = ReturnType<typeof formulasFor>

/** True when the price table's band columns follow the base prices at a fixed stride (the builder relies on it). */
export function bandStrideHolds(layout: WorkbookLayout): boolean {
  const price = layout.assumptions.price
  for (let b = 1; b <= layout.shape.bands; b++) {
    for (const field of PRICE_FIELDS) {
      if (price.priceColumn(b, field) !== price.priceColumn(0, field) + BAND_WIDTH * b) return false
    }
  }
  return true
}

/**
 * A row number no sheet has (Excel's last row is 1,048,576): a workload's formulas are built once for this row and
 * then copied to every workload's row (all per-workload sheets put workload w on the same row), which is much
 * cheaper than building two million formulas one by one. No formula contains this number otherwise.
 */
const TEMPLATE_ROW = 1_048_577

/** Formulas built once for a template row and filled in for any row. */
export interface RowTemplate {
  /** The formulas of the row `row` (in the order the builder gave them). */
  fill(row: number): string[]
}

/**
 * The formulas `build` makes for the workload of row {@link TEMPLATE_ROW}, as a template for every workload: each
 * formula split at the template row's number and joined with the real one.
 */
export function rowTemplate(layout: WorkbookLayout, build: (w: number) => readonly string[]): RowTemplate {
  const w = TEMPLATE_ROW - layout.workloads.row(0)
  if (
    layout.workloads.row(w) !== TEMPLATE_ROW ||
    layout.requestCosts.row(w) !== TEMPLATE_ROW ||
    layout.workloadMonths.row(w) !== TEMPLATE_ROW
  )
    throw new Error('the per-workload sheets must put a workload on the same row')
  const marker = String(TEMPLATE_ROW)
  const parts = build(w).map((formula) => formula.split(marker))
  return {
    fill(row) {
      const text = String(row)
      return parts.map((pieces) => (pieces.length === 1 ? pieces[0]! : pieces.join(text)))
    },
  }
}
