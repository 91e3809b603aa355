import type { Readable } from 'node:stream'
import { type CsvColumn, csvStream, textStream } from '../../lib/csv.js'

/**
 * A table's columns, written once for both of its forms: CSV (csv.ts: numbers bare, text neutralized) and JSON
 * (an object per row with the same keys in the same order, money and rates as decimal strings as everywhere in
 * the API). The column order is the documented order (docs/spreadsheets.md) and never changes within `/v1`.
 */

/**
 * What a column holds: `money` (a decimal string of USD), `rate` (a decimal string, 0.05 = 5%), `integer`,
 * `date` (`YYYY-MM-DD`), `text`, or `list` (text items: a JSON array, or one CSV cell of items joined by `; `).
 */
export type ColumnType = 'money' | 'rate' | 'integer' | 'date' | 'text' | 'list'

/** A cell's value: null is an empty CSV cell and a JSON null. */
export type CellValue = string | number | readonly string[] | null

/** One column of a table. */
export interface TableColumn<Row> {
  name: string
  type: ColumnType
  value(row: Row): CellValue
}

/** How a list is written in one CSV cell. */
export const LIST_SEPARATOR = '; '

/** The columns as csv.ts writes them. */
export function csvColumnsOf<Row>(columns: readonly TableColumn<Row>[]): CsvColumn<Row>[] {
  return columns.map((column) => {
    const numeric = column.type === 'money' || column.type === 'rate' || column.type === 'integer'
    return {
      header: column.name,
      kind: numeric ? 'number' : 'text',
      cell: (row: Row) => {
        const value = column.value(row)
        return Array.isArray(value) ? value.join(LIST_SEPARATOR) : (value as string | number | null)
      },
    }
  })
}

/** One row as a JSON object, its keys in column order. */
export function jsonRow<Row>(columns: readonly TableColumn<Row>[], row: Row): Record<string, CellValue> {
  const out: Record<string, CellValue> = {}
  for (const column of columns) out[column.name] = column.value(row)
  return out
}

/** The answer's envelope around the rows: which table, of which scenario (rows and columns are added). */
export interface TableEnvelope {
  table: string
  scenarioId: string
  currency: 'USD'
}

/**
 * The table as a stream of JSON text, `{ table, scenarioId, currency, columns, rows }`: rows are read from
 * `rows` only as the client takes the text (a few dozen kilobytes ahead), so a 360,000-row table is never
 * held whole.
 */
export function jsonTableStream<Row>(
  envelope: TableEnvelope,
  columns: readonly TableColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Readable {
  return textStream(
    (async function* () {
      const head = JSON.stringify({ ...envelope, columns: columns.map((c) => c.name) })
      yield `${head.slice(0, -1)},"rows":[`
      // Each row's text is built from its keys' fixed fragments and its cells: no object per row.
      const keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`)
      let first = true
      for await (const row of rows) {
        let text = first ? '' : ','
        for (let i = 0; i < columns.length; i++)
          text += keys[i]! + JSON.stringify(columns[i]!.value(row) ?? null)
        yield `${text}}`
        first = false
      }
      yield ']}'
    })(),
  )
}

/** The table as a stream of CSV text (csv.ts), in chunks of about 64 KB. */
export function csvTableStream<Row>(
  columns: readonly TableColumn<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
): Readable {
  return csvStream(csvColumnsOf(columns), rows)
}
