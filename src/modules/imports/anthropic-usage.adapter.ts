import { Decimal, ZERO } from '../../domain/index.js'
import { type FieldIssue, UnprocessableError, ValidationError } from '../../lib/errors.js'
import type {
  CostPage,
  CostResult,
  ReportDimension,
  UsagePage,
  UsageResult,
} from './anthropic-usage.schemas.js'
import {
  bucketDays,
  type CostKind,
  type CostRecord,
  type DimensionValues,
  type ImportNote,
  type ObservedCost,
  type ObservedUsage,
  type ReportPeriod,
  type TokenClass,
  USAGE_DIMENSIONS,
  type UsageDimension,
  type UsageRecord,
} from './observed-usage.js'

/**
 * The Anthropic Admin API's usage and cost reports (`usage_report/messages`, `cost_report`), read into the
 * provider-neutral {@link ObservedUsage} and {@link ObservedCost}. Everything that knows those reports'
 * field names and values is here, because the provider has marked the endpoints legacy in favour of an
 * analytics API: when a report of that API is imported, it gets an adapter of its own and nothing downstream
 * changes. The pages are already checked field by field (`anthropic-usage.schemas.ts`); this checks what a
 * schema cannot — buckets that overlap or end before they start, which would count usage twice or never.
 */

/** The source name of this adapter's records. */
export const ANTHROPIC_USAGE_SOURCE = 'anthropic-usage-report'

/** The report's dimension names, and the neutral dimension each one is. */
export const DIMENSION_OF: Readonly<Record<ReportDimension, UsageDimension>> = {
  model: 'model',
  workspace_id: 'workspace',
  api_key_id: 'apiKey',
  service_tier: 'serviceTier',
  context_window: 'contextWindow',
  inference_geo: 'inferenceGeo',
  speed: 'speed',
  account_id: 'account',
  service_account_id: 'serviceAccount',
}

/** The report's name of each neutral dimension. */
export const REPORT_NAME_OF = Object.fromEntries(
  Object.entries(DIMENSION_OF).map(([report, neutral]) => [neutral, report]),
) as Record<UsageDimension, ReportDimension>

/** The cost report's `token_type` values and the token class each is. */
const TOKEN_CLASS_OF: Readonly<Record<string, TokenClass>> = {
  uncached_input_tokens: 'uncachedInput',
  cache_read_input_tokens: 'cacheRead',
  'cache_creation.ephemeral_5m_input_tokens': 'cacheWrite5m',
  'cache_creation.ephemeral_1h_input_tokens': 'cacheWrite1h',
  output_tokens: 'output',
}

const COST_KIND_OF: Readonly<Record<string, CostKind>> = {
  tokens: 'tokens',
  web_search: 'web_search',
  code_execution: 'code_execution',
}

/** The most issues one 400 lists (a report with thousands of bad buckets says enough with these). */
const MAX_ISSUES = 50

function dimensionsOf(result: Partial<Record<ReportDimension, string | null | undefined>>): DimensionValues {
  return {
    model: result.model ?? null,
    workspace: result.workspace_id ?? null,
    apiKey: result.api_key_id ?? null,
    serviceTier: result.service_tier ?? null,
    contextWindow: result.context_window ?? null,
    inferenceGeo: result.inference_geo ?? null,
    speed: result.speed ?? null,
    account: result.account_id ?? null,
    serviceAccount: result.service_account_id ?? null,
  }
}

/** Dimensions with a value somewhere: the ones the report is grouped by. */
function reportedDimensions(records: readonly { dimensions: DimensionValues }[]): UsageDimension[] {
  return USAGE_DIMENSIONS.filter((d) => records.some((r) => r.dimensions[d] !== null))
}

interface Bucketed {
  data: readonly { starting_at: string; ending_at: string }[]
  has_more: boolean
}

/**
 * The period the pages' buckets cover, after checking that each bucket ends after it starts and that no two
 * overlap (the same page sent twice, or pages of two reports). A gap is allowed — the period counts only the
 * buckets' own days — and noted, as are pages that say the report continues.
 */
function periodOf(pages: readonly Bucketed[], at: 'usage' | 'cost', notes: ImportNote[]): ReportPeriod {
  const issues: FieldIssue[] = []
  const buckets: { start: number; end: number; pointer: string }[] = []
  for (const [i, p] of pages.entries()) {
    for (const [j, b] of p.data.entries()) {
      const pointer = `/${at}/${i}/data/${j}`
      const start = Date.parse(b.starting_at)
      const end = Date.parse(b.ending_at)
      if (end > start) buckets.push({ start, end, pointer })
      else
        issues.push({
          in: 'body',
          pointer: `${pointer}/ending_at`,
          code: 'bucket_ends_before_start',
          detail: `ends at ${b.ending_at}, not after its start ${b.starting_at}`,
        })
    }
  }
  buckets.sort((a, b) => a.start - b.start || a.end - b.end)
  for (let k = 1; k < buckets.length; k++) {
    const before = buckets[k - 1]!
    const bucket = buckets[k]!
    if (bucket.start < before.end)
      issues.push({
        in: 'body',
        pointer: `${bucket.pointer}/starting_at`,
        code: 'overlapping_bucket',
        detail: `overlaps the bucket at ${before.pointer}: its usage would be counted twice (is a page sent twice?)`,
      })
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `The ${at} report’s buckets are not one report: ${issues.length} bucket(s) overlap another or end before they start.`,
      issues.slice(0, MAX_ISSUES),
    )
  }
  if (buckets.length === 0) {
    throw new UnprocessableError(`The ${at} report has no time buckets.`, [
      { in: 'body', pointer: `/${at}/0/data`, code: 'no_buckets', detail: 'holds no bucket' },
    ])
  }
  let days = ZERO
  let gaps = 0
  for (const [k, b] of buckets.entries()) {
    days = days.plus(bucketDays(b.start, b.end))
    if (k > 0 && b.start > buckets[k - 1]!.end) gaps++
  }
  const start = buckets[0]!.start
  const end = Math.max(...buckets.map((b) => b.end))
  const iso = (ms: number) => new Date(ms).toISOString()
  if (gaps > 0)
    notes.push({
      code: 'BUCKET_GAP',
      detail: `The ${at} report leaves ${gaps} gap(s) between its buckets; only the ${days.toFixed()} days its buckets cover are counted (is a page missing?).`,
    })
  if (pages.at(-1)!.has_more)
    notes.push({
      code: 'REPORT_CONTINUES',
      detail: `The last ${at} page says has_more: the report goes on past ${iso(end)}; only the pages sent are imported.`,
    })
  return { start: iso(start), end: iso(end), days, buckets: buckets.length }
}

function usageRecord(result: UsageResult, pointer: string, bucketStart: string): UsageRecord {
  const dimensions = dimensionsOf(result)
  return {
    pointer,
    bucketStart,
    dimensions,
    pricing: {
      batch: dimensions.serviceTier === 'batch',
      geo: dimensions.inferenceGeo === 'us' ? 'us' : 'global',
      longContext:
        dimensions.contextWindow === '200k-1M' ? true : dimensions.contextWindow === '0-200k' ? false : null,
      fast: dimensions.speed === 'fast',
    },
    tokens: {
      uncachedInput: BigInt(result.uncached_input_tokens),
      cacheRead: BigInt(result.cache_read_input_tokens),
      cacheWrite5m: BigInt(result.cache_creation.ephemeral_5m_input_tokens),
      cacheWrite1h: BigInt(result.cache_creation.ephemeral_1h_input_tokens),
      output: BigInt(result.output_tokens),
    },
    webSearchRequests: BigInt(result.server_tool_use?.web_search_requests ?? 0),
    // The Admin API's usage report counts tokens only.
    requests: null,
  }
}

/**
 * Reads `usage_report/messages` pages.
 * @throws ValidationError when buckets overlap or end before they start (400, pointers into `/usage`)
 * @throws UnprocessableError when the pages hold no bucket (422)
 */
export function adaptUsagePages(pages: readonly UsagePage[]): ObservedUsage {
  const notes: ImportNote[] = []
  const period = periodOf(pages, 'usage', notes)
  const records: UsageRecord[] = []
  for (const [i, p] of pages.entries())
    for (const [j, b] of p.data.entries())
      for (const [k, r] of b.results.entries())
        records.push(usageRecord(r, `/usage/${i}/data/${j}/results/${k}`, b.starting_at))
  return { source: ANTHROPIC_USAGE_SOURCE, period, reported: reportedDimensions(records), records, notes }
}

const CENTS = new Decimal(100)

function costRecord(result: CostResult, pointer: string): CostRecord {
  const kind = result.cost_type == null ? null : (COST_KIND_OF[result.cost_type] ?? 'other')
  return {
    pointer,
    dimensions: dimensionsOf(result),
    kind,
    tokenClass: result.token_type == null ? null : (TOKEN_CLASS_OF[result.token_type] ?? null),
    // The report's amounts are in cents (its "lowest currency unit"), as decimal strings.
    amount: result.amount.div(CENTS),
  }
}

/**
 * Reads `cost_report` pages.
 * @throws ValidationError as {@link adaptUsagePages} does (pointers into `/cost`)
 * @throws UnprocessableError when an amount is in another currency than USD, or there is no bucket (422)
 */
export function adaptCostPages(pages: readonly CostPage[]): ObservedCost {
  const notes: ImportNote[] = []
  const period = periodOf(pages, 'cost', notes)
  const records: CostRecord[] = []
  const otherCurrency: FieldIssue[] = []
  for (const [i, p] of pages.entries())
    for (const [j, b] of p.data.entries())
      for (const [k, r] of b.results.entries()) {
        const pointer = `/cost/${i}/data/${j}/results/${k}`
        if (r.currency != null && r.currency.toUpperCase() !== 'USD')
          otherCurrency.push({
            in: 'body',
            pointer: `${pointer}/currency`,
            code: 'unsupported_currency',
            detail: `is '${r.currency}'; the planner works in USD`,
          })
        records.push(costRecord(r, pointer))
      }
  if (otherCurrency.length > 0)
    throw new UnprocessableError(
      'The cost report has amounts in another currency than USD.',
      otherCurrency.slice(0, MAX_ISSUES),
    )
  return { period, reported: reportedDimensions(records), records, notes }
}
