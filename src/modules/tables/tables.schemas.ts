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

/** The first rows of the demo scenario's `months` table, as the API writes them. */
const MONTHS_CSV_EXAMPLE =
  '"month","start","baseline","optimized","fullyOptimized","routingAdoption","cachingAdoption",' +
  '"batchAdoption"\r\n' +
  '0,"2027-01-01",59000.00,49177.50,19134.38,0.000000,0.000000,0.500000\r\n' +
  '1,"2027-02-01",59749.15,35015.69,19364.72,0.000000,0.333333,1.000000\r\n' +
  '2,"2027-03-01",60534.38,30509.18,19609.33,0.000000,0.666667,1.000000\r\n'

/** The demo portfolio's comparison as CSV: one row per scenario. */
const COMPARISON_CSV_EXAMPLE =
  '"scenarioId","name","paysLeast","termMonths","structure","baseline","optimized","fullyOptimized",' +
  '"savingsScheduled","savingsFull","savingsScheduledRate","savingsFullRate","routingWaterfallSavings",' +
  '"cachingWaterfallSavings","batchWaterfallSavings","routingShapley","cachingShapley","batchShapley",' +
  '"recommendedCommit","discountRate","expectedPayment","expectedStranded","shortfallProbability",' +
  '"commitByYear","strandedProposed","strandedBaseline","warnings","warnings.STRANDED_COMMITMENT",' +
  '"warnings.LEVER_AFTER_COMMIT_START","warnings.UNPULLED_BATCH","warnings.UNPULLED_CACHING",' +
  '"warnings.CACHE_PREFIX_TOO_SHORT","warnings.CACHE_TRAFFIC_TOO_SPARSE",' +
  '"warnings.BATCH_ON_INTERACTIVE","warnings.BASELINE_MISMATCH","warnings.TIER_CLIFF",' +
  '"warnings.MODEL_RETIRING"\r\n' +
  '"4d5d3927-526e-4710-a95a-7b2adebd23fd","commit now on today\'s spend",0,36,"term",2869243.38,' +
  '1363838.67,942387.51,1505404.71,1926855.88,0.524670,0.671555,209347.23,582282.85,713774.62,' +
  '380600.21,617305.40,507499.10,1211153,0.100000,1354298,4103,0.100000,1211153,649805,1232125,6,2,3,0,' +
  '0,0,0,0,0,1,0\r\n' +
  '"4f8af89e-34c0-4295-ac9a-5980dee9b245","optimize first",1,36,"term",2869243.38,1014324.12,942387.51,' +
  '1854919.27,1926855.88,0.646484,0.671555,270587.76,739978.83,844352.68,495131.50,783460.63,576327.14,' +
  '973414,0.050000,1112132,4214,0.100000,973414,,1532713,7,1,3,0,0,0,0,0,0,3,0\r\n'

const csvText = (example: string) =>
  z
    .string()
    .describe('RFC 4180 CSV, UTF-8, one header row; the columns are documented in docs/spreadsheets.md.')
    .meta({ example })

/** A scenario table as CSV, for the OpenAPI document. */
export const ScenarioTableCsv = csvText(MONTHS_CSV_EXAMPLE)

/** The comparison as CSV, for the OpenAPI document. */
export const ComparisonCsv = csvText(COMPARISON_CSV_EXAMPLE)
