import { type CellValue, formula, text } from '../cells.js'
import { rowTemplate, type WorkbookFormulas } from '../formulas.js'
import {
  CORNER_BIT,
  CORNERS,
  SEGMENT_COLUMNS,
  type SegmentColumn,
  SHEETS,
  type WorkbookLayout,
} from '../layout.js'
import { type CellStyle, FORMATS, live } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/**
 * Request costs: how the cost of one request of each workload is priced (docs/cost-model.md, the cost of one
 * request): the price rows and long-context bands it falls in, the routed token counts, each model segment's
 * per-token prices and its cost today and at the caching target, and the cost at the eight corners of the lever
 * cube (each lever fully off or on), which every month of the workload mixes.
 */

const SEGMENT_LABEL: Record<SegmentColumn, [string, CellStyle]> = {
  geoMultiplier: ['residency multiplier', live(FORMATS.factor)],
  input: ['input $/token', live('0.000000000##')],
  output: ['output $/token', live('0.000000000##')],
  write: ['cache write $/token', live('0.000000000##')],
  read: ['cache read $/token', live('0.000000000##')],
  batchDiscount: ['batch discount', live(FORMATS.percent)],
  minCacheable: ['min cacheable tokens', live(FORMATS.count)],
  cacheable: ['prefix cacheable', {}],
  uncached: ['uncached cost', live(FORMATS.perRequest)],
  today: ['cost today', live(FORMATS.perRequest)],
  target: ['cost at caching target', live(FORMATS.perRequest)],
}

/** A corner's name: the levers fully adopted in it. */
export function cornerName(c: number): string {
  const on = (['routing', 'caching', 'batch'] as const).filter((lever) => c & CORNER_BIT[lever])
  return on.length === 0 ? 'no lever' : on.join(' + ')
}

export function requestCostsSheet(data: WorkbookData, layout: WorkbookLayout, formulas: WorkbookFormulas) {
  const R = layout.requestCosts
  const integer = live(FORMATS.integer)
  const count = live(FORMATS.count)
  const columns: ColumnSpec[] = [
    { header: 'Workload', width: 28 },
    { header: 'Price row (model)', width: 8, style: integer },
    { header: 'Band (0: base rates)', width: 7, style: integer },
    { header: 'Routed', width: 8 },
    { header: 'Price row (route target)', width: 8, style: integer },
    { header: 'Token scale (target ÷ model tokenizer ratio)', width: 10, style: live(FORMATS.factor) },
    { header: 'Routed input tokens', width: 11, style: count },
    { header: 'Routed prefix tokens', width: 11, style: count },
    { header: 'Routed output tokens', width: 11, style: count },
    { header: 'Band on route target', width: 7, style: integer },
  ]
  for (const segment of ['model', 'route target'] as const) {
    for (const column of SEGMENT_COLUMNS) {
      const [label, style] = SEGMENT_LABEL[column]
      columns.push({ header: `${segment}: ${label}`, width: 12, style })
    }
  }
  for (let c = 0; c < CORNERS; c++) {
    columns.push({ header: `Cost per request: ${cornerName(c)}`, width: 13, style: live(FORMATS.perRequest) })
  }
  const spec: SheetSpec = {
    name: SHEETS.requestCosts,
    columns,
    frozen: { rows: 1, columns: 1 },
    autoFilter: { headerRow: 1, lastRow: R.lastRow, lastColumn: R.lastColumn },
  }

  // The formulas of a row, in column order (column 1 is the workload's name).
  const template = rowTemplate(layout, (w) => {
    const f = formulas.requestCosts(w)
    const byColumn: string[] = new Array(R.lastColumn - 1)
    const put = (col: number, expression: string) => {
      byColumn[col - 2] = expression
    }
    put(R.baseRow, f.baseRow)
    put(R.baseBand, f.baseBand)
    put(R.routed, f.routed)
    put(R.routedRow, f.routedRow)
    put(R.tokenScale, f.tokenScale)
    put(R.routedInput, f.routedInput)
    put(R.routedPrefix, f.routedPrefix)
    put(R.routedOutput, f.routedOutput)
    put(R.routedBand, f.routedBand)
    for (const column of SEGMENT_COLUMNS) {
      put(R.segment('base', column), f.base[column])
      put(R.segment('routed', column), f.routedSegment[column])
    }
    f.corners.forEach((expression, c) => {
      put(R.corner(c), expression)
    })
    return byColumn
  })

  async function write(sheet: SheetWriter) {
    for (const [w, valid] of data.plan.workloads.entries()) {
      const cells: CellValue[] = [
        text(valid.name),
        ...template.fill(R.row(w)).map((expression) => formula(expression)),
      ]
      await sheet.row(cells)
    }
  }

  return { spec, write }
}
