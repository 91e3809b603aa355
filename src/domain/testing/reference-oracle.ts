import type { Decimal as DecimalType } from '../money.js'
import type { Lever, PlanRequest, WorkloadSpec } from '../plan-request.js'
import type { ModelPrice, PriceBook, TokenPrices } from '../price-book.js'

/**
 * An independent, deliberately literal and slow reference implementation of the cost model of docs/cost-model.md
 * and design §3 (no uncertainty: every simulated run is the deterministic plan), written from the spec alone.
 * Only `reference.oracle.test.ts` imports it; it is not part of the engine.
 *
 * It is parameterised by a decimal constructor so the same code can be re-run at a much higher precision to
 * adjudicate rounding ties. Every figure is unrounded; presentation is done by the test. The commitment options
 * (§3.5, §3.7) take the projection's month figures as given and are then evaluated in exact rational arithmetic
 * (BigInt fractions): allocations, comparisons with tier minimums, shortfalls and the lowest-payment search are
 * exact, and each figure is converted back to the decimal constructor once.
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

/** One contract year (§3.7): 12 months from the term's start, the last one shorter. */
export interface OracleYear {
  year: number
  /** Term start + 12·(year − 1) months, `YYYY-MM-DD` (day clamped to the month's last day). */
  start: string
  months: number
  baseline: Dec
  optimized: Dec
  fullyOptimized: Dec
}

export interface OracleFigures {
  baseline: OracleSeries
  optimized: OracleSeries
  fullyOptimized: OracleSeries
  savings: { scheduled: Dec; full: Dec; scheduledRate: Dec; fullRate: Dec }
  waterfall: { lever: Lever; spendBefore: Dec; spendAfter: Dec; savings: Dec }[]
  shapley: Partial<Record<Lever, Dec>>
  months: { month: number; baseline: Dec; optimized: Dec; fullyOptimized: Dec }[]
  years: OracleYear[]
}

/** Without uncertainty every percentile of a simulated spend is the deterministic spend. */
export interface OraclePercentiles {
  p10: Dec
  p50: Dec
  p90: Dec
}

export type OracleOptionKind =
  | 'recommended'
  | 'tier'
  | 'proposed'
  | 'baseline'
  | 'lowestExpectedPayment'
  | 'noCommitment'

/** One settlement period of an option: a contract year under `annual`, the whole term (year 1) under `term`. */
export interface OracleOptionYear {
  year: number
  commit: Dec
  expectedPayment: Dec
  expectedStranded: Dec
}

export interface OracleOption {
  /** The first of `kinds`. */
  kind: OracleOptionKind
  /** Every rule that produced this very option, in option order (equal options are listed once). */
  kinds: OracleOptionKind[]
  /** The tier the total reaches (1 = the smallest minimum), 0 for none. */
  tier: number
  commit: Dec
  discountRate: Dec
  /** Null when nothing is committed. */
  expectedUtilization: Dec | null
  expectedCoverage: Dec
  shortfallProbability: Dec
  expectedStranded: Dec
  expectedPayment: Dec
  effectiveSavingsRate: Dec
  years: OracleOptionYear[]
}

export interface OraclePlan extends OracleFigures {
  adoption: Partial<Record<Lever, Dec>>[]
  workloads: (OracleFigures & { name: string })[]
  /** The portfolio's contract years with the percentiles of each year's simulated optimized spend. */
  years: (OracleYear & { percentiles: OraclePercentiles })[]
  /** Percentiles of the simulated optimized term spend. */
  percentiles: OraclePercentiles
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
    const years: OracleYear[] = contractYears(request.term.start, months).map((y) => {
      const slice = (ms: Dec[]) => sum(ms.slice(y.first, y.first + y.months))
      return {
        year: y.year,
        start: y.start,
        months: y.months,
        baseline: slice(subsetMonths[0]!),
        optimized: slice(subsetMonths[allMask]!),
        fullyOptimized: slice(fullMonths),
      }
    })
    return { baseline, optimized, fullyOptimized, savings, waterfall, shapley, months: monthsOut, years }
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

  // §3.5 / §3.7 without uncertainty: each contract year's simulated optimized spend U_y is its deterministic spend.
  const years = portfolio.years.map((y) => ({
    ...y,
    percentiles: { p10: y.optimized, p50: y.optimized, p90: y.optimized },
  }))
  const U = portfolio.optimized.termSpend
  const percentiles = { p10: U, p50: U, p90: U }
  const yearSpend = (ms: Dec[]) =>
    contractYears(request.term.start, months).map((y) =>
      ms.slice(y.first, y.first + y.months).reduce((a, m) => a.add(Rational.of(m)), Rational.ZERO),
    )
  const options = commitmentOptions(
    D,
    request,
    yearSpend(portSubsets[0]!),
    yearSpend(portSubsets[allMask]!),
    contractYears(request.term.start, months).map((y) => y.months),
  )
  return { ...portfolio, years, percentiles, adoption, workloads: workloadFigures, options }
}

// ---------------------------------------------------------------------------------------------------------
// Contract years (§3.7).

/** `start` (`YYYY-MM-DD`) plus `n` months, the day clamped to the last day of the month reached. */
function addMonths(start: string, n: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + n
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  const day = Math.min(d, days)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The contract years of a term: 12 months each from its start, the last one shorter when needed. */
function contractYears(
  start: string,
  months: number,
): { year: number; start: string; first: number; months: number }[] {
  const out = []
  for (let first = 0, year = 1; first < months; first += 12, year++) {
    out.push({ year, start: addMonths(start, first), first, months: Math.min(12, months - first) })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Exact rationals for the commitment rules.

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

/** An exact fraction num/den (den > 0, lowest terms). */
class Rational {
  static readonly ZERO = new Rational(0n, 1n)
  static readonly ONE = new Rational(1n, 1n)
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static make(num: bigint, den: bigint): Rational {
    if (den === 0n) throw new Error('oracle: division by zero')
    if (den < 0n) [num, den] = [-num, -den]
    const g = gcd(num, den)
    return g > 1n ? new Rational(num / g, den / g) : new Rational(num, den)
  }

  /** The exact value of a (terminating) decimal. */
  static of(v: Dec | { toString(): string }): Rational {
    const text = (v as Dec).toFixed ? (v as Dec).toFixed() : String(v)
    const negative = text.startsWith('-')
    const [int, frac = ''] = (negative ? text.slice(1) : text).split('.') as [string, string?]
    const num = BigInt(int + frac) * (negative ? -1n : 1n)
    return Rational.make(num, 10n ** BigInt(frac.length))
  }

  add(o: Rational): Rational {
    return Rational.make(this.num * o.den + o.num * this.den, this.den * o.den)
  }
  sub(o: Rational): Rational {
    return Rational.make(this.num * o.den - o.num * this.den, this.den * o.den)
  }
  mul(o: Rational): Rational {
    return Rational.make(this.num * o.num, this.den * o.den)
  }
  div(o: Rational): Rational {
    return Rational.make(this.num * o.den, this.den * o.num)
  }
  cmp(o: Rational): number {
    const l = this.num * o.den
    const r = o.num * this.den
    return l < r ? -1 : l > r ? 1 : 0
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0
  }
  lte(o: Rational): boolean {
    return this.cmp(o) <= 0
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0
  }
  isZero(): boolean {
    return this.num === 0n
  }
  static min(a: Rational, b: Rational): Rational {
    return a.lte(b) ? a : b
  }
  static max(a: Rational, b: Rational): Rational {
    return a.lte(b) ? b : a
  }
  /** The value in the given decimal constructor: one division, rounded at its precision. */
  toDec(D: DecCtor): Dec {
    const n = new D(this.num.toString())
    return this.den === 1n ? n : n.div(new D(this.den.toString()))
  }
}

const sumR = (xs: Rational[]): Rational => xs.reduce((a, b) => a.add(b), Rational.ZERO)

// ---------------------------------------------------------------------------------------------------------
// §3.5 and §3.7 with no uncertainty: every simulated run is the deterministic plan, so U_y (each contract year's
// optimized spend) is also its (1 − confidence) quantile q_y, and every mean over runs is the one run's figure.

interface TierR {
  m: Rational
  d: Rational
}

/**
 * The options, in option order, equal ones merged. `baselineYears`/`optimizedYears` are the portfolio's baseline
 * and optimized spend per contract year (exact sums of the month figures), `yearMonths` each year's length.
 */
function commitmentOptions(
  D: DecCtor,
  request: PlanRequest,
  baselineYears: Rational[],
  optimizedYears: Rational[],
  yearMonths: number[],
): OracleOption[] {
  const c = request.commitment ?? null
  const overage = c?.overage ?? 'discounted'
  const annual = (c?.structure ?? 'term') === 'annual'
  const one = Rational.ONE
  // Tier 0 is "no commitment" (m 0, d 0); the negotiated tiers sorted by minimum (the engine validates the rest).
  const tiers: TierR[] = [
    { m: Rational.ZERO, d: Rational.ZERO },
    ...(c?.discountTiers ?? [])
      .map((t) => ({ m: Rational.of(t.minCommit), d: Rational.of(t.discountRate) }))
      .sort((a, b) => a.m.cmp(b.m)),
  ]
  const top = tiers.length - 1

  // Settlement periods: one per contract year under annual, the whole term under term.
  const U = sumR(optimizedYears)
  const B = sumR(baselineYears)
  const periodSpend = annual ? optimizedYears : [U]
  // The quantile of each period's spend; without uncertainty the spend itself.
  const q = periodSpend
  const Q = sumR(q)

  /** The tier C reaches: the highest t with m_t ≤ C (discounts rise with the minimum, so d(C) = d_t). */
  const tierOf = (C: Rational): number => {
    let t = 0
    for (let i = 1; i <= top; i++) if (tiers[i]!.m.lte(C)) t = i
    return t
  }
  /** C_t = x(1 − d_t) kept inside tier t: at most m_{t+1} − 1 (the top tier uncapped). */
  const capped = (x: Rational, t: number): Rational => {
    const Ct = x.mul(one.sub(tiers[t]!.d))
    return t < top ? Rational.min(Ct, tiers[t + 1]!.m.sub(one)) : Ct
  }
  /** The recommendation rule applied to x: Ĉ_t of the highest tier with C_t = x(1 − d_t) ≥ m_t. */
  const sized = (x: Rational): Rational => {
    let best = 0
    for (let t = 0; t <= top; t++) if (x.mul(one.sub(tiers[t]!.d)).cmp(tiers[t]!.m) >= 0) best = t
    return capped(x, best)
  }
  /**
   * A total split into the periods in proportion to q_y. When nothing is forecast at all (Q = 0) the spec gives
   * no proportion; the oracle splits by the years' lengths in months (what the engine does) — see the test.
   */
  const allocate = (C: Rational): Rational[] => {
    if (!annual) return [C]
    if (!Q.isZero()) return q.map((qy) => C.mul(qy).div(Q))
    const months = yearMonths.reduce((a, b) => a + b, 0)
    return yearMonths.map((m) => C.mul(Rational.make(BigInt(m), BigInt(months))))
  }

  interface Evaluated {
    amounts: Rational[]
    total: Rational
    tier: number
    d: Rational
    payments: Rational[]
    stranded: Rational[]
    consumed: Rational[]
    usage: Rational[]
  }
  /** Every period at the one discount the total earns, §3.5's formulas per period. */
  const evaluate = (amounts: Rational[]): Evaluated => {
    const total = sumR(amounts)
    const tier = tierOf(total)
    const d = tiers[tier]!.d
    const payments: Rational[] = []
    const stranded: Rational[] = []
    const consumed: Rational[] = []
    const usage: Rational[] = []
    amounts.forEach((Cy, i) => {
      const cons = periodSpend[i]!.mul(one.sub(d))
      usage.push(cons)
      consumed.push(Rational.min(Cy, cons))
      stranded.push(Rational.max(Rational.ZERO, Cy.sub(cons)))
      payments.push(
        overage === 'discounted'
          ? Rational.max(Cy, cons)
          : Cy.add(Rational.max(Rational.ZERO, cons.sub(Cy)).div(one.sub(d))),
      )
    })
    return { amounts, total, tier, d, payments, stranded, consumed, usage }
  }

  const candidates: { kind: OracleOptionKind; amounts: Rational[] }[] = []
  // 1. The recommendation: the rule applied to q (term) or Q = Σ q_y (annual); both are Q here.
  candidates.push({ kind: 'recommended', amounts: allocate(sized(Q)) })
  // 2. Every tier t ≥ 1 at max(m_t, Ĉ_t).
  for (let t = 1; t <= top; t++) {
    candidates.push({ kind: 'tier', amounts: allocate(Rational.max(tiers[t]!.m, capped(Q, t))) })
  }
  // 3. The proposed commitment: year by year as given, else its total allocated like any other.
  const byYear = c?.proposedCommitByYear ?? null
  if (annual && byYear && byYear.length > 0) {
    candidates.push({ kind: 'proposed', amounts: byYear.map((v) => Rational.of(v)) })
  } else if (c?.proposedCommit !== undefined && c?.proposedCommit !== null) {
    candidates.push({ kind: 'proposed', amounts: allocate(Rational.of(c.proposedCommit)) })
  }
  // 4. Sized on today's baseline: the rule applied to the baseline term spend B.
  candidates.push({ kind: 'baseline', amounts: allocate(sized(B)) })
  // 5. The lowest expected payment over C ≥ 0, ties to the smaller amount, among 0, every m_t and, with overage at
  //    list, every breakpoint inside the band of the discount it earns: under term U(1 − d_t); under annual the
  //    total at which a year's allocated C·q_y/Q equals U_y(1 − d_t), i.e. C = U_y(1 − d_t)·Q/q_y.
  const totals: Rational[] = tiers.map((t) => t.m)
  if (overage === 'list') {
    for (let t = 0; t <= top; t++) {
      const factor = one.sub(tiers[t]!.d)
      const points = annual
        ? periodSpend.flatMap((Uy, i) => (q[i]!.isZero() ? [] : [Uy.mul(factor).mul(Q).div(q[i]!)]))
        : [U.mul(factor)]
      for (const C of points) if (tierOf(C) === t) totals.push(C)
    }
  }
  let lowest: { C: Rational; payment: Rational } | null = null
  for (const C of totals) {
    const payment = sumR(evaluate(allocate(C)).payments)
    const better =
      lowest === null || payment.lt(lowest.payment) || (payment.eq(lowest.payment) && C.lt(lowest.C))
    if (better) lowest = { C, payment }
  }
  candidates.push({ kind: 'lowestExpectedPayment', amounts: allocate(lowest!.C) })
  // 6. No commitment.
  candidates.push({ kind: 'noCommitment', amounts: allocate(Rational.ZERO) })

  // Merge: an option with the same discount and exactly the same amount in every period as an earlier one.
  const kept: { kinds: OracleOptionKind[]; e: Evaluated }[] = []
  for (const cand of candidates) {
    const e = evaluate(cand.amounts)
    const same = kept.find(
      (k) =>
        k.e.d.eq(e.d) &&
        k.e.amounts.length === e.amounts.length &&
        k.e.amounts.every((a, i) => a.eq(e.amounts[i]!)),
    )
    if (same) same.kinds.push(cand.kind)
    else kept.push({ kinds: [cand.kind], e })
  }

  return kept.map(({ kinds, e }) => {
    const payment = sumR(e.payments)
    const consumed = sumR(e.consumed)
    const usage = sumR(e.usage)
    return {
      kind: kinds[0]!,
      kinds,
      tier: e.tier,
      commit: e.total.toDec(D),
      discountRate: e.d.toDec(D),
      expectedUtilization: e.total.isZero() ? null : consumed.div(e.total).toDec(D),
      // A run with no usage counts as covered.
      expectedCoverage: usage.isZero() ? new D(1) : consumed.div(usage).toDec(D),
      shortfallProbability: new D(e.amounts.some((Cy, i) => e.usage[i]!.lt(Cy)) ? 1 : 0),
      expectedStranded: sumR(e.stranded).toDec(D),
      expectedPayment: payment.toDec(D),
      // 1 − payment ÷ E[U]; taken as 0 when nothing is spent (nothing to save on).
      effectiveSavingsRate: U.isZero() ? new D(0) : one.sub(payment.div(U)).toDec(D),
      years: e.amounts.map((Cy, i) => ({
        year: i + 1,
        commit: Cy.toDec(D),
        expectedPayment: e.payments[i]!.toDec(D),
        expectedStranded: e.stranded[i]!.toDec(D),
      })),
    }
  })
}
