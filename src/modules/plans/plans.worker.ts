import type { MessagePort } from 'node:worker_threads'
import { move, transferableSymbol, valueSymbol } from 'piscina'
import {
  type AccumulatorWire,
  createAccumulatorDecoder,
  decodePriceBook,
  encodeAccumulator,
} from '../../domain/codec.js'
import {
  COMMITMENT_DEFAULTS,
  type PlanRequest,
  PlanValidationError,
  type PriceBook,
  previewPlan,
} from '../../domain/index.js'
import { previewFromShards, previewShard, validatePlanHead } from '../../domain/plan.js'
import { scenarioSchedules } from '../../domain/projection.js'
import { shardRanges } from '../../domain/stages/shard.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { findUnsafeText } from '../../lib/safe-text.js'
import type { WorkbookTask } from '../workbook/workbook.protocol.js'
import {
  assemblePlanBody,
  type PlanPart,
  planBodyFrame,
  sendsWorkloads,
  splitPlan,
  splitWorkloads,
  workloadItems,
} from './plan-body.js'
import {
  type IssueRuns,
  type MergeOutcome,
  type MergeTask,
  type PlanTask,
  type PreviewFailure,
  type PreviewOutcome,
  type PreviewTask,
  type PriceBookQuery,
  type PriceBookReply,
  SHARD_MIN_WORKLOADS,
  type ShardOutcome,
  type ShardTask,
} from './plans.protocol.js'
import {
  PREVIEW_HEAD_KEYS,
  type PreviewRequestBody,
  validatePreviewBody,
  validatePreviewHead,
} from './plans.schemas.js'

/**
 * The preview computation, run on a worker thread (see `plugins/compute.ts`): everything that costs CPU in
 * proportion to the plan's size happens here, off the event loop — decoding and parsing the JSON body, the
 * unsafe-text scan, zod validation, the limits, the engine, and serializing the answer to UTF-8 bytes. The
 * main thread only reads the body, looks the price book up in the database when asked, and writes the bytes.
 *
 * A large plan is computed by several tasks (plans.protocol.ts), which the main thread orchestrates: one shard
 * per worker — each parses the whole body, validates the head with its run of the workloads and projects them —
 * then one merge, which adds the shards' sums up (in shard order, exactly) and computes the rest once. No task
 * ever waits for another.
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
function overLimit(
  request: Pick<PreviewRequestBody, 'term' | 'commitment'>,
  workloads: number,
): PreviewFailure | null {
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

/** Moves `outcome`'s buffers back to the main thread instead of copying them. */
function moving<T extends object>(outcome: T, buffers: ArrayBufferLike[]) {
  return move({
    get [transferableSymbol]() {
      return buffers
    },
    get [valueSymbol]() {
      return outcome
    },
  })
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** A whole preview's outcome, its body (the plan's JSON in a buffer of its own) moved back, not copied. */
const movingOutcome = (outcome: PreviewOutcome) =>
  'body' in outcome ? moving(outcome, [outcome.body.buffer]) : outcome

/** The body parsed, or why it is refused before validation (malformed JSON, unsafe text). */
function readBody(
  body: Uint8Array,
): { parsed: { value: unknown; text: string } } | { failure: PreviewFailure } {
  const parsed = parseBody(body)
  if (!parsed.ok) return { failure: { kind: 'malformedJson' } }
  const unsafe = MAYBE_UNSAFE_ESCAPE.test(parsed.text) ? findUnsafeText(parsed.value) : null
  if (unsafe !== null) return { failure: { kind: 'unsafeText', finding: unsafe } }
  return { parsed }
}

/**
 * The request, parsed and validated, or why not. A function of its own so the body's text and raw JSON tree
 * are garbage before the engine runs: a 10,000-workload body is tens of MB of heap the engine's GC would
 * otherwise keep marking.
 */
function readRequest(body: Uint8Array): { request: PreviewRequestBody } | { failure: PreviewFailure } {
  const read = readBody(body)
  return 'failure' in read ? read : checkRequest(read.parsed.value)
}

function checkRequest(value: unknown): { request: PreviewRequestBody } | { failure: PreviewFailure } {
  // The very validator the route would have run, so issues keep their codes and pointers.
  const checked = validatePreviewBody(value)
  if (checked.error) return { failure: { kind: 'invalidBody', validation: checked.error } }
  const tooLarge = overLimit(checked.value, checked.value.workloads.length)
  return tooLarge ? { failure: tooLarge } : { request: checked.value }
}

/** The price book the request names, or why there is none. */
async function bookFor(
  port: MessagePort,
  ref: string,
): Promise<{ book: PriceBook } | { failure: PreviewFailure }> {
  const reply = await askForBook(port, ref)
  if ('failed' in reply) return { failure: { kind: 'lookupFailed' } }
  if (!reply.book) return { failure: { kind: 'unknownPriceBook', ref } }
  return { book: decodePriceBook(reply.book) }
}

/** The set of parts to answer, null for every part (a stored plan). */
const includeOf = (output: PreviewTask['output']) => (output === 'parts' ? null : new Set(output.include))

/** Which per-workload series the engine builds: a stored plan keeps every part; a preview only those asked for. */
function workloadPartsFor(include: ReadonlySet<PlanPart> | null) {
  return {
    workloadMonths: include === null || include.has('workloadMonths'),
    workloadYears:
      include === null ||
      (include.has('years') && (include.has('workloads') || include.has('workloadMonths'))),
  }
}

const invalidPlan = (error: PlanValidationError): PreviewFailure => ({
  kind: 'invalidPlan',
  issues: error.issues.map(({ pointer, code, message }) => ({ pointer, code, message })),
})

async function compute({ body, port, output }: PreviewTask): Promise<PreviewOutcome> {
  const read = readRequest(body)
  if ('failure' in read) return failed(read.failure)
  return computeRequest(read.request, port, output)
}

async function computeRequest(
  validated: PreviewRequestBody,
  port: MessagePort,
  output: PreviewTask['output'],
): Promise<PreviewOutcome> {
  const { priceBook: ref, ...request } = validated
  const found = await bookFor(port, ref)
  if ('failure' in found) return failed(found.failure)
  try {
    const include = includeOf(output)
    const plan = previewPlan(request as PlanRequest, found.book, workloadPartsFor(include))
    const parts = splitPlan(plan)
    if (include === null) return { ok: true, parts }
    return { ok: true, body: utf8(assemblePlanBody(parts, include)) }
  } catch (error) {
    if (error instanceof PlanValidationError) return failed(invalidPlan(error))
    throw error
  }
}

// ---- shards ------------------------------------------------------------------------------------------------

/** The keys of the request before `workloads` (their issues come first); the others come after it. */
const HEAD_KEYS = new Set<string>(PREVIEW_HEAD_KEYS)

const WORKLOAD_PATH = /^(#?\/workloads\/)(\d+)(?=\/|$)/

/** A validator entry (as the zod type provider makes it) of a shard's workload `j`, made that of workload `offset + j`. */
function rebaseEntry(entry: unknown, offset: number): unknown {
  const e = entry as { instancePath: string; schemaPath: string }
  const shift = (path: string) =>
    path.replace(WORKLOAD_PATH, (_, prefix: string, j: string) => `${prefix}${offset + Number(j)}`)
  return { ...e, instancePath: shift(e.instancePath), schemaPath: shift(e.schemaPath) }
}

/** A shard's validator entries in their three runs (head, its workloads, tail), its workloads' pointers global. */
function entryRuns(entries: unknown[], offset: number): IssueRuns<unknown> {
  const runs: IssueRuns<unknown> = { head: [], workloads: [], tail: [] }
  for (const entry of entries) {
    const key = (entry as { instancePath: string }).instancePath.split('/')[1] ?? ''
    if (key === 'workloads') runs.workloads.push(rebaseEntry(entry, offset))
    else if (HEAD_KEYS.has(key)) runs.head.push(entry)
    else runs.tail.push(entry)
  }
  return runs
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** A shard's request, validated: the head with its workloads, where they lie, and what the merge needs. */
interface ShardRequest {
  request: PreviewRequestBody
  start: number
  total: number
  namesBefore: string[]
  /** The request without its workloads, as JSON. */
  head: string
}

/**
 * What a shard reads of the body: its request, or its answer already (a failure, a skip, or — shard 0 of a request
 * too small to shard — the validated whole request to compute). A function of its own, as {@link readRequest}, so
 * that the body's text and raw JSON tree are garbage before the engine runs.
 */
function readShard(
  body: Uint8Array,
  index: number,
  shards: number,
): { shard: ShardRequest } | { answer: ShardOutcome } | { whole: PreviewRequestBody } {
  const read = readBody(body)
  if ('failure' in read) return { answer: index === 0 ? { kind: 'failed', failure: read.failure } : skipped }
  const raw = read.parsed.value
  const all = isObject(raw) && Array.isArray(raw.workloads) ? (raw.workloads as unknown[]) : null
  if (all === null || all.length < SHARD_MIN_WORKLOADS || all.length > PREVIEW_LIMITS.maxWorkloads) {
    if (index !== 0) return { answer: skipped }
    const checked = checkRequest(raw)
    return 'failure' in checked
      ? { answer: { kind: 'whole', outcome: failed(checked.failure) } }
      : { whole: checked.request }
  }
  const range = shardRanges(all.length, shards)[index]
  if (!range) return { answer: skipped }
  const { start, end } = range
  const { workloads: _all, ...headValue } = raw as Record<string, unknown>
  // The very validator the route runs, on the head with this shard's workloads (at least one, at most the limit:
  // the array's own bounds hold for the whole, checked above); its workloads' pointers are then made global.
  const checked = validatePreviewBody({ ...headValue, workloads: all.slice(start, end) })
  if (checked.error) return { answer: { kind: 'invalidBody', validation: entryRuns(checked.error, start) } }
  const tooLarge = overLimit(checked.value, all.length)
  if (tooLarge) return { answer: { kind: 'failed', failure: tooLarge } }
  // The names validation records for the earlier workloads, as zod trims them (when one of them is not a valid
  // name, the shard holding it reports it, and this shard's figures are never used).
  const namesBefore: string[] = []
  for (let i = 0; i < start; i++) {
    const name = (all[i] as { name?: unknown } | null)?.name
    if (typeof name === 'string' && name.trim() !== '') namesBefore.push(name.trim())
  }
  return {
    shard: { request: checked.value, start, total: all.length, namesBefore, head: JSON.stringify(headValue) },
  }
}

/**
 * One shard of a large preview (see {@link ShardTask}). Every shard reads the same body, so a request refused
 * before validation is reported by shard 0 alone, and a request too small to shard is computed by it whole.
 */
async function shard({ body, shard: index, shards, port, output }: ShardTask): Promise<unknown> {
  const read = readShard(body, index, shards)
  if ('answer' in read) return read.answer
  if ('whole' in read) {
    const whole = await computeRequest(read.whole, port, output)
    const result: ShardOutcome = { kind: 'whole', outcome: whole }
    return 'body' in whole ? moving(result, [whole.body.buffer]) : result
  }
  const { request: validated, start, total, namesBefore, head: headJson } = read.shard
  const { priceBook: ref, ...request } = validated
  const found = await bookFor(port, ref)
  if ('failure' in found) return outcome({ kind: 'failed', failure: found.failure })
  const include = includeOf(output)
  const projected = previewShard(
    request as PlanRequest,
    found.book,
    { offset: start, total, namesBefore },
    workloadPartsFor(include),
  )
  const { head, workloads, tail } = projected.issues
  if (head.length + workloads.length + tail.length > 0) {
    const plain = (issues: typeof head) =>
      issues.map(({ pointer, code, message }) => ({ pointer, code, message }))
    return outcome({
      kind: 'invalidPlan',
      issues: { head: plain(head), workloads: plain(workloads), tail: plain(tail) },
    })
  }
  const blocks = utf8(JSON.stringify(projected.blocks.map(encodeAccumulator)))
  const lines = splitWorkloads(projected.workloads)
  if (include === null) {
    const result: ShardOutcome = {
      kind: 'projected',
      head: headJson,
      blocks,
      workloads: { parts: lines },
    }
    return moving(result, [blocks.buffer])
  }
  const items = utf8(sendsWorkloads(include) ? workloadItems(lines, include) : '')
  const result: ShardOutcome = { kind: 'projected', head: headJson, blocks, workloads: { items } }
  return moving(result, [blocks.buffer, items.buffer])
}

const skipped: ShardOutcome = { kind: 'skipped' }
const outcome = (value: ShardOutcome) => value

/**
 * The merge: the head validated again, the shards' sums decoded and added up in shard order, and the rest of the
 * plan computed once — answered as the body around the shards' workloads (or the stored plan's other parts).
 */
async function merge({ head, blocks, port, output }: MergeTask): Promise<unknown> {
  const checked = validatePreviewHead(JSON.parse(head))
  // Every shard validated this very head: an error here is a bug, not the client's.
  if (!checked.success) throw new Error('the merged plan head does not validate')
  const { priceBook: ref, ...request } = checked.data
  const found = await bookFor(port, ref)
  if ('failure' in found) return { ok: false, failure: found.failure } satisfies MergeOutcome
  let plan: ReturnType<typeof previewFromShards>
  try {
    const head = validatePlanHead(request as Omit<PlanRequest, 'workloads'>, found.book)
    const decode = createAccumulatorDecoder(found.book, scenarioSchedules(head.levers, head.months))
    const decoder = new TextDecoder()
    const accumulators = blocks.flatMap((bytes) =>
      (JSON.parse(decoder.decode(bytes)) as AccumulatorWire[]).map(decode),
    )
    plan = previewFromShards(head, found.book, accumulators, [])
  } catch (error) {
    if (error instanceof PlanValidationError)
      return { ok: false, failure: invalidPlan(error) } satisfies MergeOutcome
    throw error
  }
  const { head: planHead, months, years, options } = splitPlan(plan)
  const include = includeOf(output)
  if (include === null)
    return { ok: true, parts: { head: planHead, months, years, options } } satisfies MergeOutcome
  const frame = planBodyFrame({ head: planHead, months, years, options }, include)
  const result: MergeOutcome = { ok: true, frame: { before: utf8(frame.before), after: utf8(frame.after) } }
  return moving(result, [result.frame.before.buffer, result.frame.after.buffer])
}

/** The workbook's writer (`modules/workbook`), loaded by the first workbook task: plan tasks never need exceljs. */
let workbookWriter: Promise<typeof import('../workbook/workbook.worker.js')> | undefined

/** Piscina's task handler: one task per call; the port is closed when the task ends, whatever the outcome. */
export default async function planTask(task: PlanTask | WorkbookTask) {
  // A workbook shares the pool (its key's slots, the queue, the deadline) and asks the main thread for nothing.
  if (task.kind === 'workbook') {
    workbookWriter ??= import('../workbook/workbook.worker.js')
    return (await workbookWriter).workbookTask(task)
  }
  try {
    if (task.kind === 'shard') return await shard(task)
    if (task.kind === 'merge') return await merge(task)
    return movingOutcome(await compute(task))
  } finally {
    task.port.close()
  }
}
