import {
  dec,
  type ModelPrice,
  type PlanRequest,
  sortModels,
  type ValidPlan,
  validatePlanRequest,
} from '../../domain/index.js'
import type { ChartPlan } from '../charts/chart-plan.js'
import { validatePreviewBody } from '../plans/plans.schemas.js'
import type { StoredPriceBook } from '../price-books/price-books.types.js'
import type { PlanWithInputs, StoredWorkloadFigures } from '../projections/projections.service.js'

/** How many workloads the report lists by name (the largest by baseline spend); the rest are summed up. */
export const REPORT_TOP_WORKLOADS = 15

/** One workload as the report lists it. */
export interface ReportWorkload {
  name: string
  team: string | null
  kind: string | null
  model: string
  routeToModel: string | null
  requestsPerMonth: string
  baseline: string
  optimized: string
  savings: string
  savingsRate: string
}

/** What the report says about the portfolio's workloads: counts, the largest ones, the rest in one line. */
export interface WorkloadSummary {
  count: number
  /** Σ requests per month in the term's first month, as stored (decimal text). */
  requestsPerMonth: string
  /** The largest workloads by baseline term spend, at most {@link REPORT_TOP_WORKLOADS}. */
  top: ReportWorkload[]
  /** The others: how many, and their baseline and optimized term spend together (cents). */
  others: { count: number; baseline: string; optimized: string }
  /** Workloads per model they run on (canonical id), in the book's family order. */
  byModel: { model: string; displayName: string; workloads: number; baseline: string }[]
}

/** Everything a scenario's report is drawn from. */
export interface ScenarioReportData {
  scenario: { id: string; name: string }
  portfolio: { id: string; name: string }
  /** The plan's revision (the projection's ETag names the same one). */
  planTag: string
  /** The presented plan: headline figures, months, years and options. */
  plan: ChartPlan
  /** The inputs as the engine saw them: defaults applied, models resolved. */
  inputs: ValidPlan
  workloads: WorkloadSummary
  book: Pick<StoredPriceBook, 'id' | 'slug' | 'name' | 'effectiveFrom' | 'version' | 'organizationId'>
  /** The book's rows of every model a workload runs on or may be routed to, in the book's order. */
  models: readonly ModelPrice[]
}

const cents = (value: ReturnType<typeof dec>) => value.toFixed(2)

/** Reads every workload's figures once, keeping the largest by baseline term spend and summing up the rest. */
async function summarize(source: PlanWithInputs, inputs: ValidPlan): Promise<WorkloadSummary> {
  const all: ReportWorkload[] = []
  let index = 0
  for await (const line of source.workloadFigures()) {
    const figures = JSON.parse(line) as StoredWorkloadFigures
    const stored = source.workloads[index++]
    all.push({
      name: figures.name,
      team: stored?.team ?? null,
      kind: figures.kind,
      model: figures.model,
      routeToModel: figures.routeToModel,
      requestsPerMonth: stored?.requestsPerMonth ?? '0',
      baseline: figures.baseline.termSpend,
      optimized: figures.optimized.termSpend,
      savings: figures.savings.scheduled,
      savingsRate: figures.savings.scheduledRate,
    })
  }
  // Largest first; equal spends keep the plan's order (a stable sort), so the same plan lists the same rows. Each
  // spend is parsed once (a sort compares each item about log n times).
  const ranked = all
    .map((workload) => ({ workload, baseline: dec(workload.baseline) }))
    .sort((a, b) => b.baseline.cmp(a.baseline))
    .map((entry) => entry.workload)
  const rest = ranked.slice(REPORT_TOP_WORKLOADS)
  const byModel = new Map<ModelPrice, { workloads: number; baseline: ReturnType<typeof dec> }>()
  for (const [i, workload] of inputs.workloads.entries()) {
    const entry = byModel.get(workload.model) ?? { workloads: 0, baseline: dec('0') }
    entry.workloads += 1
    entry.baseline = entry.baseline.plus(all[i]?.baseline ?? '0')
    byModel.set(workload.model, entry)
  }
  return {
    count: all.length,
    requestsPerMonth: source.workloads.reduce((sum, w) => sum.plus(w.requestsPerMonth), dec('0')).toString(),
    top: ranked.slice(0, REPORT_TOP_WORKLOADS),
    others: {
      count: rest.length,
      baseline: cents(rest.reduce((sum, w) => sum.plus(w.baseline), dec('0'))),
      optimized: cents(rest.reduce((sum, w) => sum.plus(w.optimized), dec('0'))),
    },
    byModel: sortModels([...byModel.keys()]).map((model) => ({
      model: model.modelId,
      displayName: model.displayName,
      workloads: byModel.get(model)!.workloads,
      baseline: cents(byModel.get(model)!.baseline),
    })),
  }
}

/** The models a plan's workloads run on or may be routed to, in the book's family order. */
function modelsOf(inputs: ValidPlan): ModelPrice[] {
  const used = new Set<ModelPrice>()
  for (const workload of inputs.workloads) {
    used.add(workload.model)
    if (workload.routeToModel) used.add(workload.routeToModel)
  }
  return sortModels([...used])
}

/**
 * The report's data: the stored plan, its inputs validated again as the engine validates them (so the
 * assumptions shown are the ones the plan was computed with, defaults included — they produced the stored plan,
 * so this cannot fail unless the engine changed under it, which bumps the plan's format), the workloads summed
 * up, and the book's rows of the models used.
 */
export async function reportData(
  source: PlanWithInputs,
  book: StoredPriceBook,
  planTag: string,
): Promise<ScenarioReportData> {
  const parsed = validatePreviewBody(source.request)
  if (parsed.error) throw new Error('the stored inputs are not a valid plan request')
  const inputs = validatePlanRequest(parsed.value as unknown as PlanRequest, book)
  const { head, months, years, options } = source
  return {
    scenario: { id: source.scenario.id, name: source.scenario.name },
    portfolio: source.portfolio,
    planTag,
    plan: { ...head, months, years, options },
    inputs,
    workloads: await summarize(source, inputs),
    book: {
      id: book.id,
      slug: book.slug,
      name: book.name,
      effectiveFrom: book.effectiveFrom,
      version: book.version,
      organizationId: book.organizationId,
    },
    models: modelsOf(inputs),
  }
}
