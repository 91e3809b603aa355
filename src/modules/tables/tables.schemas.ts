import { z } from 'zod'
import { PREVIEW_EXAMPLE_RESPONSE } from '../plans/plans.examples.js'
import { EXAMPLE_IDS } from '../portfolios/portfolios.schemas.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { jsonRow } from './table-columns.js'
import { TABLE_NAMES, TABLES } from './tables.columns.js'

export const TableParams = ScenarioParams.extend({
  table: z
    .enum(TABLE_NAMES)
    .describe(
      'Which table: `months`, `years`, `workloads`, `workload-months`, `waterfall`, `shapley`, `options` or `warnings`.',
    ),
})

/** `?format=` of a read that a spreadsheet may pull as CSV. */
export const FormatQuery = z.object({
  format: z
    .enum(['csv', 'json'])
    .optional()
    .describe(
      '`csv` or `json`; without it, `Accept: text/csv` (preferred to JSON) asks for CSV and anything else gets JSON.',
    ),
})

const worked = PREVIEW_EXAMPLE_RESPONSE
const cell = z.union([z.string(), z.number(), z.null(), z.array(z.string())])

/** A table as JSON (the worked example's waterfall as the example). */
export const ScenarioTableSchema = z
  .object({
    table: z.enum(TABLE_NAMES),
    scenarioId: z.uuid(),
    currency: z.literal('USD'),
    columns: z.array(z.string()).describe('The column names, in order: the keys of every row.'),
    rows: z
      .array(z.record(z.string(), cell))
      .describe(
        'One object per row, keys in column order. Money and rates are decimal strings, counts are numbers, ' +
          'lists are arrays, empty cells are null.',
      ),
  })
  .meta({
    id: 'ScenarioTable',
    example: {
      table: 'waterfall',
      scenarioId: EXAMPLE_IDS.workedScenario,
      currency: 'USD',
      columns: TABLES.waterfall.columns.map((c) => c.name),
      rows: worked.waterfall.map((step, i) =>
        jsonRow(TABLES.waterfall.columns, { step: i + 1, ...step }),
      ) as Record<string, string | number | null | string[]>[],
    },
  })

/** A CSV answer, for the OpenAPI document. */
export const CsvText = z
  .string()
  .describe('RFC 4180 CSV, UTF-8, one header row; the columns are documented in docs/spreadsheets.md.')
