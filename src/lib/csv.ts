import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import type { FastifyRequest } from 'fastify'

/**
 * CSV tables out (RFC 4180, UTF-8, one header row, CRLF line ends), streamed row by row.
 *
 * Spreadsheet safety (OWASP "CSV injection", ASVS 5.0 V1.2.10): a **text** cell whose first character a
 * spreadsheet would run as a formula — `=`, `+`, `-`, `@`, tab, CR, LF, or their full-width forms — is
 * written with a leading `'`, and every text cell is quoted. **Numeric** cells (amounts, rates, counts) are
 * never prefixed — `-12.50` stays the number −12.50 — and are checked to be plain decimals, so a column
 * declared numeric can never carry text. Quoting and escaping are csv-stringify's.
 */

/** How a column's cells are written: `number` cells are plain decimals (or empty), `text` cells are neutralized. */
export type CsvKind = 'text' | 'number'

/** One column of a CSV table: its header, its kind and how a row gives its cell (null: an empty cell). */
export interface CsvColumn<Row> {
  header: string
  kind: CsvKind
  cell(row: Row): string | number | null | undefined
}

/** First characters that make a spreadsheet evaluate a cell (OWASP's list, LF since 2025, and full-width forms). */
const FORMULA_TRIGGERS = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
])

/** A plain decimal number as the API writes one (no exponent, no thousands separators). */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/

/** Quotes every non-empty cell that is not a plain decimal: text is quoted, numbers bare, empty cells left empty. */
const NOT_A_NUMBER = /^(?!-?\d+(?:\.\d+)?$)[\s\S]/

/** A text cell as a spreadsheet may safely open it: a leading `'` when its first character would start a formula. */
export function neutralize(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text
}

/** A numeric cell: a plain decimal string, or a safe integer; anything else is a bug in the column, not data. */
function numericCell(value: string | number, header: string): string {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value
  if (!PLAIN_DECIMAL.test(text))
    throw new Error(`CSV column '${header}' is numeric but got ${JSON.stringify(value)}`)
  return text
}

/** One row's cells, as csv-stringify takes them. */
export function csvCells<Row>(columns: readonly CsvColumn<Row>[], row: Row): string[] {
  const cells = new Array<string>(columns.length)
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!
    const value = column.cell(row)
    if (value === null || value === undefined || value === '') cells[i] = ''
    else if (column.kind === 'number') cells[i] = numericCell(value, column.header)
    else cells[i] = neutralize(String(value))
  }
  return cells
}

/**
 * The table as a stream of CSV text: the header row, then one record per row, pulled from `rows` as the
 * client reads (backpressure: an async source is not read ahead of the socket).
 */
export function csvStream<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Readable {
  const records = Readable.from(
    (async function* () {
      yield columns.map((c) => neutralize(c.header))
      for await (const row of rows) yield csvCells(columns, row)
    })(),
  )
  const csv = stringify({ record_delimiter: 'windows', quoted_match: NOT_A_NUMBER, escape_formulas: false })
  records.on('error', (error) => csv.destroy(error))
  return records.pipe(csv)
}

/** The whole table as one CSV string (small tables, templates, tests). */
export async function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): Promise<string> {
  let text = ''
  for await (const chunk of csvStream(columns, rows)) text += String(chunk)
  return text
}

/** The media type of every CSV answer. `header=present` tells a client the first row is the header (RFC 4180). */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present'

/**
 * Whether a read asks for CSV: `?format=csv`, or an `Accept` header that prefers `text/csv` to JSON (a
 * spreadsheet's fetch sends `text/csv` or `*\/*`; `*\/*` alone stays JSON, the API's default).
 */
export function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv'
  const accept = request.headers.accept
  if (typeof accept !== 'string') return false
  let csv = -1
  let json = -1
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    const weight = q === undefined ? 1 : Number(q)
    if (type === 'text/csv') csv = Math.max(csv, weight)
    else if (type === 'application/json' || type === 'application/problem+json') json = Math.max(json, weight)
  }
  return csv > 0 && csv >= json
}

/** A file name for `Content-Disposition`: letters, digits, dot, dash and underscore only. */
export function attachmentName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')
  return `attachment; filename="${safe === '' ? 'table' : safe.slice(0, 100)}"`
}
