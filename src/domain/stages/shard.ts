import { contractYears } from '../contract-years.js'
import { createPricingContext } from '../levers.js'
import type { PlanRequest } from '../plan-request.js'
import type { PriceBook } from '../price-book.js'
import { scenarioSchedules } from '../projection.js'
import { createRateCards } from '../request-cost.js'
import {
  type PlanIssues,
  type ValidPlan,
  validatedNames,
  validatePlanSlice,
  type WorkloadSlice,
} from '../validation.js'
import {
  blockBounds,
  type PortfolioAccumulator,
  type ProjectedWorkload,
  projectWorkloadBlocks,
  type WorkloadParts,
} from './project.js'

/**
 * Shards: a large plan's workloads validated and projected in parts — on as many threads as the caller has — and
 * merged exactly. A shard is a run of whole accumulation blocks ({@link blockBounds}); it is validated with the
 * plan's head (term, levers, commitment) and projected on its own ({@link projectShard}), giving its workloads'
 * figures, its validation issues with their pointers into the whole request, and its blocks' sums. The blocks of
 * every shard, in shard order, are then the blocks of the whole plan: `finishPlan` (plan.ts) adds them up in block
 * order, as the unsharded plan does, and runs the remaining stages once. The engine does no threading itself:
 * moving shards between threads is the caller's business (`codec.ts` carries the sums as plain data).
 */

/** Where a shard lies in the whole request: the workloads `[offset, offset + n)` of `total`. */
export interface PlanSlice extends WorkloadSlice {
  /** Workloads in the whole request (the accumulation blocks depend on it). */
  total: number
}

/** The whole request as one shard. */
export const wholeSlice = (request: PlanRequest): PlanSlice => ({
  offset: 0,
  total: Array.isArray(request?.workloads) ? request.workloads.length : 0,
  namesBefore: [],
})

/** One shard's part of a plan. */
export interface ShardProjection<T> {
  /** The plan's head with the shard's workloads (their `index` that of the whole request). */
  plan: ValidPlan
  /** Validation issues: of the head (the same in every shard) and of the shard's workloads. */
  issues: PlanIssues
  /** The sums of the shard's blocks, in order; none when there are issues. */
  blocks: PortfolioAccumulator[]
  /** The shard's workloads as `keep` made them, in order; none when there are issues. */
  workloads: T[]
}

/** True when a shard found no issue. */
export const shardValid = (issues: PlanIssues): boolean =>
  issues.head.length === 0 && issues.workloads.length === 0 && issues.tail.length === 0

/**
 * The contiguous shards, of whole blocks, that `total` workloads split into for `shards` threads: as many as asked
 * (fewer when the plan has fewer blocks), each `[start, end)`, of nearly equal size.
 */
export function shardRanges(total: number, shards: number): { start: number; end: number }[] {
  const bounds = blockBounds(total)
  const blocks = bounds.length - 1
  const count = Math.max(1, Math.min(Math.floor(shards), blocks))
  return Array.from({ length: count }, (_, s) => ({
    start: bounds[Math.floor((s * blocks) / count)]!,
    end: bounds[Math.floor(((s + 1) * blocks) / count)]!,
  }))
}

/**
 * A plan request split into shards ({@link shardRanges}): each shard's request (the head and its workloads) and
 * where it lies. For callers that hold the whole request; a thread that validates its own shard's JSON builds the
 * same `namesBefore` from the earlier workloads' names.
 */
export function splitPlanRequest(
  request: PlanRequest,
  shards: number,
): { request: PlanRequest; slice: PlanSlice }[] {
  const workloads = request.workloads
  return shardRanges(workloads.length, shards).map(({ start, end }) => ({
    request: { ...request, workloads: workloads.slice(start, end) },
    slice: { offset: start, total: workloads.length, namesBefore: validatedNames(workloads.slice(0, start)) },
  }))
}

/**
 * Validates and projects one shard: `request.workloads` are the workloads of `slice` (a run of whole blocks of the
 * `slice.total` workloads). Issues are returned, not thrown, so that the caller can gather every shard's.
 * @throws Error when the slice is not a run of whole blocks (its sums could not be merged exactly)
 */
export function projectShard<T>(
  request: PlanRequest,
  book: PriceBook,
  slice: PlanSlice,
  parts: WorkloadParts,
  keep: (workload: ProjectedWorkload) => T,
): ShardProjection<T> {
  const count = Array.isArray(request?.workloads) ? request.workloads.length : 0
  const bounds = blockBounds(slice.total)
  if (!bounds.includes(slice.offset) || !bounds.includes(slice.offset + count)) {
    throw new Error(
      `a shard must be a run of whole blocks: [${slice.offset}, ${slice.offset + count}) of ${slice.total}`,
    )
  }
  const { plan, issues } = validatePlanSlice(request, book, slice)
  if (!shardValid(issues)) return { plan, issues, blocks: [], workloads: [] }
  const ctx = createPricingContext(createRateCards())
  const schedules = scenarioSchedules(plan.levers, plan.months)
  const years = contractYears(plan.termStart, plan.months)
  const workloads: T[] = []
  const blocks = projectWorkloadBlocks(plan, schedules, years, ctx, parts, keep, workloads, slice.total)
  return { plan, issues, blocks, workloads }
}
