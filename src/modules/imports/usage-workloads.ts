import {
  Decimal,
  findModel,
  type ModelPrice,
  ONE,
  type PriceBook,
  ROUNDING,
  toCents,
  ZERO,
} from '../../domain/index.js'
import { unknownModelMessage } from '../../domain/model-suggestions.js'
import { bandIndex } from '../../domain/request-cost.js'
import { type FieldIssue, UnprocessableError } from '../../lib/errors.js'
import {
  allInput,
  allTokens,
  DAYS_PER_MONTH,
  type ImportNote,
  type ObservedCost,
  type ObservedUsage,
  type TokenTotals,
  type UsageDimension,
} from './observed-usage.js'
import { attributeCost } from './usage-costs.js'
import { defaultGrouping, groupRecords, isEmpty, type UsageGroup, valuesOf } from './usage-grouping.js'
import { batchShare, groupCards, priceSegments } from './usage-pricing.js'

/**
 * Observed usage → baseline workloads, provider-neutral (docs/spreadsheets.md, importing Anthropic usage).
 * Per group of records: the requests it made over the report's period (from a count, or from the tokens and an
 * average request size the caller states), then per request its input, output and cacheable prefix tokens,
 * its cache hit rate and batch share, and its spend, each scaled to an average month (365.2425 ÷ 12 days).
 * The figures are chosen so that the planner's baseline of the workload costs what the usage did:
 *
 * - prefix P = (cache reads + cache writes) ÷ requests and hit rate h = reads ÷ (reads + writes), so that
 *   requests × P × h are the reads and requests × P × (1 − h) the writes;
 * - batch share = the share of the real-time cost that ran in batch (see `batchShare`);
 * - the cache TTL of the writes that are the majority, the inference geo of the tokens that are.
 *
 * What a workload cannot hold (writes at both TTLs, a prefix below the model's cacheable minimum, writes
 * without a single read, mixed geos) is said in the group's notes, with the difference it makes.
 */

/** Settings for the groups one entry of `groups` matches (the first entry a group matches applies). */
export interface GroupSettingsInput {
  /** Where the entry is in the request, e.g. `/groups/2`. */
  pointer: string
  match: Partial<Record<UsageDimension, string | null>>
  name?: string | null
  requests?: Decimal | null
  userWaiting?: boolean | null
  kind?: string | null
  team?: string | null
  tags?: string[] | null
}

/** How to turn the report into workloads. */
export interface ImportOptions {
  /** Dimensions whose values make one workload; null = {@link defaultGrouping}. */
  grouping: UsageDimension[] | null
  namePrefix: string
  volume: { outputTokensPerRequest: Decimal | null; inputTokensPerRequest: Decimal | null }
  groups: GroupSettingsInput[]
  userWaiting: boolean | null
  team: string | null
  tags: string[] | null
  unknownModels: 'reject' | 'skip'
  /** A dimension as the provider's report names it (for names, notes and messages). */
  label: (dimension: UsageDimension) => string
}

export type VolumeBasis = 'requests' | 'output_tokens_per_request' | 'input_tokens_per_request'

/** One workload the import makes, with what it was made from. */
export interface DerivedWorkload {
  values: Partial<Record<UsageDimension, string | null>>
  pointer: string
  model: ModelPrice
  /** The workload as `POST …/workloads` takes it (decimal strings). */
  fields: Record<string, unknown>
  volume: { basis: VolumeBasis; requestsInPeriod: Decimal }
  tokens: TokenTotals
  webSearches: Decimal
  cacheReadShareOfInput: Decimal
  batchShareOfTokens: Decimal
  observedMonthly: Decimal
  /** Where `observedMonthly` comes from. */
  observedSource: 'cost_report' | 'price_book'
  listPricedMonthly: Decimal
  notes: ImportNote[]
}

/** A group that makes no workload, and why. */
export interface SkippedGroup {
  values: Partial<Record<UsageDimension, string | null>>
  reason: 'no_usage' | 'unknown_model'
  detail: string
  pointer: string
}

/** What the import would make. */
export interface ImportPlan {
  grouping: UsageDimension[]
  observedSource: 'cost_report' | 'price_book'
  workloads: DerivedWorkload[]
  skipped: SkippedGroup[]
  notes: ImportNote[]
}

const round = (value: Decimal, places: number) => value.toDecimalPlaces(places, ROUNDING.money)
const SIX = 6
const TEN = 10
const LONG_CONTEXT_TOKENS = new Decimal(200_000)

interface Kept {
  group: UsageGroup
  model: ModelPrice
  setting: GroupSettingsInput | undefined
  name: string
  requests: Decimal
  basis: VolumeBasis
}

/** The group's value of a dimension: its grouping value, or the one value all its records share (else undefined). */
function groupValue(group: UsageGroup, d: UsageDimension): string | null | undefined {
  if (d in group.values) return group.values[d]
  const values = valuesOf(group, d)
  return values.size === 1 ? [...values][0] : undefined
}

function matches(setting: GroupSettingsInput, group: UsageGroup, book: PriceBook): boolean {
  return Object.entries(setting.match).every(([d, wanted]) => {
    if (wanted === undefined) return true
    const have = groupValue(group, d as UsageDimension)
    if (have === undefined) return false
    if (wanted === null || have === null) return wanted === have
    if (d === 'model') {
      const model = findModel(book, wanted)
      return model && group.model
        ? model.modelId === group.model.modelId
        : wanted.toLowerCase() === have.toLowerCase()
    }
    return wanted === have
  })
}

/**
 * Plans the import of `usage` (priced with `cost` when given, else with `book`) into workloads of a portfolio
 * whose default price book is `book`.
 * @throws UnprocessableError naming every reason the report cannot become workloads (422)
 */
export function planImport(
  usage: ObservedUsage,
  cost: ObservedCost | null,
  book: PriceBook,
  options: ImportOptions,
): ImportPlan {
  const { label } = options
  if (usage.records.length === 0)
    throw new UnprocessableError('The usage report holds no usage to import.', [
      { in: 'body', pointer: '/usage', code: 'no_usage', detail: 'its buckets have no results' },
    ])
  if (!usage.reported.includes('model'))
    throw new UnprocessableError(
      'The usage report is not broken down by model; a workload runs on one model.',
      [
        {
          in: 'body',
          pointer: '/usage',
          code: 'not_grouped_by_model',
          detail: 'fetch the report with group_by[]=model',
        },
      ],
    )
  const notes: ImportNote[] = [...usage.notes, ...(cost?.notes ?? [])]
  const grouping = options.grouping ?? defaultGrouping(usage.reported)
  const absent = grouping.filter((d) => !usage.reported.includes(d))
  if (absent.length > 0)
    notes.push({
      code: 'GROUPING_NOT_IN_REPORT',
      detail: `The report is not grouped by ${absent.map(label).join(', ')}: every result has it null, so it splits nothing.`,
    })

  const groups = groupRecords(usage.records, grouping, book)
  const issues: FieldIssue[] = []
  const skipped: SkippedGroup[] = []
  const matched = options.groups.map(() => 0)
  const nameOf = (group: UsageGroup, setting: GroupSettingsInput | undefined) =>
    setting?.name ??
    options.namePrefix +
      grouping
        .map((d) => {
          const value = group.values[d] ?? null
          if (value !== null) return value
          return d === 'workspace' ? 'default-workspace' : d === 'apiKey' ? 'no-api-key' : `no-${label(d)}`
        })
        .join(' / ')

  const kept: Omit<Kept, 'requests' | 'basis'>[] = []
  for (const group of groups) {
    const index = options.groups.findIndex((s) => matches(s, group, book))
    if (index >= 0) matched[index]!++
    const setting = options.groups[index]
    if (isEmpty(group)) {
      skipped.push({
        values: group.values,
        reason: 'no_usage',
        detail: 'every token count is 0',
        pointer: group.pointer,
      })
    } else if (!group.model) {
      const detail =
        group.values.model == null
          ? 'the report gives no model for this usage'
          : unknownModelMessage(book, group.values.model)
      if (options.unknownModels === 'skip')
        skipped.push({ values: group.values, reason: 'unknown_model', detail, pointer: group.pointer })
      else issues.push({ in: 'body', pointer: `${group.pointer}/model`, code: 'unknown_model', detail })
    } else kept.push({ group, model: group.model, setting, name: nameOf(group, setting).trim() })
  }
  options.groups.forEach((setting, i) => {
    if (matched[i] === 0)
      issues.push({
        in: 'body',
        pointer: `${setting.pointer}/match`,
        code: 'matches_no_group',
        detail: 'matches no group of the report (or only groups an earlier entry matched)',
      })
    else if (matched[i]! > 1 && (setting.name != null || setting.requests != null))
      issues.push({
        in: 'body',
        pointer: setting.pointer,
        code: 'matches_several_groups',
        detail: `a name or a request count is for one group, and this entry matches ${matched[i]}; narrow its match`,
      })
  })

  const names = new Map<string, number>()
  const withoutVolume: string[] = []
  const withVolume: Kept[] = []
  for (const k of kept) {
    if (k.name.length > 200 || k.name.length === 0)
      issues.push({
        in: 'body',
        pointer: k.setting?.name != null ? `${k.setting.pointer}/name` : '/namePrefix',
        code: 'invalid_name',
        detail: `the workload name '${k.name.length > 80 ? `${k.name.slice(0, 80)}…` : k.name}' would be ${k.name.length} characters (1–200); name it in groups[]`,
      })
    names.set(k.name, (names.get(k.name) ?? 0) + 1)
    const volume = requestsOf(k, options)
    if (volume === 'none') withoutVolume.push(k.name)
    else if ('issue' in volume) issues.push(volume.issue)
    else withVolume.push({ ...k, ...volume })
  }
  for (const [name, count] of names)
    if (count > 1)
      issues.push({
        in: 'body',
        pointer: '/groups',
        code: 'duplicate_name',
        detail: `${count} groups would be named '${name}'; name them in groups[]`,
      })
  if (withoutVolume.length > 0)
    issues.push({
      in: 'body',
      pointer: '/volume',
      code: 'no_volume',
      detail:
        `the usage report counts tokens, not requests: say how many requests ${withoutVolume.length} group(s) made ` +
        `(${withoutVolume.slice(0, 3).join('; ')}${withoutVolume.length > 3 ? '; …' : ''}) with ` +
        'volume.outputTokensPerRequest, volume.inputTokensPerRequest or groups[].requests',
    })
  if (issues.length > 0)
    throw new UnprocessableError(
      `The usage report cannot become workloads: ${issues[0]!.detail}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}.`,
      issues.slice(0, 50),
    )
  if (withVolume.length === 0)
    throw new UnprocessableError('The usage report holds no usage to import.', [
      {
        in: 'body',
        pointer: '/usage',
        code: 'no_usage',
        detail: skipped.length
          ? `its ${skipped.length} group(s) have no tokens or are of models the price book lacks (see unknownModels)`
          : 'it has no results',
      },
    ])

  const workloads = derive(withVolume, usage, cost, book, options, notes)
  if (options.userWaiting == null) {
    const assumed = workloads.filter(
      (w, i) => w.fields.userWaiting === true && withVolume[i]!.setting?.userWaiting == null,
    )
    if (assumed.length > 0)
      notes.push({
        code: 'USER_WAITING_ASSUMED',
        detail: `${assumed.length} workload(s) not all in batch are taken as waited on (userWaiting true), so the batch lever moves nothing there until you say otherwise (userWaiting or groups[].userWaiting, or PATCH the workload).`,
      })
  }
  return { grouping, observedSource: cost ? 'cost_report' : 'price_book', workloads, skipped, notes }
}

/** The requests a group made over the report's period, and how that is known. */
function requestsOf(
  k: Omit<Kept, 'requests' | 'basis'>,
  options: ImportOptions,
): { requests: Decimal; basis: VolumeBasis } | { issue: FieldIssue } | 'none' {
  if (k.setting?.requests != null) return { requests: k.setting.requests, basis: 'requests' }
  if (k.group.requests?.gt(0)) return { requests: k.group.requests!, basis: 'requests' }
  const { outputTokensPerRequest: out, inputTokensPerRequest: inp } = options.volume
  const per = out ?? inp
  if (!per) return 'none'
  const tokens = out ? k.group.tokens.output : allInput(k.group.tokens)
  if (tokens.isZero())
    return {
      issue: {
        in: 'body',
        pointer: out ? '/volume/outputTokensPerRequest' : '/volume/inputTokensPerRequest',
        code: 'no_tokens_to_count',
        detail: `'${k.name}' has no ${out ? 'output' : 'input'} tokens to count its requests by; give its groups[].requests`,
      },
    }
  return { requests: tokens.div(per), basis: out ? 'output_tokens_per_request' : 'input_tokens_per_request' }
}

function derive(
  kept: readonly Kept[],
  usage: ObservedUsage,
  cost: ObservedCost | null,
  book: PriceBook,
  options: ImportOptions,
  notes: ImportNote[],
): DerivedWorkload[] {
  const toMonth = DAYS_PER_MONTH.div(usage.period.days)
  const shaped = kept.map((k) => {
    const t = k.group.tokens
    const n = k.requests
    const input = round(allInput(t).div(n), SIX)
    const cards = groupCards(k.model, input)
    return { k, input, cards, pricing: priceSegments(k.group.segments, cards) }
  })
  const listed = shaped.map((s) => s.pricing.listCost.times(toMonth))
  let observed = listed
  let fromCost = shaped.map(() => false)
  if (cost) {
    const canonical = (name: string) => findModel(book, name)?.modelId ?? name.toLowerCase()
    const weighed = shaped.map((s) => ({ group: s.k.group, cards: s.cards }))
    const attributed = attributeCost(cost, usage, weighed, canonical, options.label)
    notes.push(...attributed.notes)
    const costToMonth = DAYS_PER_MONTH.div(cost.period.days)
    // A group the cost report has nothing for (Priority Tier usage is not in it) keeps its list-priced spend.
    fromCost = attributed.found
    observed = attributed.perGroup.map((amount, g) => (fromCost[g] ? amount.times(costToMonth) : listed[g]!))
    const { start, end, days } = usage.period
    if (cost.period.start !== start || cost.period.end !== end || !cost.period.days.eq(days))
      notes.push({
        code: 'COST_PERIOD_DIFFERS',
        detail: `The cost report covers ${cost.period.start} – ${cost.period.end} (${cost.period.days.toFixed()} days), the usage report ${start} – ${end} (${days.toFixed()} days); each is scaled to a month by its own days.`,
      })
  }

  return shaped.map(({ k, input, pricing }, i) => {
    const { group, model } = k
    const t = group.tokens
    const n = k.requests
    const groupNotes: ImportNote[] = []
    const prefixTokens = t.cacheRead.plus(t.cacheWrite5m).plus(t.cacheWrite1h)
    const prefix = round(prefixTokens.div(n), SIX)
    const hitRate = prefixTokens.isZero() ? ZERO : round(t.cacheRead.div(prefixTokens), TEN)
    const ttl = t.cacheWrite1h.gt(t.cacheWrite5m) ? '1h' : '5m'
    const share = round(batchShare(pricing), TEN)
    const everyToken = allTokens(t)
    let geo: 'global' | 'us' = group.usTokens.times(2).gt(everyToken) ? 'us' : 'global'
    const waiting = k.setting?.userWaiting ?? (share.eq(ONE) ? false : (options.userWaiting ?? true))
    const observedMonthly = observed[i]!
    if (cost && !fromCost[i])
      groupNotes.push({
        code: 'NO_COST_FOUND',
        detail:
          'The cost report has no amount for this group (Priority Tier usage, for one, is not in it): its observed spend is its usage priced with the price book.',
      })

    if (t.cacheWrite5m.gt(0) && t.cacheWrite1h.gt(0))
      groupNotes.push({
        code: 'MIXED_CACHE_TTL',
        detail: `Cache writes at both lifetimes (${t.cacheWrite5m.toFixed()} tokens for 5 minutes, ${t.cacheWrite1h.toFixed()} for 1 hour); the workload prices every write at ${ttl}, its majority.`,
      })
    if (t.cacheRead.isZero() && prefixTokens.gt(0))
      groupNotes.push({
        code: 'CACHE_WRITES_WITHOUT_READS',
        detail:
          'Cache writes but not one read: the planner takes a hit rate of 0 as not caching, so the baseline prices the prefix as plain input, below the write price paid.',
      })
    if (hitRate.gt(0) && prefix.lt(model.minCacheableTokens))
      groupNotes.push({
        code: 'PREFIX_BELOW_MINIMUM',
        detail: `The average cached prefix (${prefix.toFixed()} tokens per request) is below ${model.modelId}'s cacheable minimum of ${model.minCacheableTokens.toFixed()}, so the baseline prices it as plain input: the request count is too high (give groups[].requests, or a larger volume per request).`,
      })
    const windows = valuesOf(group, 'contextWindow')
    windows.delete(null)
    if (windows.size > 1)
      groupNotes.push({
        code: 'MIXED_CONTEXT_WINDOWS',
        detail: `Requests of several context windows (${[...windows].join(', ')}): the baseline prices them all at the rates of the average request. Group by ${options.label('contextWindow')} to keep them apart.`,
      })
    const band = bandIndex(model, input)
    const longAnywhere = group.records.some((r) => r.pricing.longContext === true)
    const shortOnly = group.records.every((r) => r.pricing.longContext === false)
    const bandAbove200k = band >= 0 && model.longContextBands[band]!.thresholdTokens.gte(LONG_CONTEXT_TOKENS)
    if ((longAnywhere && model.longContextBands.length > 0 && band < 0) || (shortOnly && bandAbove200k))
      groupNotes.push({
        code: 'CONTEXT_WINDOW_MISMATCH',
        detail: `The report says these requests were ${longAnywhere ? 'over' : 'within'} 200K input tokens, but the request count gives ${input.toFixed()} input tokens per request; the baseline prices them at ${band < 0 ? 'base' : 'long-context'} rates. Give the group's requests.`,
      })
    if (group.usTokens.gt(0) && group.usTokens.lt(everyToken))
      groupNotes.push({
        code: 'MIXED_INFERENCE_GEO',
        detail: `Part of the tokens ran US-only (${group.usTokens.toFixed()} of ${everyToken.toFixed()}); the workload is '${geo}', its majority. Group by ${options.label('inferenceGeo')} to keep them apart.`,
      })
    if (geo === 'us' && model.dataResidencyMultiplier === null) {
      geo = 'global'
      groupNotes.push({
        code: 'GEO_NOT_OFFERED',
        detail: `${model.modelId} has no US-only price in the price book; the workload is priced as global.`,
      })
    }
    if (group.records.some((r) => r.pricing.fast))
      groupNotes.push({
        code: 'FAST_MODE_NOT_MODELLED',
        detail:
          'Part of the usage ran in fast mode, priced at a multiple of the standard rates; the planner prices it at the standard rates.',
      })
    const tiers = [...valuesOf(group, 'serviceTier')].filter(
      (v) => v !== null && v !== 'standard' && v !== 'batch',
    )
    if (tiers.length > 0)
      groupNotes.push({
        code: 'SERVICE_TIER_AS_STANDARD',
        detail: `Usage of service tier ${tiers.join(', ')} is priced as standard (real-time) usage; Priority Tier is billed against its own commitment and is not in the cost report.`,
      })
    if (group.webSearches.gt(0))
      groupNotes.push({
        code: 'WEB_SEARCH_NOT_MODELLED',
        detail: `${group.webSearches.toFixed()} web searches (priced per search, $10 per 1,000 at list) are not part of the workload's baseline.`,
      })
    if (observedMonthly.lt(0))
      groupNotes.push({
        code: 'NEGATIVE_OBSERVED_SPEND',
        detail: `The cost report's amounts for this group add up to $${toCents(observedMonthly)} a month (credits?); no observed spend is stored.`,
      })

    const fields: Record<string, unknown> = {
      name: k.name,
      ...(k.setting?.kind != null ? { kind: k.setting.kind } : {}),
      model: model.modelId,
      requestsPerMonth: round(n.times(toMonth), SIX).toFixed(),
      inputTokensPerRequest: input.toFixed(),
      outputTokensPerRequest: round(t.output.div(n), SIX).toFixed(),
      cacheablePrefixTokens: prefix.toFixed(),
      currentCacheHitRate: hitRate.toFixed(),
      cacheTtl: ttl,
      userWaiting: waiting,
      currentBatchShare: share.toFixed(),
      inferenceGeo: geo,
      ...(observedMonthly.gte(0) ? { observedMonthlySpend: toCents(observedMonthly) } : {}),
      ...ownership(k.setting, options),
    }
    const inputTokens = allInput(t)
    return {
      values: group.values,
      pointer: group.pointer,
      model,
      fields,
      volume: { basis: k.basis, requestsInPeriod: n },
      tokens: t,
      webSearches: group.webSearches,
      cacheReadShareOfInput: inputTokens.isZero() ? ZERO : t.cacheRead.div(inputTokens),
      batchShareOfTokens: everyToken.isZero() ? ZERO : allTokens(group.batchTokens).div(everyToken),
      observedMonthly,
      observedSource: fromCost[i] ? ('cost_report' as const) : ('price_book' as const),
      listPricedMonthly: listed[i]!,
      notes: groupNotes,
    }
  })
}

function ownership(setting: GroupSettingsInput | undefined, options: ImportOptions) {
  const team = setting?.team ?? options.team
  const tags = setting?.tags ?? options.tags
  return { ...(team != null ? { team } : {}), ...(tags != null ? { tags } : {}) }
}
