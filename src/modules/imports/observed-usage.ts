import { Decimal } from '../../domain/index.js'

/**
 * Observed usage, provider-neutral: what a usage report says happened, bucket by bucket, in terms the
 * mapping to workloads understands (`usage-workloads.ts`). A provider's report format is read into this by
 * an adapter (`anthropic-usage.adapter.ts` for the Anthropic Admin API's usage and cost reports, which the
 * provider marks legacy): a new report format is a new adapter, and the mapping does not change.
 */

/**
 * The dimensions a record of usage may be broken down by. `model` is required to make a workload; the others
 * split a model's traffic into several workloads when they are part of the grouping.
 */
export const USAGE_DIMENSIONS = [
  'model',
  'workspace',
  'apiKey',
  'serviceTier',
  'contextWindow',
  'inferenceGeo',
  'speed',
  'account',
  'serviceAccount',
] as const

/** One of {@link USAGE_DIMENSIONS}. */
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number]

/**
 * A record's value of every dimension: a string, or null when the report did not break usage down by that
 * dimension — or did, and the value is null (the default workspace, usage without an API key).
 */
export type DimensionValues = Record<UsageDimension, string | null>

/**
 * Token counts of one record: whole tokens as the provider counts them, as exact integers (a report's sums
 * can pass 2^53, and a hundred thousand records are summed far faster as bigints than as decimals).
 */
export interface TokenCounts {
  /** Input tokens neither read from nor written to the prompt cache. */
  uncachedInput: bigint
  /** Input tokens read from the prompt cache (hits and refreshes). */
  cacheRead: bigint
  /** Input tokens written to the cache with the 5-minute lifetime. */
  cacheWrite5m: bigint
  /** Input tokens written to the cache with the 1-hour lifetime. */
  cacheWrite1h: bigint
  output: bigint
}

/** The token classes of {@link TokenCounts}, in the order every sum and list writes them. */
export const TOKEN_CLASSES = ['uncachedInput', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output'] as const

/** One of {@link TOKEN_CLASSES}. */
export type TokenClass = (typeof TOKEN_CLASSES)[number]

/** Sums of token counts, as decimals for the arithmetic that follows (divisions, prices). */
export type TokenTotals = Record<TokenClass, Decimal>

/** How a record's tokens are billed, as far as the planner's price book can say. */
export interface PricingTraits {
  /** Billed at the batch discount (the Message Batches API). */
  batch: boolean
  /** `us` when inference ran US-only (the data-residency multiplier applies). */
  geo: 'global' | 'us'
  /** True/false when the report says whether requests were over 200K input tokens; null when it does not. */
  longContext: boolean | null
  /** Fast mode (a research preview priced at a multiple of the standard rates the book does not hold). */
  fast: boolean
}

/** One result of one time bucket. */
export interface UsageRecord {
  /** RFC 6901 pointer to where it came from in the request body, for messages. */
  pointer: string
  bucketStart: string
  dimensions: DimensionValues
  pricing: PricingTraits
  tokens: TokenCounts
  webSearchRequests: bigint
  /** Requests counted by the provider, or null when its report does not count them (Anthropic's does not). */
  requests: bigint | null
}

/** The time a report covers: the union of its buckets. */
export interface ReportPeriod {
  /** The first bucket's start (ISO instant). */
  start: string
  /** The last bucket's end (ISO instant). */
  end: string
  /** The length of every bucket added up, in days (a gap between buckets is not counted). */
  days: Decimal
  buckets: number
}

/** Something the reader of an import should know; never blocks it. */
export interface ImportNote {
  /** Stable code (docs/spreadsheets.md lists them). */
  code: string
  detail: string
}

/** A provider's usage report, read. */
export interface ObservedUsage {
  /** Which adapter read it, e.g. `anthropic-usage-report`. */
  source: string
  period: ReportPeriod
  /** Dimensions with at least one non-null value: the ones the report was broken down by. */
  reported: UsageDimension[]
  records: UsageRecord[]
  notes: ImportNote[]
}

/** What a cost record is the cost of. `null`: the report does not say (it may cover several kinds). */
export type CostKind = 'tokens' | 'web_search' | 'code_execution' | 'other' | null

/** One result of one bucket of a cost report, in USD. */
export interface CostRecord {
  pointer: string
  /** Only the dimensions a cost report carries are ever non-null (no API key, for Anthropic's). */
  dimensions: DimensionValues
  kind: CostKind
  /** The token class the amount is for, or null when the report does not break costs down by it. */
  tokenClass: TokenClass | null
  /** USD (the report's lowest currency unit already converted). */
  amount: Decimal
}

/** A provider's cost report, read. */
export interface ObservedCost {
  period: ReportPeriod
  reported: UsageDimension[]
  records: CostRecord[]
  notes: ImportNote[]
}

/** Zero of every token class. */
export function noTokens(): TokenCounts {
  return { uncachedInput: 0n, cacheRead: 0n, cacheWrite5m: 0n, cacheWrite1h: 0n, output: 0n }
}

/** Adds `b` into `into`, class by class. */
export function addInto(into: TokenCounts, b: TokenCounts): void {
  into.uncachedInput += b.uncachedInput
  into.cacheRead += b.cacheRead
  into.cacheWrite5m += b.cacheWrite5m
  into.cacheWrite1h += b.cacheWrite1h
  into.output += b.output
}

/** An exact integer as a decimal. */
export const decimalOf = (n: bigint) => new Decimal(n.toString())

/** Token counts as decimals. */
export function totalsOf(t: TokenCounts): TokenTotals {
  return {
    uncachedInput: decimalOf(t.uncachedInput),
    cacheRead: decimalOf(t.cacheRead),
    cacheWrite5m: decimalOf(t.cacheWrite5m),
    cacheWrite1h: decimalOf(t.cacheWrite1h),
    output: decimalOf(t.output),
  }
}

/** Every input token: uncached, read from cache and written to it. */
export function allInput(t: TokenTotals): Decimal {
  return t.uncachedInput.plus(t.cacheRead).plus(t.cacheWrite5m).plus(t.cacheWrite1h)
}

/** Input and output tokens together. */
export function allTokens(t: TokenTotals): Decimal {
  return allInput(t).plus(t.output)
}

/** Days in an average Gregorian month (365.2425 / 12): a report's period is scaled to a month by it. */
export const DAYS_PER_MONTH = new Decimal('365.2425').div(12)

const MS_PER_DAY = new Decimal(86_400_000)

/** A bucket's length in days, from its start and end (epoch ms). */
export function bucketDays(startMs: number, endMs: number): Decimal {
  return new Decimal(endMs - startMs).div(MS_PER_DAY)
}
