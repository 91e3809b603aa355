import { formatIsoDate } from './calendar.js'
import { simulationExplanation } from './commitment/explanation.js'
import { contractYears } from './contract-years.js'
import { PlanValidationError } from './errors.js'
import { createPricingContext } from './levers.js'
import type { Lever, PlanRequest } from './plan-request.js'
import type { PlanPreview, PlanResult, WorkloadPreview, WorkloadResult } from './plan-shape.js'
import { presentPlanWith, presentWorkload } from './present.js'
import type { PriceBook } from './price-book.js'
import { scenarioSchedules } from './projection.js'
import { createRateCards } from './request-cost.js'
import { spendMean } from './simulation.js'
import { commitPlan } from './stages/commit.js'
import { portfolioProjection } from './stages/portfolio.js'
import {
  mergeAccumulators,
  type PortfolioAccumulator,
  type ProjectedWorkload,
  type WorkloadParts,
} from './stages/project.js'
import { type PlanSlice, projectShard, type ShardProjection, shardValid, wholeSlice } from './stages/shard.js'
import { simulatePlan } from './stages/simulate.js'
import { modelSuccessors, type PlanIssues, type ValidPlan, validatePlanSlice } from './validation.js'
import { collectWarnings } from './warnings.js'

/**
 * The plan, stage by stage (docs/cost-model.md): **validate** the request (one PlanValidationError with every
 * issue); **price** each workload's lever corners and **project** it over the term (stages/project.ts), summing the
 * portfolio as the workloads go by; **attribute** and sum the portfolio — waterfall, Shapley values, months and
 * contract years (stages/portfolio.ts); **simulate** the optimized spend of the term and of each contract year
 * (stages/simulate.ts); **commit** — the settlement and every option (stages/commit.ts); **warn**
 * (warnings.ts); and **present** (present.ts), the only place figures are rounded.
 */

/** Which optional parts to build; everything by default. */
export interface PlanParts {
  /** Per-workload monthly series (the largest part of a big plan). */
  workloadMonths?: boolean
  /** Per-workload contract years. */
  workloadYears?: boolean
}

const partsOf = (parts: PlanParts = {}): WorkloadParts => ({
  months: parts.workloadMonths ?? true,
  years: parts.workloadYears ?? true,
})

/** Computes a whole plan, unrounded. */
export function computePlan(request: PlanRequest, book: PriceBook, parts?: PlanParts): PlanResult {
  const { head, workloads } = assemblePlan(request, book, partsOf(parts), (w): WorkloadResult => w)
  return { ...head, workloads }
}

/**
 * Computes a plan and presents it: money strings (cents, or whole dollars for simulated figures), rate strings.
 * Identical to `presentPlan(computePlan(request, book))`; each workload is presented as soon as it is computed, so
 * the hundreds of thousands of unrounded figures of a large portfolio are never all held at once.
 */
export function previewPlan(request: PlanRequest, book: PriceBook, parts?: PlanParts): PlanPreview {
  const { head, workloads } = assemblePlan(request, book, partsOf(parts), presentWorkload)
  return presentPlanWith(head, workloads)
}

/**
 * The preview's work on one shard of a large plan (stages/shard.ts): the shard validated with the plan's head, its
 * workloads projected and presented, its blocks' sums for {@link previewFromShards}. Issues are returned, not
 * thrown, so that every shard's can be gathered into one PlanValidationError ({@link planIssues}).
 */
export function previewShard(
  request: PlanRequest,
  book: PriceBook,
  slice: PlanSlice,
  parts?: PlanParts,
): ShardProjection<WorkloadPreview> {
  return projectShard(request, book, slice, partsOf(parts), presentWorkload)
}

/** Every issue of a plan, in the order validation reports them. */
export const planIssues = (issues: PlanIssues) => [...issues.head, ...issues.workloads, ...issues.tail]

const NO_WORKLOADS: PlanSlice = { offset: 0, total: 0, namesBefore: [] }

/**
 * The plan's head — term, levers, commitment — validated without its workloads, for the thread that merges the
 * shards (each of which has validated it too).
 * @throws PlanValidationError when the head has an issue
 */
export function validatePlanHead(request: Omit<PlanRequest, 'workloads'>, book: PriceBook): ValidPlan {
  const { plan, issues } = validatePlanSlice({ ...request, workloads: [] }, book, NO_WORKLOADS)
  if (!shardValid(issues)) throw new PlanValidationError(planIssues(issues))
  return plan
}

/**
 * The presented plan from its shards: `blocks` every shard's blocks in shard order, `workloads` their presented
 * workloads in the same order (or none, for a caller that keeps them apart). Gives the very plan {@link previewPlan}
 * gives for the whole request.
 */
export function previewFromShards(
  plan: ValidPlan,
  book: PriceBook,
  blocks: readonly PortfolioAccumulator[],
  workloads: WorkloadPreview[],
): PlanPreview {
  return presentPlanWith(finishPlan(plan, book, blocks), workloads)
}

function assemblePlan<T extends WorkloadResult | WorkloadPreview>(
  request: PlanRequest,
  book: PriceBook,
  parts: WorkloadParts,
  keep: (w: ProjectedWorkload) => T,
): { head: Omit<PlanResult, 'workloads'>; workloads: T[] } {
  const shard = projectShard(request, book, wholeSlice(request), parts, keep)
  if (!shardValid(shard.issues)) throw new PlanValidationError(planIssues(shard.issues))
  return { head: finishPlan(shard.plan, book, shard.blocks), workloads: shard.workloads }
}

/**
 * Stages 4–7 once the workloads are projected: the portfolio from the blocks' sums (added in block order), the
 * simulation, the commitment, the warnings. `head` is the validated plan (its workloads are not read again; the
 * models' successors are those of every shard's workloads).
 */
function finishPlan(
  head: ValidPlan,
  book: PriceBook,
  blocks: readonly PortfolioAccumulator[],
): Omit<PlanResult, 'workloads'> {
  const acc = mergeAccumulators(blocks)
  const plan: ValidPlan = {
    ...head,
    successors: modelSuccessors(
      book,
      acc.workloadRefs.map((w) => w.workload),
    ),
  }
  const ctx = createPricingContext(createRateCards())
  const schedules = scenarioSchedules(plan.levers, plan.months)
  const years = contractYears(plan.termStart, plan.months)
  const portfolio = portfolioProjection(plan, schedules, years, acc)
  const simulation = simulatePlan(plan, schedules, acc, portfolio)
  const commitment = commitPlan(plan, years, simulation, portfolio.baseline.termSpend)
  const options = commitment.options
  const warnings = collectWarnings(
    {
      plan,
      listedMask: schedules.listedMask,
      ctx,
      workloads: acc.workloadRefs,
      portfolioShapley: portfolio.shapley,
      monthZeroAdoption: portfolio.months[0]!.adoption,
      commitment,
    },
    acc.workloadWarnings,
  )
  const c = plan.commitment
  const order: Lever[] = plan.levers.map((l) => l.lever)
  const { months, yearSpend, ...figures } = portfolio
  return {
    currency: 'USD',
    priceBook: { id: book.id, name: book.name, effectiveFrom: book.effectiveFrom },
    term: { start: formatIsoDate(plan.termStart), months: plan.months, end: plan.termEnd },
    structure: c.structure,
    levers: plan.levers.map((l) => ({ ...l })),
    ...figures,
    months,
    years: years.map((y, i) => ({
      year: y.year,
      start: y.start,
      months: y.months,
      ...yearSpend[i]!,
      percentiles: simulation.yearPercentiles[i]!,
    })),
    recommendation: {
      ...options[0]!,
      kind: 'recommended',
      percentiles: simulation.percentiles,
      deterministicTermSpend: portfolio.optimized.termSpend,
      explanation: simulationExplanation(
        simulation.percentiles.p50,
        portfolio.optimized.termSpend,
        simulation.drivers,
      ),
    },
    options,
    simulation: {
      runs: c.simulations,
      seed: c.seed,
      growthStdDev: c.growthStdDev,
      adoptionSlipMonths: perListed(order, (l) => c.adoptionSlipMonths[l]),
      minRealization: perListed(order, (l) => c.minRealization[l]),
      percentiles: simulation.percentiles,
      mean: spendMean(simulation.term),
    },
    warnings,
  }
}

function perListed<T>(order: readonly Lever[], value: (lever: Lever) => T): Partial<Record<Lever, T>> {
  const out: Partial<Record<Lever, T>> = {}
  for (const lever of order) out[lever] = value(lever)
  return out
}
