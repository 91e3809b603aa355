import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { type CellValue, columnName } from './cells.js'
import { type CellStyle, HEADER_STYLE } from './styles.js'

/**
 * The workbook written as a stream (exceljs's streaming writer): sheet after sheet, row after row, each row
 * committed — turned into XML and handed to the zip — as soon as it is complete, so memory holds a few rows and
 * the shared strings, never the workbook. The writer pauses while the destination is full and yields to its
 * event loop between batches of rows, so the zip compresses meanwhile. (It runs on a compute worker,
 * `workbook.worker.ts`: seconds of CPU for a large plan, which the main thread's event loop must not carry.)
 */

/** Rows written between two pauses (to let the zip compress). */
const ROWS_PER_PAUSE = 200

/** Sheet XML waiting to be compressed beyond which the writer waits (exceljs does not). */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024

/** Bytes written to a zip entry's stream and not yet read (archiver's streams are readable-stream 2's). */
function backlog(stream: Writable): number {
  return (
    stream.writableLength ??
    (stream as unknown as { _writableState?: { length: number } })._writableState?.length ??
    0
  )
}

/**
 * The file's dates are fixed, so that the same plan gives the same bytes (the ETag is a strong one): the zip
 * entries' modification time and the document's created/modified properties. 1980-01-01 is the zip format's
 * first representable date.
 */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1))

type Zip = { append: (source: unknown, data: object) => unknown; fixedDates?: true }

/** Gives every entry `zip` is handed from now on our date (exceljs gives none, and archiver then stamps now). */
function fixDates(zip: Zip): void {
  if (zip.fixedDates) return
  const append = zip.append.bind(zip)
  zip.append = (source, data) => append(source, { ...data, date: FIXED_DATE })
  zip.fixedDates = true
}

/**
 * exceljs's streaming writer with fixed zip dates from its first entry: its constructor already appends the
 * theme and the package relationships (the theme first, through this method), before a caller could reach
 * its zip.
 */
class FixedDateWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    fixDates((this as unknown as { zip: Zip }).zip)
    return super.addThemes()
  }
}

/** One column of a sheet: its header, its width in characters and the style of its cells. */
export interface ColumnSpec {
  header: string
  width: number
  style?: CellStyle
}

/** How a sheet is laid out: its columns, frozen header rows and columns, and an optional autofilter. */
export interface SheetSpec {
  name: string
  columns: readonly ColumnSpec[]
  /** Rows and columns kept in view while scrolling (the header row, the name column). */
  frozen: { rows: number; columns: number }
  /** The header row of a filterable table and the table's last row (none: no filter). */
  autoFilter?: { headerRow: number; lastRow: number; lastColumn: number }
  /** Writes the header row (row 1) from the columns' headers; default true. */
  headerRow?: boolean
}

/** The sheet being written. */
export interface SheetWriter {
  /** Adds the next row (cells in column order; null = empty) with optional per-cell styles. */
  row(cells: readonly CellValue[], styles?: readonly (CellStyle | undefined)[]): Promise<void>
  /** Adds an empty row. */
  blank(): Promise<void>
}

/** Writes a workbook to `out`, one sheet at a time, through {@link SheetWriter}s. */
export async function writeWorkbook(
  out: Writable,
  sheets: readonly { spec: SheetSpec; write: (sheet: SheetWriter) => Promise<void> }[],
): Promise<void> {
  const workbook = new FixedDateWorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
    created: FIXED_DATE,
    modified: FIXED_DATE,
    creator: 'Claude commitment planner',
    lastModifiedBy: 'Claude commitment planner',
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0])

  let written = 0
  /** The stream exceljs writes the current sheet's XML to, and the zip entry it feeds (once the zip reads it). */
  let current: { pipes?: Writable[] } | undefined
  async function pause() {
    if (++written % ROWS_PER_PAUSE !== 0) return
    await new Promise((resolve) => setImmediate(resolve))
    // exceljs hands the sheet's XML to the zip without waiting for it: wait here until compression catches up …
    const entry = current?.pipes?.[0]
    while (entry && backlog(entry) > MAX_BACKLOG_BYTES && !out.destroyed) await once(entry, 'drain')
    // … and until the client has taken what was sent.
    while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
    if (out.destroyed) throw new Error('the workbook’s destination was closed')
  }

  for (const { spec, write } of sheets) {
    const worksheet = workbook.addWorksheet(spec.name, {
      views: [
        {
          state: 'frozen',
          xSplit: spec.frozen.columns,
          ySplit: spec.frozen.rows,
          ...(spec.frozen.rows === 0 && spec.frozen.columns === 0 ? { state: 'normal' } : {}),
        },
      ],
    })
    worksheet.columns = spec.columns.map((column) => ({
      width: column.width,
      ...(column.style ? { style: column.style } : {}),
    })) as ExcelJS.Column[]
    if (spec.autoFilter && spec.autoFilter.lastRow > spec.autoFilter.headerRow) {
      worksheet.autoFilter = {
        from: { row: spec.autoFilter.headerRow, column: 1 },
        to: { row: spec.autoFilter.lastRow, column: spec.autoFilter.lastColumn },
      }
    }
    const rows = rowWriter(workbook, worksheet, spec)
    current = (worksheet as unknown as { stream: { pipes?: Writable[] } }).stream
    const sheet: SheetWriter = {
      async row(cells, styles) {
        rows.write(cells, styles)
        await pause()
      },
      async blank() {
        rows.write([])
        await pause()
      },
    }
    if (spec.headerRow !== false) {
      await sheet.row(
        spec.columns.map((column) => column.header),
        spec.columns.map(() => HEADER_STYLE),
      )
    }
    await write(sheet)
    worksheet.commit()
  }
  await workbook.commit()
}

/** What the row writer uses of exceljs's streaming worksheet (exceljs 4.4: its own rows go the same way). */
interface WorksheetStream {
  startedData: boolean
  stream: { write(text: string): void }
  _writeColumns(): void
  _writeOpenSheetData(): void
}

/** What it uses of the workbook: the shared strings and the style registry (ids by style object). */
interface WorkbookRegistries {
  sharedStrings: { add(text: string): number }
  styles: { addStyleModel(style: CellStyle, type: number): number }
}

const XML_TEXT = /[&<>]/g
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }
const escapeXml = (text: string) => text.replace(XML_TEXT, (c) => XML_ENTITY[c]!)
/** Excel's serial day of a date (1900 system): days since 1899-12-30. */
const excelDay = (d: Date) => 25569 + d.getTime() / 86_400_000
const DATE_STYLE: CellStyle = { numFmt: 'yyyy-mm-dd' }

/**
 * Writes rows as sheet XML directly — what exceljs's `addRow` + `commit` produce, at a fraction of the cost (it
 * builds a cell object, a model and an XML node per cell; a 10,000-workload workbook has about two million
 * cells) and without its memory of every formula cell written (kept for shared formulas, which this workbook
 * never uses). Text goes to the shared strings (`t="s"`: always a string, never evaluated), numbers and booleans
 * as values, dates as serial days, formulas as `<f>` without a cached `<v>`. Each cell of a column gets the
 * column's style unless the row gives its own; style ids come from exceljs's registry, which remembers a style
 * object's id.
 */
function rowWriter(workbook: unknown, worksheet: unknown, spec: SheetSpec) {
  const book = workbook as WorkbookRegistries
  const sheet = worksheet as WorksheetStream
  const columnStyles = spec.columns.map((column) => column.style)
  const letters: string[] = []
  const styleIds = new Map<CellStyle, Map<number, number>>()
  const styleId = (style: CellStyle | undefined, type: number) => {
    if (!style) return 0
    let byType = styleIds.get(style)
    if (!byType) {
      byType = new Map()
      styleIds.set(style, byType)
    }
    let id = byType.get(type)
    if (id === undefined) {
      id = book.styles.addStyleModel(style, type)
      byType.set(type, id)
    }
    return id
  }
  const attribute = (id: number) => (id === 0 ? '' : ` s="${id}"`)
  let rowNumber = 0
  return {
    write(cells: readonly CellValue[], styles?: readonly (CellStyle | undefined)[]) {
      if (!sheet.startedData) {
        sheet._writeColumns()
        sheet._writeOpenSheetData()
        sheet.startedData = true
      }
      rowNumber++
      let xml = `<row r="${rowNumber}">`
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]
        if (cell === null || cell === undefined) continue
        letters[i] ??= columnName(i + 1)
        const ref = `${letters[i]}${rowNumber}`
        const style = styles?.[i] ?? columnStyles[i]
        if (typeof cell === 'string') {
          const s = attribute(styleId(style, ExcelJS.ValueType.String))
          xml += `<c r="${ref}"${s} t="s"><v>${book.sharedStrings.add(cell)}</v></c>`
        } else if (typeof cell === 'number') {
          xml += `<c r="${ref}"${attribute(styleId(style, ExcelJS.ValueType.Number))}><v>${cell}</v></c>`
        } else if (typeof cell === 'boolean') {
          const s = attribute(styleId(style, ExcelJS.ValueType.Boolean))
          xml += `<c r="${ref}"${s} t="b"><v>${cell ? 1 : 0}</v></c>`
        } else if (cell instanceof Date) {
          const s = attribute(styleId(style?.numFmt ? style : DATE_STYLE, ExcelJS.ValueType.Date))
          xml += `<c r="${ref}"${s}><v>${excelDay(cell)}</v></c>`
        } else {
          const s = attribute(styleId(style, ExcelJS.ValueType.Formula))
          xml += `<c r="${ref}"${s}><f>${escapeXml(cell.formula)}</f></c>`
        }
      }
      sheet.stream.write(`${xml}</row>`)
    },
  }
}
