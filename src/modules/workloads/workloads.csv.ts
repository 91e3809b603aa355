import type { CsvColumn } from '../../lib/csv.js'
import { neutralize } from '../../lib/csv.js'
import type { StoredWorkload } from './workloads.repository.js'
import type { CreateWorkloadBody } from './workloads.schemas.js'

/**
 * The workloads of a portfolio as a CSV table: one column per field of a workload's create body, in one
 * documented order, shared by the export (`GET …/workloads?format=csv`), the template and the import, so
 * that a file exported and imported again makes the same workloads. The headers are the API's field names.
 * A workload's body is flat except `tags`, which is one cell of comma-separated tags.
 */

/** The fields a row carries: a stored workload's, without what the service assigns. */
export type WorkloadCsvRow = Pick<StoredWorkload, keyof CreateWorkloadBody>

/** A column of the workloads table. */
export interface WorkloadCsvColumn extends CsvColumn<WorkloadCsvRow> {
  header: keyof CreateWorkloadBody
  /** The import needs the column (the create body needs the field). */
  required: boolean
  /** What the cell holds, for the documentation. */
  description: string
  /** The create body's value for a non-empty cell (still to be validated by the create's own schema). */
  read(cell: string): unknown
}

/** A text cell: written by csv.ts, which prefixes a leading formula character with `'`. */
function textCell(value: string | null): string | null {
  if (value === null) return null
  // Text that already starts with `'` before a formula character gets one more, so that the import's
  // rule (drop one `'` before a formula character) gives back exactly what was stored.
  const bare = value.replace(/^'+/, '')
  return bare !== value && bare !== '' && neutralize(bare) !== bare ? `'${value}` : value
}

/**
 * A text cell as the export wrote it: a `'` in front of a formula character (`'=x`, `'-legacy`) is the
 * export's neutralization (or a spreadsheet's own text marker), not part of the text.
 */
export function readText(cell: string): string {
  const bare = cell.replace(/^'+/, '')
  return bare !== cell && bare !== '' && neutralize(bare) !== bare ? cell.slice(1) : cell
}

/** Tags as one cell: `reporting, finance`; a `,` or `\` inside a tag is written `\,` or `\\`. */
export function tagsCell(tags: readonly string[]): string {
  return tags.map((tag) => tag.replaceAll('\\', '\\\\').replaceAll(',', '\\,')).join(', ')
}

/** The tags of a cell (blank pieces dropped: a trailing comma is no tag). */
export function readTags(cell: string): string[] {
  const tags: string[] = []
  let current = ''
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i]!
    if (char === '\\' && i + 1 < cell.length) current += cell[++i]
    else if (char === ',') {
      tags.push(current)
      current = ''
    } else current += char
  }
  tags.push(current)
  return tags.filter((tag) => tag.trim() !== '')
}

/** `true`/`false` in any case (a spreadsheet writes `TRUE`); anything else is left for the schema to refuse. */
function readBoolean(cell: string): unknown {
  const lower = cell.toLowerCase()
  return lower === 'true' ? true : lower === 'false' ? false : cell
}

type Field = keyof CreateWorkloadBody

const text = (header: Field, required: boolean, description: string): WorkloadCsvColumn => ({
  header,
  kind: 'text',
  required,
  description,
  cell: (row) => textCell(row[header] as string | null),
  read: readText,
})

const number = (header: Field, required: boolean, description: string): WorkloadCsvColumn => ({
  header,
  kind: 'number',
  required,
  description,
  cell: (row) => row[header] as string | null,
  // The create body takes counts and rates as decimal text: the cell as it is.
  read: (cell) => cell,
})

const choice = (header: Field, description: string): WorkloadCsvColumn => ({
  header,
  kind: 'text',
  required: false,
  description,
  cell: (row) => row[header] as string,
  read: readText,
})

/**
 * The columns, in their documented order: who the traffic is, its volume and tokens today, then each
 * lever's settings (caching, batch, routing), growth, residency and the observed spend.
 */
export const WORKLOAD_CSV_COLUMNS: readonly WorkloadCsvColumn[] = [
  text('name', true, 'Unique within the portfolio; an upsert finds the workload by it.'),
  text('kind', false, 'Free label, e.g. `overnight_report`.'),
  text('team', false, 'Who owns the traffic.'),
  {
    header: 'tags',
    kind: 'text',
    required: false,
    description: 'Comma-separated tags, e.g. `reporting, finance` (`\\,` for a comma inside a tag).',
    cell: (row) => (row.tags.length === 0 ? null : textCell(tagsCell(row.tags))),
    read: (cell) => readTags(readText(cell)),
  },
  text('model', true, 'Model today: dated id or alias of the portfolio’s price book.'),
  number('requestsPerMonth', true, 'Requests per month today.'),
  number('inputTokensPerRequest', true, 'All input tokens per request, the cacheable prefix included.'),
  number('outputTokensPerRequest', true, 'Output tokens per request.'),
  {
    header: 'userWaiting',
    kind: 'text',
    required: true,
    description:
      'The waiting test: is anyone waiting on the result the instant it is produced? `true` or `false`.',
    cell: (row) => String(row.userWaiting),
    read: readBoolean,
  },
  number('cacheablePrefixTokens', false, 'Shared prefix that could be cached (default 0).'),
  number('currentCacheHitRate', false, 'Cache hit rate today, 0–1 (default 0).'),
  number(
    'targetCacheHitRate',
    false,
    'Hit rate once caching is pulled, 0–1 (empty: caching changes nothing).',
  ),
  choice('cacheTtl', 'Cache TTL priced for writes: `5m` (default) or `1h`.'),
  number('currentBatchShare', false, 'Share of requests in batch today, 0–1 (default 0).'),
  number(
    'targetBatchShare',
    false,
    'Batch share once batch is pulled, 0–1 (empty: 1 if nobody waits, else 0).',
  ),
  text('routeToModel', false, 'Cheaper model the routing lever moves `routableShare` to.'),
  number('routableShare', false, 'Share of requests routable to `routeToModel`, 0–1 (both or neither).'),
  number('monthlyGrowthRate', false, 'Monthly volume growth, e.g. 0.02 (default 0).'),
  choice('inferenceGeo', 'Where inference runs: `global` (default) or `us`.'),
  number('observedMonthlySpend', false, 'Observed monthly spend, USD (checks the modelled baseline).'),
]

/** The headers, in order. */
export const WORKLOAD_CSV_HEADERS: readonly string[] = WORKLOAD_CSV_COLUMNS.map((c) => c.header)

/** The columns by header. */
export const WORKLOAD_CSV_COLUMN_BY_HEADER: ReadonlyMap<string, WorkloadCsvColumn> = new Map(
  WORKLOAD_CSV_COLUMNS.map((column) => [column.header, column]),
)

/** Headers the import needs. */
export const REQUIRED_CSV_HEADERS: readonly string[] = WORKLOAD_CSV_COLUMNS.filter((c) => c.required).map(
  (c) => c.header,
)

/** The example row of the template: the API's example workload, on models of the portfolio's book. */
export function templateRow(models: { model: string; routeToModel: string | null }): WorkloadCsvRow {
  return {
    name: 'nightly-digest',
    kind: 'overnight_report',
    team: 'analytics',
    tags: ['reporting'],
    model: models.model,
    requestsPerMonth: '300000',
    inputTokensPerRequest: '6000',
    outputTokensPerRequest: '800',
    userWaiting: false,
    cacheablePrefixTokens: '4500',
    currentCacheHitRate: '0',
    targetCacheHitRate: '0.9',
    cacheTtl: '5m',
    currentBatchShare: '0',
    targetBatchShare: '1',
    routeToModel: models.routeToModel,
    routableShare: models.routeToModel === null ? null : '0.6',
    monthlyGrowthRate: '0.02',
    inferenceGeo: 'global',
    observedMonthlySpend: '15000.00',
  }
}
