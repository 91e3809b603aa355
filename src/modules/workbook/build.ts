import type { Writable } from 'node:stream'
import { formulasFor } from './formulas.js'
import { assumptionsSheet } from './sheets/assumptions.js'
import { monthlySheet } from './sheets/monthly.js'
import { optionsSheet } from './sheets/options.js'
import { requestCostsSheet } from './sheets/request-costs.js'
import { summarySheet } from './sheets/summary.js'
import { warningsSheet } from './sheets/warnings.js'
import { waterfallSheet } from './sheets/waterfall.js'
import { workloadMonthsSheet } from './sheets/workload-months.js'
import { workloadsSheet } from './sheets/workloads.js'
import { yearsSheet } from './sheets/years.js'
import { layoutOf, type WorkbookData } from './workbook-data.js'
import { writeWorkbook } from './writer.js'

/** Writes the workbook of `data` to `out` as an .xlsx, sheet by sheet in {@link SHEETS} order. */
export async function buildWorkbook(data: WorkbookData, out: Writable): Promise<void> {
  const layout = layoutOf(data)
  const formulas = formulasFor(layout)
  await writeWorkbook(out, [
    summarySheet(data, layout, formulas),
    yearsSheet(data, layout, formulas),
    waterfallSheet(data, layout, formulas),
    monthlySheet(data, layout, formulas),
    workloadsSheet(data, layout, formulas),
    workloadMonthsSheet(data, layout, formulas),
    requestCostsSheet(data, layout, formulas),
    optionsSheet(data, layout, formulas),
    warningsSheet(data, layout),
    assumptionsSheet(data, layout),
  ])
}
