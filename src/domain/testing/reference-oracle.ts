import type { Decimal as DecimalType } from '../money.js'
import type { Lever, PlanRequest, WorkloadSpec } from '../plan-request.js'
import type { ModelPrice, PriceBook, TokenPrices } from '../price-book.js'

/**
 * An independent, deliberately literal and slow reference implementation of the cost model of docs/cost-model.md (no uncertainty),
 * written from the spec alone. Only `reference.oracle.test.ts` imports it; it is not part of the engine.
 *
 * It is parameterised by a decimal constructor so the same code can be re-run at a much higher precision to
 * adjudicate rounding ties. Every figure is unrounded; presentation is done by the test.
 */

type Dec = DecimalType
/** A decimal.js constructor (the engine's clone or a higher-precision one). */
export type DecCtor = { new (v: string | number | Dec): Dec }

/** The five token-class rates of one (model, band, geo), per token. */
interface Rates {
  input: Dec
  output: Dec
  write5m: Dec
  write1h: Dec
  read: Dec
}

export interface OracleSeries {
  termSpend: Dec
  startRunRate: Dec
  endRunRate: Dec
}

export interface OracleFigures {
  baseline: OracleSeries
  optimized: OracleSeries
  fullyOptimized: OracleSeries
  savings: { scheduled: Dec; full: Dec; scheduledRate: Dec; fullRate: Dec }
  waterfall: { lever: Lever; spendBefore: Dec; spendAfter: Dec; savings: Dec }[]
  shapley: Partial<Record<Lever, Dec>>
  months: { month: number; baseline: Dec; optimized: Dec; fullyOptimized: Dec }[]
}

export interface OracleOption {
  kind: 'recommended' | 'tier' | 'proposed' | 'baseline'
  commit: Dec
  discountRate: Dec
  expectedUtilization: Dec
  shortfallProbability: Dec
  expectedStranded: Dec
  expectedPayment: Dec
  effectiveSavingsRate: Dec
}

export interface OraclePlan extends OracleFigures {
  adoption: Partial<Record<Lever, Dec>>[]
  workloads: (OracleFigures & { name: string })[]
  options: OracleOption[]
}

function lookupModel(book: PriceBook, name: string): ModelPrice {
  const wanted = name.trim().toLowerCase()
  for (const m of book.models) {
    if (m.modelId.toLowerCase() === wanted) return m
    for (const a of m.aliases) if (a.toLowerCase() === wanted) return m
  }
  throw new Error(`oracle: unknown model ${name}`)
}

/** Adoption fraction of a lever with start s and ramp k in month m (§3.4). */
function adoptionFraction(D: DecCtor, m: number, s: number, k: number): Dec {
  if (m < s) return new D(0)
  const f = new D(m - s + 1).div(new D(Math.max(k, 1)))
  return f.gt(1) ? new D(1) : f
}

/** Which (model, caching, tier) a segment is in. */
type ModelSide = 'base' | 'routed'
type CacheState = 'today' | 'target'
type Tier = 'realtime' | 'batch'

/** The prices of one workload's segments, each computed straight from §3.2. */
class WorkloadPricer {
  private readonly cache = new Map<string, Dec>()
  constructor(
    private readonly D: DecCtor,
    private readonly w: WorkloadSpec,
    private readonly book: PriceBook,
  ) {}

  private dec(v: Dec | null | undefined, dflt: number | null): Dec | null {
    if (v === undefined || v === null) return dflt === null ? null : new this.D(dflt)
    return new this.D(v.toString())
  }

  /** The rates a request with `inputTokens` (already scaled, given as I·rB / rA to compare exactly) pays. */
  private rates(model: ModelPrice, iNumerator: Dec, iDenominator: Dec): Rates {
    const D = this.D
    // Long-context band: the highest band whose threshold the (scaled) input exceeds. Compared exactly:
    // I·rB/rA > t  ⇔  I·rB > t·rA.
    let chosen: TokenPrices = model
    let chosenThreshold: Dec | null = null
    for (const band of model.longContextBands) {
      const t = new D(band.thresholdTokens.toString())
      if (iNumerator.gt(t.mul(iDenominator))) {
        if (chosenThreshold === null || t.gt(chosenThreshold)) {
          chosen = band
          chosenThreshold = t
        }
      }
    }
    const geo = this.w.inferenceGeo ?? 'global'
    const mult =
      geo === 'us' && model.dataResidencyMultiplier !== null
        ? new D(model.dataResidencyMultiplier.toString())
        : new D(1)
    const perToken = (p: Dec) => new D(p.toString()).mul(mult).div(1_000_000)
    return {
      input: perToken(chosen.input),
      output: perToken(chosen.output),
      write5m: perToken(chosen.cacheWrite5m),
      write1h: perToken(chosen.cacheWrite1h),
      read: perToken(chosen.cacheRead),
    }
  }

  /** Cost of one request in segment (side, cache state, tier), per §3.2. */
  segmentCost(side: ModelSide, cache: CacheState, tier: Tier): Dec {
    const key = `${side}/${cache}/${tier}`
    const hit = this.cache.get(key)
    if (hit) return hit
    const D = this.D
    const w = this.w
    const baseModel = lookupModel(this.book, w.model)
    const model = side === 'base' ? baseModel : lookupModel(this.book, w.routeToModel as string)
    const rA = new D(baseModel.tokenizerRatio.toString())
    const rB = new D(model.tokenizerRatio.toString())
    const I0 = new D(w.inputTokensPerRequest.toString())
    const P0 = this.dec(w.cacheablePrefixTokens, 0) as Dec
    const O0 = new D(w.outputTokensPerRequest.toString())
    // Scaled counts: × rB / rA (multiply first, then divide, so exact cases stay exact).
    const I = I0.mul(rB).div(rA)
    const P = P0.mul(rB).div(rA)
    const O = O0.mul(rB).div(rA)
    const rates = this.rates(model, I0.mul(rB), rA)

    let h: Dec | null
    if (cache === 'today') {
      const cur = this.dec(w.currentCacheHitRate, 0) as Dec
      h = cur.isZero() ? null : cur
    } else {
      h = this.dec(w.targetCacheHitRate, null)
      if (h === null) throw new Error('oracle: target caching segment without a target hit rate')
    }
    // Minimum cacheable prefix, checked on the running model after scaling, exactly: P·rB/rA ≥ min ⇔ P·rB ≥ min·rA.
    const minTokens = new D(model.minCacheableTokens.toString())
    const eligible = !P0.isZero() && P0.mul(rB).gte(minTokens.mul(rA))

    let c: Dec
    if (h === null || !eligible) {
      c = I.mul(rates.input).plus(O.mul(rates.output))
    } else {
      const ttl = w.cacheTtl ?? '5m'
      const write = ttl === '1h' ? rates.write1h : rates.write5m
      const one = new D(1)
      c = I.minus(P)
        .mul(rates.input)
        .plus(P.mul(h.mul(rates.read).plus(one.minus(h).mul(write))))
        .plus(O.mul(rates.output))
    }
    if (tier === 'batch') {
      c = c.mul(new D(1).minus(new D(model.batchDiscount.toString())))
    }
    this.cache.set(key, c)
    return c
  }

  /**
   * Per-request cost with lever fractions fR, fC, fB: the explicit segment mix, weights the product of the
   * three independent shares.
   */
  perRequest(fR: Dec, fC: Dec, fB: Dec): Dec {
    const D = this.D
    const w = this.w
    const one = new D(1)
    const routable = w.routeToModel ? (this.dec(w.routableShare, 0) as Dec) : new D(0)
    const routed = w.routeToModel ? fR.mul(routable) : new D(0)
    const targetCaching = w.targetCacheHitRate !== undefined && w.targetCacheHitRate !== null ? fC : new D(0)
    const cbs = this.dec(w.currentBatchShare, 0) as Dec
    const tbs = this.dec(w.targetBatchShare, w.userWaiting ? 0 : 1) as Dec
    const batch = cbs.plus(fB.mul(tbs.minus(cbs)))

    const sides: [ModelSide, Dec][] = [
      ['base', one.minus(routed)],
      ['routed', routed],
    ]
    const caches: [CacheState, Dec][] = [
      ['today', one.minus(targetCaching)],
      ['target', targetCaching],
    ]
    const tiers: [Tier, Dec][] = [
      ['realtime', one.minus(batch)],
      ['batch', batch],
    ]
    let total = new D(0)
    for (const [side, ws] of sides) {
      if (ws.isZero()) continue
      for (const [cache, wc] of caches) {
        if (wc.isZero()) continue
        for (const [tier, wt] of tiers) {
          if (wt.isZero()) continue
          total = total.plus(
            ws
              .mul(wc)
              .mul(wt)
              .mul(this.segmentCost(side, cache, tier)),
          )
        }
      }
    }
    return total
  }
}

/** All subsets of `levers` as bitmasks over their positions. */
function maskOf(levers: readonly Lever[], subset: readonly Lever[]): number {
  let mask = 0
  for (const l of subset) mask |= 1 << levers.indexOf(l)
  return mask
}

function factorial(n: number): number {
  let f = 1
  for (let i = 2; i <= n; i++) f *= i
  return f
}

/**
 * The reference plan. `D` is the decimal constructor to compute with (defaults are the caller's business).
 */
export function oraclePlan(D: DecCtor, request: PlanRequest, book: PriceBook): OraclePlan {
  const months = request.term.months
  const specs = request.levers
  const listed = specs.map((s) => s.lever)
  const n = listed.length
  const one = new D(1)
  const zero = new D(0)

  // Adoption per month per listed lever.
  const adoption: Partial<Record<Lever, Dec>>[] = []
  for (let m = 0; m < months; m++) {
    const row: Partial<Record<Lever, Dec>> = {}
    for (const s of specs) row[s.lever] = adoptionFraction(D, m, s.startMonth, s.rampMonths)
    adoption.push(row)
  }

  const fractions = (mask: number, m: number, full: boolean): [Dec, Dec, Dec] => {
    const f: Record<Lever, Dec> = { routing: zero, caching: zero, batch: zero }
    listed.forEach((l, i) => {
      if (mask & (1 << i)) f[l] = full ? one : (adoption[m]![l] as Dec)
    })
    return [f.routing, f.caching, f.batch]
  }

  const allMask = (1 << n) - 1
  const workloads = request.workloads.map((w) => {
    const pricer = new WorkloadPricer(D, w, book)
    const rpm = new D(w.requestsPerMonth.toString())
    const g = w.monthlyGrowthRate ? new D(w.monthlyGrowthRate.toString()) : new D(0)
    const volume: Dec[] = []
    for (let m = 0; m < months; m++) volume.push(rpm.mul(one.plus(g).pow(m)))

    const monthly = (mask: number, full: boolean): Dec[] => {
      const out: Dec[] = []
      for (let m = 0; m < months; m++) {
        const [fR, fC, fB] = fractions(mask, m, full)
        out.push(volume[m]!.mul(pricer.perRequest(fR, fC, fB)))
      }
      return out
    }
    const subsetMonths: Dec[][] = []
    for (let mask = 0; mask <= allMask; mask++) subsetMonths.push(monthly(mask, false))
    const fullMonths = monthly(allMask, true)
    return { name: w.name, subsetMonths, fullMonths }
  })

  const sum = (xs: Dec[]) => xs.reduce((a, b) => a.plus(b), zero)

  const figures = (subsetMonths: Dec[][], fullMonths: Dec[]): OracleFigures => {
    const v = subsetMonths.map(sum)
    const series = (ms: Dec[]): OracleSeries => ({
      termSpend: sum(ms),
      startRunRate: ms[0]!.mul(12),
      endRunRate: ms[ms.length - 1]!.mul(12),
    })
    const baseline = series(subsetMonths[0]!)
    const optimized = series(subsetMonths[allMask]!)
    const fullyOptimized = series(fullMonths)
    const scheduled = baseline.termSpend.minus(optimized.termSpend)
    const full = baseline.termSpend.minus(fullyOptimized.termSpend)
    const savings = {
      scheduled,
      full,
      scheduledRate: baseline.termSpend.isZero() ? zero : scheduled.div(baseline.termSpend),
      fullRate: baseline.termSpend.isZero() ? zero : full.div(baseline.termSpend),
    }
    const waterfall = listed.map((lever, i) => {
      const before = v[maskOf(listed, listed.slice(0, i))]!
      const after = v[maskOf(listed, listed.slice(0, i + 1))]!
      return { lever, spendBefore: before, spendAfter: after, savings: before.minus(after) }
    })
    const shapley: Partial<Record<Lever, Dec>> = {}
    const nFact = factorial(n)
    listed.forEach((lever, i) => {
      let acc = zero
      for (let mask = 0; mask <= allMask; mask++) {
        if (mask & (1 << i)) continue
        let size = 0
        for (let j = 0; j < n; j++) if (mask & (1 << j)) size++
        const weight = factorial(size) * factorial(n - size - 1)
        acc = acc.plus(v[mask]!.minus(v[mask | (1 << i)]!).mul(weight))
      }
      shapley[lever] = acc.div(nFact)
    })
    const monthsOut = []
    for (let m = 0; m < months; m++) {
      monthsOut.push({
        month: m,
        baseline: subsetMonths[0]![m]!,
        optimized: subsetMonths[allMask]![m]!,
        fullyOptimized: fullMonths[m]!,
      })
    }
    return { baseline, optimized, fullyOptimized, savings, waterfall, shapley, months: monthsOut }
  }

  const workloadFigures = workloads.map((w) => ({ name: w.name, ...figures(w.subsetMonths, w.fullMonths) }))
  // The portfolio: every subset's months summed over workloads.
  const portSubsets: Dec[][] = []
  for (let mask = 0; mask <= allMask; mask++) {
    const ms: Dec[] = []
    for (let m = 0; m < months; m++) ms.push(sum(workloads.map((w) => w.subsetMonths[mask]![m]!)))
    portSubsets.push(ms)
  }
  const portFull: Dec[] = []
  for (let m = 0; m < months; m++) portFull.push(sum(workloads.map((w) => w.fullMonths[m]!)))
  const portfolio = figures(portSubsets, portFull)

  const options = commitmentOptions(D, request, portfolio.baseline.termSpend, portfolio.optimized.termSpend)
  return { ...portfolio, adoption, workloads: workloadFigures, options }
}

/** §3.5 with no uncertainty: every simulated U is the optimized term spend. */
function commitmentOptions(D: DecCtor, request: PlanRequest, B: Dec, U: Dec): OracleOption[] {
  const one = new D(1)
  const zero = new D(0)
  const c = request.commitment ?? null
  const tiers = (c?.discountTiers ?? []).map((t) => ({
    minCommit: new D(t.minCommit.toString()),
    d: new D(t.discountRate.toString()),
  }))
  const overage = c?.overage ?? 'discounted'

  const option = (kind: OracleOption['kind'], C: Dec, d: Dec): OracleOption => {
    const cons = U.mul(one.minus(d))
    const utilization = C.isZero() ? one : Decimalmin(C, cons).div(C)
    const shortfall = cons.lt(C) ? one : zero
    const stranded = C.gt(cons) ? C.minus(cons) : zero
    const payment =
      overage === 'discounted'
        ? Decimalmax(C, cons)
        : C.plus((cons.gt(C) ? cons.minus(C) : zero).div(one.minus(d)))
    return {
      kind,
      commit: C,
      discountRate: d,
      expectedUtilization: utilization,
      shortfallProbability: shortfall,
      expectedStranded: stranded,
      expectedPayment: payment,
      // Undefined by the spec when U = 0 (nothing to save on): taken as 0, like the savings rates.
      effectiveSavingsRate: U.isZero() ? zero : U.minus(payment).div(U),
    }
  }

  /** Highest-discount tier t with X·(1 − d_t) ≥ minCommit_t, or d = 0. */
  const sized = (X: Dec): [Dec, Dec] => {
    let best: { C: Dec; d: Dec } | null = null
    for (const t of tiers) {
      const Ct = X.mul(one.minus(t.d))
      if (Ct.gte(t.minCommit) && (best === null || t.d.gt(best.d))) best = { C: Ct, d: t.d }
    }
    return best ? [best.C, best.d] : [X, zero]
  }

  const out: OracleOption[] = []
  const [rc, rd] = sized(U)
  out.push(option('recommended', rc, rd))
  for (const t of tiers) {
    const Ct = U.mul(one.minus(t.d))
    out.push(option('tier', Decimalmax(Ct, t.minCommit), t.d))
  }
  if (c?.proposedCommit !== undefined && c?.proposedCommit !== null) {
    const P = new D(c.proposedCommit.toString())
    let d = zero
    for (const t of tiers) if (t.minCommit.lte(P) && t.d.gt(d)) d = t.d
    out.push(option('proposed', P, d))
  }
  const [bc, bd] = sized(B)
  out.push(option('baseline', bc, bd))
  return out
}

function Decimalmin(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b
}
function Decimalmax(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b
}
