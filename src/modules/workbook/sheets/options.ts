import { type CellValue, formula, num, text } from '../cells.js'
import type { WorkbookFormulas } from '../formulas.js'
import { PERIOD_COLUMNS, type PeriodColumn, SHEETS, type WorkbookLayout } from '../layout.js'
import { type CellStyle, FORMATS, input, live, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Options: every commitment option of the plan. The amounts are inputs (the API's, in whole dollars: a total
 * under `structure: term`, one per contract year under `annual`); beside them, live, the discount the total earns
 * d(C) and the deterministic outcome of committing it against the optimized spend — per period the consumption
 * U·(1 − d), the payment, the stranded amount, and overall the coverage and utilization. The API's own figures of
 * each option are averages over the simulated runs: they follow as values.
 */

const PERIOD_LABEL: Record<PeriodColumn, [string, CellStyle]> = {
  commit: ['commitment', live(FORMATS.dollars)],
  spend: ['optimized spend', live(FORMATS.money)],
  consumption: ['consumption U·(1−d)', live(FORMATS.money)],
  consumed: ['consumed min(C, U·(1−d))', live(FORMATS.money)],
  payment: ['payment', live(FORMATS.money)],
  stranded: ['stranded', live(FORMATS.money)],
}

export function optionsSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const O = layout.options
  const annual = layout.shape.structure === 'annual'
  const money = live(FORMATS.money)
  const columns: ColumnSpec[] = [
    { header: 'Option', width: 7, style: live(FORMATS.integer) },
    { header: 'Kinds', width: 22 },
    { header: 'Label', width: 40 },
    {
      header: annual ? 'Commitment (sum of the years)' : 'Commitment (term total)',
      width: 14,
      style: annual ? live(FORMATS.dollars) : input(FORMATS.dollars),
    },
    { header: 'Discount rate d(C)', width: 9, style: live(FORMATS.percent) },
    { header: 'Tier', width: 6, style: live(FORMATS.integer) },
    { header: 'Payment (deterministic)', width: 15, style: money },
    { header: 'Stranded (deterministic)', width: 15, style: money },
    { header: 'Coverage (deterministic)', width: 10, style: live(FORMATS.percent) },
    { header: 'Utilization (deterministic)', width: 10, style: live(FORMATS.percent) },
  ]
  for (let p = 0; p < O.periods; p++) {
    const period = annual ? `Year ${p + 1}` : 'Term'
    for (const column of PERIOD_COLUMNS) {
      const [label, style] = PERIOD_LABEL[column]
      columns.push({
        header: `${period} ${label}`,
        width: 14,
        style: column === 'commit' && annual ? input(FORMATS.dollars) : style,
      })
    }
  }
  const simulated = value(FORMATS.dollars)
  columns.push(
    { header: 'Expected payment (simulated, value)', width: 15, style: simulated },
    { header: 'Expected stranded (simulated, value)', width: 15, style: simulated },
    { header: 'Expected utilization (simulated, value)', width: 10, style: value(FORMATS.percent) },
    { header: 'Expected coverage (simulated, value)', width: 10, style: value(FORMATS.percent) },
    { header: 'Shortfall probability (simulated, value)', width: 10, style: value(FORMATS.percent) },
    { header: 'Effective savings rate (simulated, value)', width: 10, style: value(FORMATS.percent) },
    { header: 'Basis', width: 60 },
  )
  const spec: SheetSpec = {
    name: SHEETS.options,
    columns,
    frozen: { rows: 1, columns: 3 },
    autoFilter: { headerRow: 1, lastRow: O.lastRow, lastColumn: O.lastColumn },
  }

  async function write(sheet: SheetWriter) {
    for (const [o, option] of data.options.entries()) {
      const f = formulas.option(o)
      const cells: CellValue[] = new Array(O.lastColumn).fill(null)
      const put = (col: number, cell: CellValue) => {
        cells[col - 1] = cell
      }
      put(O.option, o + 1)
      put(O.kinds, text(option.kinds.join(', ')))
      put(O.label, text(option.label))
      put(O.commit, f.commit === null ? num(option.commit) : formula(f.commit))
      put(O.discountRate, formula(f.discountRate))
      put(O.tier, formula(f.tier))
      put(O.payment, formula(f.payment))
      put(O.stranded, formula(f.stranded))
      put(O.coverage, formula(f.coverage))
      put(O.utilization, formula(f.utilization))
      for (let p = 0; p < O.periods; p++) {
        const period = f.period(p)
        for (const column of PERIOD_COLUMNS) {
          const expression = period[column]
          // Under `annual` a year's amount is an input: the API's allocation, in whole dollars.
          put(O.period(p, column), expression === null ? num(option.years[p]!.commit) : formula(expression))
        }
      }
      put(O.expectedPayment, num(option.expectedPayment))
      put(O.expectedStranded, num(option.expectedStranded))
      put(O.expectedUtilization, num(option.expectedUtilization))
      put(O.expectedCoverage, num(option.expectedCoverage))
      put(O.shortfallProbability, num(option.shortfallProbability))
      put(O.effectiveSavingsRate, num(option.effectiveSavingsRate))
      put(O.basis, text(option.basis))
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
