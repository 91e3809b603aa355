import { formatIsoDate } from './calendar.js'
import type { CommitmentAnalysis } from './commitment/options.js'
import { SAME_AMOUNT, sum } from './commitment/settlement.js'
import { formatCount, formatPercent, formatUsd } from './format.js'
import {
  type CostOverrides,
  fullMix,
  LEVER_BIT,
  type LeverMix,
  mixCost,
  type PricingContext,
  type WorkloadCosts,
  workloadCosts,
} from './levers.js'
import { Decimal, ONE, ROUNDING, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type { PlanWarning } from './plan-shape.js'
import type { ModelPrice } from './price-book.js'
import type { ValidPlan, ValidWorkload } from './validation.js'

/**
 * Warnings (docs/warnings.md): stable codes, a severity, the amount at stake where one applies, the workloads
 * involved and a sentence a buyer understands, quoting the figures.
 */

/** How serious a warning is; `error` marks a plan that fails a rule (it is still computed as given). */
export type Severity = 'error' | 'warning' | 'info'

/** Every warning code, in the design's order (also the sort order within a severity). */
export const WARNING_CODES = [
  'STRANDED_COMMITMENT',
  'LEVER_AFTER_COMMIT_START',
  'UNPULLED_BATCH',
  'UNPULLED_CACHING',
  'CACHE_PREFIX_TOO_SHORT',
  'CACHE_TRAFFIC_TOO_SPARSE',
  'BATCH_ON_INTERACTIVE',
  'BASELINE_MISMATCH',
  'TIER_CLIFF',
  'MODEL_RETIRING',
] as const

/** A warning code. */
export type WarningCode = (typeof WARNING_CODES)[number]

export type { PlanWarning }

/** Cache TTL windows in an average month (30.4375 days): 8,766 five-minute windows, 730.5 one-hour windows. */
export const TTL_WINDOWS_PER_MONTH = { '5m': new Decimal('8766'), '1h': new Decimal('730.5') } as const

/** The hit rate UNPULLED_CACHING assumes when the workload states no target. */
export const ASSUMED_HIT_RATE = new Decimal('0.9')

/** BASELINE_MISMATCH fires when the modelled month-0 baseline is off the observed spend by more than this share. */
export const BASELINE_TOLERANCE = new Decimal('0.15')

/** TIER_CLIFF (b) fires when a commit is below the next tier's minimum by at most this share of that minimum. */
export const TIER_CLIFF_MARGIN = new Decimal('0.1')

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
const TWELVE = new Decimal(12)

/** A workload as the warnings see it. */
export interface WarningWorkload {
  workload: ValidWorkload
  costs: WorkloadCosts
  /** requestsPerMonth × base-corner cost: the modelled month-0 baseline spend. */
  monthZeroBaseline: Decimal
  shapley: Partial<Record<Lever, Decimal>>
}

/** What every warning check needs: the plan, its listed levers and the pricing context. */
export interface WarningContext {
  plan: ValidPlan
  listedMask: number
  ctx: PricingContext
}

/** Everything the portfolio-level warnings need from a computed plan. */
export interface WarningInput extends WarningContext {
  /**
   * Each workload (its name, position and models), in input order, with the levers ({@link LEVER_BIT}s) whose
   * Shapley value for it is a saving (above 0).
   */
  workloads: readonly {
    workload: Pick<ValidWorkload, 'index' | 'name' | 'model' | 'routeToModel'>
    savingLevers: number
  }[]
  portfolioShapley: Partial<Record<Lever, Decimal>>
  /** Adoption of each listed lever in month 0. */
  monthZeroAdoption: Partial<Record<Lever, Decimal>>
  /** The evaluated commitment options and how they were sized. */
  commitment: CommitmentAnalysis
}

/** A warning with its position in input order (workload, lever or option index), for sorting. */
export interface RankedWarning extends PlanWarning {
  order: number
}

type Ordered = RankedWarning

/**
 * The warnings about one workload on its own (UNPULLED_BATCH, UNPULLED_CACHING, CACHE_PREFIX_TOO_SHORT,
 * CACHE_TRAFFIC_TOO_SPARSE, BATCH_ON_INTERACTIVE, BASELINE_MISMATCH), appended to `out`. Computed while the
 * workload's costs are at hand, so they need not be kept for the whole portfolio.
 */
export function workloadWarnings(context: WarningContext, w: WarningWorkload, out: RankedWarning[]): void {
  unpulledBatch(context, w, out)
  unpulledCaching(context, w, out)
  cachePrefixTooShort(context, w, out)
  cacheTrafficTooSparse(context, w, out)
  batchOnInteractive(context, w, out)
  baselineMismatch(w, out)
}

/**
 * Adds the portfolio-level warnings to the workload-level ones and sorts them all: by severity (error, warning,
 * info), then by code in {@link WARNING_CODES} order, then in input order (workloads, levers and options as the
 * request lists them).
 */
export function collectWarnings(input: WarningInput, workloadLevel: readonly RankedWarning[]): PlanWarning[] {
  const out: Ordered[] = [...workloadLevel]
  strandedCommitment(input, out)
  leverAfterCommitStart(input, out)
  tierCliff(input, out)
  modelRetiring(input, out)
  out.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      WARNING_CODES.indexOf(a.code) - WARNING_CODES.indexOf(b.code) ||
      a.order - b.order,
  )
  return out.map(({ order: _order, ...warning }) => warning)
}

const listed = (input: WarningContext, lever: Lever) => (input.listedMask & LEVER_BIT[lever]) !== 0
const yearly = (w: ValidWorkload, perRequest: Decimal) => TWELVE.times(w.requestsPerMonth).times(perRequest)

/**
 * STRANDED_COMMITMENT (warning): the option holding the `proposed` or the `baseline`-sized commitment when it exceeds
 * the forecast — in some settlement period its commitment is above what the optimized plan consumes there with the
 * plan's confidence, q_p·(1 − d) — and its expected stranded amount rounds to at least $1. A commitment at or below
 * the confident forecast can still strand money in the runs that fall short; that risk is the option's own
 * `shortfallProbability`, not this warning. Never for tier rows or the lowest-payment row on their own. Amount: the
 * expected stranded amount (whole dollars, as the option presents it).
 */
function strandedCommitment(input: WarningInput, out: Ordered[]): void {
  const { options, settlement } = input.commitment
  const confidence = formatPercent(input.plan.commitment.confidence)
  options.forEach((o, i) => {
    const kind = o.kinds.find((k) => k === 'proposed' || k === 'baseline')
    if (!kind) return
    const keep = ONE.minus(o.discountRate)
    const confident = settlement.confident.map((q) => q.times(keep))
    const exceeds = o.years.some((y, p) => y.commit.minus(confident[p]!).gt(SAME_AMOUNT))
    if (!exceeds || o.expectedStranded.toDecimalPlaces(0, ROUNDING.money).lt(ONE)) return
    const what = kind === 'proposed' ? 'The proposed commitment' : "A commitment sized on today's baseline"
    const forecast = sum(confident)
    const years =
      o.years.length > 1
        ? ` By contract year: ${o.years.map((y) => `year ${y.year} ${formatUsd(y.expectedStranded, 'dollars')}`).join(', ')}.`
        : ''
    out.push({
      order: i,
      code: 'STRANDED_COMMITMENT',
      severity: 'warning',
      amount: o.expectedStranded,
      amountPrecision: 'dollars',
      workloads: [],
      message: `${what} of ${formatUsd(o.commit, 'dollars')} exceeds the optimized forecast (${formatUsd(forecast, 'dollars')} consumed at its ${formatPercent(o.discountRate)} discount with ${confidence} confidence): about ${formatUsd(o.expectedStranded, 'dollars')} of it is expected to go unused and be paid anyway (shortfall in ${formatPercent(o.shortfallProbability)} of simulated runs).${years}`,
    })
  })
}

/**
 * LEVER_AFTER_COMMIT_START (warning): a listed lever not fully adopted in month 0 whose portfolio Shapley saving
 * is positive. Amount: that Shapley saving (the part of the saving a commitment sized on today's run-rate would
 * strand); workloads: those where the lever saves.
 */
function leverAfterCommitStart(input: WarningInput, out: Ordered[]): void {
  input.plan.levers.forEach((spec, i) => {
    const saving = input.portfolioShapley[spec.lever]
    const adoption = input.monthZeroAdoption[spec.lever] ?? ZERO
    if (!saving?.gt(0) || adoption.gte(ONE)) return
    const bit = LEVER_BIT[spec.lever]
    const names = input.workloads.filter((w) => (w.savingLevers & bit) !== 0).map((w) => w.workload.name)
    out.push({
      order: i,
      code: 'LEVER_AFTER_COMMIT_START',
      severity: 'warning',
      amount: saving,
      amountPrecision: 'cents',
      workloads: names,
      lever: spec.lever,
      message: `The ${spec.lever} lever is ${adoption.isZero() ? 'not yet adopted' : `only ${formatPercent(adoption)} adopted`} when the term starts, so ${formatUsd(saving)} of its saving lands after the commitment begins: a commitment sized on today's run-rate would strand it. Optimize first, or size the commitment on the optimized forecast.`,
    })
  })
}

function costWith(costs: WorkloadCosts, mix: LeverMix, change: Partial<LeverMix>): Decimal {
  return mixCost(costs, { ...mix, ...change })
}

/**
 * UNPULLED_BATCH (warning): nobody waits on the workload, some of it runs real time (currentBatchShare < 1) and
 * no batch adoption is planned (the lever is not listed, or targetBatchShare ≤ currentBatchShare). Amount: the
 * yearly saving at the first month's volume, 12 × requestsPerMonth × (cost with every listed lever fully
 * adopted − the same with all of it in batch). Not raised when that saving is not positive.
 */
function unpulledBatch(input: WarningContext, w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  if (wl.userWaiting || !wl.currentBatchShare.lt(ONE)) return
  if (listed(input, 'batch') && wl.targetBatchShare.gt(wl.currentBatchShare)) return
  const mix = fullMix(w.costs, input.listedMask)
  const amount = yearly(wl, mixCost(w.costs, mix).minus(costWith(w.costs, mix, { batchShare: ONE })))
  if (!amount.gt(0)) return
  out.push({
    order: wl.index,
    code: 'UNPULLED_BATCH',
    severity: 'warning',
    amount,
    amountPrecision: 'cents',
    workloads: [wl.name],
    message: `Nobody waits on "${wl.name}", yet ${formatPercent(ONE.minus(wl.currentBatchShare))} of it runs in real time and no batch adoption is planned: moving it all to the Batch API would save about ${formatUsd(amount)} a year at the first month's volume.`,
  })
}

/**
 * UNPULLED_CACHING (info): a prefix at or above the base model's minimum that is not cached today and that the
 * scenario does not cache (caching lever not listed, or no target hit rate). Amount: 12 × requestsPerMonth ×
 * the per-request saving of caching every request at the target hit rate (or {@link ASSUMED_HIT_RATE} when there
 * is none, which the message says) on top of the fully adopted listed levers. Not raised when not positive.
 */
function unpulledCaching(input: WarningContext, w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  if (
    !wl.prefixTokens.gt(0) ||
    wl.prefixTokens.lt(wl.model.minCacheableTokens) ||
    !wl.currentHitRate.isZero()
  )
    return
  if (listed(input, 'caching') && wl.targetHitRate) return
  const hitRate = wl.targetHitRate ?? ASSUMED_HIT_RATE
  const cached = workloadCosts(wl, input.ctx, { targetHitRate: hitRate })
  const mix = fullMix(w.costs, input.listedMask)
  const amount = yearly(wl, mixCost(w.costs, mix).minus(costWith(cached, mix, { cachingShare: ONE })))
  if (!amount.gt(0)) return
  const rateText = wl.targetHitRate
    ? `its target hit rate of ${formatPercent(hitRate)}`
    : `an assumed hit rate of ${formatPercent(hitRate)} (no target was given)`
  out.push({
    order: wl.index,
    code: 'UNPULLED_CACHING',
    severity: 'info',
    amount,
    amountPrecision: 'cents',
    workloads: [wl.name],
    message: `"${wl.name}" sends a shared prefix of ${formatCount(wl.prefixTokens)} tokens that is not cached: caching it at ${rateText} would save about ${formatUsd(amount)} a year at the first month's volume.`,
  })
}

/** Models a workload's requests run on under the scenario whose (scaled) prefix is below their minimum. */
function tooShortModels(input: WarningContext, w: WarningWorkload): ModelPrice[] {
  const segments = [w.costs.base]
  if (w.costs.routed && listed(input, 'routing')) segments.push(w.costs.routed)
  return segments.filter((s) => s.tokens.prefix.lt(s.card.minCacheableTokens)).map((s) => s.model)
}

/**
 * CACHE_PREFIX_TOO_SHORT (warning): caching is planned (lever listed, target set) on a prefix that is below the
 * minimum of a model the requests run on (after tokenizer scaling). Amount: 12 × requestsPerMonth × (fully
 * adopted cost − the same cost if the minimum were ignored), the yearly saving that will not happen. Not raised
 * when that amount is not positive.
 */
function cachePrefixTooShort(input: WarningContext, w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  if (!listed(input, 'caching') || !wl.targetHitRate || !wl.prefixTokens.gt(0)) return
  const models = tooShortModels(input, w)
  if (models.length === 0) return
  const overrides: CostOverrides = { ignoreMinimum: true }
  const ignoring = workloadCosts(wl, input.ctx, overrides)
  const amount = yearly(
    wl,
    mixCost(w.costs, fullMix(w.costs, input.listedMask)).minus(
      mixCost(ignoring, fullMix(ignoring, input.listedMask)),
    ),
  )
  if (!amount.gt(0)) return
  const which = models
    .map((m) => `${m.displayName} (minimum ${formatCount(m.minCacheableTokens)} tokens)`)
    .join(' and ')
  out.push({
    order: wl.index,
    code: 'CACHE_PREFIX_TOO_SHORT',
    severity: 'warning',
    amount,
    amountPrecision: 'cents',
    workloads: [wl.name],
    lever: 'caching',
    message: `Caching is planned for "${wl.name}", but its ${formatCount(wl.prefixTokens)}-token prefix is below the cacheable minimum of ${which}: it will be billed as plain input, and about ${formatUsd(amount)} a year of planned saving will not happen.`,
  })
}

/**
 * CACHE_TRAFFIC_TOO_SPARSE (warning): caching is planned (lever listed with a target) or happens today (current
 * hit rate > 0) on a non-empty prefix, and the first month's requests are fewer than the cache TTL windows in a
 * month ({@link TTL_WINDOWS_PER_MONTH}): a hit needs a request within the TTL of the previous one. No amount.
 */
function cacheTrafficTooSparse(input: WarningContext, w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  const planned = listed(input, 'caching') && wl.targetHitRate !== null
  if ((!planned && wl.currentHitRate.isZero()) || !wl.prefixTokens.gt(0)) return
  const windows = TTL_WINDOWS_PER_MONTH[wl.cacheTtl]
  if (!wl.requestsPerMonth.lt(windows)) return
  const rate = planned ? wl.targetHitRate! : wl.currentHitRate
  out.push({
    order: wl.index,
    code: 'CACHE_TRAFFIC_TOO_SPARSE',
    severity: 'warning',
    amount: null,
    amountPrecision: 'cents',
    workloads: [wl.name],
    lever: planned ? 'caching' : undefined,
    message: `"${wl.name}" sends ${formatCount(wl.requestsPerMonth)} requests a month, fewer than one per ${wl.cacheTtl === '5m' ? '5-minute' : '1-hour'} cache lifetime (${formatCount(windows)} windows a month): most cached prefixes expire before they are reused, so a ${formatPercent(rate)} hit rate is not credible.`,
  })
}

/**
 * BATCH_ON_INTERACTIVE (error): somebody waits on the workload, yet the scenario moves more of it to batch
 * (lever listed, targetBatchShare > currentBatchShare). The plan is computed as given. Amount: the workload's
 * batch Shapley saving (the saving that depends on failing the waiting test).
 */
function batchOnInteractive(input: WarningContext, w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  if (!wl.userWaiting || !listed(input, 'batch') || !wl.targetBatchShare.gt(wl.currentBatchShare)) return
  const amount = w.shapley.batch ?? ZERO
  out.push({
    order: wl.index,
    code: 'BATCH_ON_INTERACTIVE',
    severity: 'error',
    amount,
    amountPrecision: 'cents',
    workloads: [wl.name],
    lever: 'batch',
    message: `Somebody waits on "${wl.name}", yet the plan moves ${formatPercent(wl.targetBatchShare)} of it to the Batch API, whose results can take up to 24 hours: it fails the waiting test, and the ${formatUsd(amount)} it is credited with saving should not be counted on.`,
  })
}

/**
 * BASELINE_MISMATCH (warning): the modelled month-0 baseline differs from the observed monthly spend by more than
 * {@link BASELINE_TOLERANCE} of it (or the observed spend is 0 and the modelled one is not). Amount: the absolute
 * monthly difference.
 */
function baselineMismatch(w: WarningWorkload, out: Ordered[]): void {
  const wl = w.workload
  const observed = wl.observedMonthlySpend
  if (!observed) return
  const modelled = w.monthZeroBaseline
  const difference = modelled.minus(observed).abs()
  const off = observed.isZero() ? modelled.gt(0) : difference.gt(observed.times(BASELINE_TOLERANCE))
  if (!off) return
  const share = observed.isZero() ? '' : ` (${formatPercent(difference.div(observed), 1)})`
  out.push({
    order: wl.index,
    code: 'BASELINE_MISMATCH',
    severity: 'warning',
    amount: difference,
    amountPrecision: 'cents',
    workloads: [wl.name],
    message: `The modelled first-month spend of "${wl.name}" is ${formatUsd(modelled)}, but ${formatUsd(observed)} was observed: a ${formatUsd(difference)} difference${share}. Check its volume, token counts, model and cache hit rate before relying on the plan.`,
  })
}

/**
 * TIER_CLIFF (warning), one per amount:
 * (a) the recommendation was capped at m_{t+1} − 1 (its confident amount reached the next tier's minimum, which it
 *     does not reach at that tier's discount);
 * (b) the recommendation, the proposed or the baseline-sized commitment C lies just below a tier:
 *     0.9·m_t ≤ C < m_t with t the lowest tier above C.
 *     Amount of (a) and (b): E[payment at m_t] − E[payment at C], signed (negative: committing the minimum is
 *     cheaper), with m_t allocated to the years like C.
 * (c) a tier row whose shortfall probability exceeds 1 − confidence. Amount: its expected stranded amount.
 * Tier rows and the lowest-payment row never trigger (a) or (b).
 */
function tierCliff(input: WarningInput, out: Ordered[]): void {
  const { options, recommended } = input.commitment
  const ladder = input.plan.commitment.tiers
  const risk = ONE.minus(input.plan.commitment.confidence)
  options.forEach((o, i) => {
    const sized = o.kinds.filter((k) => k === 'recommended' || k === 'proposed' || k === 'baseline')
    if (sized.length > 0) {
      const capped = o.kinds.includes('recommended') ? recommended.cappedBelow : null
      const next = capped ?? ladder.find((t) => t.minCommit.gt(o.commit))
      const near = next && !capped && o.commit.gte(next.minCommit.times(ONE.minus(TIER_CLIFF_MARGIN)))
      if (next && (capped || near)) {
        const atMinimum = input.commitment.evaluateTotal(
          next.minCommit,
          o.years.map((y) => y.commit),
        )
        const change = atMinimum.expectedPayment.minus(o.expectedPayment)
        const what =
          sized.length > 1 || sized[0] !== 'recommended'
            ? `${sized.join(' and ')} commitment`
            : 'recommendation'
        const why = capped
          ? `was capped at ${formatUsd(o.commit, 'dollars')}, a dollar below the ${formatUsd(next.minCommit, 'dollars')} minimum of the tier earning ${formatPercent(next.discountRate)} off, because at that discount the forecast does not reach it`
          : `of ${formatUsd(o.commit, 'dollars')} is ${formatUsd(next.minCommit.minus(o.commit), 'dollars')} short of the ${formatUsd(next.minCommit, 'dollars')} minimum of the tier earning ${formatPercent(next.discountRate)} off instead of ${formatPercent(o.discountRate)}`
        const verdict = change.isNegative()
          ? `committing the minimum instead is expected to cost ${formatUsd(change.negated(), 'dollars')} less`
          : `committing the minimum instead is expected to cost ${formatUsd(change, 'dollars')} more`
        out.push({
          order: i,
          code: 'TIER_CLIFF',
          severity: 'warning',
          amount: change,
          amountPrecision: 'dollars',
          workloads: [],
          message: `The ${what} ${why}: ${verdict} (shortfall in ${formatPercent(atMinimum.shortfallProbability)} of simulated runs at the minimum).`,
        })
      }
    }
    if (o.kinds.includes('tier') && o.shortfallProbability.gt(risk)) {
      out.push({
        order: i,
        code: 'TIER_CLIFF',
        severity: 'warning',
        amount: o.expectedStranded,
        amountPrecision: 'dollars',
        workloads: [],
        message: `Committing ${formatUsd(o.commit, 'dollars')} to reach the ${formatPercent(o.discountRate)} tier falls short of the forecast in ${formatPercent(o.shortfallProbability)} of simulated runs, more than the ${formatPercent(risk)} risk accepted: about ${formatUsd(o.expectedStranded, 'dollars')} is expected to go unused.`,
      })
    }
  })
}

/**
 * MODEL_RETIRING: a workload's model or routing target (whether or not the routing lever is listed) retires
 * (`retiresAt`) before the term's last day. One warning per model, listing its workloads, in order of first
 * appearance. No amount.
 *
 * Severity `error` when the model retires on or before the term's first day (`retiresAt ≤ term start`): no
 * request of the term can run on it, so its figures are not spend that can happen. Otherwise `warning` (it
 * retires during the term). The message names the successor the price book gives the model
 * ({@link ValidPlan.successors}: display name and id), when it gives one; else it says "another model".
 */
function modelRetiring(input: WarningInput, out: Ordered[]): void {
  const byModel = new Map<ModelPrice, { order: number; names: Set<string> }>()
  const termEnd = input.plan.termEnd
  const termStart = formatIsoDate(input.plan.termStart)
  for (const { workload: wl } of input.workloads) {
    for (const model of [wl.model, wl.routeToModel]) {
      if (!model?.retiresAt || model.retiresAt >= termEnd) continue
      let entry = byModel.get(model)
      if (!entry) {
        entry = { order: wl.index, names: new Set() }
        byModel.set(model, entry)
      }
      entry.names.add(wl.name)
    }
  }
  for (const [model, { order, names: nameSet }] of byModel) {
    const names = [...nameSet]
    const retiresAt = model.retiresAt!
    const successor = input.plan.successors.get(model)
    const next = successor
      ? `its successor in the price book, ${successor.displayName} (${successor.modelId})`
      : model.successor
        ? `its successor in the price book, ${model.successor}`
        : 'another model'
    const uses = names.length === 1 ? 'a workload uses' : `${names.length} workloads use`
    const retired = retiresAt <= termStart
    const when = retired
      ? retiresAt === termStart
        ? 'the day the term starts'
        : `before the term starts on ${termStart}`
      : `before the term ends on ${termEnd}`
    out.push({
      order,
      code: 'MODEL_RETIRING',
      severity: retired ? 'error' : 'warning',
      amount: null,
      amountPrecision: 'cents',
      workloads: names,
      message: retired
        ? `${model.displayName} (${model.modelId}) retires on ${retiresAt}, ${when}: ${uses} it, yet no request of the term can run on it. Plan ${names.length === 1 ? 'that workload' : 'those workloads'} on ${next} instead, at that model's prices.`
        : `${model.displayName} (${model.modelId}) retires on ${retiresAt}, ${when}: ${uses} it and will have to move to ${next}, at that model's prices.`,
    })
  }
}
