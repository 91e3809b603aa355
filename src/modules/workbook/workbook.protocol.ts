import type { PriceBookWire } from '../../domain/codec.js'
import type { PlanWithInputs } from '../projections/projections.service.js'
import type { StoredWorkload } from '../workloads/workloads.repository.js'

/**
 * What the main thread hands a compute worker to write a workbook (`workbook.worker.ts`, dispatched by the plan
 * worker's entry), and what comes back. Everything is plain data for the structured clone: the price book as
 * its wire form (its decimals as strings), the stored plan's parts as they were read, and each workload's line of
 * the `workloads` part still as JSON text (the worker parses it), so the main thread only reads rows.
 */
export interface WorkbookTask {
  kind: 'workbook'
  inputs: WorkbookInputs
}

/** A stored plan with the inputs it was computed from, read whole (the worker has no database). */
export interface WorkbookInputs
  extends Pick<PlanWithInputs, 'request' | 'head' | 'options' | 'months' | 'years'> {
  portfolioName: string
  scenarioName: string
  /** The plan's revision (the projection's ETag names the same one). */
  planTag: string
  /** The price book the plan was computed with. */
  book: PriceBookWire
  /**
   * The stored workloads' labels beside the engine's fields (which `request` holds), in plan order: only what
   * the sheets show, since every field crosses to the worker in a structured clone on the main thread.
   */
  workloads: StoredLabels[]
  /** Each workload's line of the `workloads` part (a `StoredWorkloadFigures` as JSON), in plan order. */
  figures: string[]
}

/**
 * The worker's answer: the .xlsx file's bytes, in a buffer of their own moved back to the main thread (not
 * copied).
 */
export type WorkbookOutcome = Uint8Array

/** What the Workloads sheet shows of a stored workload besides the engine's fields. */
export type StoredLabels = Pick<StoredWorkload, 'team' | 'tags'>
