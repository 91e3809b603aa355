import {
  type ModelPrice,
  type PlanPreview,
  type PlanRequest,
  type PriceBook,
  sortModels,
  type ValidPlan,
  validatePlanRequest,
} from '../../domain/index.js'
import { validatePreviewBody } from '../plans/plans.schemas.js'
import type { PlanWithInputs, StoredWorkloadFigures } from '../projections/projections.service.js'
import { type LayoutShape, workbookLayout } from './layout.js'
import type { StoredLabels, WorkbookInputs } from './workbook.protocol.js'

/**
 * What a workbook is made of: the plan's inputs as the engine saw them (validated, every default applied,
 * models resolved — so a cell holds what the engine computed with), the stored workloads' labels, the price
 * book's rows the plan uses, and the stored plan's presented figures for what the workbook shows as values.
 */
export interface WorkbookData {
  portfolioName: string
  scenarioName: string
  /** The plan's revision (the projection's ETag names the same one). */
  planTag: string
  book: Pick<PriceBook, 'id' | 'name' | 'effectiveFrom'>
  plan: ValidPlan
  /** The stored workloads' team and tags, in plan order. */
  stored: readonly StoredLabels[]
  /** Each workload's presented figures (its Shapley values), in plan order, parsed as the sheet is written. */
  workloadFigures: () => AsyncIterable<StoredWorkloadFigures>
  /** The models of the price table: every model a workload runs on or may be routed to. */
  models: readonly ModelPrice[]
  head: PlanWithInputs['head']
  options: PlanPreview['options']
  months: PlanPreview['months']
  years: PlanPreview['years']
}

/** The models a plan's workloads use, in the book's family order (Opus, Sonnet, Haiku; newest first). */
export function modelsUsed(plan: ValidPlan): ModelPrice[] {
  const used = new Set<ModelPrice>()
  for (const w of plan.workloads) {
    used.add(w.model)
    if (w.routeToModel) used.add(w.routeToModel)
  }
  return sortModels([...used])
}

/**
 * Validates the stored inputs again as the engine does (they produced the stored plan, so this cannot fail
 * unless the engine changed under a stored plan — which bumps its format and recomputes it).
 */
export function workbookData(source: WorkbookInputs, book: PriceBook): WorkbookData {
  const parsed = validatePreviewBody(source.request)
  if (parsed.error) throw new Error('the stored inputs are not a valid plan request')
  const plan = validatePlanRequest(parsed.value as unknown as PlanRequest, book)
  return {
    portfolioName: source.portfolioName,
    scenarioName: source.scenarioName,
    planTag: source.planTag,
    book: { id: book.id, name: book.name, effectiveFrom: book.effectiveFrom },
    plan,
    stored: source.workloads,
    workloadFigures: async function* () {
      for (const line of source.figures) yield JSON.parse(line) as StoredWorkloadFigures
    },
    models: modelsUsed(plan),
    head: source.head,
    options: source.options,
    months: source.months,
    years: source.years,
  }
}

/** The layout of a workbook of this data. */
export function layoutOf(data: WorkbookData) {
  const shape: LayoutShape = {
    workloads: data.plan.workloads.length,
    months: data.plan.months,
    years: data.years.length,
    levers: data.plan.levers.map((l) => l.lever),
    structure: data.plan.commitment.structure,
    models: data.models.length,
    bands: Math.max(0, ...data.models.map((m) => m.longContextBands.length)),
    tiers: data.plan.commitment.tiers.length,
    options: data.options.length,
    warnings: data.head.warnings.length,
  }
  return workbookLayout(shape)
}
