import { Readable } from 'node:stream'
import type { FastifyRequest } from 'fastify'

/**
 * CSV tables out (RFC 4180, UTF-8, one header row, CRLF line ends), streamed a chunk of records at a time.
 *
 * Spreadsheet safety (OWASP "CSV injection", ASVS 5.0 V1.2.10): a **text** cell whose first character a
 * spreadsheet would run as a formula — `=`, `+`, `-`, `@`, tab, CR, LF, or their full-width forms — is
 * written with a leading `'`, and every text cell is quoted. **Numeric** cells (amounts, rates, counts) are
 * never prefixed — `-12.50` stays the number −12.50 — and are checked to be plain decimals, so a column
 * declared numeric can never carry text.
 *
 * Quoting: a non-empty cell that is not a plain decimal is quoted, its `"` doubled; plain decimals and empty
 * cells are written bare. That is csv-stringify's output for these cells (`quoted_match` on everything but a
 * plain decimal, CRLF records) — csv.test.ts holds the two to the same bytes — written here directly: the
 * library's general rules cost several allocations a cell, which for a 360,000-row, 42-column export was
 * most of its time and the garbage that grew the server's heap.
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

/** A cell as the record writes it: bare when empty or a plain decimal, else quoted with its quotes doubled. */
function field(text: string): string {
  if (text === '' || PLAIN_DECIMAL.test(text)) return text
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`
}

/** One row as a CSV record, its line end included: empty cells, checked plain decimals, neutralized text. */
export function csvRecord<Row>(columns: readonly CsvColumn<Row>[], row: Row): string {
  let record = ''
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!
    const value = column.cell(row)
    if (i > 0) record += ','
    if (value === null || value === undefined || value === '') continue
    record += column.kind === 'number' ? numericCell(value, column.header) : field(neutralize(String(value)))
  }
  return `${record}\r\n`
}

/** The header record of `columns`, its line end included. */
export function csvHeader(columns: readonly CsvColumn<unknown>[]): string {
  return `${columns.map((column) => field(neutralize(column.header))).join(',')}\r\n`
}

/** Text gathered into one chunk before it is handed to the socket. */
export const CHUNK_CHARS = 64 * 1024

/**
 * `pieces` as a byte stream of chunks of about {@link CHUNK_CHARS}, pulled only as the reader takes them: the
 * stream holds one chunk (its high-water mark is below a chunk), so a slow client slows the source, and a
 * 360,000-record table is a few hundred writes, not a frame per record. The pieces of a chunk are kept in an
 * array and joined once: a string grown by `+=` is a rope that outlives the young generation while it grows,
 * and V8 then flattens it in the old generation; joined, each chunk is born young and dies young.
 */
export function textStream(pieces: Iterable<string> | AsyncIterable<string>): Readable {
  return Readable.from(
    (async function* () {
      let parts: string[] = []
      let length = 0
      for await (const piece of pieces) {
        parts.push(piece)
        length += piece.length
        if (length >= CHUNK_CHARS) {
          yield Buffer.from(parts.join(''))
          parts = []
          length = 0
        }
      }
      if (length > 0) yield Buffer.from(parts.join(''))
    })(),
    { objectMode: false },
  )
}

/**
 * The table as a stream of CSV text: the header row, then one record per row, pulled from `rows` only as the
 * client reads (backpressure: an async source is not read ahead of the socket by more than a chunk).
 */
export function csvStream<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Readable {
  return textStream(
    (async function* () {
      yield csvHeader(columns as readonly CsvColumn<unknown>[])
      for await (const row of rows) yield csvRecord(columns, row)
    })(),
  )
}

/** The whole table as one CSV string (small tables, templates, tests). */
export async function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of csvStream(columns, rows)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
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
