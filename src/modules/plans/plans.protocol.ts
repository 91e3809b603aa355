import type { MessagePort } from 'node:worker_threads'
import type { PriceBookWire } from '../../domain/codec.js'
import type { ValidationIssue } from '../../domain/index.js'
import type { FieldIssue } from '../../lib/errors.js'
import type { UnsafeFinding } from '../../lib/safe-text.js'
import type { PlanPart, PlanParts } from './plan-body.js'

/**
 * What the main thread and a plan worker (`plans.worker.ts`) exchange. Everything is plain data: a class
 * instance (an error, a Decimal) does not survive the structured clone between threads, so failures travel
 * as tagged objects and the main thread rebuilds the error (`plans.service.ts`).
 */

/** One preview computation. */
export interface PreviewTask {
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
