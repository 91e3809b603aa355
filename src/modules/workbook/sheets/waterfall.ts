import { type CellValue, formula, num, ref, text } from '../cells.js'
import type { WorkbookFormulas } from '../formulas.js'
import { SHEETS, type WorkbookLayout } from '../layout.js'
import { FORMATS, live, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Waterfall: the levers in the scenario's order, each step the term spend before and after it with the levers
 * before it already applied (live), and beside it the lever's Shapley value (a value: its exact split over every
 * order of the levers is not written as formulas).
 */
export function waterfallSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const WF = layout.waterfall
  const money = live(FORMATS.money)
  const levers = layout.shape.levers
  const columns: ColumnSpec[] = [
    { header: 'Step', width: 6, style: live(FORMATS.integer) },
    { header: 'Lever', width: 10 },
    { header: 'Start month', width: 8, style: live(FORMATS.integer) },
    { header: 'Ramp months', width: 8, style: live(FORMATS.integer) },
    { header: 'Term spend before', width: 16, style: money },
    { header: 'Term spend after', width: 16, style: money },
    { header: 'Saving of this step', width: 16, style: money },
    { header: 'Shapley value (value)', width: 16, style: value(FORMATS.money) },
  ]
  const spec: SheetSpec = {
    name: SHEETS.waterfall,
    columns,
    frozen: { rows: 1, columns: 2 },
    autoFilter: { headerRow: 1, lastRow: 1 + levers.length, lastColumn: WF.shapley },
  }
  const A = SHEETS.assumptions
  const leverCell = (i: number, col: number) =>
    ref(A, col, layout.assumptions.levers.row(i), { col: true, row: true })

  async function write(sheet: SheetWriter) {
    for (const [i, lever] of levers.entries()) {
      const step = i + 1
      const cells: CellValue[] = [
        step,
        text(lever),
        formula(leverCell(i, layout.assumptions.levers.startMonth)),
        formula(leverCell(i, layout.assumptions.levers.rampMonths)),
        formula(formulas.waterfallBefore(step)),
        formula(formulas.waterfallAfter(step)),
        formula(formulas.waterfallSavings(step)),
        num((data.head.shapley as Record<string, string | undefined>)[lever]),
      ]
      await sheet.row(cells)
    }
    await sheet.row(
      [
        null,
        text('Total'),
        null,
        null,
        formula(formulas.summary('baselineTerm')),
        formula(formulas.summary('optimizedTerm')),
        formula(formulas.waterfallTotal(WF.savings)),
        formula(formulas.waterfallTotal(WF.shapley)),
      ],
      [undefined, { font: { bold: true } }],
    )
  }

  return { spec, write }
}
