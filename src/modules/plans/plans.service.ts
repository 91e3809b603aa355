import { MessageChannel, type TransferListItem } from 'node:worker_threads'
import { errorCodes } from 'fastify'
import { encodePriceBook } from '../../domain/codec.js'
import { PlanValidationError } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { UnprocessableError } from '../../lib/errors.js'
import { unsafeInputError } from '../../lib/safe-text.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { PlanPart, PlanParts } from './plan-body.js'
import type {
  PreviewFailure,
  PreviewOutcome,
  PreviewTask,
  PriceBookQuery,
  PriceBookReply,
} from './plans.protocol.js'
import { type PreviewRequestInput, validatePreviewBody } from './plans.schemas.js'

/** Where preview computations run (`app.compute`): off the event loop, bounded per key and overall. */
export interface PlanCompute {
  admit(key: string): () => void
  run<Result>(
    task: unknown,
    options: { key: string; admitted?: boolean; transferList?: TransferListItem[] },
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

/**
 * Plans: runs the planning engine on a portfolio. The preview stores nothing. The body arrives as raw
 * bytes and goes to a worker thread, which parses, validates, checks the limits and computes; the service
 * answers the worker's one question — the price book the organization can see under the name it gave —
 * from the database (only the main thread has it), and returns the JSON bytes of the plan as the worker
 * wrote them. A failure comes back as plain data and is rebuilt here into the error the handler maps.
 */
export function createPlanService({ priceBooks, compute }: PlanServiceDeps) {
  /** One computation on the pool: the worker parses the bytes, asks for the price book, computes. */
  async function run(
    auth: AuthContext,
    bytes: Uint8Array,
    output: PreviewTask['output'],
    admitted: boolean,
  ): Promise<Exclude<PreviewOutcome, { ok: false }>> {
    const channel = new MessageChannel()
    let lookupError: unknown
    channel.port1.on('message', async ({ ref }: PriceBookQuery) => {
      let reply: PriceBookReply
      try {
        const book = await priceBooks.findVisible(auth.organizationId, ref)
        reply = { book: book ? encodePriceBook(book) : null }
      } catch (error) {
        lookupError = error
        reply = { failed: true }
      }
      // The port may be closed already (deadline passed); a listener must never reject unhandled.
      try {
        channel.port1.postMessage(reply)
      } catch {}
    })
    try {
      const task: PreviewTask = { body: bytes, port: channel.port2, output }
      const outcome = await compute.run<PreviewOutcome>(task, {
        key: auth.apiKeyId,
        admitted,
        transferList: [channel.port2, bytes.buffer as ArrayBuffer],
      })
      if (outcome.ok) return outcome
      if (outcome.failure.kind === 'lookupFailed') throw lookupError
      throw failureError(outcome.failure)
    } finally {
      channel.port1.close()
    }
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
      const outcome = await run(auth, ownBuffer(body), { include: [...include] }, true)
      if (!('body' in outcome)) throw new Error('the plan worker answered parts to a preview')
      return Buffer.from(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength)
    },

    /**
     * Computes the plan of a preview request built from stored inputs, in every part, for a stored
     * scenario to keep. Claims one of the key's computation slots for the time it runs.
     * @throws the same errors as {@link preview} would for that request
     */
    async computeParts(auth: AuthContext, request: PreviewRequestInput): Promise<PlanParts> {
      const bytes = new TextEncoder().encode(JSON.stringify(request))
      const outcome = await run(auth, bytes, 'parts', false)
      if (!('parts' in outcome)) throw new Error('the plan worker answered a body to a parts request')
      return outcome.parts
    },
  }
}

export type PlanService = ReturnType<typeof createPlanService>
