import type { MessagePort } from 'node:worker_threads'
import { move, transferableSymbol, valueSymbol } from 'piscina'
import { decodePriceBook } from '../../domain/codec.js'
import {
  COMMITMENT_DEFAULTS,
  type PlanRequest,
  PlanValidationError,
  previewPlan,
} from '../../domain/index.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { findUnsafeText } from '../../lib/safe-text.js'
import { assemblePlanBody, splitPlan } from './plan-body.js'
import type {
  PreviewFailure,
  PreviewOutcome,
  PreviewTask,
  PriceBookQuery,
  PriceBookReply,
} from './plans.protocol.js'
import { type PreviewRequestBody, validatePreviewBody } from './plans.schemas.js'

/**
 * The preview computation, run on a worker thread (see `plugins/compute.ts`): everything that costs CPU in
 * proportion to the plan's size happens here, off the event loop — decoding and parsing the JSON body, the
 * unsafe-text scan, zod validation, the limits, the engine, and serializing the answer to UTF-8 bytes. The
 * main thread only reads the body, looks the price book up in the database when asked, and writes the bytes.
 */

// Fastify's JSON parser (secure-json-parse) refuses these keys; the same cheap text test decides whether to look.
const SUSPECT_PROTO =
  /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:/
const SUSPECT_CONSTRUCTOR =
  /"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/

/** True when parsed JSON holds an own `__proto__` key, or a `constructor` object with a `prototype` key. */
function hasPrototypeKey(value: unknown): boolean {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (node === null || typeof node !== 'object') continue
    if (Object.hasOwn(node, '__proto__')) return true
    const ctor = (node as { constructor?: unknown }).constructor
    if (
      Object.hasOwn(node, 'constructor') &&
      ctor !== null &&
      typeof ctor === 'object' &&
      Object.hasOwn(ctor, 'prototype')
    )
      return true
    for (const item of Object.values(node)) pending.push(item)
  }
  return false
}

/** Parses the body as Fastify's JSON parser would: UTF-8, a leading BOM ignored, prototype keys refused. */
function parseBody(body: Uint8Array): { ok: true; value: unknown; text: string } | { ok: false } {
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false }
  }
  if ((SUSPECT_PROTO.test(text) || SUSPECT_CONSTRUCTOR.test(text)) && hasPrototypeKey(value))
    return { ok: false }
  return { ok: true, value, text }
}

/**
 * Whether parsed JSON could hold unsafe text at all. The body was decoded from UTF-8, which never yields a lone
 * surrogate (an invalid sequence becomes U+FFFD), and JSON forbids a raw NUL inside a string: so a NUL or a lone
 * surrogate can only come from a `\u0000` or `\uD800`–`\uDFFF` escape. Without one in the text — nearly every
 * request — the walk over every string and key of a 10,000-workload body is skipped. (An escaped backslash
 * before such letters is a false alarm: the walk then runs and finds nothing.)
 */
const MAYBE_UNSAFE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/

/** The computation limits of `lib/limits.ts` (the schema bounds each dimension; these bound their products). */
function overLimit(request: PreviewRequestBody): PreviewFailure | null {
  const workloads = request.workloads.length
  const months = request.term.months
  const workloadMonths = workloads * months
  if (workloadMonths > PREVIEW_LIMITS.maxWorkloadMonths) {
    return {
      kind: 'tooLarge',
      detail:
        `${workloads} workloads over ${months} months is ${workloadMonths} workload-months; ` +
        `one preview computes at most ${PREVIEW_LIMITS.maxWorkloadMonths}.`,
      issue: {
        in: 'body',
        pointer: '/workloads',
        code: 'too_large',
        detail: `workloads × term months must be ≤ ${PREVIEW_LIMITS.maxWorkloadMonths}`,
      },
    }
  }
  const simulations = request.commitment?.simulations ?? COMMITMENT_DEFAULTS.simulations
  const cost = workloadMonths * simulations
  if (cost > PREVIEW_LIMITS.maxCost) {
    const fits = Math.floor(PREVIEW_LIMITS.maxCost / workloadMonths)
    return {
      kind: 'tooLarge',
      detail:
        `${workloadMonths} workload-months × ${simulations} simulations is ${cost}; one preview computes at most ` +
        `${PREVIEW_LIMITS.maxCost} (at most ${fits} simulations for this portfolio and term).`,
      issue: {
        in: 'body',
        pointer: '/commitment/simulations',
        code: 'too_large',
        detail: `workload-months × simulations must be ≤ ${PREVIEW_LIMITS.maxCost}; at most ${fits} here`,
      },
    }
  }
  return null
}

/** Asks the main thread (the only one with the database) for the price book the request names. */
function askForBook(port: MessagePort, ref: string): Promise<PriceBookReply> {
  return new Promise((resolve) => {
    port.once('message', resolve)
    port.postMessage({ ref } satisfies PriceBookQuery)
  })
}

const failed = (failure: PreviewFailure): PreviewOutcome => ({ ok: false, failure })

/** The plan's JSON as UTF-8 bytes in a buffer of their own, moved (not copied) back to the main thread. */
function answer(json: string) {
  const outcome: PreviewOutcome = { ok: true, body: new TextEncoder().encode(json) }
  return move({
    get [transferableSymbol]() {
      return outcome.body.buffer
    },
    get [valueSymbol]() {
      return outcome
    },
  })
}

/**
 * The request, parsed and validated, or why not. A function of its own so the body's text and raw JSON tree
 * are garbage before the engine runs: a 10,000-workload body is tens of MB of heap the engine's GC would
 * otherwise keep marking.
 */
function readRequest(body: Uint8Array): { request: PreviewRequestBody } | { failure: PreviewFailure } {
  const parsed = parseBody(body)
  if (!parsed.ok) return { failure: { kind: 'malformedJson' } }
  const unsafe = MAYBE_UNSAFE_ESCAPE.test(parsed.text) ? findUnsafeText(parsed.value) : null
  if (unsafe !== null) return { failure: { kind: 'unsafeText', finding: unsafe } }
  // The very validator the route would have run, so issues keep their codes and pointers.
  const checked = validatePreviewBody(parsed.value)
  if (checked.error) return { failure: { kind: 'invalidBody', validation: checked.error } }
  const tooLarge = overLimit(checked.value)
  return tooLarge ? { failure: tooLarge } : { request: checked.value }
}

async function compute({ body, port, output }: PreviewTask) {
  const read = readRequest(body)
  if ('failure' in read) return failed(read.failure)
  const { priceBook: ref, ...request } = read.request

  const reply = await askForBook(port, ref)
  if ('failed' in reply) return failed({ kind: 'lookupFailed' })
  if (!reply.book) return failed({ kind: 'unknownPriceBook', ref })
  try {
    // A stored plan keeps every part; a preview builds the per-workload series only when they are asked for.
    const include = output === 'parts' ? null : new Set(output.include)
    const book = decodePriceBook(reply.book)
    const plan = previewPlan(request as PlanRequest, book, {
      workloadMonths: include === null || include.has('workloadMonths'),
      workloadYears:
        include === null ||
        (include.has('years') && (include.has('workloads') || include.has('workloadMonths'))),
    })
    const parts = splitPlan(plan)
    if (include === null) return { ok: true, parts } satisfies PreviewOutcome
    return answer(assemblePlanBody(parts, include))
  } catch (error) {
    if (error instanceof PlanValidationError) {
      return failed({
        kind: 'invalidPlan',
        issues: error.issues.map(({ pointer, code, message }) => ({ pointer, code, message })),
      })
    }
    throw error
  }
}

/** Piscina's task handler: one preview per call; the port is closed when the task ends, whatever the outcome. */
export default async function previewTask(task: PreviewTask) {
  try {
    return await compute(task)
  } finally {
    task.port.close()
  }
}
