import { LEVERS, type Lever, type MonthOf, type PlanPreview } from '../../domain/index.js'
import { ConflictError } from '../../lib/errors.js'
import type { PlanWorkloadRef } from '../projections/projections.repository.js'
import type { StoredPlan, StoredWorkloadFigures } from '../projections/projections.service.js'
import type { CellValue, ColumnType, TableColumn } from './table-columns.js'

/**
 * The tables of a stored scenario's plan (`GET …/scenarios/{id}/tables/{table}`): for each, its columns in
 * their documented order (docs/spreadsheets.md, "Tables") and its rows, one per item, read from the stored
 * plan — the figures are the projection's own strings, never recomputed. Per-lever columns are fixed (routing,
 * caching, batch), empty where the scenario does not list the lever, so the columns never depend on the data.
 */

/** Every table, in the documented order. */
export const TABLE_NAMES = [
  'months',
  'years',
  'workloads',
  'workload-months',
  'waterfall',
  'shapley',
  'options',
  'warnings',
] as const
export type TableName = (typeof TABLE_NAMES)[number]

/** A table: its columns and how a stored plan gives its rows. */
export interface TableDefinition<Row> {
  columns: readonly TableColumn<Row>[]
  rows(plan: StoredPlan): Iterable<Row> | AsyncIterable<Row>
}

const column = <Row>(name: string, type: ColumnType, value: (row: Row) => CellValue): TableColumn<Row> => ({
  name,
  type,
  value,
})

/** A column per lever, in the fixed order routing, caching, batch: `<lever><suffix>`. */
const perLever = <Row>(
  suffix: string,
  type: ColumnType,
  value: (row: Row, lever: Lever) => CellValue,
): TableColumn<Row>[] =>
  LEVERS.map((lever) => column<Row>(`${lever}${suffix}`, type, (row) => value(row, lever)))

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value)

type PortfolioMonth = PlanPreview['months'][number]
const months: TableDefinition<PortfolioMonth> = {
  columns: [
    column('month', 'integer', (m) => m.month),
    column('start', 'date', (m) => m.start),
    column('baseline', 'money', (m) => m.baseline),
    column('optimized', 'money', (m) => m.optimized),
    column('fullyOptimized', 'money', (m) => m.fullyOptimized),
    ...perLever<PortfolioMonth>('Adoption', 'rate', (m, lever) => orNull(m.adoption[lever])),
  ],
  rows: (plan) => plan.months,
}

interface YearRow {
  year: PlanPreview['years'][number]
  /** The recommended commitment's year, under `structure: annual` only. */
  commitment: PlanPreview['recommendation']['years'][number] | undefined
}
const years: TableDefinition<YearRow> = {
  columns: [
    column('year', 'integer', (r) => r.year.year),
    column('start', 'date', (r) => r.year.start),
    column('months', 'integer', (r) => r.year.months),
    column('baseline', 'money', (r) => r.year.baseline),
    column('optimized', 'money', (r) => r.year.optimized),
    column('fullyOptimized', 'money', (r) => r.year.fullyOptimized),
    column('p10', 'money', (r) => r.year.percentiles.p10),
    column('p50', 'money', (r) => r.year.percentiles.p50),
    column('p90', 'money', (r) => r.year.percentiles.p90),
    column('recommendedCommit', 'money', (r) => orNull(r.commitment?.commit)),
    column('expectedPayment', 'money', (r) => orNull(r.commitment?.expectedPayment)),
    column('expectedStranded', 'money', (r) => orNull(r.commitment?.expectedStranded)),
  ],
  rows: (plan) =>
    plan.years.map((year) => ({
      year,
      commitment:
        plan.head.structure === 'annual'
          ? plan.head.recommendation.years.find((y) => y.year === year.year)
          : undefined,
    })),
}

/** The workloads' lines of a per-workload part beside their workloads; a count that differs is a changed plan. */
async function* perWorkload<T>(
  plan: StoredPlan,
  part: 'workloads' | 'workloadMonths',
): AsyncGenerator<{ ref: PlanWorkloadRef; value: T }> {
  let i = 0
  for await (const line of plan.lines(part)) {
    const ref = plan.workloads[i++]
    if (!ref) throw changedPlan()
    yield { ref, value: JSON.parse(line) as T }
  }
  if (i !== plan.workloads.length) throw changedPlan()
}

const changedPlan = () => new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')

interface WorkloadRow {
  ref: PlanWorkloadRef
  figures: StoredWorkloadFigures
}
const waterfallSavings = (steps: readonly { lever: Lever; savings: string }[], lever: Lever) =>
  orNull(steps.find((step) => step.lever === lever)?.savings)
const workloads: TableDefinition<WorkloadRow> = {
  columns: [
    column('workloadId', 'text', (r) => r.ref.id),
    column('workloadName', 'text', (r) => r.figures.name),
    column('team', 'text', (r) => r.ref.team),
    column('kind', 'text', (r) => r.figures.kind),
    column('model', 'text', (r) => r.figures.model),
    column('routeToModel', 'text', (r) => r.figures.routeToModel),
    column('baselineTermSpend', 'money', (r) => r.figures.baseline.termSpend),
    column('optimizedTermSpend', 'money', (r) => r.figures.optimized.termSpend),
    column('fullyOptimizedTermSpend', 'money', (r) => r.figures.fullyOptimized.termSpend),
    column('baselineStartRunRate', 'money', (r) => r.figures.baseline.startRunRate),
    column('baselineEndRunRate', 'money', (r) => r.figures.baseline.endRunRate),
    column('optimizedStartRunRate', 'money', (r) => r.figures.optimized.startRunRate),
    column('optimizedEndRunRate', 'money', (r) => r.figures.optimized.endRunRate),
    column('fullyOptimizedStartRunRate', 'money', (r) => r.figures.fullyOptimized.startRunRate),
    column('fullyOptimizedEndRunRate', 'money', (r) => r.figures.fullyOptimized.endRunRate),
    column('savingsScheduled', 'money', (r) => r.figures.savings.scheduled),
    column('savingsFull', 'money', (r) => r.figures.savings.full),
    column('savingsScheduledRate', 'rate', (r) => r.figures.savings.scheduledRate),
    column('savingsFullRate', 'rate', (r) => r.figures.savings.fullRate),
    ...perLever<WorkloadRow>('WaterfallSavings', 'money', (r, lever) =>
      waterfallSavings(r.figures.waterfall, lever),
    ),
    ...perLever<WorkloadRow>('Shapley', 'money', (r, lever) => orNull(r.figures.shapley[lever])),
  ],
  async *rows(plan) {
    for await (const { ref, value } of perWorkload<StoredWorkloadFigures>(plan, 'workloads'))
      yield { ref, figures: value }
  },
}

interface WorkloadMonthRow {
  ref: PlanWorkloadRef
  month: MonthOf<string>
  start: string | null
}
const workloadMonths: TableDefinition<WorkloadMonthRow> = {
  columns: [
    column('workloadId', 'text', (r) => r.ref.id),
    column('workloadName', 'text', (r) => r.ref.name),
    column('month', 'integer', (r) => r.month.month),
    column('start', 'date', (r) => r.start),
    column('baseline', 'money', (r) => r.month.baseline),
    column('optimized', 'money', (r) => r.month.optimized),
    column('fullyOptimized', 'money', (r) => r.month.fullyOptimized),
  ],
  async *rows(plan) {
    const starts = plan.months.map((m) => m.start)
    for await (const { ref, value } of perWorkload<MonthOf<string>[]>(plan, 'workloadMonths')) {
      for (const month of value) yield { ref, month, start: starts[month.month] ?? null }
    }
  },
}

type WaterfallRow = PlanPreview['waterfall'][number] & { step: number }
const waterfall: TableDefinition<WaterfallRow> = {
  columns: [
    column('step', 'integer', (r) => r.step),
    column('lever', 'text', (r) => r.lever),
    column('spendBefore', 'money', (r) => r.spendBefore),
    column('spendAfter', 'money', (r) => r.spendAfter),
    column('savings', 'money', (r) => r.savings),
  ],
  rows: (plan) => plan.head.waterfall.map((step, i) => ({ step: i + 1, ...step })),
}

interface ShapleyRow {
  lever: string
  savings: string
}
const shapley: TableDefinition<ShapleyRow> = {
  columns: [column('lever', 'text', (r) => r.lever), column('savings', 'money', (r) => r.savings)],
  // In the scenario's lever order (the order the plan's object keeps).
  rows: (plan) =>
    Object.entries(plan.head.shapley).map(([lever, savings]) => ({ lever, savings: savings as string })),
}

type OptionRow = PlanPreview['options'][number]
const options: TableDefinition<OptionRow> = {
  columns: [
    column('kind', 'text', (o) => o.kind),
    column('kinds', 'list', (o) => o.kinds),
    column('label', 'text', (o) => o.label),
    column('commit', 'money', (o) => o.commit),
    column('discountRate', 'rate', (o) => o.discountRate),
    column('tier', 'integer', (o) => o.tier),
    column('expectedUtilization', 'rate', (o) => o.expectedUtilization),
    column('expectedCoverage', 'rate', (o) => o.expectedCoverage),
    column('shortfallProbability', 'rate', (o) => o.shortfallProbability),
    column('expectedStranded', 'money', (o) => o.expectedStranded),
    column('expectedPayment', 'money', (o) => o.expectedPayment),
    column('effectiveSavingsRate', 'rate', (o) => o.effectiveSavingsRate),
    column('basis', 'text', (o) => o.basis),
  ],
  rows: (plan) => plan.options,
}

type WarningRow = PlanPreview['warnings'][number]
const warnings: TableDefinition<WarningRow> = {
  columns: [
    column('code', 'text', (w) => w.code),
    column('severity', 'text', (w) => w.severity),
    column('amount', 'money', (w) => w.amount),
    column('lever', 'text', (w) => orNull(w.lever)),
    column('workloads', 'list', (w) => w.workloads),
    column('message', 'text', (w) => w.message),
  ],
  rows: (plan) => plan.head.warnings,
}

/** Every table by name. */
export const TABLES: Readonly<Record<TableName, TableDefinition<unknown>>> = {
  months,
  years,
  workloads,
  'workload-months': workloadMonths,
  waterfall,
  shapley,
  options,
  warnings,
}
