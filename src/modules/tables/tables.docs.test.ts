import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTRACT_COMMITMENT_COLUMNS, COST_AND_USAGE_COLUMNS } from '../focus/focus.columns.js'
import { CONTRACT_COMMITMENT_13, COST_AND_USAGE_13, CUSTOM_COLUMN_PREFIX } from '../focus/focus-13.js'
import { COMPARISON_COLUMNS } from './comparison.columns.js'
import type { TableColumn } from './table-columns.js'
import { TABLE_NAMES, TABLES } from './tables.columns.js'

/**
 * docs/spreadsheets.md promises every column of the plan's tables, of the comparison as CSV and of both FOCUS
 * datasets, in order (the OpenAPI document points readers there). The page's column tables are read here and
 * held to the code's column lists, so a column added, renamed, moved or retyped in one place fails until the
 * other says the same.
 */

const DOC = readFileSync(new URL('../../../docs/spreadsheets.md', import.meta.url), 'utf8')

/** A documented column: the first two cells of a row of a markdown table (`name`, then its type or level). */
interface DocumentedColumn {
  name: string
  second: string
}

/** The text under `heading` (an exact heading line), up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const lines = text.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) throw new Error(`docs/spreadsheets.md has no heading ${JSON.stringify(heading)}`)
  const level = heading.match(/^#+/)![0].length
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => {
    const hashes = line.match(/^(#+) /)
    return hashes !== null && hashes[1]!.length <= level
  })
  return (end < 0 ? rest : rest.slice(0, end)).join('\n')
}

/** The rows of the first markdown table in `text` whose first cell is a column name in backticks. */
function columnTable(text: string): DocumentedColumn[] {
  const lines = text.split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  if (first < 0) throw new Error('no table in the section')
  const table: string[] = []
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break
    table.push(line)
  }
  // Header row and the `| --- |` separator first.
  return table.slice(2).map((row) => {
    const cells = row
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim())
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1]
    if (name === undefined) throw new Error(`a column row without a name in backticks: ${row}`)
    return { name, second: cells[1] ?? '' }
  })
}

const TABLES_SECTION = '## Tables of a plan'
const FOCUS_SECTION = '## FOCUS export'

/** The documented columns of a plan table (`### \`<table>\`` under "Tables of a plan"). */
const documentedTable = (text: string, table: string) =>
  columnTable(section(section(text, TABLES_SECTION), `### \`${table}\``))
const documentedComparison = (text: string) => columnTable(section(text, '## The comparison as CSV'))
const documentedFocus = (text: string, heading: string) =>
  columnTable(section(section(text, FOCUS_SECTION), heading))

const namesAndTypes = <Row>(columns: readonly TableColumn<Row>[]) =>
  columns.map((c) => ({ name: c.name, second: c.type }))

/** A FOCUS column's documented level: FOCUS 1.3's feature level, or `custom` for an `x_` column. */
const levels = (spec: readonly { column: string; level: string }[], names: readonly string[]) =>
  names.map((name) => ({
    name,
    second: name.startsWith(CUSTOM_COLUMN_PREFIX)
      ? 'custom'
      : (spec.find((c) => c.column === name)?.level ?? 'not in FOCUS 1.3'),
  }))

describe('docs/spreadsheets.md lists the columns the code writes', () => {
  for (const table of TABLE_NAMES) {
    it(`table \`${table}\`: every column in order, with its type`, () => {
      expect(documentedTable(DOC, table)).toEqual(namesAndTypes(TABLES[table].columns))
    })
  }

  it('every table has its section, in the documented order', () => {
    const headings = section(DOC, TABLES_SECTION)
      .split('\n')
      .filter((line) => line.startsWith('### '))
    expect(headings).toEqual(TABLE_NAMES.map((table) => `### \`${table}\``))
  })

  it('the comparison as CSV: every column in order, with its type', () => {
    expect(documentedComparison(DOC)).toEqual(namesAndTypes(COMPARISON_COLUMNS))
  })

  it('FOCUS Cost and Usage: every column in export order, with its FOCUS 1.3 level', () => {
    const names = COST_AND_USAGE_COLUMNS.map((c) => c.name)
    expect(documentedFocus(DOC, '### Cost and Usage columns')).toEqual(levels(COST_AND_USAGE_13, names))
  })

  it('FOCUS Contract Commitment: every column in export order, with its FOCUS 1.3 level', () => {
    const names = CONTRACT_COMMITMENT_COLUMNS.map((c) => c.name)
    expect(documentedFocus(DOC, '### Contract Commitment columns')).toEqual(
      levels(CONTRACT_COMMITMENT_13, names),
    )
  })
})

describe('the check itself', () => {
  // Without these, a parser that found nothing, or the code's own list, would pass the checks above.
  it('catches a column renamed in the docs', () => {
    const renamed = DOC.replace('| `batchAdoption` | rate |', '| `batchAdopted` | rate |')
    expect(renamed).not.toBe(DOC)
    expect(documentedTable(renamed, 'months')).not.toEqual(namesAndTypes(TABLES.months.columns))
  })

  it('catches a retyped, a moved and a missing column', () => {
    const retyped = DOC.replace('| `paysLeast` | integer |', '| `paysLeast` | text |')
    expect(documentedComparison(retyped)).not.toEqual(namesAndTypes(COMPARISON_COLUMNS))
    const moved = DOC.replace(
      '| `x_Team` | custom | its team; null if none |\n| `x_Model` |',
      '| `x_Model` |',
    ).replace('| `x_RouteToModel` |', '| `x_Team` | custom | its team; null if none |\n| `x_RouteToModel` |')
    expect(moved).not.toBe(DOC)
    const names = COST_AND_USAGE_COLUMNS.map((c) => c.name)
    expect(documentedFocus(moved, '### Cost and Usage columns')).not.toEqual(levels(COST_AND_USAGE_13, names))
    const missing = DOC.replace(/^\| `ContractId` \|.*\n/m, '')
    expect(missing).not.toBe(DOC)
    expect(documentedFocus(missing, '### Contract Commitment columns').map((c) => c.name)).not.toEqual(
      CONTRACT_COMMITMENT_COLUMNS.map((c) => c.name),
    )
  })
})
