import { type Decimal, findModel, type ModelPrice, type PriceBook } from '../../domain/index.js'
import {
  addInto,
  decimalOf,
  noTokens,
  type TokenCounts,
  type TokenTotals,
  totalsOf,
  type UsageDimension,
  type UsageRecord,
} from './observed-usage.js'

/**
 * Records grouped into would-be workloads: one group per distinct value of the grouping dimensions, with the
 * sums the mapping reads. Provider-neutral.
 */

/**
 * The dimensions grouped by when the request names none: the model, and every dimension the report carries
 * that changes what a request costs or who owns it — workspace, API key, service tier, context window,
 * inference geo and speed. A workload holds one value of each (one batch share, one geo, one band), so keeping
 * them apart keeps the baseline exact. Accounts are left out: they are people, not kinds of traffic.
 */
export const DEFAULT_GROUPING: readonly UsageDimension[] = [
  'model',
  'workspace',
  'apiKey',
  'serviceTier',
  'contextWindow',
  'inferenceGeo',
  'speed',
]

/** {@link DEFAULT_GROUPING} narrowed to what the report carries (the model always). */
export function defaultGrouping(reported: readonly UsageDimension[]): UsageDimension[] {
  return DEFAULT_GROUPING.filter((d) => d === 'model' || reported.includes(d))
}

/** The part of a group's tokens billed alike: one inference geo, in batch or not. */
export interface Segment {
  geo: 'global' | 'us'
  batch: boolean
  tokens: TokenTotals
}

/** The key of a record's {@link Segment}. */
export const segmentKey = (record: UsageRecord) =>
  `${record.pricing.geo}|${record.pricing.batch ? 'batch' : 'rt'}`

/** Sums records into segments (as exact integers, converted once). */
export class SegmentSums {
  private readonly sums = new Map<string, { geo: 'global' | 'us'; batch: boolean; tokens: TokenCounts }>()

  add(record: UsageRecord): void {
    const key = segmentKey(record)
    let sum = this.sums.get(key)
    if (!sum) {
      sum = { geo: record.pricing.geo, batch: record.pricing.batch, tokens: noTokens() }
      this.sums.set(key, sum)
    }
    addInto(sum.tokens, record.tokens)
  }

  segments(): Segment[] {
    return [...this.sums.values()].map((s) => ({ geo: s.geo, batch: s.batch, tokens: totalsOf(s.tokens) }))
  }
}

/** One would-be workload: the records that share the grouping's values, and their sums. */
export interface UsageGroup {
  /** The grouping dimensions' values (the model as the report spells it). */
  values: Partial<Record<UsageDimension, string | null>>
  /** The book's model, or null when the book has none by that name. */
  model: ModelPrice | null
  records: UsageRecord[]
  /** Where its first record is in the request. */
  pointer: string
  tokens: TokenTotals
  /** The tokens of its batch records. */
  batchTokens: TokenTotals
  /** Its tokens by inference geo and tier, for pricing. */
  segments: Segment[]
  /** Input and output tokens run US-only. */
  usTokens: Decimal
  webSearches: Decimal
  /** Requests counted by the provider, when every record has a count; else null. */
  requests: Decimal | null
}

interface Accumulator {
  values: UsageGroup['values']
  model: ModelPrice | null
  records: UsageRecord[]
  tokens: TokenCounts
  batchTokens: TokenCounts
  segments: SegmentSums
  usTokens: bigint
  webSearches: bigint
  requests: bigint | null
}

const sumAll = (t: TokenCounts) => t.uncachedInput + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.output

/**
 * Groups `records` by `grouping` (a model by the book's id for it, so aliases of one model are one group),
 * in the order of their keys: the same report gives the same groups whatever the order of its pages.
 */
export function groupRecords(
  records: readonly UsageRecord[],
  grouping: readonly UsageDimension[],
  book: PriceBook,
): UsageGroup[] {
  const models = new Map<string, ModelPrice | null>()
  const modelOf = (name: string | null) => {
    if (name === null) return null
    let model = models.get(name)
    if (model === undefined) {
      model = findModel(book, name) ?? null
      models.set(name, model)
    }
    return model
  }
  const groups = new Map<string, Accumulator>()
  for (const record of records) {
    const model = modelOf(record.dimensions.model)
    // Each value with its length before it (null apart): no two lists of values share a key.
    let key = ''
    for (const d of grouping) {
      const value =
        d === 'model'
          ? (model?.modelId ?? record.dimensions.model?.toLowerCase() ?? null)
          : record.dimensions[d]
      key += value === null ? '-;' : `${value.length}:${value};`
    }
    let group = groups.get(key)
    if (!group) {
      group = {
        values: Object.fromEntries(grouping.map((d) => [d, record.dimensions[d]])),
        model,
        records: [],
        tokens: noTokens(),
        batchTokens: noTokens(),
        segments: new SegmentSums(),
        usTokens: 0n,
        webSearches: 0n,
        requests: 0n,
      }
      groups.set(key, group)
    }
    group.records.push(record)
    addInto(group.tokens, record.tokens)
    if (record.pricing.batch) addInto(group.batchTokens, record.tokens)
    group.segments.add(record)
    if (record.pricing.geo === 'us') group.usTokens += sumAll(record.tokens)
    group.webSearches += record.webSearchRequests
    group.requests =
      group.requests === null || record.requests === null ? null : group.requests + record.requests
  }
  // In the order of the values (the model by the book's id), computed once per group.
  const order = (g: Accumulator) =>
    JSON.stringify(grouping.map((d) => (d === 'model' && g.model ? g.model.modelId : (g.values[d] ?? null))))
  return [...groups.values()]
    .map((g) => ({ g, order: order(g) }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ g }) => ({
      values: g.values,
      model: g.model,
      records: g.records,
      pointer: g.records[0]!.pointer,
      tokens: totalsOf(g.tokens),
      batchTokens: totalsOf(g.batchTokens),
      segments: g.segments.segments(),
      usTokens: decimalOf(g.usTokens),
      webSearches: decimalOf(g.webSearches),
      requests: g.requests === null ? null : decimalOf(g.requests),
    }))
}

/** The distinct values of one dimension among a group's records. */
export function valuesOf(group: UsageGroup, dimension: UsageDimension): Set<string | null> {
  return new Set(group.records.map((r) => r.dimensions[dimension]))
}

/** True when every token count of the group is zero. */
export function isEmpty(group: UsageGroup): boolean {
  return Object.values(group.tokens).every((v: Decimal) => v.isZero())
}
