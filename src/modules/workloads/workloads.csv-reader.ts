import type { Readable } from 'node:stream'
import { CsvError, type Options, parse } from 'csv-parse'
import { AppError, type FieldIssue, UnprocessableError } from '../../lib/errors.js'
import { CSV_IMPORT_LIMITS } from '../../lib/limits.js'
import { isUnsafeText, replaceUnsafeText } from '../../lib/safe-text.js'

/**
 * Reads an uploaded CSV file as a stream — bytes counted and decoded as they arrive, records parsed by
 * csv-parse (RFC 4180: quoted cells, `""` inside them, line breaks inside quoted cells, CRLF, LF or CR line
 * ends, a UTF-8 byte-order mark) — into a table of trimmed cells, refusing it as soon as it passes one of
 * {@link CSV_IMPORT_LIMITS}. The delimiter is `,`, or `;` or a tab when the header row is written with
 * that instead (a spreadsheet in a locale whose decimal mark is a comma saves `;`).
 */

/** One data row of the file. */
export interface CsvRecord {
  /** 1 = the first row after the header; blank rows count, as a spreadsheet numbers them. */
  row: number
  /** The line of the file the row starts on (1 = the header's line; a quoted line break counts). */
  line: number
  /** The cells, trimmed, one per header (a row's problems are in {@link CsvTable.problems}). */
  cells: string[]
}

/** What was read: the header, the non-blank rows, and the problems of rows that could not be read. */
export interface CsvTable {
  delimiter: ',' | ';' | '\t'
  header: string[]
  records: CsvRecord[]
  /** Rows whose cells cannot be taken as they are (wrong count, too long, unstorable text): never imported. */
  problems: FieldIssue[]
  /** Rows with a problem, by row number. */
  badRows: ReadonlySet<number>
}

/** The reader's limits (the table of limits by default; tests of the limits use their own). */
export type CsvReadLimits = Pick<
  typeof CSV_IMPORT_LIMITS,
  'maxBodyBytes' | 'maxRows' | 'maxColumns' | 'maxCellChars' | 'maxEchoedValueChars'
>

const DELIMITERS = [',', ';', '\t'] as const
/** Enough of the file to hold its header row, which decides the delimiter. */
const SNIFF_CHARS = 64 * 1024
const LINE_BREAKS = /\r\n|\r|\n/g

const tooLarge = (limit: number) =>
  new AppError(
    413,
    'PAYLOAD_TOO_LARGE',
    'Request body too large',
    `The file is larger than ${limit.toLocaleString('en-US')} bytes, the most one import reads; split it.`,
  )

/** A 422 about the file as a whole (or its header), pointing at a row and line where it can. */
export function invalidCsv(detail: string, issue: Omit<FieldIssue, 'in'> & { in?: FieldIssue['in'] }) {
  return new UnprocessableError(detail, [{ in: 'body', ...issue }], 'INVALID_CSV')
}

/** A cell as a report may show it: shortened, with characters that cannot be stored replaced. */
export function echo(cell: string, max: number = CSV_IMPORT_LIMITS.maxEchoedValueChars): string {
  const short = cell.length > max ? `${cell.slice(0, max)}…` : cell
  // A NUL, a lone surrogate — or half of a pair the cut split — is echoed as U+FFFD.
  return replaceUnsafeText(short)
}

/** The delimiter of the header row: the one of `,` `;` tab it uses most outside quotes (`,` on a tie). */
export function sniffDelimiter(text: string): CsvTable['delimiter'] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1)
  }
  let best: CsvTable['delimiter'] = ','
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

/** What a csv-parse error means for the person who saved the file. */
function parseProblem(error: unknown, line: number) {
  const code = error instanceof CsvError ? error.code : undefined
  const where = { pointer: '', line, code: 'malformed_csv' }
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return invalidCsv(`A quoted cell opened on line ${line} is never closed.`, {
        ...where,
        detail:
          'a cell starts with `"` but the file ends before its closing `"`; close it, or remove the quote',
      })
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return invalidCsv(`A quoted cell on line ${line} has text after its closing quote.`, {
        ...where,
        detail:
          'inside a quoted cell a quote is written twice (`""`); after the closing `"` only the delimiter may follow',
      })
    case 'CSV_MAX_RECORD_SIZE':
      return invalidCsv(`The row starting on line ${line} is too long.`, {
        ...where,
        detail: `a row may have at most ${CSV_IMPORT_LIMITS.maxColumns} cells of at most ${CSV_IMPORT_LIMITS.maxCellChars.toLocaleString('en-US')} characters; is a quote left open?`,
      })
    default:
      return invalidCsv(`Line ${line} is not valid CSV.`, {
        ...where,
        detail: 'is not a row of RFC 4180 CSV; save the sheet as "CSV UTF-8 (comma delimited)"',
      })
  }
}

/** Turns records into the table as they arrive, applying the limits of rows, columns and cells. */
class TableBuilder {
  header: string[] | undefined
  readonly records: CsvRecord[] = []
  readonly problems: FieldIssue[] = []
  readonly badRows = new Set<number>()
  /** The line the next record starts on. */
  line = 1
  private rows = 0

  constructor(private readonly limits: CsvReadLimits) {}

  add(cells: string[], raw: string) {
    const line = this.line
    this.line += raw.match(LINE_BREAKS)?.length ?? 0
    if (this.header === undefined) return this.takeHeader(cells, line)
    const row = ++this.rows
    const trimmed = cells.map((cell) => cell.trim())
    if (trimmed.every((cell) => cell === '')) return
    if (this.records.length + this.badRows.size >= this.limits.maxRows) {
      throw invalidCsv(
        `The file has more than ${this.limits.maxRows.toLocaleString('en-US')} rows, the most one import takes (a portfolio holds no more workloads); split it.`,
        {
          pointer: `/${row}`,
          row,
          line,
          code: 'too_many_rows',
          detail: `row ${row} is one too many`,
        },
      )
    }
    const width = this.header.length
    // Cells past the last column are accepted when blank (a spreadsheet may keep a stray empty column).
    if (trimmed.length < width || trimmed.slice(width).some((cell) => cell !== '')) {
      return this.problem({
        pointer: `/${row}`,
        row,
        line,
        code: 'wrong_cell_count',
        detail: `has ${trimmed.length} cells where the header has ${width}; every row has one cell per column (an unquoted delimiter inside a cell splits it: quote the cell)`,
      })
    }
    let bad = false
    for (let i = 0; i < width; i++) {
      const cell = trimmed[i]!
      const column = this.header[i]!
      if (cell.length > this.limits.maxCellChars) {
        bad = this.problem({
          pointer: `/${row}/${column}`,
          row,
          line,
          column,
          value: echo(cell, this.limits.maxEchoedValueChars),
          code: 'cell_too_long',
          detail: `has ${cell.length.toLocaleString('en-US')} characters; a cell may have at most ${this.limits.maxCellChars.toLocaleString('en-US')}`,
        })
      } else if (isUnsafeText(cell)) {
        bad = this.problem({
          pointer: `/${row}/${column}`,
          row,
          line,
          column,
          value: echo(cell, this.limits.maxEchoedValueChars),
          code: 'unsafe_text',
          detail: 'holds a NUL character, which cannot be stored; remove it',
        })
      }
    }
    if (!bad) this.records.push({ row, line, cells: trimmed.slice(0, width) })
  }

  private takeHeader(cells: string[], line: number) {
    const header = cells.map((cell) => cell.trim())
    // A spreadsheet may save empty columns to the right of the table.
    while (header.length > 0 && header.at(-1) === '') header.pop()
    if (cells.length > this.limits.maxColumns) {
      throw invalidCsv(
        `The header has ${cells.length} columns; a file may have at most ${this.limits.maxColumns}.`,
        { pointer: '/0', row: 0, line, code: 'too_many_columns', detail: `has ${cells.length} columns` },
      )
    }
    this.header = header
  }

  private problem(issue: Omit<FieldIssue, 'in'>): true {
    this.problems.push({ in: 'body', ...issue })
    this.badRows.add(issue.row ?? 0)
    return true
  }
}

/**
 * Reads a CSV upload as it streams in. Refuses, as soon as it is seen: a body over the size limit (413,
 * also when its Content-Length says so before a byte is read), bytes that are not UTF-8, broken quoting,
 * more rows or columns than the limits (422 `INVALID_CSV`); the rest of the body is then discarded, not
 * parsed. Problems of single rows are collected, not thrown.
 */
export function readCsvTable(
  source: Readable,
  declaredLength: number | undefined,
  limits: CsvReadLimits = CSV_IMPORT_LIMITS,
): Promise<CsvTable> {
  return new Promise((resolve, reject) => {
    if (declaredLength !== undefined && declaredLength > limits.maxBodyBytes) {
      source.resume()
      reject(tooLarge(limits.maxBodyBytes))
      return
    }
    const decoder = new TextDecoder('utf-8', { fatal: true })
    const builder = new TableBuilder(limits)
    let parser: ReturnType<typeof parse> | undefined
    let sniffed = ''
    let bytes = 0
    let settled = false

    const finish = (error: unknown, table?: CsvTable) => {
      if (settled) return
      settled = true
      source.removeListener('data', onData)
      // The rest of the body is read and dropped, so that the answer can still be sent on this connection.
      source.resume()
      parser?.destroy()
      if (error) reject(error)
      else resolve(table!)
    }

    const startParser = () => {
      const options: Options = {
        delimiter: sniffDelimiter(sniffed),
        bom: true,
        raw: true,
        relax_column_count: true,
        // A quote inside an unquoted cell (`5" screen`) is text, as spreadsheets read it.
        relax_quotes: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        max_record_size: limits.maxColumns * (limits.maxCellChars + 1),
      }
      const delimiter = options.delimiter as CsvTable['delimiter']
      const csv = parse(options)
      parser = csv
      csv.on('readable', () => {
        let item: { record: string[]; raw: string } | null
        // biome-ignore lint/suspicious/noAssignInExpressions: the stream's own reading loop
        while (!settled && (item = csv.read()) !== null) {
          try {
            builder.add(item.record, item.raw)
          } catch (error) {
            finish(error)
          }
        }
      })
      csv.on('error', (error) => finish(parseProblem(error, builder.line)))
      csv.on('end', () => {
        if (builder.header === undefined || builder.header.length === 0) {
          return finish(
            invalidCsv('The file is empty.', {
              pointer: '',
              code: 'empty_file',
              detail: 'has no header row; download the template for the columns',
            }),
          )
        }
        finish(undefined, {
          delimiter,
          header: builder.header,
          records: builder.records,
          problems: builder.problems,
          badRows: builder.badRows,
        })
      })
      csv.write(sniffed)
      sniffed = ''
    }

    const write = (text: string) => {
      if (text === '') return
      if (parser) {
        if (!parser.write(text)) {
          source.pause()
          parser.once('drain', () => source.resume())
        }
        return
      }
      sniffed += text
      if (/[\r\n]/.test(sniffed) || sniffed.length >= SNIFF_CHARS) startParser()
    }

    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      bytes += buffer.length
      if (bytes > limits.maxBodyBytes) return finish(tooLarge(limits.maxBodyBytes))
      let text: string
      try {
        text = decoder.decode(buffer, { stream: true })
      } catch {
        return finish(notUtf8(builder.line))
      }
      write(text)
    }

    source.on('data', onData)
    source.once('error', (error) => finish(error))
    source.once('end', () => {
      if (settled) return
      try {
        write(decoder.decode())
      } catch {
        return finish(notUtf8(builder.line))
      }
      if (!parser) startParser()
      parser!.end()
    })
  })
}

const notUtf8 = (line: number) =>
  invalidCsv(`The file is not UTF-8 text (from about line ${line}).`, {
    pointer: '',
    line,
    code: 'not_utf8',
    detail: 'holds bytes that are not UTF-8; save the sheet as "CSV UTF-8"',
  })
