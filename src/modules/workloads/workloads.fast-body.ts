import { Decimal } from '../../domain/money.js'
import type { DecimalBounds } from '../../lib/decimal-schemas.js'
import {
  type CreateWorkloadBody,
  WORKLOAD_DECIMAL_BOUNDS,
  WORKLOAD_TAG_LIMITS,
  WORKLOAD_TEXT_LENGTHS,
} from './workloads.schemas.js'

/**
 * A fast path to the create body of one imported row: the plain case — every value a string, a boolean
 * or a list of strings, as the CSV reader gives them, and every one within the create schema's rules — is
 * checked here in plain code, several times faster than the schema's parse (an import checks 10,000 rows;
 * the schema's unions and transforms were most of the time). Anything else returns undefined: a value of
 * another type, a null, an unknown or missing field, anything out of bounds — above all, every row with a
 * problem. The caller then parses that row with the schema itself, whose issues and wording the report
 * gives; the schema stays the source of truth. The bounds and lengths are the schema's own
 * ({@link WORKLOAD_DECIMAL_BOUNDS}, {@link WORKLOAD_TEXT_LENGTHS}), and a unit test checks, on generated
 * rows, that whatever this accepts the schema accepts and reads the same way.
 */

/** What the decimal schemas read (lib/decimal-schemas.ts); anything else goes to the schema. */
const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/
/** Longest decimal text the decimal schemas take. */
const MAX_DECIMAL_CHARS = 64

type Read = (value: unknown) => unknown

/** A decimal field: the decimal schemas' bounds check (compileBounds) as one predicate, compiled once. */
function decimal(bounds: DecimalBounds): Read {
  const min = new Decimal(bounds.min ?? '0')
  const max = bounds.max === undefined ? undefined : new Decimal(bounds.max)
  return (value) => {
    if (typeof value !== 'string' || value.length > MAX_DECIMAL_CHARS || !DECIMAL_TEXT.test(value))
      return undefined
    const d = new Decimal(value)
    if (bounds.minExclusive ? d.lte(min) : d.lt(min)) return undefined
    if (max !== undefined && (bounds.maxExclusive ? d.gte(max) : d.gt(max))) return undefined
    if (bounds.maxDecimals !== undefined && d.decimalPlaces() > bounds.maxDecimals) return undefined
    if (bounds.maxIntegerDigits !== undefined && Math.max(1, d.e + 1) > bounds.maxIntegerDigits)
      return undefined
    return d
  }
}

/** A trimmed text field (`z.string().trim().min().max()`: the lengths are of the trimmed text). */
function text(lengths: { min: number; max: number }): Read {
  return (value) => {
    if (typeof value !== 'string') return undefined
    const trimmed = value.trim()
    return trimmed.length >= lengths.min && trimmed.length <= lengths.max ? trimmed : undefined
  }
}

const choice =
  (...values: string[]): Read =>
  (value) =>
    typeof value === 'string' && values.includes(value) ? value : undefined

const boolean: Read = (value) => (typeof value === 'boolean' ? value : undefined)

const tag = text({ min: 1, max: WORKLOAD_TAG_LIMITS.maxTagLength })
const tags: Read = (value) => {
  if (!Array.isArray(value) || value.length > WORKLOAD_TAG_LIMITS.maxTags) return undefined
  const out: string[] = []
  for (const each of value) {
    const trimmed = tag(each)
    if (trimmed === undefined) return undefined
    out.push(trimmed as string)
  }
  return out
}

const D = WORKLOAD_DECIMAL_BOUNDS
const T = WORKLOAD_TEXT_LENGTHS

/** Every field of the create body, how to read it, and whether the body needs it. */
const FIELDS: Record<keyof CreateWorkloadBody, { read: Read; required: boolean }> = {
  name: { read: text(T.name), required: true },
  kind: { read: text(T.kind), required: false },
  model: { read: text(T.model), required: true },
  routeToModel: { read: text(T.routeToModel), required: false },
  requestsPerMonth: { read: decimal(D.requestsPerMonth), required: true },
  inputTokensPerRequest: { read: decimal(D.inputTokensPerRequest), required: true },
  outputTokensPerRequest: { read: decimal(D.outputTokensPerRequest), required: true },
  cacheablePrefixTokens: { read: decimal(D.cacheablePrefixTokens), required: false },
  currentCacheHitRate: { read: decimal(D.currentCacheHitRate), required: false },
  targetCacheHitRate: { read: decimal(D.targetCacheHitRate), required: false },
  cacheTtl: { read: choice('5m', '1h'), required: false },
  userWaiting: { read: boolean, required: true },
  currentBatchShare: { read: decimal(D.currentBatchShare), required: false },
  targetBatchShare: { read: decimal(D.targetBatchShare), required: false },
  routableShare: { read: decimal(D.routableShare), required: false },
  monthlyGrowthRate: { read: decimal(D.monthlyGrowthRate), required: false },
  inferenceGeo: { read: choice('global', 'us'), required: false },
  observedMonthlySpend: { read: decimal(D.observedMonthlySpend), required: false },
  team: { read: text(T.team), required: false },
  tags: { read: tags, required: false },
}

/** The fields of the create body, for the test that holds them to the schema's. */
export const FAST_BODY_FIELDS: readonly string[] = Object.keys(FIELDS)
const REQUIRED = Object.values(FIELDS).filter((field) => field.required).length

/**
 * The create body of `raw` when it is the plain case (see above); undefined otherwise, when the create
 * schema must parse it.
 */
export function fastCreateBody(raw: Record<string, unknown>): CreateWorkloadBody | undefined {
  const body: Record<string, unknown> = {}
  let required = 0
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(FIELDS, key)) return undefined
    const field = FIELDS[key as keyof CreateWorkloadBody]
    const value = field.read(raw[key])
    if (value === undefined) return undefined
    body[key] = value
    if (field.required) required++
  }
  return required === REQUIRED ? (body as CreateWorkloadBody) : undefined
}
