import type { AdoptionVector } from './adoption.js'
import { type Decimal, ONE, ZERO } from './money.js'
import type { Lever } from './plan-request.js'
import type { ModelPrice } from './price-book.js'
import {
  type CachingState,
  type RateCard,
  type RateCards,
  type RequestTokens,
  requestCosts,
} from './request-cost.js'
import type { ValidWorkload } from './validation.js'

/**
 * Levers as parameters (docs/cost-model.md, levers as fractions). A workload's per-request cost is a mix over (model, caching state, tier)
 * segments whose weights are linear in each lever's adoption fraction, so the cost is *multilinear* in
 * (f_routing, f_caching, f_batch). It is therefore fully described by its values at the eight corners of the unit
 * cube (each f ∈ {0, 1}), and the cost at any fraction vector is the multilinear interpolation of those corners,
 * exactly. The engine computes the corners once per workload; monthly figures interpolate them ({@link vectorCost})
 * and term figures use their multilinear coefficients ({@link dividends}).
 */

/** Bit of each lever in a corner or subset mask. */
export const LEVER_BIT: Readonly<Record<Lever, number>> = { routing: 1, caching: 2, batch: 4 }

/** Number of corners of the lever cube. */
export const CORNER_COUNT = 8

/** Cost of one model's requests in each caching state, before the batch tier. */
export interface ModelSegment {
  model: ModelPrice
  card: RateCard
  tokens: RequestTokens
  /** Per-request real-time cost as the workload caches today. */
  today: Decimal
  /** Per-request real-time cost at the target hit rate (equal to `today` when there is no target). */
  target: Decimal
  batchDiscount: Decimal
}

/** Everything needed to price a workload's request at any lever mix. */
export interface WorkloadCosts {
  base: ModelSegment
  /** The route target's segment, or null without routing. */
  routed: ModelSegment | null
  routableShare: Decimal
  currentBatchShare: Decimal
  targetBatchShare: Decimal
  /** Levers (as {@link LEVER_BIT}s) that change anything for this workload. */
  activeMask: number
}

/** Per-plan helpers for pricing: memoized rate cards and tokenizer ratios. */
export interface PricingContext {
  cards: RateCards
  /** tokenizerRatio(to) / tokenizerRatio(from), memoized per pair. */
  tokenScale: (from: ModelPrice, to: ModelPrice) => Decimal
}

/** Builds a {@link PricingContext} whose memos live as long as it does (one plan computation). */
export function createPricingContext(cards: RateCards): PricingContext {
  const scales = new Map<ModelPrice, Map<ModelPrice, Decimal>>()
  return {
    cards,
    tokenScale(from, to) {
      if (from === to || from.tokenizerRatio.eq(to.tokenizerRatio)) return ONE
      let byTo = scales.get(from)
      if (!byTo) {
        byTo = new Map()
        scales.set(from, byTo)
      }
      let scale = byTo.get(to)
      if (!scale) {
        scale = to.tokenizerRatio.div(from.tokenizerRatio)
        byTo.set(to, scale)
      }
      return scale
    },
  }
}

/** What-if adjustments used only by warnings: a different target hit rate, or caching below the minimum. */
export interface CostOverrides {
  /** Price the caching target at this hit rate (caching on), whatever the workload says. */
  targetHitRate?: Decimal
  /** Price caching even when the prefix is below the model's minimum. */
  ignoreMinimum?: boolean
}

/**
 * Prices a workload's segments: the base model and (with routing) the route target, whose token counts are
 * multiplied by tokenizerRatio(target)/tokenizerRatio(base). Today a workload whose current hit rate is 0 does
 * not cache at all; at the target it caches at the target hit rate even when that is 0 (every request pays the
 * write price).
 */
export function workloadCosts(
  w: ValidWorkload,
  ctx: PricingContext,
  overrides: CostOverrides = {},
): WorkloadCosts {
  const todayState: CachingState | null = w.currentHitRate.isZero()
    ? null
    : { hitRate: w.currentHitRate, ttl: w.cacheTtl }
  const targetRate = overrides.targetHitRate ?? w.targetHitRate
  const targetState: CachingState | null = targetRate ? { hitRate: targetRate, ttl: w.cacheTtl } : todayState
  const states = [todayState, targetState]
  const ignoreMinimum = overrides.ignoreMinimum ?? false

  const baseTokens: RequestTokens = { input: w.inputTokens, prefix: w.prefixTokens, output: w.outputTokens }
  const base = priceSegment(ctx, w, w.model, baseTokens, states, ignoreMinimum)
  let routed: ModelSegment | null = null
  if (w.routeToModel && !w.routableShare.isZero()) {
    const s = ctx.tokenScale(w.model, w.routeToModel)
    const tokens =
      s === ONE
        ? baseTokens
        : { input: w.inputTokens.times(s), prefix: w.prefixTokens.times(s), output: w.outputTokens.times(s) }
    routed = priceSegment(ctx, w, w.routeToModel, tokens, states, ignoreMinimum)
  }
  let activeMask = 0
  if (routed) activeMask |= LEVER_BIT.routing
  if (targetRate) activeMask |= LEVER_BIT.caching
  if (!w.targetBatchShare.eq(w.currentBatchShare)) activeMask |= LEVER_BIT.batch
  return {
    base,
    routed,
    routableShare: routed ? w.routableShare : ZERO,
    currentBatchShare: w.currentBatchShare,
    targetBatchShare: w.targetBatchShare,
    activeMask,
  }
}

/** One model's segment of a workload: its rate card and the per-request cost today and at the caching target. */
function priceSegment(
  ctx: PricingContext,
  w: ValidWorkload,
  model: ModelPrice,
  tokens: RequestTokens,
  states: readonly (CachingState | null)[],
  ignoreMinimum: boolean,
): ModelSegment {
  const card = ctx.cards(model, tokens.input, w.inferenceGeo)
  const [today, target] = requestCosts(card, tokens, states, ignoreMinimum) as [Decimal, Decimal]
  return { model, card, tokens, today, target, batchDiscount: model.batchDiscount }
}

/** Shares of a workload's requests in each lever's applied state. */
export interface LeverMix {
  /** Share of requests on the route target. */
  routedShare: Decimal
  /** Share of requests at the target caching state. */
  cachingShare: Decimal
  /** Share of requests in the batch tier. */
  batchShare: Decimal
}

/** The lever mix at adoption fractions (fR, fC, fB): f·routableShare routed, f at target, batch moved f of the way. */
export function leverMix(costs: WorkloadCosts, fR: Decimal, fC: Decimal, fB: Decimal): LeverMix {
  const cur = costs.currentBatchShare
  return {
    routedShare: fR.isZero() ? ZERO : fR.times(costs.routableShare),
    cachingShare: costs.activeMask & LEVER_BIT.caching ? fC : ZERO,
    batchShare: fB.isZero() ? cur : cur.plus(fB.times(costs.targetBatchShare.minus(cur))),
  }
}

function segmentCost(seg: ModelSegment, cachingShare: Decimal, batchShare: Decimal): Decimal {
  let c: Decimal
  if (cachingShare.isZero() || seg.today === seg.target) c = seg.today
  else if (cachingShare.eq(ONE)) c = seg.target
  else c = seg.today.plus(cachingShare.times(seg.target.minus(seg.today)))
  return batchShare.isZero() ? c : c.times(ONE.minus(batchShare.times(seg.batchDiscount)))
}

/**
 * Per-request cost at a lever mix:
 * Σ_model w_model · Σ_state w_state · c(model, state) · (1 − batchShare · batchDiscount_model).
 * Routed and non-routed requests are cached and batched in the same proportions (the levers are independent).
 */
export function mixCost(costs: WorkloadCosts, mix: LeverMix): Decimal {
  const base = segmentCost(costs.base, mix.cachingShare, mix.batchShare)
  if (!costs.routed || mix.routedShare.isZero()) return base
  const routed = segmentCost(costs.routed, mix.cachingShare, mix.batchShare)
  if (mix.routedShare.eq(ONE)) return routed
  return base.plus(mix.routedShare.times(routed.minus(base)))
}

/**
 * The eight corner costs of a workload, indexed by corner mask (bit set = that lever fully adopted), each
 * multiplied by `scale` (requestsPerMonth gives the month-0 spend of each corner). Corners that differ from a lower
 * corner only in a lever that changes nothing for this workload (or is not in `listedMask`) are the same object as
 * that lower corner, so later steps can skip duplicate work.
 *
 * Computed directly rather than through {@link mixCost}: each segment's two caching states are scaled once, then
 * multiplied by the two tier factors 1 − share·batchDiscount, and routed corners mix the two models.
 */
export function cornerCosts(costs: WorkloadCosts, listedMask = 7, scale: Decimal = ONE): Decimal[] {
  const active = costs.activeMask & listedMask
  const scaling: SegmentScaling = {
    scale: scale === ONE || scale.eq(ONE) ? null : scale,
    caching: (active & LEVER_BIT.caching) !== 0,
    batch: (active & LEVER_BIT.batch) !== 0,
    currentBatchShare: costs.currentBatchShare,
    targetBatchShare: costs.targetBatchShare,
  }
  const base = segmentCorners(costs.base, scaling)
  const routed = active & LEVER_BIT.routing && costs.routed ? segmentCorners(costs.routed, scaling) : null
  const allRouted = routed !== null && costs.routableShare.eq(ONE)
  const corners: Decimal[] = new Array(CORNER_COUNT)
  for (let c = 0; c < CORNER_COUNT; c++) {
    const effective = c & active
    if (effective !== c) {
      corners[c] = corners[effective]!
      continue
    }
    const i = c >> 1
    const b = base[i]!
    if (!(c & LEVER_BIT.routing) || !routed) {
      corners[c] = b
      continue
    }
    corners[c] = allRouted ? routed[i]! : b.plus(costs.routableShare.times(routed[i]!.minus(b)))
  }
  return corners
}

/** What {@link segmentCorners} needs besides the segment: the volume scale (null = 1) and the active levers. */
interface SegmentScaling {
  scale: Decimal | null
  caching: boolean
  batch: boolean
  currentBatchShare: Decimal
  targetBatchShare: Decimal
}

/**
 * One segment's four (caching, batch) corners, indexed by (caching bit | batch bit) >> 1: its two caching states
 * scaled once, each multiplied by the two tier factors 1 − share·batchDiscount. Equal corners are the same object.
 * (A plain function rather than a closure: {@link cornerCosts} runs once per workload.)
 */
function segmentCorners(seg: ModelSegment, s: SegmentScaling): Decimal[] {
  const today = s.scale === null ? seg.today : seg.today.times(s.scale)
  const target =
    !s.caching || seg.target === seg.today ? today : s.scale === null ? seg.target : seg.target.times(s.scale)
  const current = tierFactor(s.currentBatchShare, seg.batchDiscount)
  const moved = s.batch ? tierFactor(s.targetBatchShare, seg.batchDiscount) : current
  const todayCurrent = timesFactor(today, current)
  const targetCurrent = target === today ? todayCurrent : timesFactor(target, current)
  const todayMoved = moved === current ? todayCurrent : timesFactor(today, moved)
  const targetMoved =
    target === today ? todayMoved : moved === current ? targetCurrent : timesFactor(target, moved)
  return [todayCurrent, targetCurrent, todayMoved, targetMoved]
}

/** x × f, or x itself when the factor is the ONE constant. */
function timesFactor(x: Decimal, f: Decimal): Decimal {
  return f === ONE ? x : x.times(f)
}

function tierFactor(batchShare: Decimal, batchDiscount: Decimal): Decimal {
  return batchShare.isZero() || batchDiscount.isZero() ? ONE : ONE.minus(batchShare.times(batchDiscount))
}

/**
 * Multilinear coefficients ("dividends") of corner values: cost(f) = Σ_T D_T · Π_{lever ∈ T} f_lever, with
 * D_T = Σ_{c ⊆ T} (−1)^{|T∖c|} corner_c (the Möbius transform of the corners). Only subsets of `active` can be
 * non-zero (a lever that changes nothing has no coefficient); the others are ZERO.
 */
export function dividends(corners: readonly Decimal[], active: number): Decimal[] {
  const d: Decimal[] = new Array(CORNER_COUNT).fill(ZERO)
  for (let t = 0; t < CORNER_COUNT; t++) if ((t & active) === t) d[t] = corners[t]!
  for (let bit = 1; bit < CORNER_COUNT; bit <<= 1) {
    if (!(active & bit)) continue
    for (let t = 0; t < CORNER_COUNT; t++) {
      if (t & bit && (t & active) === t) d[t] = d[t]!.minus(d[t ^ bit]!)
    }
  }
  return d
}

/**
 * The multilinear interpolation of corner values at an adoption vector: levers at 0 or 1 select corners, and only
 * the levers strictly between 0 and 1 are interpolated, by nested linear interpolation v0 + f·(v1 − v0), the last
 * partial lever (in canonical order) innermost. Corners that are the same object (a lever with no effect) are not
 * interpolated. A vector with no partial lever returns a corner itself.
 *
 * The innermost interpolations run between two corners, so their spans corners[hi] − corners[lo] are the same for
 * every vector of a schedule (a ramp changes only the fraction): `spans`, indexed by lo · 8 + hi, lets the vectors
 * of one set of corners compute each span once ({@link vectorCosts}).
 */
export function vectorCost(
  corners: readonly Decimal[],
  vector: Pick<AdoptionVector, 'fullMask' | 'partial'>,
  spans: (Decimal | undefined)[] = [],
): Decimal {
  const partial = vector.partial
  const n = partial.length
  if (n === 0) return corners[vector.fullMask]!
  // values[s]: the interpolation over the innermost lever with the outer partial levers of bit set s fully adopted.
  const values: Decimal[] = new Array(1 << (n - 1))
  const inner = partial[n - 1]!
  for (let s = 0; s < values.length; s++) {
    let lo = vector.fullMask
    for (let k = 0; k < n - 1; k++) if (s & (1 << k)) lo |= partial[k]!.bit
    const hi = lo | inner.bit
    const v0 = corners[lo]!
    const v1 = corners[hi]!
    if (v0 === v1) {
      values[s] = v0
      continue
    }
    let span = spans[lo * CORNER_COUNT + hi]
    if (span === undefined) {
      span = v1.minus(v0)
      spans[lo * CORNER_COUNT + hi] = span
    }
    values[s] = v0.plus(inner.fraction.times(span))
  }
  // Then outward: each pair differing only in partial lever k is interpolated, leaving values[0].
  for (let k = n - 2; k >= 0; k--) {
    const fraction = partial[k]!.fraction
    for (let s = 0; s < 1 << k; s++) {
      const v0 = values[s]!
      const v1 = values[s | (1 << k)]!
      values[s] = v0 === v1 ? v0 : v0.plus(fraction.times(v1.minus(v0)))
    }
  }
  return values[0]!
}

/** {@link vectorCost} of every vector of a schedule, sharing the corner spans between them. */
export function vectorCosts(
  corners: readonly Decimal[],
  vectors: readonly Pick<AdoptionVector, 'fullMask' | 'partial'>[],
): Decimal[] {
  const spans: (Decimal | undefined)[] = []
  return vectors.map((vector) => vectorCost(corners, vector, spans))
}

/**
 * Multilinear weights of the eight corners at fractions (fR, fC, fB), in floating point for the Monte Carlo's
 * dimensionless ratios: weight(c) = Π_lever (f if the lever's bit is set in c, else 1 − f). They sum to 1.
 */
export function cornerWeightsFloat(fR: number, fC: number, fB: number, out: Float64Array): Float64Array {
  const gR = 1 - fR
  const gC = 1 - fC
  const gB = 1 - fB
  out[0] = gR * gC * gB
  out[1] = fR * gC * gB
  out[2] = gR * fC * gB
  out[3] = fR * fC * gB
  out[4] = gR * gC * fB
  out[5] = fR * gC * fB
  out[6] = gR * fC * fB
  out[7] = fR * fC * fB
  return out
}

/** The lever mix with every lever of `listedMask` fully adopted (the fully optimized state). */
export function fullMix(costs: WorkloadCosts, listedMask: number): LeverMix {
  return {
    routedShare: listedMask & LEVER_BIT.routing ? costs.routableShare : ZERO,
    cachingShare: listedMask & LEVER_BIT.caching && costs.activeMask & LEVER_BIT.caching ? ONE : ZERO,
    batchShare: listedMask & LEVER_BIT.batch ? costs.targetBatchShare : costs.currentBatchShare,
  }
}
