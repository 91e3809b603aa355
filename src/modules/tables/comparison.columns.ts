import type { Readable } from 'node:stream'
import type { z } from 'zod'
import { LEVERS, WARNING_CODES } from '../../domain/index.js'
import type { ComparisonSchema } from '../projections/projections.schemas.js'
import { csvTableStream, type TableColumn } from './table-columns.js'

/**
 * The comparison (`GET /v1/portfolios/{id}/comparison`) as CSV: one row per scenario, its JSON row flattened
 * into columns in a documented, stable order (docs/spreadsheets.md, "Comparison"). Per-lever and per-warning
 * columns are fixed lists (every lever, every warning code), so the columns never depend on the data.
 */

type Comparison = z.infer<typeof ComparisonSchema>
interface ComparisonRow {
  scenario: Comparison['scenarios'][number]
  paysLeast: boolean
}

const column = (
  name: string,
  type: TableColumn<ComparisonRow>['type'],
  value: (
    s: ComparisonRow['scenario'],
    row: ComparisonRow,
  ) => ReturnType<TableColumn<ComparisonRow>['value']>,
): TableColumn<ComparisonRow> => ({ name, type, value: (row) => value(row.scenario, row) })

/** The comparison's CSV columns, in order. */
export const COMPARISON_COLUMNS: readonly TableColumn<ComparisonRow>[] = [
  column('scenarioId', 'text', (s) => s.scenarioId),
  column('name', 'text', (s) => s.name),
  column('paysLeast', 'integer', (_, row) => (row.paysLeast ? 1 : 0)),
  column('termMonths', 'integer', (s) => s.termMonths),
  column('structure', 'text', (s) => s.structure),
  column('baseline', 'money', (s) => s.baseline),
  column('optimized', 'money', (s) => s.optimized),
  column('fullyOptimized', 'money', (s) => s.fullyOptimized),
  column('savingsScheduled', 'money', (s) => s.savings.scheduled),
  column('savingsFull', 'money', (s) => s.savings.full),
  column('savingsScheduledRate', 'rate', (s) => s.savings.scheduledRate),
  column('savingsFullRate', 'rate', (s) => s.savings.fullRate),
  ...LEVERS.map((lever) =>
    column(
      `${lever}WaterfallSavings`,
      'money',
      (s) => s.waterfall.find((w) => w.lever === lever)?.savings ?? null,
    ),
  ),
  ...LEVERS.map((lever) => column(`${lever}Shapley`, 'money', (s) => s.shapley[lever] ?? null)),
  column('recommendedCommit', 'money', (s) => s.recommendation.commit),
  column('discountRate', 'rate', (s) => s.recommendation.discountRate),
  column('expectedPayment', 'money', (s) => s.recommendation.expectedPayment),
  column('expectedStranded', 'money', (s) => s.recommendation.expectedStranded),
  column('shortfallProbability', 'rate', (s) => s.recommendation.shortfallProbability),
  column('commitByYear', 'list', (s) => s.recommendation.years.map((y) => y.commit)),
  column('strandedProposed', 'money', (s) => s.stranded.proposed),
  column('strandedBaseline', 'money', (s) => s.stranded.baseline),
  column('warnings', 'integer', (s) => Object.values(s.warningCounts).reduce((sum, n) => sum + n, 0)),
  ...WARNING_CODES.map((code) => column(`warnings.${code}`, 'integer', (s) => s.warningCounts[code] ?? 0)),
]

/** The comparison as a CSV stream. */
export function comparisonCsv(comparison: Comparison): Readable {
  const rows = comparison.scenarios.map((scenario) => ({
    scenario,
    paysLeast: comparison.paysLeast?.scenarioId === scenario.scenarioId,
  }))
  return csvTableStream(COMPARISON_COLUMNS, rows)
}

/** The ETag of a read's CSV form, from that of its JSON form (each representation has its own strong ETag). */
export const csvEtag = (etag: string): string => `${etag.slice(0, -1)}.csv"`
