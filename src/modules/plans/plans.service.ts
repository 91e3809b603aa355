import { MessageChannel, type MessagePort, type TransferListItem } from 'node:worker_threads'
import { errorCodes } from 'fastify'
import { encodePriceBook } from '../../domain/codec.js'
import { PlanValidationError } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { UnprocessableError } from '../../lib/errors.js'
import { unsafeInputError } from '../../lib/safe-text.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import { joinWorkloadParts, type PlanPart, type PlanParts, type WorkloadParts } from './plan-body.js'
import {
  type IssueRuns,
  type MergeOutcome,
  type MergeTask,
  type PreviewFailure,
  type PreviewOutcome,
  type PreviewTask,
  type PriceBookQuery,
  type PriceBookReply,
  SHARD_MIN_BYTES,
  type ShardOutcome,
  type ShardTask,
} from './plans.protocol.js'
import { type PreviewRequestInput, validatePreviewBody } from './plans.schemas.js'

/** One computation's tasks (`app.compute`'s job). */
export interface PlanComputeJob {
  run<Result>(task: unknown, options?: { transferList?: TransferListItem[] }): Promise<Result>
}

/** Where preview computations run (`app.compute`): off the event loop, bounded per key and overall. */
export interface PlanCompute {
  /** Worker threads: the shards a large plan is split into. */
  readonly threads: number
  admit(key: string): () => void
  job<Result>(
    options: { key: string; admitted?: boolean },
    work: (job: PlanComputeJob) => Promise<Result>,
  ): Promise<Result>
}

export interface PlanServiceDeps {
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  compute: PlanCompute
}

/**
 * The same error the route's validator would have raised (a Fastify validation error carrying the zod type
 * provider's entries), so the error handler answers the same 400 problem with the same pointers and codes.
 */
function bodyValidationError(validation: unknown[]): Error {
  return Object.assign(new Error('The request body is not a valid plan preview request.'), {
    statusCode: 400,
    code: 'FST_ERR_VALIDATION',
    validation,
    validationContext: 'body',
  })
}

/** Rebuilds the error a worker could only describe (classes do not cross threads). */
function failureError(failure: Exclude<PreviewFailure, { kind: 'lookupFailed' }>): Error {
  switch (failure.kind) {
    case 'malformedJson':
      return new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY()
    case 'unsafeText':
      return unsafeInputError([{ ...failure.finding, in: 'body' }])
    case 'invalidBody':
      return bodyValidationError(failure.validation)
    case 'tooLarge':
      return new UnprocessableError(failure.detail, [failure.issue], 'PLAN_TOO_LARGE')
    case 'unknownPriceBook':
      return new UnprocessableError(`Price book '${failure.ref}' does not exist.`, [
        {
          in: 'body',
          pointer: '/priceBook',
          code: 'unknown_price_book',
          detail: `no price book '${failure.ref}'`,
        },
      ])
    case 'invalidPlan':
      return new PlanValidationError(failure.issues)
  }
}

/** A buffer the worker may own: moving a view of Node's shared pool would detach every other view of it. */
function ownBuffer(body: Buffer): Uint8Array {
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body)
}

/** The body in memory every shard reads (shared by the threads, not copied to each). */
function sharedBody(body: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(body.byteLength))
  shared.set(body)
  return shared
}

/** What a computation's tasks answer: the plan's JSON bytes for a preview, its parts for a stored plan. */
type Computed = { body: Buffer } | { parts: PlanParts }

/** Plain issues of every shard in one run, in the order of the whole request (the head's taken once). */
function gatherRuns<T>(runs: readonly IssueRuns<T>[]): T[] {
  const first = runs[0]!
  return [...first.head, ...runs.flatMap((r) => r.workloads), ...first.tail]
}

/**
 * The outcome of a sharded computation before the merge, as the whole request would have had it: the stages
 * a request goes through are the same in every shard (parse, zod validation, limits, price book, the engine's
 * validation), so the earliest stage any shard failed at decides, with the issues of every shard that failed
 * there gathered in shard order. A request shard 0 did not shard is its own outcome.
 */
function combineShards(
  outcomes: readonly ShardOutcome[],
): { outcome: PreviewOutcome } | { projected: Extract<ShardOutcome, { kind: 'projected' }>[] } {
  const first = outcomes[0]!
  if (first.kind === 'whole') return { outcome: first.outcome }
  const invalidBody = outcomes.flatMap((o) => (o.kind === 'invalidBody' ? [o.validation] : []))
  if (invalidBody.length > 0) {
    return { outcome: { ok: false, failure: { kind: 'invalidBody', validation: gatherRuns(invalidBody) } } }
  }
  const failed = outcomes.find((o) => o.kind === 'failed')
  if (failed) return { outcome: { ok: false, failure: failed.failure } }
  const invalidPlan = outcomes.flatMap((o) => (o.kind === 'invalidPlan' ? [o.issues] : []))
  if (invalidPlan.length > 0) {
    return { outcome: { ok: false, failure: { kind: 'invalidPlan', issues: gatherRuns(invalidPlan) } } }
  }
  return { projected: outcomes.filter((o) => o.kind === 'projected') }
}

/**
 * Plans: runs the planning engine on a portfolio. The preview stores nothing. The body arrives as raw
 * bytes and goes to the worker threads, which parse, validate, check the limits and compute; the service
 * answers the workers' one question — the price book the organization can see under the name it gave —
 * from the database (only the main thread has it), and returns the JSON bytes of the plan as the workers
 * wrote them. A failure comes back as plain data and is rebuilt here into the error the handler maps.
 *
 * A large body (at least {@link SHARD_MIN_BYTES}; with a pool of several workers) is computed in shards, one per
 * worker: each validates and projects its run of the workloads, then one merge task adds the shards' sums up and
 * computes the rest of the plan; this thread only passes the bytes along and joins the answer's pieces.
 */
export function createPlanService({ priceBooks, compute }: PlanServiceDeps) {
  /**
   * Answers the price-book questions of one computation's tasks, each on its own port: the book is looked up
   * once, whichever task asks first.
   */
  function bookAnswers(auth: AuthContext) {
    const lookups = new Map<string, Promise<PriceBookReply>>()
    let lookupError: unknown
    const ports: MessagePort[] = []
    const answer = (ref: string) => {
      let lookup = lookups.get(ref)
      if (!lookup) {
        lookup = priceBooks.findVisible(auth.organizationId, ref).then(
          (book) => ({ book: book ? encodePriceBook(book) : null }),
          (error: unknown) => {
            lookupError = error
            return { failed: true as const }
          },
        )
        lookups.set(ref, lookup)
      }
      return lookup
    }
    return {
      /** A new port for one task (moved to it): its question is answered here. */
      port(): MessagePort {
        const channel = new MessageChannel()
        ports.push(channel.port1)
        channel.port1.on('message', async ({ ref }: PriceBookQuery) => {
          const reply = await answer(ref)
          // The port may be closed already (deadline passed); a listener must never reject unhandled.
          try {
            channel.port1.postMessage(reply)
          } catch {}
        })
        return channel.port2
      },
      /** The error the lookup failed with (a `lookupFailed` outcome rethrows it). */
      get error() {
        return lookupError
      },
      close() {
        for (const port of ports) port.close()
      },
    }
  }

  /** The error a failed outcome stands for. */
  function failure(outcome: { failure: PreviewFailure }, books: ReturnType<typeof bookAnswers>): unknown {
    if (outcome.failure.kind === 'lookupFailed') return books.error
    return failureError(outcome.failure)
  }

  /** The result of a whole computation's outcome. */
  function computed(outcome: PreviewOutcome, books: ReturnType<typeof bookAnswers>): Computed {
    if (!outcome.ok) throw failure(outcome, books)
    if ('parts' in outcome) return { parts: outcome.parts }
    return { body: Buffer.from(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength) }
  }

  /** One computation on the pool: in one task, or sharded over every worker and merged (see above). */
  async function run(
    auth: AuthContext,
    bytes: Uint8Array,
    output: PreviewTask['output'],
    admitted: boolean,
  ): Promise<Computed> {
    const books = bookAnswers(auth)
    try {
      return await compute.job({ key: auth.apiKeyId, admitted }, async (job) => {
        if (compute.threads < 2 || bytes.byteLength < SHARD_MIN_BYTES) {
          const port = books.port()
          const task: PreviewTask = { body: bytes, port, output }
          const outcome = await job.run<PreviewOutcome>(task, {
            transferList: [port, bytes.buffer as ArrayBuffer],
          })
          return computed(outcome, books)
        }
        return sharded(job, sharedBody(bytes), output, books)
      })
    } finally {
      books.close()
    }
  }

  async function sharded(
    job: PlanComputeJob,
    body: Uint8Array,
    output: PreviewTask['output'],
    books: ReturnType<typeof bookAnswers>,
  ): Promise<Computed> {
    const shards = compute.threads
    // Every task is waited for, failed or not, so that none outlives the computation.
    const settled = await Promise.allSettled(
      Array.from({ length: shards }, (_, shard) => {
        const port = books.port()
        const task: ShardTask = { kind: 'shard', body, shard, shards, port, output }
        return job.run<ShardOutcome>(task, { transferList: [port] })
      }),
    )
    const rejected = settled.find((s) => s.status === 'rejected')
    if (rejected) throw rejected.reason
    const combined = combineShards(settled.map((s) => (s as PromiseFulfilledResult<ShardOutcome>).value))
    if ('outcome' in combined) return computed(combined.outcome, books)

    const { projected } = combined
    const port = books.port()
    const blocks = projected.map((p) => p.blocks)
    const task: MergeTask = { kind: 'merge', head: projected[0]!.head, blocks, port, output }
    const merged = await job.run<MergeOutcome>(task, {
      transferList: [port, ...blocks.map((b) => b.buffer as ArrayBuffer)],
    })
    if (!merged.ok) throw failure(merged, books)
    if ('parts' in merged) {
      const runs = projected.map((p) => ('parts' in p.workloads ? p.workloads.parts : EMPTY_WORKLOADS))
      const { head, months, years, options } = merged.parts
      return { parts: { head, months, years, ...joinWorkloadParts(runs), options } }
    }
    // The body: the merge's frame around every shard's workload items, joined by commas.
    const pieces: Uint8Array[] = [merged.frame.before]
    for (const p of projected) {
      if (!('items' in p.workloads) || p.workloads.items.byteLength === 0) continue
      if (pieces.length > 1) pieces.push(COMMA)
      pieces.push(p.workloads.items)
    }
    pieces.push(merged.frame.after)
    return { body: Buffer.concat(pieces) }
  }

  return {
    /**
     * Claims one of the key's computation slots; call it before the request's body is read, and release
     * when the request ends. `preview` runs on the slot claimed here.
     * @throws ConcurrencyLimitedError (429) when the key holds them all
     */
    admit(auth: AuthContext): () => void {
      return compute.admit(auth.apiKeyId)
    },

    /**
     * @param body the request body's bytes, or what Fastify leaves when there was no body (null)
     * @param include the parts of the plan to answer
     * @returns the plan (`PlanPreview`) as UTF-8 JSON
     */
    async preview(auth: AuthContext, body: unknown, include: ReadonlySet<PlanPart>): Promise<Buffer> {
      // No body at all (no parser ran): the validator's own answer for a missing object, instantly.
      if (!Buffer.isBuffer(body)) throw bodyValidationError(validatePreviewBody(body).error ?? [])
      const result = await run(auth, ownBuffer(body), { include: [...include] }, true)
      if (!('body' in result)) throw new Error('the plan worker answered parts to a preview')
      return result.body
    },

    /**
     * Computes the plan of a preview request built from stored inputs, in every part, for a stored
     * scenario to keep. Claims one of the key's computation slots for the time it runs.
     * @throws the same errors as {@link preview} would for that request
     */
    async computeParts(auth: AuthContext, request: PreviewRequestInput): Promise<PlanParts> {
      const bytes = new TextEncoder().encode(JSON.stringify(request))
      const result = await run(auth, bytes, 'parts', false)
      if (!('parts' in result)) throw new Error('the plan worker answered a body to a parts request')
      return result.parts
    },
  }
}

const COMMA = new Uint8Array([0x2c])
const EMPTY_WORKLOADS: WorkloadParts = { workloads: '', workloadYears: '', workloadMonths: '' }

export type PlanService = ReturnType<typeof createPlanService>
