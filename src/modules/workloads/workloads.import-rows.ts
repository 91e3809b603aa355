import { validatorCompiler } from 'fastify-type-provider-zod'
import { PlanValidationError, type PriceBook, sortModels } from '../../domain/index.js'
import { type FieldIssue, UnprocessableError } from '../../lib/errors.js'
import { CSV_IMPORT_LIMITS } from '../../lib/limits.js'
import { validationIssues } from '../../plugins/errors.js'
import {
  REQUIRED_CSV_HEADERS,
  readText,
  templateRow,
  WORKLOAD_CSV_COLUMN_BY_HEADER,
  WORKLOAD_CSV_COLUMNS,
  WORKLOAD_CSV_HEADERS,
  type WorkloadCsvColumn,
  type WorkloadCsvRow,
} from './workloads.csv.js'
import { type CsvRecord, type CsvTable, echo, invalidCsv } from './workloads.csv-reader.js'
import { fastCreateBody } from './workloads.fast-body.js'
import { type CreateWorkloadBody, CreateWorkloadSchema } from './workloads.schemas.js'
import { checkForPlan } from './workloads.service.js'

/**
 * The rows of an imported CSV file, read one by one into the bodies a `POST …/workloads` would take and
 * checked as that route checks them (its zod schema, compiled as the route compiles it, and the wording of
 * its errors), each issue a report entry naming the row, the line, the column and the cell.
 */

/** The create route, whose field hints the rows' issues get (the same wording as a bulk create's). */
const CREATE_ROUTE = '/v1/portfolios/:portfolioId/workloads'

/**
 * The create route's own validator of one workload's body (the zod schema, compiled as the route compiles
 * it), so that a row's issues are the ones, in the words, a `POST …/workloads` of the same body would get.
 */
export const validateBody = validatorCompiler({
  schema: CreateWorkloadSchema,
  method: 'POST',
  url: CREATE_ROUTE,
  httpPart: 'body',
} as never) as unknown as (data: unknown) => { value: CreateWorkloadBody } | { error: unknown[] }

/**
 * A row's create body, or the create route's issues with it: the plain row by the fast path of the same
 * checks ({@link fastCreateBody}), anything else — every row with a problem among them — by the schema.
 */
export function checkBody(raw: Record<string, unknown>): ReturnType<typeof validateBody> {
  const body = fastCreateBody(raw)
  return body === undefined ? validateBody(raw) : { value: body }
}

/** A row read: its record, the create body's fields it gives, and which columns the file has. */
export interface Candidate {
  record: CsvRecord
  /** The body's fields before validation (an empty cell gives none: the field's default). */
  raw: Record<string, unknown>
  name: string
  /** The validated body; undefined when the row has issues. */
  body?: CreateWorkloadBody
}

/** The rows of a file, each checked by itself, and the file's header. */
export interface Rows {
  header: readonly string[]
  candidates: Candidate[]
  issues: FieldIssue[]
}

/** A row's issue at `column`. */
export function rowIssue(
  record: CsvRecord,
  column: string | undefined,
  cell: string | undefined,
  code: string,
  detail: string,
): FieldIssue {
  return {
    in: 'body',
    pointer: column === undefined ? `/${record.row}` : `/${record.row}/${column}`,
    code,
    detail,
    row: record.row,
    line: record.line,
    ...(column === undefined ? {} : { column }),
    ...(cell === undefined || cell === '' ? {} : { value: echo(cell) }),
  }
}

/** What a spreadsheet may have done to a number, and how to write it instead. */
function numberHint(cell: string): string {
  if (/^-?\d{1,3}([,.' ]\d{3})+([.,]\d+)?$/.test(cell) && !/^-?\d+[.,]\d+$/.test(cell))
    return 'write it without thousands separators, e.g. 1000000'
  if (/^-?\d+,\d+$/.test(cell))
    return "write the decimal mark as '.', e.g. 0.85 (your sheet uses a decimal comma)"
  if (cell.endsWith('%')) return 'write a share as a fraction, e.g. 0.85 for 85%'
  if (/^-?[$€£]|[$€£]$/.test(cell)) return 'write the amount without a currency sign, e.g. 41000.00'
  if (/^-?[\d.]+e[+-]?\d+$/i.test(cell))
    return 'write it out in full (format the column as a number, not scientific)'
  return 'digits, an optional leading - and one . for decimals'
}

/** The create schema's issues for a row, as report entries naming the row, column and cell. */
export function schemaIssues(
  record: CsvRecord,
  header: readonly string[],
  validation: unknown[],
): FieldIssue[] {
  const issues = validationIssues(
    { validation: validation as never, validationContext: 'body' },
    CREATE_ROUTE,
  )
  return issues.map((issue) => {
    const column = issue.pointer.split('/')[1] || undefined
    const index = column === undefined ? -1 : header.indexOf(column)
    const cell = index >= 0 ? record.cells[index] : undefined
    const numeric = column !== undefined && WORKLOAD_CSV_COLUMN_BY_HEADER.get(column)?.kind === 'number'
    // A decimal's own wording speaks of JSON strings; a spreadsheet has numbers.
    const detail =
      numeric && issue.detail.startsWith('must be a decimal string')
        ? `must be a plain number such as 1234.56; ${numberHint(cell ?? '')}`
        : issue.detail
    return rowIssue(record, column, cell, issue.code, detail)
  })
}

/** The header's problems: unknown, repeated and missing columns, every one named. */
function headerIssues(header: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = []
  const at = (column: string, code: string, detail: string): FieldIssue => ({
    in: 'body',
    pointer: `/0/${column}`,
    code,
    detail,
    row: 0,
    line: 1,
    column: echo(column),
  })
  const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')
  const seen = new Set<string>()
  for (const [i, name] of header.entries()) {
    if (name === '') {
      const { column: _none, ...issue } = at(
        String(i + 1),
        'empty_header',
        `column ${i + 1} has no header; name it or delete it`,
      )
      issues.push(issue)
    } else if (!WORKLOAD_CSV_COLUMN_BY_HEADER.has(name)) {
      const near = WORKLOAD_CSV_HEADERS.find((known) => loose(known) === loose(name))
      issues.push(
        at(
          name,
          'unknown_column',
          near
            ? `unknown column '${echo(name, 60)}'; did you mean '${near}'?`
            : `unknown column '${echo(name, 60)}'; the columns are ${WORKLOAD_CSV_HEADERS.join(', ')}`,
        ),
      )
    } else if (seen.has(name)) {
      issues.push(at(name, 'duplicate_column', `column '${name}' is given twice; keep one`))
    }
    seen.add(name)
  }
  for (const required of REQUIRED_CSV_HEADERS) {
    if (!seen.has(required)) issues.push(at(required, 'missing_column', `column '${required}' is required`))
  }
  return issues
}

/** The create body's fields of a record (cells of known columns only; empty cells give none). */
function rawOf(
  record: CsvRecord,
  header: readonly string[],
  columns: readonly (WorkloadCsvColumn | undefined)[],
): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]
    const cell = record.cells[i]!
    if (column && cell !== '') raw[header[i]!] = column.read(cell)
  }
  return raw
}

/**
 * The 422 of a file with bad rows: every issue found (up to the report's limit), in file order — by row,
 * then left to right by the column's place in `header` —, nothing written.
 */
export function invalidRows(found: readonly FieldIssue[], header: readonly string[]): UnprocessableError {
  const place = (issue: FieldIssue) => (issue.column === undefined ? -1 : header.indexOf(issue.column))
  const issues = [...found].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || place(a) - place(b))
  const rows = new Set(issues.map((issue) => issue.row)).size
  const shown = issues.slice(0, CSV_IMPORT_LIMITS.maxReportedIssues)
  const more =
    issues.length > shown.length ? `; the first ${shown.length.toLocaleString('en-US')} are listed` : ''
  return new UnprocessableError(
    `${issues.length.toLocaleString('en-US')} problem${issues.length === 1 ? '' : 's'} in ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} of the file${more}. Nothing was imported; fix them and send the file again.`,
    shown,
    'INVALID_ROWS',
  )
}

/**
 * Reads a table's rows and checks each by itself, without the database: the header, the create's schema
 * (its rules and wording), names the file gives twice. A row with an issue keeps no body.
 */
export function readRows(table: CsvTable): Rows {
  const header = headerIssues(table.header)
  if (header.length > 0) {
    throw new UnprocessableError(
      `The header row does not match the workloads table: ${header.length} problem${header.length === 1 ? '' : 's'}. Download the template for the exact headers.`,
      header,
      'INVALID_CSV',
    )
  }
  if (table.records.length === 0 && table.problems.length === 0) {
    throw invalidCsv('The file has a header but no rows.', {
      pointer: '/1',
      row: 1,
      code: 'no_rows',
      detail: 'add one row per workload under the header',
    })
  }
  const issues = [...table.problems]
  const candidates: Candidate[] = []
  const names = new Map<string, number>()
  const nameIndex = table.header.indexOf('name')
  // Each header's column, looked up once per file rather than once per cell.
  const columns = table.header.map((name) => WORKLOAD_CSV_COLUMN_BY_HEADER.get(name))
  for (const record of table.records) {
    const raw = rawOf(record, table.header, columns)
    const parsed = checkBody(raw)
    const name = 'value' in parsed ? parsed.value.name : readText(record.cells[nameIndex] ?? '').trim()
    const candidate: Candidate = { record, raw, name }
    if ('value' in parsed) candidate.body = parsed.value
    else issues.push(...schemaIssues(record, table.header, parsed.error))
    const earlier = names.get(name)
    if (name !== '' && earlier !== undefined) {
      issues.push(
        rowIssue(
          record,
          'name',
          record.cells[nameIndex],
          'duplicate_name',
          `is also the name of row ${earlier}; names are unique within a portfolio`,
        ),
      )
      candidate.body = undefined
    } else if (name !== '') names.set(name, record.row)
    candidates.push(candidate)
  }
  return { header: table.header, candidates, issues }
}

/** The example row on models of `book` that the plan's checks accept (the API's example models when it has them). */
export function exampleFor(book: PriceBook): WorkloadCsvRow {
  const models = sortModels(book.models).map((m) => m.modelId)
  const choices: { model: string; routeToModel: string | null }[] = [
    { model: 'claude-opus-4-6', routeToModel: 'claude-sonnet-4-6' },
    ...models.map((model) => ({ model, routeToModel: null })),
  ]
  for (const choice of choices) {
    const row = templateRow(choice)
    const parsed = validateBody(fromRow(row))
    if (!('value' in parsed)) continue
    try {
      checkForPlan([parsed.value], book, (_i, rest) => rest)
      return row
    } catch (error) {
      if (!(error instanceof PlanValidationError)) throw error
    }
  }
  return templateRow(choices[0]!)
}

/** A row's fields as the create body takes them (what the import reads back from its cells). */
function fromRow(row: WorkloadCsvRow): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (const column of WORKLOAD_CSV_COLUMNS) {
    const cell = column.cell(row)
    if (cell !== null && cell !== undefined && cell !== '') raw[column.header] = column.read(String(cell))
  }
  return raw
}
