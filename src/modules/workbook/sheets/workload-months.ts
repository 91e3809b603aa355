import { addMonths, formatIsoDate } from '../../../domain/calendar.js'
import { type CellValue, formula, text } from '../cells.js'
import { rowTemplate, type WorkbookFormulas } from '../formulas.js'
import { SHEETS, type WorkbookLayout } from '../layout.js'
import { FORMATS, live } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Workload months: one row per workload, four blocks of one column per month — the requests of the month
 * (volume × (1 + growth)^m), then the baseline, optimized and fully optimized spend (requests × the cost of a
 * request in that state; optimized mixes the eight lever corners by the month's shares on the Monthly sheet).
 */

const BLOCK_LABEL = {
  requests: 'Requests',
  baseline: 'Baseline',
  optimized: 'Optimized',
  fullyOptimized: 'Fully optimized',
} as const

export function workloadMonthsSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const WM = layout.workloadMonths
  const months = layout.shape.months
  const start = data.plan.termStart
  const columns: ColumnSpec[] = [{ header: 'Workload', width: 28 }]
  for (const block of WM.blocks) {
    const style = live(block === 'requests' ? FORMATS.count : FORMATS.money)
    for (let m = 0; m < months; m++) {
      const month = formatIsoDate(addMonths(start, m)).slice(0, 7)
      columns.push({ header: `${BLOCK_LABEL[block]} ${month} (m${m})`, width: 13, style })
    }
  }
  const spec: SheetSpec = {
    name: SHEETS.workloadMonths,
    columns,
    frozen: { rows: 1, columns: 1 },
    autoFilter: { headerRow: 1, lastRow: WM.lastRow, lastColumn: WM.lastColumn },
  }

  const columnsOfRow: number[] = []
  for (const block of WM.blocks) for (let m = 0; m < months; m++) columnsOfRow.push(WM.col(block, m))
  const template = rowTemplate(layout, (w) =>
    WM.blocks.flatMap((block) =>
      Array.from({ length: months }, (_, m) => formulas.workloadMonth(block, w, m)),
    ),
  )

  async function write(sheet: SheetWriter) {
    for (const [w, valid] of data.plan.workloads.entries()) {
      const cells: CellValue[] = new Array(WM.lastColumn)
      cells[WM.name - 1] = text(valid.name)
      template.fill(WM.row(w)).forEach((expression, i) => {
        cells[columnsOfRow[i]! - 1] = formula(expression)
      })
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
