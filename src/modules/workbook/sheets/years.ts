import { type CellValue, date, formula, num } from '../cells.js'
import type { WorkbookFormulas } from '../formulas.js'
import { SHEETS, type WorkbookLayout } from '../layout.js'
import { FORMATS, live, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Years: the portfolio's contract years (12 months from the term's start; the last one shorter): live sums of
 * their months, and the percentiles of the year's simulated optimized spend (values from the simulation).
 */
export function yearsSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const Y = layout.years
  const money = live(FORMATS.money)
  const simulated = value(FORMATS.dollars)
  const columns: ColumnSpec[] = [
    { header: 'Contract year', width: 9, style: live(FORMATS.integer) },
    { header: 'Start', width: 11, style: live(FORMATS.date) },
    { header: 'Months', width: 7, style: live(FORMATS.integer) },
    { header: 'Baseline', width: 15, style: money },
    { header: 'Optimized', width: 15, style: money },
    { header: 'Fully optimized', width: 15, style: money },
    { header: 'P10 simulated optimized (value)', width: 15, style: simulated },
    { header: 'P50 simulated optimized (value)', width: 15, style: simulated },
    { header: 'P90 simulated optimized (value)', width: 15, style: simulated },
  ]
  const spec: SheetSpec = {
    name: SHEETS.years,
    columns,
    frozen: { rows: 1, columns: 1 },
    autoFilter: { headerRow: 1, lastRow: Y.lastRow, lastColumn: Y.p90 },
  }

  async function write(sheet: SheetWriter) {
    for (const [y, year] of data.years.entries()) {
      const cells: CellValue[] = [
        year.year,
        date(year.start),
        year.months,
        formula(formulas.yearSpend('baseline', y)),
        formula(formulas.yearSpend('optimized', y)),
        formula(formulas.yearSpend('fullyOptimized', y)),
        num(year.percentiles.p10),
        num(year.percentiles.p50),
        num(year.percentiles.p90),
      ]
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
