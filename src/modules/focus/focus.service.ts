import type { Readable } from 'node:stream'
import type { MonthOf } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { ConflictError } from '../../lib/errors.js'
import type { Tagged } from '../../lib/write-route.js'
import type {
  ProjectionService,
  StoredPlan,
  StoredWorkloadFigures,
} from '../projections/projections.service.js'
import { csvTableStream } from '../tables/table-columns.js'
import { CONTRACT_COMMITMENT_COLUMNS, COST_AND_USAGE_COLUMNS } from './focus.columns.js'
import {
  contractCommitmentRows,
  costAndUsageRows,
  type FocusPlan,
  type FocusWorkload,
  type WorkloadSource,
} from './focus.rows.js'

export interface FocusServiceDeps {
  projections: Pick<ProjectionService, 'storedPlan'>
}

/** The FOCUS datasets the export writes. */
export const FOCUS_DATASETS = ['cost-and-usage', 'contract-commitment'] as const
export type FocusDataset = (typeof FOCUS_DATASETS)[number]

/** A FOCUS dataset ready to send: CSV text as a stream, and its file name. */
export interface FocusFile {
  fileName: string
  stream: Readable
}

/** What the rows need of a stored plan. */
function focusPlanOf(plan: StoredPlan): FocusPlan {
  const { head, scenario } = plan
  const overage = (scenario.commitment as { overage?: string | null }).overage
  return {
    scenarioId: scenario.id,
    portfolio: plan.portfolio,
    term: head.term,
    structure: head.structure,
    months: plan.months,
    years: plan.years,
    recommendation: head.recommendation,
    overage: overage === 'list' ? 'list' : 'discounted',
  }
}

const changedPlan = () => new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')

/**
 * The plan's workloads with their figures and monthly series: the `workloads` and `workloadMonths` parts read
 * side by side, a slice of each at a time.
 */
function workloadsOf(plan: StoredPlan): WorkloadSource {
  return async function* () {
    const figures = plan.lines('workloads')
    const series = plan.lines('workloadMonths')
    for (const ref of plan.workloads) {
      const [figure, months] = await Promise.all([figures.next(), series.next()])
      if (figure.done || months.done) throw changedPlan()
      const { model, routeToModel } = JSON.parse(figure.value) as StoredWorkloadFigures
      yield {
        ...ref,
        model,
        routeToModel,
        months: JSON.parse(months.value) as MonthOf<string>[],
      } satisfies FocusWorkload
    }
    const [figure, months] = await Promise.all([figures.next(), series.next()])
    if (!figure.done || !months.done) throw changedPlan()
  }
}

/**
 * The FOCUS export of stored scenarios (docs/spreadsheets.md, "FOCUS export"): the projected monthly spend as
 * FOCUS 1.3 Cost and Usage rows and the recommended commitment as Contract Commitment rows, streamed as CSV.
 */
export function createFocusService({ projections }: FocusServiceDeps) {
  return {
    /** One dataset; `notModified` short-cuts a conditional read whose ETag still holds. */
    async dataset(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      dataset: FocusDataset,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<FocusFile | null>> {
      const { body: plan, etag } = await projections.storedPlan(
        auth,
        portfolioId,
        scenarioId,
        `focus.${dataset}`,
        notModified,
      )
      if (!plan) return { body: null, etag }
      const focus = focusPlanOf(plan)
      const stream =
        dataset === 'contract-commitment'
          ? csvTableStream(CONTRACT_COMMITMENT_COLUMNS, contractCommitmentRows(focus))
          : csvTableStream(COST_AND_USAGE_COLUMNS, costAndUsageRows(focus, workloadsOf(plan)))
      return { body: { fileName: `${plan.scenario.name}-focus-${dataset}.csv`, stream }, etag }
    },
  }
}

export type FocusService = ReturnType<typeof createFocusService>
