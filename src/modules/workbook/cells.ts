/**
 * A1 addresses and the three kinds of cell the workbook writes. Every cell goes through one of these
 * constructors, so the rule of the workbook holds by construction: **text is a string cell, never a formula**
 * (a workload named `=HYPERLINK(…)` is the text `=HYPERLINK(…)`), numbers are numeric cells, and formulas are the
 * builder's own (`formulas.ts`), written without a cached result so that every spreadsheet computes them.
 */

/** Longest text a cell may hold (Excel's limit); longer text is cut and ends with an ellipsis. */
export const MAX_CELL_TEXT = 32_767

/** A cell's value as exceljs takes it: a string, a number, a boolean, a date, a formula, or empty. */
export type CellValue = string | number | boolean | Date | { formula: string } | null

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnName(column: number): string {
  let name = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** How a reference is anchored: `$` before the column, the row, both or neither. */
export interface Anchor {
  col?: boolean
  row?: boolean
}

/** `B7`, `$B7`, `B$7` or `$B$7`. */
export function cellRef(column: number, row: number, anchor: Anchor = {}): string {
  return `${anchor.col ? '$' : ''}${columnName(column)}${anchor.row ? '$' : ''}${row}`
}

/** A sheet's name as a formula names it: quoted when it has anything but letters, digits and `_`. */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!` : `'${sheet.replaceAll("'", "''")}'!`
}

/** A reference into another sheet (`'Request costs'!$B$7`); an empty `sheet` is the formula's own. */
export function ref(sheet: string, column: number, row: number, anchor: Anchor = {}): string {
  return `${sheet === '' ? '' : sheetPrefix(sheet)}${cellRef(column, row, anchor)}`
}

/** A rectangular range (`Monthly!$E$2:$E$37`); both corners share the anchor. */
export function rangeRef(
  sheet: string,
  first: { col: number; row: number },
  last: { col: number; row: number },
  anchor: Anchor = { col: true, row: true },
): string {
  return `${sheet === '' ? '' : sheetPrefix(sheet)}${cellRef(first.col, first.row, anchor)}:${cellRef(last.col, last.row, anchor)}`
}

/** Characters XML 1.0 cannot carry (a worksheet is XML): control characters other than tab, LF and CR. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching exactly these characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/**
 * A text cell: the string itself, never evaluated. Characters XML cannot hold are dropped and text beyond
 * {@link MAX_CELL_TEXT} is cut (a spreadsheet refuses longer cells).
 */
export function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const clean = value.replace(NOT_XML, '')
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean
}

/** A numeric cell from an API decimal string or a number (empty when absent). */
export function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${String(value)}`)
  return n
}

/**
 * A formula cell, as exceljs writes it: `<f>` with no cached `<v>`, so that Excel, LibreOffice and every other
 * application compute it on opening (LibreOffice keeps a cached value of an .xlsx as stored, even a wrong one).
 * Only the formula builder calls this, with formulas made of references, numbers and its own literals.
 */
export function formula(expression: string): { formula: string } {
  return { formula: expression.startsWith('=') ? expression.slice(1) : expression }
}

/** A date cell (shown with the date format) from `YYYY-MM-DD`, at midnight UTC. */
export function date(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`)
}
