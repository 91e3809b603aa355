import type { MessagePort } from 'node:worker_threads'
import type { PriceBookWire } from '../../domain/codec.js'
import type { ValidationIssue } from '../../domain/index.js'
import type { FieldIssue } from '../../lib/errors.js'
import type { UnsafeFinding } from '../../lib/safe-text.js'
import type { PlanPart, PlanParts, WorkloadParts } from './plan-body.js'

/**
 * What the main thread and a plan worker (`plans.worker.ts`) exchange. Everything is plain data: a class
 * instance (an error, a Decimal) does not survive the structured clone between threads, so failures travel
 * as tagged objects and the main thread rebuilds the error (`plans.service.ts`).
 */

/**
 * A task of the plan worker: a whole preview ({@link PreviewTask}), or — for a large plan, spread over every
 * worker of the pool — one shard of it ({@link ShardTask}), then the merge of the shards ({@link MergeTask}). The
 * main thread orchestrates: no task ever waits for another.
 */
export type PlanTask = PreviewTask | ShardTask | MergeTask

/** One preview computation. */
export interface PreviewTask {
  kind?: 'whole'
  /** The request body exactly as received (UTF-8 JSON), moved to the worker, not copied. */
  body: Uint8Array
  /** The worker posts a {@link PriceBookQuery} here and the main thread answers a {@link PriceBookReply}. */
  port: MessagePort
  /**
   * What to answer: the plan's JSON with these parts (the preview), or every part separately so that a
   * stored scenario can keep them (`'parts'`).
   */
  output: { include: PlanPart[] } | 'parts'
}

/**
 * One shard of a large preview. Every shard gets the same body (in memory shared by the threads) and parses it;
 * shard `shard` of `shards` then validates the request's head with its run of the workloads (see the domain's
 * `shardRanges`), asks for the price book, and projects its workloads. A request that is not a large plan — not
 * an object with at least {@link SHARD_MIN_WORKLOADS} workloads — is computed whole by shard 0 (the others skip it).
 */
export interface ShardTask {
  kind: 'shard'
  /** The request body (UTF-8 JSON), a view of a SharedArrayBuffer. */
  body: Uint8Array
  shard: number
  shards: number
  port: MessagePort
  output: PreviewTask['output']
}

/** Plans with fewer workloads are computed by one task, as a whole. */
export const SHARD_MIN_WORKLOADS = 2_000

/**
 * Bodies smaller than this are sent as one task: 2,000 workloads of the fewest fields the schema requires take
 * about this much JSON.
 */
export const SHARD_MIN_BYTES = 256 * 1024

/** Validation issues in the three runs a shard reports them in: the head's, its workloads', and the tail's. */
export interface IssueRuns<T> {
  head: T[]
  workloads: T[]
  tail: T[]
}

/** What a shard answers. */
export type ShardOutcome =
  /** Shard 0: the request was not sharded; this is the whole preview's outcome. */
  | { kind: 'whole'; outcome: PreviewOutcome }
  /** Another shard, when the request was not sharded (or this shard has no workloads). */
  | { kind: 'skipped' }
  /** A failure of the request as a whole (limits, price book), the same from every shard that reached it. */
  | { kind: 'failed'; failure: PreviewFailure }
  /** The zod validator's entries for the head and the shard's workloads (pointers into the whole request). */
  | { kind: 'invalidBody'; validation: IssueRuns<unknown> }
  /** The engine's issues for the head and the shard's workloads (pointers into the whole request). */
  | { kind: 'invalidPlan'; issues: IssueRuns<ValidationIssue> }
  | {
      kind: 'projected'
      /** The request without its workloads (JSON), for the merge to validate again. */
      head: string
      /** The shard's accumulated sums: JSON of the domain's `AccumulatorWire[]`, UTF-8, moved. */
      blocks: Uint8Array
      /**
       * The shard's workloads: for a preview the items of the body's `workloads` array (UTF-8, moved; empty when
       * the body sends no workloads), for a stored plan its parts.
       */
      workloads: { items: Uint8Array } | { parts: WorkloadParts }
    }

/** Merges the shards (in shard order) and computes the rest of the plan once. */
export interface MergeTask {
  kind: 'merge'
  /** The head, as a shard sent it. */
  head: string
  /** Every shard's `blocks`, in shard order. */
  blocks: Uint8Array[]
  port: MessagePort
  output: PreviewTask['output']
}

/**
 * The merge's answer: the preview's body around the shards' workload items (UTF-8, moved), or the stored plan's
 * parts but the per-workload ones; or why not.
 */
export type MergeOutcome =
  | { ok: true; frame: { before: Uint8Array; after: Uint8Array } }
  | { ok: true; parts: Omit<PlanParts, keyof WorkloadParts> }
  | { ok: false; failure: PreviewFailure }

/** The worker asks for the price book the request names (id or slug), once it has validated the request. */
export interface PriceBookQuery {
  ref: string
}

/** The main thread's answer: the book visible to the caller's organization, null when there is none. */
export type PriceBookReply = { book: PriceBookWire | null } | { failed: true }

/** Why a preview was not computed. */
export type PreviewFailure =
  /** The body is not JSON (or holds a `__proto__` / `constructor.prototype` key, as Fastify's parser refuses). */
  | { kind: 'malformedJson' }
  /** A string or key with a NUL character or a lone surrogate, at `pointer`. */
  | { kind: 'unsafeText'; finding: UnsafeFinding }
  /** The body does not match `PreviewRequestSchema`: the validator's entries, as the zod type provider makes them. */
  | { kind: 'invalidBody'; validation: unknown[] }
  /** Over a computation limit (workload-months, cost budget). */
  | { kind: 'tooLarge'; detail: string; issue: FieldIssue }
  /** The price book named is not visible to the organization. */
  | { kind: 'unknownPriceBook'; ref: string }
  /** The engine found the plan impossible (`PlanValidationError`'s issues). */
  | { kind: 'invalidPlan'; issues: ValidationIssue[] }
  /** The main thread could not look the price book up (it keeps the error and rethrows it). */
  | { kind: 'lookupFailed' }

/** A worker's answer: the JSON of the plan (UTF-8, moved back), or why there is none. */
export type PreviewOutcome =
  | { ok: true; body: Uint8Array }
  | { ok: true; parts: PlanParts }
  | { ok: false; failure: PreviewFailure }

/** The worker module computing {@link PreviewTask}s (for the compute pool; app.ts hands it over). */
export const PREVIEW_WORKER = new URL('./plans.worker.ts', import.meta.url)
