import { type CellValue, date, formula } from '../cells.js'
import type { WorkbookFormulas } from '../formulas.js'
import { CORNERS, SERIES, SHEETS, type WorkbookLayout } from '../layout.js'
import { FORMATS, live } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'
import { cornerName } from './request-costs.js'

/**
 * Monthly: the portfolio month by month — each listed lever's adoption (from its start month and ramp on the
 * Assumptions sheet), the three series (sums of the workloads' months), and the calculation columns the other
 * sheets read: the share of requests in each corner of the lever cube this month (what a workload's optimized
 * month mixes its corner costs by), and, for a waterfall of two or more levers, the portfolio's spend in each
 * corner and with the first levers only (the waterfall's bars).
 */
export function monthlySheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const M = layout.monthly
  const { levers, months } = layout.shape
  const money = live(FORMATS.money)
  const columns: ColumnSpec[] = [
    { header: 'Month', width: 7, style: live(FORMATS.integer) },
    { header: 'Start', width: 11, style: live(FORMATS.date) },
    { header: 'Contract year', width: 8, style: live(FORMATS.integer) },
    ...levers.map((lever) => ({ header: `Adoption: ${lever}`, width: 10, style: live(FORMATS.fraction) })),
    { header: 'Baseline', width: 15, style: money },
    { header: 'Optimized', width: 15, style: money },
    { header: 'Fully optimized', width: 15, style: money },
  ]
  for (let i = 1; i < levers.length; i++) {
    columns.push({ header: `Spend with ${levers.slice(0, i).join(' + ')} only`, width: 15, style: money })
  }
  for (let c = 0; c < CORNERS; c++) {
    columns.push({ header: `Share of requests: ${cornerName(c)}`, width: 11, style: live(FORMATS.fraction) })
  }
  if (M.cornerSpend) {
    for (let c = 0; c < CORNERS; c++) {
      columns.push({ header: `Spend if all in: ${cornerName(c)}`, width: 15, style: money })
    }
  }
  const spec: SheetSpec = {
    name: SHEETS.monthly,
    columns,
    frozen: { rows: 1, columns: 2 },
    autoFilter: { headerRow: 1, lastRow: M.lastRow, lastColumn: M.lastColumn },
  }

  async function write(sheet: SheetWriter) {
    for (let m = 0; m < months; m++) {
      const cells: CellValue[] = new Array(M.lastColumn).fill(null)
      const put = (col: number, cell: CellValue) => {
        cells[col - 1] = cell
      }
      put(M.month, m)
      put(M.start, date(data.months[m]!.start))
      put(M.contractYear, Math.floor(m / 12) + 1)
      for (const lever of levers) put(M.adoption[lever]!, formula(formulas.adoption(lever, m)))
      for (const series of SERIES) {
        put(M[series], formula(formulas.portfolioMonth(series, m)))
      }
      for (let i = 1; i < levers.length; i++) put(M.bar(i), formula(formulas.bar(i, m)))
      for (let c = 0; c < CORNERS; c++) {
        const share = formulas.weight(c, m)
        put(M.weight(c), share === null ? 0 : share === '1' ? 1 : formula(share))
      }
      if (M.cornerSpend)
        for (let c = 0; c < CORNERS; c++) put(M.cornerSpend(c), formula(formulas.cornerSpend(c, m)))
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
