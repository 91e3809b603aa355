import { num, text } from '../cells.js'
import { SHEETS, type WorkbookLayout } from '../layout.js'
import { FORMATS, value } from '../styles.js'
import type { WorkbookData } from '../workbook-data.js'
import type { ColumnSpec, SheetSpec, SheetWriter } from '../writer.js'

/** Warnings: the plan's warnings as the API answers them (values; docs/warnings.md says what each means). */
export function warningsSheet(data: WorkbookData, layout: WorkbookLayout) {
  const columns: ColumnSpec[] = [
    { header: 'Severity', width: 9 },
    { header: 'Code', width: 26 },
    { header: 'Amount (value)', width: 15, style: value(FORMATS.money) },
    { header: 'Lever', width: 9 },
    { header: 'Workloads', width: 30 },
    { header: 'Message', width: 100 },
  ]
  const spec: SheetSpec = {
    name: SHEETS.warnings,
    columns,
    frozen: { rows: 1, columns: 0 },
    autoFilter: { headerRow: 1, lastRow: layout.warnings.lastRow, lastColumn: layout.warnings.message },
  }

  async function write(sheet: SheetWriter) {
    for (const warning of data.head.warnings) {
      await sheet.row([
        text(warning.severity),
        text(warning.code),
        num(warning.amount),
        text(warning.lever ?? null),
        text(warning.workloads.join(', ')),
        text(warning.message),
      ])
    }
  }

  return { spec, write }
}
