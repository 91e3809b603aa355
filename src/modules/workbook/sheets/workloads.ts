import type { Decimal } from '../../../domain/index.js'
import { type CellValue, formula, num, text } from '../cells.js'
import { rowTemplate, type WorkbookFormulas } from '../formulas.js'
import { SERIES, type Series, SHEETS, TERM_RESULTS, type WorkbookLayout } from '../layout.js'
import { FORMATS, input, live, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Workloads: one row per workload — its inputs as the engine used them (every default applied, models by their
 * canonical id), then its live term spend, savings, run-rates and contract years (sums of its months on the
 * Workload months sheet), then its Shapley values (written as values).
 */

const d = (x: Decimal | null) => (x === null ? null : num(x.toString()))
const SERIES_LABEL: Record<Series, string> = {
  baseline: 'baseline',
  optimized: 'optimized',
  fullyOptimized: 'fully optimized',
}

export function workloadsSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const L = layout.workloads
  const money = live(FORMATS.money)
  const percent = live(FORMATS.percent)
  const columns: ColumnSpec[] = [
    { header: 'Workload', width: 28 },
    { header: 'Kind', width: 14 },
    { header: 'Team', width: 14 },
    { header: 'Tags', width: 14 },
    { header: 'Model', width: 28, style: input() },
    { header: 'Route to model (blank: none)', width: 28, style: input() },
    { header: 'Requests per month', width: 13, style: input(FORMATS.count) },
    { header: 'Input tokens per request', width: 11, style: input(FORMATS.count) },
    { header: 'Output tokens per request', width: 11, style: input(FORMATS.count) },
    { header: 'Cacheable prefix tokens', width: 11, style: input(FORMATS.count) },
    { header: 'Current cache hit rate (0: not caching)', width: 11, style: input(FORMATS.percent) },
    { header: 'Target cache hit rate (blank: no caching lever)', width: 11, style: input(FORMATS.percent) },
    { header: 'Cache TTL (5m or 1h)', width: 8, style: input() },
    { header: 'User waiting', width: 8 },
    { header: 'Current batch share', width: 10, style: input(FORMATS.percent) },
    { header: 'Target batch share', width: 10, style: input(FORMATS.percent) },
    { header: 'Routable share', width: 10, style: input(FORMATS.percent) },
    { header: 'Monthly growth rate', width: 10, style: input(FORMATS.percent) },
    { header: 'Inference geo (global or us)', width: 9, style: input() },
    { header: 'Observed monthly spend (not used in the figures)', width: 13, style: value(FORMATS.money) },
    { header: 'Baseline term spend', width: 15, style: money },
    { header: 'Optimized term spend', width: 15, style: money },
    { header: 'Fully optimized term spend', width: 15, style: money },
    { header: 'Savings as scheduled', width: 15, style: money },
    { header: 'Savings fully optimized', width: 15, style: money },
    { header: 'Scheduled savings rate', width: 10, style: percent },
    { header: 'Full savings rate', width: 10, style: percent },
    { header: 'Baseline start run-rate', width: 15, style: money },
    { header: 'Baseline end run-rate', width: 15, style: money },
    { header: 'Optimized start run-rate', width: 15, style: money },
    { header: 'Optimized end run-rate', width: 15, style: money },
    { header: 'Fully optimized start run-rate', width: 15, style: money },
    { header: 'Fully optimized end run-rate', width: 15, style: money },
  ]
  for (let y = 0; y < layout.shape.years; y++) {
    for (const series of SERIES) {
      columns.push({ header: `Year ${y + 1} ${SERIES_LABEL[series]}`, width: 15, style: money })
    }
  }
  for (const lever of layout.shape.levers) {
    columns.push({ header: `Shapley ${lever} (value)`, width: 14, style: value(FORMATS.money) })
  }
  const spec: SheetSpec = {
    name: SHEETS.workloads,
    columns,
    frozen: { rows: 1, columns: 1 },
    autoFilter: { headerRow: 1, lastRow: L.lastRow, lastColumn: L.lastColumn },
  }

  const resultColumns = [
    ...TERM_RESULTS.map((key) => L[key]),
    ...Array.from({ length: layout.shape.years }, (_, y) => SERIES.map((series) => L.year(y, series))).flat(),
  ]
  const template = rowTemplate(layout, (w) => {
    const results = formulas.workloadResults(w)
    return [
      ...TERM_RESULTS.map((key) => results[key]),
      ...Array.from({ length: layout.shape.years }, (_, y) =>
        SERIES.map((series) => results.year(series, y)),
      ).flat(),
    ]
  })

  async function write(sheet: SheetWriter) {
    const figures = data.workloadFigures()[Symbol.asyncIterator]()
    for (const [w, valid] of data.plan.workloads.entries()) {
      const stored = data.stored[w]!
      const next = await figures.next()
      const shapley = next.done ? {} : next.value.shapley
      const cells: CellValue[] = new Array(L.lastColumn).fill(null)
      const put = (col: number, cell: CellValue) => {
        cells[col - 1] = cell
      }
      put(L.name, text(valid.name))
      put(L.kind, text(valid.kind))
      put(L.team, text(stored.team))
      put(L.tags, text(stored.tags.join(', ')))
      put(L.model, text(valid.model.modelId))
      put(L.routeToModel, text(valid.routeToModel?.modelId ?? null))
      put(L.requestsPerMonth, d(valid.requestsPerMonth))
      put(L.inputTokens, d(valid.inputTokens))
      put(L.outputTokens, d(valid.outputTokens))
      put(L.prefixTokens, d(valid.prefixTokens))
      put(L.currentHitRate, d(valid.currentHitRate))
      put(L.targetHitRate, d(valid.targetHitRate))
      put(L.cacheTtl, text(valid.cacheTtl))
      put(L.userWaiting, valid.userWaiting)
      put(L.currentBatchShare, d(valid.currentBatchShare))
      put(L.targetBatchShare, d(valid.targetBatchShare))
      put(L.routableShare, d(valid.routableShare))
      put(L.growthRate, d(valid.growthRate))
      put(L.inferenceGeo, text(valid.inferenceGeo))
      put(L.observedMonthlySpend, d(valid.observedMonthlySpend))
      template.fill(L.row(w)).forEach((expression, i) => {
        put(resultColumns[i]!, formula(expression))
      })
      for (const lever of layout.shape.levers) {
        put(L.shapley(lever), num((shapley as Record<string, string | undefined>)[lever]))
      }
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
