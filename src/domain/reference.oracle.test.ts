import { Decimal as DecimalJs } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
// The §4.1 example runs on the built-in list prices, which live in src/modules/price-books (a JSON file and its
// zod loader): the one import from outside src/domain in the engine's files (see biome.json).
// biome-ignore lint/style/noRestrictedImports: test data owned by the price-books module
import { loadAnthropicListBook } from '../modules/price-books/anthropic-list.js'
import { Decimal, dec } from './money.js'
import { computePlan, previewPlan } from './plan.js'
import type { Lever, LeverSpec, PlanRequest } from './plan-request.js'
import type { ModelPrice, PriceBook } from './price-book.js'
import { modelPrice, TEST_BOOK, type WorkloadInput, workload } from './testing/fixtures.js'
import { type DecCtor, type OracleOption, type OraclePlan, oraclePlan } from './testing/reference-oracle.js'

/**
 * Differential test: the engine's presented plan (`previewPlan`) against an independent, literal
 * implementation of design §3 (`testing/reference-oracle.ts`), figure by figure, to the cent.
 *
 * Every presented figure is compared as a string with what the exact value presents: the oracle re-run at 120
 * digits, its value taken to 100 decimals (so a tie reached through 1/3 or 1/1.3 is the tie), rounded once. A
 * difference is a failure, rounding ties included (design §3.8: a tie rounds as the exact rational does). Figures
 * from the simulation would be exempt only under uncertainty, which the oracle does not model: every request here
 * has none (asserted). Independently, every unrounded figure of `computePlan` must agree with the 40-digit oracle's
 * within 1e-15 (relative above 1), and every presented string must be the engine's own unrounded figure rounded
 * once by the §3.8 rule (ROUND_HALF_UP, a value within 1e-20 below a tie as the tie; {@link presentByRule}).
 *
 * (a) the §4.1 example on the built-in list prices without uncertainty; (b) generated portfolios on a fixture
 * book; (c) exact ties and near-ties with hand-derived answers.
 */

type Dec = InstanceType<typeof Decimal>
const HIGH = DecimalJs.clone({ precision: 120, rounding: DecimalJs.ROUND_HALF_EVEN }) as unknown as DecCtor
/** Unrounded figures must agree within 1e-15, relative for magnitudes above 1. */
const UNROUNDED_TOLERANCE = new Decimal('1e-15')

// ---------------------------------------------------------------------------------------------------------
// Presentation (§3: money to cents HALF_UP, simulated money to whole dollars, rates 6 decimals HALF_UP).

type Kind = 'cents' | 'whole' | 'rate' | 'text'
const places = (kind: Kind): number => (kind === 'cents' ? 2 : kind === 'whole' ? 0 : 6)
/** Rounded once, HALF_UP, exactly as decimal.js prints it (a tiny negative value gives "-0.00"). */
const presentRaw = (kind: Kind, v: Dec): string =>
  new DecimalJs(v.toString()).toFixed(places(kind), DecimalJs.ROUND_HALF_UP)
/** What the oracle presents: the same, but a zero is never signed ("-0.00" is not a sensible money string). */
const present = (kind: Kind, v: Dec): string => presentRaw(kind, v).replace(/^-(0(\.0+)?)$/, '$1')

/** Exact subtraction for the tie window below (values have at most a few dozen digits). */
const WIDE = DecimalJs.clone({ precision: 200 })
const TIE_WINDOW = new WIDE('1e-20')
/**
 * Design §3.8 as the engine applies it to its own 40-digit figures, written here from the rule and not from
 * money.ts: ROUND_HALF_UP, except that a value at most 1e-20 below a tie (by magnitude) is rounded as the tie.
 */
const presentByRule = (kind: Kind, v: Dec): string => {
  const p = places(kind)
  const a = new WIDE(v.toString()).abs()
  const tie = a.toDecimalPlaces(p, WIDE.ROUND_DOWN).plus(new WIDE(5).times(new WIDE(10).pow(-p - 1)))
  const gap = tie.minus(a)
  if (gap.gt(0) && gap.lte(TIE_WINDOW))
    return present(kind, new Decimal(v.toString()).toDecimalPlaces(p, DecimalJs.ROUND_UP))
  return present(kind, v)
}
/** What the exact value presents: the 120-digit oracle's figure taken to 100 decimals, then rounded once. */
const presentExact = (kind: Kind, v: Dec): string => present(kind, v.toDecimalPlaces(100))

// ---------------------------------------------------------------------------------------------------------
// One walker over the shared shape of PlanPreview (strings), PlanResult (decimals) and the oracle (decimals).

interface SeriesT<T> {
  termSpend: T
  startRunRate: T
  endRunRate: T
}
interface FiguresT<T> {
  baseline: SeriesT<T>
  optimized: SeriesT<T>
  fullyOptimized: SeriesT<T>
  savings: { scheduled: T; full: T; scheduledRate: T; fullRate: T }
  waterfall: { lever: Lever; spendBefore: T; spendAfter: T; savings: T }[]
  shapley: Partial<Record<Lever, T>>
  months: {
    month: number
    baseline: T
    optimized: T
    fullyOptimized: T
    adoption?: Partial<Record<Lever, T>>
  }[]
  years: YearT<T>[]
}
interface PercentilesT<T> {
  p10: T
  p50: T
  p90: T
}
/** A contract year; the portfolio's carry the percentiles of the year's simulated optimized spend. */
interface YearT<T> {
  year: number
  start: string
  months: number
  baseline: T
  optimized: T
  fullyOptimized: T
  percentiles?: PercentilesT<T>
}
interface OptionYearT<T> {
  year: number
  commit: T
  expectedPayment: T
  expectedStranded: T
}
interface OptionT<T> {
  kind: string
  kinds: string[]
  tier: number
  commit: T
  discountRate: T
  expectedUtilization: T | null
  expectedCoverage: T
  shortfallProbability: T
  expectedStranded: T
  expectedPayment: T
  effectiveSavingsRate: T
  years: OptionYearT<T>[]
}
interface PlanT<T> extends FiguresT<T> {
  years: (YearT<T> & { percentiles: PercentilesT<T> })[]
  workloads: (FiguresT<T> & { name: string })[]
  recommendation: OptionT<T> & { percentiles: PercentilesT<T>; deterministicTermSpend: T }
  options: OptionT<T>[]
}

type Emit<T> = (path: string, kind: Kind, value: T | string | number | undefined) => void

function walkFigures<T>(prefix: string, f: FiguresT<T>, emit: Emit<T>): void {
  for (const s of ['baseline', 'optimized', 'fullyOptimized'] as const) {
    for (const k of ['termSpend', 'startRunRate', 'endRunRate'] as const) {
      emit(`${prefix}${s}.${k}`, 'cents', f[s][k])
    }
  }
  emit(`${prefix}savings.scheduled`, 'cents', f.savings.scheduled)
  emit(`${prefix}savings.full`, 'cents', f.savings.full)
  emit(`${prefix}savings.scheduledRate`, 'rate', f.savings.scheduledRate)
  emit(`${prefix}savings.fullRate`, 'rate', f.savings.fullRate)
  emit(`${prefix}waterfall.length`, 'text', f.waterfall.length)
  f.waterfall.forEach((step, i) => {
    emit(`${prefix}waterfall[${i}].lever`, 'text', step.lever)
    emit(`${prefix}waterfall[${i}].spendBefore`, 'cents', step.spendBefore)
    emit(`${prefix}waterfall[${i}].spendAfter`, 'cents', step.spendAfter)
    emit(`${prefix}waterfall[${i}].savings`, 'cents', step.savings)
  })
  emit(`${prefix}shapley.keys`, 'text', Object.keys(f.shapley).sort().join(','))
  for (const lever of ['routing', 'caching', 'batch'] as const) {
    if (f.shapley[lever] !== undefined) emit(`${prefix}shapley.${lever}`, 'cents', f.shapley[lever])
  }
  emit(`${prefix}months.length`, 'text', f.months.length)
  f.months.forEach((m, i) => {
    emit(`${prefix}months[${i}].month`, 'text', m.month)
    emit(`${prefix}months[${i}].baseline`, 'cents', m.baseline)
    emit(`${prefix}months[${i}].optimized`, 'cents', m.optimized)
    emit(`${prefix}months[${i}].fullyOptimized`, 'cents', m.fullyOptimized)
    if (m.adoption) {
      for (const lever of ['routing', 'caching', 'batch'] as const) {
        if (m.adoption[lever] !== undefined)
          emit(`${prefix}months[${i}].adoption.${lever}`, 'rate', m.adoption[lever])
      }
    }
  })
  emit(`${prefix}years.length`, 'text', f.years.length)
  f.years.forEach((y, i) => {
    emit(`${prefix}years[${i}].year`, 'text', y.year)
    emit(`${prefix}years[${i}].start`, 'text', y.start)
    emit(`${prefix}years[${i}].months`, 'text', y.months)
    emit(`${prefix}years[${i}].baseline`, 'cents', y.baseline)
    emit(`${prefix}years[${i}].optimized`, 'cents', y.optimized)
    emit(`${prefix}years[${i}].fullyOptimized`, 'cents', y.fullyOptimized)
    if (y.percentiles) walkPercentiles(`${prefix}years[${i}].percentiles.`, y.percentiles, emit)
  })
}

function walkPercentiles<T>(prefix: string, p: PercentilesT<T>, emit: Emit<T>): void {
  for (const k of ['p10', 'p50', 'p90'] as const) emit(`${prefix}${k}`, 'whole', p[k])
}

/** Whole dollars of a decimal figure by the §3.8 rule, as a BigInt (for the last year's remainder). */
const wholeByRule = (v: unknown): bigint => BigInt(presentByRule('whole', v as Dec))

/**
 * An option's contract years. Presentation rule: every year's commit is rounded half up to whole dollars except
 * the last, which is the presented total minus the others, so the years add up to the presented total. The last
 * year is compared as that presented string (computed from the plan's own unrounded figures by the §3.8 rule, or
 * taken as is from a presented plan); the others as figures.
 */
function walkOptionYears<T>(prefix: string, o: OptionT<T>, emit: Emit<T>): void {
  emit(`${prefix}years.length`, 'text', o.years.length)
  const last = o.years.length - 1
  o.years.forEach((y, i) => {
    emit(`${prefix}years[${i}].year`, 'text', y.year)
    if (i < last) emit(`${prefix}years[${i}].commit`, 'whole', y.commit)
    else if (typeof y.commit === 'string') emit(`${prefix}years[${i}].commit`, 'text', y.commit)
    else {
      const others = o.years.slice(0, last).reduce((a, x) => a + wholeByRule(x.commit), 0n)
      emit(`${prefix}years[${i}].commit`, 'text', String(wholeByRule(o.commit) - others))
    }
    emit(`${prefix}years[${i}].expectedPayment`, 'whole', y.expectedPayment)
    emit(`${prefix}years[${i}].expectedStranded`, 'whole', y.expectedStranded)
  })
}

function walkOption<T>(prefix: string, o: OptionT<T>, emit: Emit<T>): void {
  emit(`${prefix}kind`, 'text', o.kind)
  emit(`${prefix}kinds`, 'text', o.kinds.join(','))
  emit(`${prefix}tier`, 'text', o.tier)
  emit(`${prefix}commit`, 'whole', o.commit)
  emit(`${prefix}discountRate`, 'rate', o.discountRate)
  // Null when nothing is committed: compared as a flag, and as a figure only when there is one (so a figure on
  // one side and null on the other is a missing path, a mismatch).
  emit(`${prefix}expectedUtilization.isNull`, 'text', String(o.expectedUtilization === null))
  if (o.expectedUtilization !== null) emit(`${prefix}expectedUtilization`, 'rate', o.expectedUtilization)
  emit(`${prefix}expectedCoverage`, 'rate', o.expectedCoverage)
  emit(`${prefix}shortfallProbability`, 'rate', o.shortfallProbability)
  emit(`${prefix}expectedStranded`, 'whole', o.expectedStranded)
  emit(`${prefix}expectedPayment`, 'whole', o.expectedPayment)
  emit(`${prefix}effectiveSavingsRate`, 'rate', o.effectiveSavingsRate)
  walkOptionYears(prefix, o, emit)
}

function walkPlan<T>(p: PlanT<T>, emit: Emit<T>): void {
  walkFigures('', p, emit)
  emit('workloads.length', 'text', p.workloads.length)
  p.workloads.forEach((w, i) => {
    emit(`workloads[${i}].name`, 'text', w.name)
    walkFigures(`workloads[${i}].`, w, emit)
  })
  walkOption('recommendation.', p.recommendation, emit)
  walkPercentiles('recommendation.percentiles.', p.recommendation.percentiles, emit)
  emit('recommendation.deterministicTermSpend', 'cents', p.recommendation.deterministicTermSpend)
  emit('options.length', 'text', p.options.length)
  p.options.forEach((o, i) => {
    walkOption(`options[${i}].`, o, emit)
  })
}

interface Entry {
  kind: Kind
  value: unknown
}
function flatten<T>(p: PlanT<T>): Map<string, Entry> {
  const out = new Map<string, Entry>()
  walkPlan(p, (path, kind, value) => out.set(path, { kind, value }))
  return out
}

/** The oracle's result in the engine's shape (the recommendation is the first option). */
function oracleShape(o: OraclePlan): PlanT<Dec> {
  return {
    ...o,
    months: o.months.map((m, i) => ({ ...m, adoption: o.adoption[i] })),
    recommendation: {
      ...o.options[0]!,
      percentiles: o.percentiles,
      deterministicTermSpend: o.optimized.termSpend,
    },
    options: o.options,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The comparison.

interface Mismatch {
  path: string
  /** What went wrong: the engine's string is not what the exact value presents (`oracle` is then that string), or
   * the unrounded figures differ beyond 1e-15, or the engine's string is not its own unrounded figure rounded once. */
  what: 'presented' | 'unrounded' | 'presentation'
  engine: string | undefined
  oracle: string | undefined
  engineUnrounded?: string
  oracleUnrounded?: string
  oracleExact?: string
}

function asString(kind: Kind, value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (kind === 'text') return String(value)
  if (typeof value === 'string') return value
  return present(kind, value as Dec)
}

const ORACLE_40 = Decimal as unknown as DecCtor

/** Whether a request asks for forecast uncertainty (the oracle computes the deterministic plan only). */
function hasUncertainty(request: PlanRequest): boolean {
  const u = request.commitment?.uncertainty
  if (!u) return false
  const slip = u.adoptionSlipMonths
  const slips = slip !== null && typeof slip === 'object' ? Object.values(slip) : [slip]
  const realization = u.minRealization
  const realizations =
    realization && !Decimal.isDecimal(realization) ? Object.values(realization) : [realization]
  return (
    (!!u.growthStdDev && !u.growthStdDev.isZero()) ||
    slips.some((n) => !!n) ||
    realizations.some((r) => !!r && !new Decimal(r.toString()).eq(1))
  )
}

/**
 * Most decimals in any decimal input of the request. The engine's exactness (money.ts, toCents) is argued for
 * inputs of up to about 18 decimals; the API accepts at most 10. The generator below can build more: its
 * `exactlyScaled` checks x·rB = target·rA at 40 digits, so it may return a 40-digit approximation of a
 * non-terminating x (1575.384615384615…615 tokens for 2,048 / 1.3).
 */
function inputDecimals(request: PlanRequest): number {
  let most = 0
  const see = (v: unknown) => {
    if (Decimal.isDecimal(v)) most = Math.max(most, (v as Dec).decimalPlaces())
  }
  for (const w of request.workloads) Object.values(w).forEach(see)
  const c = request.commitment
  if (c) {
    see(c.confidence)
    see(c.proposedCommit)
    for (const t of c.discountTiers ?? []) Object.values(t).forEach(see)
  }
  return most
}
/**
 * Beyond this many input decimals 40 digits are not exact (money.ts, toCents): a non-tie can lie within 1e-20 of a
 * tie, and an input that approximates a boundary to 40 digits (a prefix 1e-37 short of a minimum after scaling) is
 * on the boundary at 40 digits and not exactly. Such requests are compared with the 40-digit oracle instead.
 */
const EXACT_INPUT_DECIMALS = 18

/**
 * Compares the engine with the oracle. Real mismatches: a structural field differs, a presented string is not what
 * the exact (120-digit) value presents — ties included —, an unrounded figure differs from the 40-digit oracle's
 * beyond 1e-15, or a presented string is not the engine's own unrounded figure rounded by the §3.8 rule. The one
 * exception: a request with inputs of more than {@link EXACT_INPUT_DECIMALS} decimals (only the generator's
 * 40-digit approximations; the API accepts 10) is outside the domain where 40 digits are exact. Its presented
 * strings are compared with the 40-digit oracle's by the same rule, and a difference whose unrounded figures agree
 * within 1e-15 (a tie at the 40th digit) is returned apart as `outside` (and printed), not failed.
 */
function compare(request: PlanRequest, book: PriceBook): { real: Mismatch[]; outside: Mismatch[] } {
  // Simulated figures are exempt from exactness only under uncertainty, which the oracle does not model at all.
  if (hasUncertainty(request)) throw new Error('the oracle compares plans without forecast uncertainty only')
  const preview = flatten(previewPlan(request, book) as unknown as PlanT<string>)
  const unrounded = flatten(computePlan(request, book) as unknown as PlanT<Dec>)
  const oracle = flatten(oracleShape(oraclePlan(ORACLE_40, request, book)))
  const exact = flatten(oracleShape(oraclePlan(HIGH, request, book)))
  const real: Mismatch[] = []
  const outside: Mismatch[] = []
  const exactDomain = inputDecimals(request) <= EXACT_INPUT_DECIMALS
  if (!exactDomain) outsideDomainRequests.count++
  const paths = new Set([...oracle.keys(), ...preview.keys()])
  for (const path of paths) {
    const o = oracle.get(path)
    const e = preview.get(path)
    const u = unrounded.get(path)
    const x = exact.get(path)
    const kind = (o ?? e)!.kind
    const os = o ? asString(kind, o.value) : undefined
    const es = e ? asString(kind, e.value) : undefined
    if (kind === 'text' || !o || !e || !u || !x) {
      if (os !== es) real.push({ path, what: 'presented', engine: es, oracle: os })
      continue
    }
    const ov = o.value as Dec
    const xv = x.value as Dec
    const uv = new Decimal((u.value as Dec).toString())
    const xs = presentExact(kind, xv)
    const detail = () => ({
      path,
      engine: es,
      oracle: xs,
      engineUnrounded: uv.toString(),
      oracleUnrounded: ov.toString(),
      oracleExact: xv.toString(),
    })
    // The engine never signs a figure that rounds to zero (money.ts), so compare with the unsigned form.
    if (presentByRule(kind, uv) !== es) real.push({ ...detail(), what: 'presentation' })
    const scale = ov.abs().gt(1) ? ov.abs() : new Decimal(1)
    if (uv.minus(ov).abs().gt(UNROUNDED_TOLERANCE.mul(scale))) real.push({ ...detail(), what: 'unrounded' })
    if (exactDomain) {
      if (xs !== es) real.push({ ...detail(), what: 'presented' })
    } else if (presentByRule(kind, ov) !== es) {
      const agree = !real.some((m) => m.path === path && m.what === 'unrounded')
      ;(agree ? outside : real).push({ ...detail(), oracle: presentByRule(kind, ov), what: 'presented' })
    }
  }
  return { real, outside }
}

// ---------------------------------------------------------------------------------------------------------
// Price books.

/** The built-in list prices as a PriceBook. */
function listBook(): PriceBook {
  const b = loadAnthropicListBook()
  return {
    id: b.slug,
    name: b.name,
    currency: b.currency,
    effectiveFrom: b.effectiveFrom,
    source: b.source,
    models: b.models,
  }
}

/** Two extra fixture models so every pricing branch gets exercised from both sides of a route. */
const X_TWO_BANDS: ModelPrice = {
  ...modelPrice({
    id: 'x-two-bands',
    prices: ['4', '20', '5', '8', '0.4'],
    minCacheable: '512',
    ratio: '1.3',
    residency: '1.2',
    bands: [
      { threshold: '50000', prices: ['6', '30', '7.5', '12', '0.6'] },
      { threshold: '150000', prices: ['8', '40', '10', '16', '0.8'] },
    ],
  }),
  batchDiscount: dec('0.4'),
}
const X_RESIDENT_BAND: ModelPrice = modelPrice({
  id: 'x-resident-band',
  aliases: ['x-rb'],
  prices: ['2.5', '12.5', '3.125', '5', '0.25'],
  minCacheable: '2048',
  residency: '1.1',
  bands: [{ threshold: '100000', prices: ['5', '18.75', '6.25', '10', '0.5'] }],
})

const ORACLE_BOOK: PriceBook = {
  ...TEST_BOOK,
  id: 'oracle-book',
  models: [...TEST_BOOK.models, X_TWO_BANDS, X_RESIDENT_BAND],
}
/** Names used in requests (ids and aliases). */
const MODEL_NAMES = [
  'claude-opus-4-5',
  'claude-sonnet-4-5-20250929',
  'claude-haiku-4-5',
  'claude-opus-4-7',
  'claude-sonnet-5',
  'x-two-bands',
  'x-rb',
]
function modelByName(name: string): ModelPrice {
  const w = name.toLowerCase()
  return ORACLE_BOOK.models.find((m) => m.modelId === w || m.aliases.includes(w))!
}

// ---------------------------------------------------------------------------------------------------------
// Hand-checked anchors for the oracle itself (so the oracle is not just trusted).

describe('reference oracle: hand-checked anchors', () => {
  const D = Decimal as unknown as DecCtor
  const base: WorkloadInput = {
    name: 'w',
    model: 'claude-opus-4-5',
    requestsPerMonth: '1000',
    inputTokensPerRequest: '10000',
    outputTokensPerRequest: '1000',
    userWaiting: false,
  }
  const req = (w: Partial<WorkloadInput>, levers: LeverSpec[], months = 1): PlanRequest => ({
    term: { start: '2027-01-01', months },
    levers,
    workloads: [workload({ ...base, ...w })],
    commitment: null,
  })

  it('prices uncached, cached, batched, routed (ratio 1.3) and long-context requests by §3.2', () => {
    // Uncached Opus 4.5: 10,000×5 + 1,000×25 per MTok = 0.075 → 75.00 a month.
    expect(oraclePlan(D, req({}, []), TEST_BOOK).baseline.termSpend.toString()).toBe('75')
    // Cached (h 0.8, P 5,000, 1h ttl): 5,000×5 + 5,000×(0.8×0.5 + 0.2×10) + 1,000×25 = 25,000 + 12,000 + 25,000
    // = 62,000 per MTok per request → 62.00; batched all: 31.00.
    const cached = oraclePlan(
      D,
      req({ cacheablePrefixTokens: '5000', currentCacheHitRate: '0.8', cacheTtl: '1h' }, [
        { lever: 'batch', startMonth: 0, rampMonths: 0 },
      ]),
      TEST_BOOK,
    )
    expect(cached.baseline.termSpend.toString()).toBe('62')
    expect(cached.optimized.termSpend.toString()).toBe('31')
    // Routed all to Opus 4.7 (ratio 1.3, US ×1.1): 13,000×5.5 + 1,300×27.5 = 71,500 + 35,750 → 107.25.
    const routed = oraclePlan(
      D,
      req({ routeToModel: 'claude-opus-4-7', routableShare: '1', inferenceGeo: 'us' }, [
        { lever: 'routing', startMonth: 0, rampMonths: 0 },
      ]),
      TEST_BOOK,
    )
    expect(routed.optimized.termSpend.toString()).toBe('107.25')
    // Sonnet 4.5 over 200K input: 250,000×6 + 1,000×22.5 = 1,522,500 → 1,522.50.
    expect(
      oraclePlan(
        D,
        req({ model: 'claude-sonnet-4-5', inputTokensPerRequest: '250000' }, []),
        TEST_BOOK,
      ).baseline.termSpend.toString(),
    ).toBe('1522.5')
    // Target hit rate 0 = caching on, all writes (5m): 5,000×5 + 5,000×6.25 + 25,000 = 81,250 → 81.25.
    const allWrites = oraclePlan(
      D,
      req({ cacheablePrefixTokens: '5000', targetCacheHitRate: '0' }, [
        { lever: 'caching', startMonth: 0, rampMonths: 0 },
      ]),
      TEST_BOOK,
    )
    expect(allWrites.optimized.termSpend.toString()).toBe('81.25')
  })

  it('ramps, grows, and attributes by the book', () => {
    // Batch ramping over 2 months from month 1, 10% growth, 3 months: months cost 75, 82.5×(1−0.5·0.5)=61.875,
    // 90.75×0.5 = 45.375.
    const p = oraclePlan(
      D,
      req({ monthlyGrowthRate: '0.1' }, [{ lever: 'batch', startMonth: 1, rampMonths: 2 }], 3),
      TEST_BOOK,
    )
    expect(p.months.map((m) => m.optimized.toString())).toEqual(['75', '61.875', '45.375'])
    expect(p.optimized.endRunRate.toString()).toBe('544.5')
    // Two levers from month 0 on one month, batch then caching (target 1, 5m, P 5,000 ≥ 4,096):
    // v(∅) = 75; v(batch) = 37.5; v(caching) = 5,000×5 + 5,000×0.5 + 25,000 = 52,500 → 52.5; v(both) = 26.25.
    // Shapley(batch) = ½(75 − 37.5) + ½(52.5 − 26.25) = 31.875; Shapley(caching) = ½(22.5) + ½(11.25) = 16.875.
    const two = oraclePlan(
      D,
      req({ cacheablePrefixTokens: '5000', targetCacheHitRate: '1' }, [
        { lever: 'batch', startMonth: 0, rampMonths: 0 },
        { lever: 'caching', startMonth: 0, rampMonths: 0 },
      ]),
      TEST_BOOK,
    )
    expect(two.waterfall.map((s) => [s.lever, s.spendBefore.toString(), s.spendAfter.toString()])).toEqual([
      ['batch', '75', '37.5'],
      ['caching', '37.5', '26.25'],
    ])
    expect(two.shapley.batch?.toString()).toBe('31.875')
    expect(two.shapley.caching?.toString()).toBe('16.875')
  })
})

describe('reference oracle: hand-checked commitment anchors (§3.5, §3.7)', () => {
  const D = Decimal as unknown as DecCtor
  /** One Opus 4.5 workload of input tokens only ($5/MTok), nobody waiting, no levers: B = U. */
  const req = (
    requestsPerMonth: string,
    inputTokensPerRequest: string,
    months: number,
    commitment: PlanRequest['commitment'],
    start = '2027-01-01',
  ): PlanRequest => ({
    term: { start, months },
    levers: [],
    workloads: [
      workload({
        name: 'w',
        model: 'claude-opus-4-5',
        requestsPerMonth,
        inputTokensPerRequest,
        outputTokensPerRequest: '0',
        userWaiting: true,
      }),
    ],
    commitment,
  })
  /** The oracle's options as [kinds, commit, discount, tier, shortfall, stranded, payment] strings. */
  const rows = (o: OraclePlan) =>
    o.options.map((x) => [
      x.kinds.join(','),
      x.commit.toString(),
      x.discountRate.toString(),
      x.tier,
      x.shortfallProbability.toString(),
      x.expectedStranded.toString(),
      x.expectedPayment.toString(),
    ])

  it('caps the recommendation inside its tier: 7000@5%, 7500@10%, forecast 8100 → 7499 at 5%', () => {
    // 162,000 requests of 10,000 input tokens at $5/MTok: U = 8,100 in one month. C_1 = 8,100 × 0.95 = 7,695 ≥
    // 7,000 qualifies, C_2 = 8,100 × 0.9 = 7,290 < 7,500 does not: the recommendation is tier 1's amount kept inside
    // the tier, min(7,695, 7,500 − 1) = 7,499 at 5% — consumed in full (7,695 ≥ 7,499), paying 7,695. Tier 1's row
    // is the same (merged), so is the baseline-sized one (B = U). Tier 2's row commits its minimum 7,500 at 10%:
    // 7,290 consumed, 210 stranded, paying 7,500 — the lowest payment of the candidates 0 (8,100), 7,000 (7,695)
    // and 7,500 (discounted overage: no breakpoints), so it carries the lowest-payment kind too.
    const r = req('162000', '10000', 1, {
      discountTiers: [
        { minCommit: dec('7500'), discountRate: dec('0.1') },
        { minCommit: dec('7000'), discountRate: dec('0.05') },
      ],
    })
    const o = oraclePlan(D, r, TEST_BOOK)
    expect(o.optimized.termSpend.toString()).toBe('8100')
    expect(rows(o)).toEqual([
      ['recommended,tier,baseline', '7499', '0.05', 1, '0', '0', '7695'],
      ['tier,lowestExpectedPayment', '7500', '0.1', 2, '1', '210', '7500'],
      ['noCommitment', '0', '0', 0, '0', '0', '8100'],
    ])
    const [rec, t2, none] = o.options as [OracleOption, OracleOption, OracleOption]
    expect([rec.expectedUtilization?.toString(), rec.expectedCoverage.toString()]).toEqual([
      '1',
      new Decimal(7499).div(7695).toString(),
    ])
    expect(rec.effectiveSavingsRate.toString()).toBe('0.05')
    expect([t2.expectedUtilization?.toString(), t2.expectedCoverage.toString()]).toEqual(['0.972', '1'])
    expect([none.expectedUtilization, none.expectedCoverage.toString()]).toEqual([null, '0'])
    expect(rec.years.map((y) => [y.year, y.commit.toString(), y.expectedPayment.toString()])).toEqual([
      [1, '7499', '7695'],
    ])
    check(r, TEST_BOOK)
  })

  it('finds the lowest expected payment at a tier minimum, stranding money (overage at list)', () => {
    // U = 10,000 requests × 20,000 tokens × $5/MTok = 1,000. Tiers 950@10% and 2,000@20%, overage at list.
    // Candidates: 0 pays 1,000 at list; 950 earns 10%, consumes 900 and pays 950 (50 stranded); 2,000 pays 2,000.
    // Breakpoints U(1 − d_t) = 1,000, 900, 800 lie outside their bands [0, 950), [950, 2,000), [2,000, ∞). So the
    // lowest is 950 — tier 1's row too, since tier 1 does not qualify (900 < 950). The recommendation is tier 0's
    // 1,000 capped at 950 − 1 = 949, at list: it pays 949 + 51 = 1,000.
    const r = req('10000', '20000', 1, {
      overage: 'list',
      discountTiers: [
        { minCommit: dec('2000'), discountRate: dec('0.2') },
        { minCommit: dec('950'), discountRate: dec('0.1') },
      ],
    })
    const o = oraclePlan(D, r, TEST_BOOK)
    expect(rows(o)).toEqual([
      ['recommended,baseline', '949', '0', 0, '0', '0', '1000'],
      ['tier,lowestExpectedPayment', '950', '0.1', 1, '1', '50', '950'],
      ['tier', '2000', '0.2', 2, '1', '1200', '2000'],
      ['noCommitment', '0', '0', 0, '0', '0', '1000'],
    ])
    expect(o.options[1]!.effectiveSavingsRate.toString()).toBe('0.05')
    check(r, TEST_BOOK)
  })

  it('allocates an annual commitment in proportion to each contract year, the last one short', () => {
    // 1,000 requests of 15,060 tokens at $5/MTok = 75.30 a month over 14 months from 2028-02-29: year 1 (12 months)
    // 903.60, year 2 (2 months, starting 2029-02-28 — the leap day clamped) 150.60; Q = 1,054.20. The 5% tier at
    // 2,000 is out of reach (1,001.49 < 2,000), so the recommendation is tier 0's 1,054.20 (capped at 1,999: no
    // effect), allocated 903.60 / 150.60 — presented 904 and 1,054 − 904 = 150 (not round(150.60) = 151). Tier 1's
    // row commits 2,000 allocated 6/7 and 1/7 (1,714.29 / 285.71): 95% of each year consumed, the rest stranded.
    // The vendor's ramp [500, 600] (total 1,100, no tier): year 1 overspends 403.60 at list (pays 903.60), year 2
    // strands 449.40 (pays 600): a shortfall although the total 1,100 is above Q.
    const r = req(
      '1000',
      '15060',
      14,
      {
        structure: 'annual',
        overage: 'list',
        discountTiers: [{ minCommit: dec('2000'), discountRate: dec('0.05') }],
        proposedCommitByYear: [dec('500'), dec('600')],
      },
      '2028-02-29',
    )
    const o = oraclePlan(D, r, TEST_BOOK)
    expect(o.years.map((y) => [y.year, y.start, y.months, y.optimized.toString()])).toEqual([
      [1, '2028-02-29', 12, '903.6'],
      [2, '2029-02-28', 2, '150.6'],
    ])
    expect(rows(o)).toEqual([
      ['recommended,baseline', '1054.2', '0', 0, '0', '0', '1054.2'],
      ['tier', '2000', '0.05', 1, '1', '998.51', '2000'],
      ['proposed', '1100', '0', 0, '1', '449.4', '1503.6'],
      ['lowestExpectedPayment,noCommitment', '0', '0', 0, '0', '0', '1054.2'],
    ])
    const years = (x: OracleOption) =>
      x.years.map((y) => [
        y.year,
        y.commit.toString(),
        y.expectedPayment.toString(),
        y.expectedStranded.toString(),
      ])
    const [rec, tier, proposed] = o.options as [OracleOption, OracleOption, OracleOption]
    expect(years(rec)).toEqual([
      [1, '903.6', '903.6', '0'],
      [2, '150.6', '150.6', '0'],
    ])
    const sixSevenths = new Decimal(12000).div(7)
    const oneSeventh = new Decimal(2000).div(7)
    expect(years(tier)).toEqual([
      // Stranded exactly (12,000 − 7 × 858.42) / 7 and (2,000 − 7 × 143.07) / 7.
      [1, sixSevenths.toString(), sixSevenths.toString(), new Decimal('5991.06').div(7).toString()],
      [2, oneSeventh.toString(), oneSeventh.toString(), new Decimal('998.51').div(7).toString()],
    ])
    expect(years(proposed)).toEqual([
      [1, '500', '903.6', '0'],
      [2, '600', '600', '449.4'],
    ])
    expect(proposed.expectedUtilization?.toString()).toBe(new Decimal('650.6').div(1100).toString())
    expect(proposed.expectedCoverage.toString()).toBe(new Decimal('650.6').div('1054.2').toString())
    check(r, TEST_BOOK)
    // The presented years of an option add up to its presented total: the last year is the remainder.
    const p = previewPlan(r, TEST_BOOK)
    expect(p.recommendation.years.map((y) => y.commit)).toEqual(['904', '150'])
    expect(p.options[1]!.years.map((y) => y.commit)).toEqual(['1714', '286'])
  })
})

// ---------------------------------------------------------------------------------------------------------
// Reporting.

function describeMismatches(title: string, ms: Mismatch[], limit = 12): string {
  const lines = ms.slice(0, limit).map((m) => {
    const u =
      m.engineUnrounded !== undefined
        ? ` (unrounded engine ${m.engineUnrounded}, oracle ${m.oracleUnrounded}, oracle@120 ${m.oracleExact})`
        : ''
    return `  [${m.what}] ${m.path}: engine ${m.engine} ≠ oracle ${m.oracle}${u}`
  })
  const more = ms.length > limit ? `\n  … and ${ms.length - limit} more` : ''
  return `${title}: ${ms.length} mismatch(es)\n${lines.join('\n')}${more}`
}

/** How many compared requests were outside the exact input domain (reported by the generated test). */
const outsideDomainRequests = { count: 0 }
/** Requests outside the exact input domain with a tie at the 40th digit between engine and 40-digit oracle. */
const outsideSeen: { request: string; mismatches: Mismatch[] }[] = []

function check(request: PlanRequest, book: PriceBook): void {
  const { real, outside } = compare(request, book)
  if (outside.length > 0) outsideSeen.push({ request: JSON.stringify(request), mismatches: outside })
  if (real.length > 0) {
    throw new Error(`${describeMismatches('engine vs oracle', real)}\nrequest: ${JSON.stringify(request)}`)
  }
}

// ---------------------------------------------------------------------------------------------------------
// (a) The §4.1 example, built-in list prices, uncertainty removed.

describe('reference oracle vs engine: §4.1 example without uncertainty', () => {
  it('matches every presented figure to the cent', () => {
    const request: PlanRequest = {
      term: { start: '2027-01-01', months: 12 },
      levers: [
        { lever: 'routing', startMonth: 0, rampMonths: 0 },
        { lever: 'caching', startMonth: 1, rampMonths: 2 },
        { lever: 'batch', startMonth: 0, rampMonths: 0 },
      ],
      workloads: [
        workload({
          name: 'nightly-digest',
          kind: 'overnight_report',
          model: 'claude-opus-4-5',
          requestsPerMonth: '300000',
          inputTokensPerRequest: '6000',
          outputTokensPerRequest: '800',
          cacheablePrefixTokens: '4500',
          currentCacheHitRate: '0',
          targetCacheHitRate: '0.9',
          cacheTtl: '5m',
          userWaiting: false,
          currentBatchShare: '0',
          targetBatchShare: '1',
          routeToModel: 'claude-sonnet-4-5',
          routableShare: '0.6',
          monthlyGrowthRate: '0.02',
        }),
      ],
      commitment: {
        confidence: dec('0.9'),
        proposedCommit: dec('250000'),
        overage: 'discounted',
        discountTiers: [
          { minCommit: dec('100000'), discountRate: dec('0.05') },
          { minCommit: dec('500000'), discountRate: dec('0.1') },
        ],
        simulations: 2000,
        seed: 42,
      },
    }
    const book = listBook()
    check(request, book)
    // The same with overage at list and the proposal above the forecast.
    check(
      { ...request, commitment: { ...request.commitment, overage: 'list', proposedCommit: dec('400000') } },
      book,
    )
    // Spot-check the oracle's own arithmetic on the anchor figure: month 0 baseline is
    // 300,000 × (6,000×5 + 800×25)/1e6 = 15,000.00.
    const o = oraclePlan(Decimal as unknown as DecCtor, request, book)
    expect(o.months[0]!.baseline.toString()).toBe('15000')
  })
})

// ---------------------------------------------------------------------------------------------------------
// (b) Generated portfolios.
//
// Volumes are at least 1,000 requests a month and outputs at least 10 tokens, so no portfolio's term spend is
// microscopic: the engine keeps term totals to 20 decimal places (see the targeted tests in (c)), which for a
// spend of a millionth of a cent moves effective savings rates in their sixth decimal. That region is covered
// by the targeted tests instead. The seed is fixed (override with ORACLE_SEED, run count with ORACLE_RUNS).

const D = Decimal
const scaled = (n: number, places: number): string => new D(n).div(new D(10).pow(places)).toString()
const rateArb = (mode: number, raw: number): string | null =>
  mode === 0 ? null : mode === 1 ? '0' : mode === 2 ? scaled(raw, 4) : '1'

/** `x` such that x·rB/rA hits `target` exactly when possible, else the nearest 0.01 below or above. */
function exactlyScaled(target: Dec, rA: Dec, rB: Dec, up: boolean): Dec {
  const x = target.mul(rA).div(rB)
  if (x.mul(rB).eq(target.mul(rA))) return x
  return x.toDecimalPlaces(2, up ? D.ROUND_CEIL : D.ROUND_FLOOR)
}

const rawWorkloadArb = fc.record({
  modelIdx: fc.nat({ max: MODEL_NAMES.length - 1 }),
  routeIdx: fc.option(fc.nat({ max: MODEL_NAMES.length - 1 }), { freq: 3 }),
  shareMode: fc.nat({ max: 3 }),
  shareRaw: fc.integer({ min: 0, max: 10000 }),
  rpm: fc.integer({ min: 1000, max: 20_000_000 }),
  rpmFraction: fc.integer({ min: 0, max: 999 }),
  rpmPlaces: fc.nat({ max: 3 }),
  iRaw: fc.integer({ min: 0, max: 30_000_000 }),
  iMode: fc.nat({ max: 5 }),
  up: fc.boolean(),
  pMode: fc.nat({ max: 7 }),
  pRaw: fc.integer({ min: 0, max: 10000 }),
  oRaw: fc.integer({ min: 1000, max: 800_000 }),
  curHitMode: fc.nat({ max: 3 }),
  curHitRaw: fc.integer({ min: 0, max: 10000 }),
  tgtHitMode: fc.nat({ max: 3 }),
  tgtHitRaw: fc.integer({ min: 0, max: 10000 }),
  ttl: fc.constantFrom(undefined, '5m' as const, '1h' as const),
  userWaiting: fc.boolean(),
  cbsMode: fc.nat({ max: 2 }),
  cbsRaw: fc.integer({ min: 0, max: 10000 }),
  tbsMode: fc.nat({ max: 3 }),
  tbsRaw: fc.integer({ min: 0, max: 10000 }),
  growthMode: fc.nat({ max: 2 }),
  growthRaw: fc.integer({ min: -1500, max: 1500 }),
  geo: fc.constantFrom(undefined, 'global' as const, 'us' as const),
})
type RawWorkload = typeof rawWorkloadArb extends fc.Arbitrary<infer T> ? T : never

function buildWorkload(r: RawWorkload, i: number): WorkloadInput {
  const modelName = MODEL_NAMES[r.modelIdx]!
  const a = modelByName(modelName)
  const routeName = r.routeIdx === null ? null : MODEL_NAMES[r.routeIdx]!
  const b = routeName ? modelByName(routeName) : a
  const rA = a.tokenizerRatio
  const rB = b.tokenizerRatio
  // Input: random, or on / next to a long-context threshold of the base or (after scaling) the target.
  let I = new D(r.iRaw).div(100)
  const bandOf = (m: ModelPrice) => m.longContextBands[r.pRaw % Math.max(m.longContextBands.length, 1)]
  if (r.iMode === 1 && bandOf(a)) I = bandOf(a)!.thresholdTokens
  if (r.iMode === 2 && bandOf(a)) I = bandOf(a)!.thresholdTokens.plus('0.01')
  if (r.iMode === 3 && bandOf(b)) I = exactlyScaled(bandOf(b)!.thresholdTokens, rA, rB, r.up)
  // Prefix: absent, 0, random, or on / next to the minimum of the base or (after scaling) the target.
  let P: Dec | null
  switch (r.pMode) {
    case 0:
      P = null
      break
    case 1:
      P = new D(0)
      break
    case 2:
      P = I.mul(r.pRaw).div(10000).toDecimalPlaces(2, D.ROUND_FLOOR)
      break
    case 3:
      P = a.minCacheableTokens
      break
    case 4:
      P = a.minCacheableTokens.minus('0.5')
      break
    case 5:
      P = exactlyScaled(b.minCacheableTokens, rA, rB, r.up)
      break
    case 6:
      P = exactlyScaled(b.minCacheableTokens, rA, rB, r.up).minus('0.01')
      break
    default:
      P = new D(r.pRaw).mul(1.5).plus(r.pRaw % 7)
  }
  if (P?.gt(I)) I = r.up ? P : P.plus(new D(r.iRaw % 100000).div(10))
  const w: WorkloadInput = {
    name: `w${i}`,
    model: modelName,
    requestsPerMonth: new D(r.rpm)
      .plus(new D(r.rpmFraction).div(1000).toDecimalPlaces(r.rpmPlaces, D.ROUND_DOWN))
      .toString(),
    inputTokensPerRequest: I.toString(),
    outputTokensPerRequest: scaled(r.oRaw, 2),
    userWaiting: r.userWaiting,
  }
  if (P !== null) w.cacheablePrefixTokens = P.toString()
  if (routeName) {
    w.routeToModel = routeName
    w.routableShare = r.shareMode === 0 ? '0' : r.shareMode === 1 ? '1' : scaled(r.shareRaw, 4)
  }
  const cur = rateArb(r.curHitMode, r.curHitRaw)
  if (cur !== null) w.currentCacheHitRate = cur
  const tgt = rateArb(r.tgtHitMode, r.tgtHitRaw)
  if (tgt !== null) w.targetCacheHitRate = tgt
  if (r.ttl) w.cacheTtl = r.ttl
  if (r.cbsMode === 1) w.currentBatchShare = '0'
  if (r.cbsMode === 2) w.currentBatchShare = scaled(r.cbsRaw, 4)
  if (r.tbsMode === 1) w.targetBatchShare = scaled(r.tbsRaw, 4)
  if (r.tbsMode === 2) w.targetBatchShare = '0'
  if (r.tbsMode === 3) w.targetBatchShare = '1'
  if (r.growthMode === 1) w.monthlyGrowthRate = '0'
  if (r.growthMode === 2) w.monthlyGrowthRate = scaled(r.growthRaw, 4)
  // US-only inference only where the model and the routing target offer it (§3.1: otherwise a 422).
  if (r.geo && (r.geo !== 'us' || (a.dataResidencyMultiplier && b.dataResidencyMultiplier)))
    w.inferenceGeo = r.geo
  return w
}

const leversArb = fc
  .tuple(
    fc.shuffledSubarray(['routing', 'caching', 'batch'] as Lever[]),
    fc.array(fc.tuple(fc.integer({ min: -6, max: 12 }), fc.integer({ min: 0, max: 6 })), {
      minLength: 3,
      maxLength: 3,
    }),
  )
  .map(([levers, sched]) =>
    levers.map((lever, i) => ({ lever, startMonth: sched[i]![0], rampMonths: sched[i]![1] })),
  )

/**
 * Commitment settings. Tiers as the engine accepts them (design §3.5): distinct whole-dollar minimums above 0 and
 * discounts strictly rising with the minimum, listed in random order (the engine sorts them). A minimum is either
 * absolute or a fraction of the portfolio's optimized term spend U (so tiers qualify, fall short and cap the
 * recommendation inside a tier); the proposal likewise. Under `annual` the proposal may come year by year.
 */
const commitmentArb = fc.option(
  fc.record({
    confidenceMode: fc.nat({ max: 2 }),
    confidenceRaw: fc.integer({ min: 5000, max: 9900 }),
    /** 0: no structure (term), 1: explicit term, 2–3: annual — annual half the time. */
    structureMode: fc.nat({ max: 3 }),
    proposed: fc.option(
      fc.record({
        relative: fc.boolean(),
        /** Cents when absolute; ten-thousandths of U when relative. */
        raw: fc.integer({ min: 0, max: 500_000_000 }),
        fraction: fc.integer({ min: 0, max: 15_000 }),
        /** Under annual: 0 the total only, 1 year by year only, 2 both (the total is their sum). */
        byYearMode: fc.nat({ max: 2 }),
        /** Each year's share of U / years, in ten-thousandths (one per possible contract year). */
        yearFractions: fc.array(fc.integer({ min: 0, max: 25_000 }), { minLength: 4, maxLength: 4 }),
      }),
      { freq: 2 },
    ),
    overage: fc.constantFrom(undefined, 'discounted' as const, 'list' as const),
    tiers: fc.array(
      fc.record({
        relative: fc.boolean(),
        /** Whole dollars when absolute; thousandths of U when relative. */
        dollars: fc.integer({ min: 1, max: 3_000_000 }),
        fraction: fc.integer({ min: 200, max: 1_400 }),
        /** Discount in ten-thousandths (up to 40%). */
        rate: fc.integer({ min: 1, max: 4000 }),
        /** Sort key for the order the tiers are listed in. */
        order: fc.nat(),
      }),
      { maxLength: 4 },
    ),
    explicitNoUncertainty: fc.boolean(),
    simulations: fc.constantFrom(undefined, 100, 500),
    seed: fc.integer({ min: 0, max: 1000 }),
  }),
  { freq: 5 },
)
type RawCommitment = NonNullable<typeof commitmentArb extends fc.Arbitrary<infer T> ? T : never>

/** Term starts: any day of 2027 or 2028, leap day and month ends included. */
const termStartArb = fc
  .tuple(fc.constantFrom(2027, 2028), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => {
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, days)).padStart(2, '0')}`
  })

/** The commitment block of a generated request; `U` is the portfolio's optimized term spend (40-digit oracle). */
function buildCommitment(c: RawCommitment, U: Dec, months: number): NonNullable<PlanRequest['commitment']> {
  const annual = c.structureMode >= 2
  // Tiers: distinct whole-dollar minimums and distinct rates, paired in ascending order, listed shuffled.
  const dollars = c.tiers.map((t) =>
    t.relative ? D.max(1, U.mul(t.fraction).div(1000).toDecimalPlaces(0, D.ROUND_HALF_UP)) : new D(t.dollars),
  )
  const minimums = [...new Set(dollars.map((m) => m.toFixed(0)))].sort((a, b) => new D(a).cmp(new D(b)))
  const rates = [...new Set(c.tiers.map((t) => t.rate))].sort((a, b) => a - b)
  const n = Math.min(minimums.length, rates.length)
  const order = c.tiers.slice(0, n).map((t, i) => ({ i, key: t.order }))
  order.sort((a, b) => a.key - b.key || a.i - b.i)
  const commitment: NonNullable<PlanRequest['commitment']> = {
    discountTiers: order.map(({ i }) => ({
      minCommit: dec(minimums[i]!),
      discountRate: dec(scaled(rates[i]!, 4)),
    })),
    seed: c.seed,
  }
  if (c.structureMode === 1) commitment.structure = 'term'
  if (annual) commitment.structure = 'annual'
  if (c.confidenceMode === 1) commitment.confidence = dec(scaled(c.confidenceRaw, 4))
  const p = c.proposed
  if (p !== null) {
    const cents = (x: Dec) => dec(x.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2))
    const total = p.relative ? cents(U.mul(p.fraction).div(10_000)) : dec(scaled(p.raw, 2))
    if (annual && p.byYearMode > 0) {
      const years = Math.ceil(months / 12)
      const byYear = p.yearFractions.slice(0, years).map((f) => cents(U.div(years).mul(f).div(10_000)))
      commitment.proposedCommitByYear = byYear
      if (p.byYearMode === 2) commitment.proposedCommit = byYear.reduce((a, b) => a.plus(b), dec('0'))
    } else {
      commitment.proposedCommit = total
    }
  }
  if (c.overage) commitment.overage = c.overage
  if (c.simulations) commitment.simulations = c.simulations
  if (c.explicitNoUncertainty) {
    commitment.uncertainty = { growthStdDev: dec('0'), adoptionSlipMonths: 0, minRealization: dec('1') }
  }
  return commitment
}

const requestArb = fc
  .record({
    workloads: fc.array(rawWorkloadArb, { minLength: 1, maxLength: 6 }),
    levers: leversArb,
    months: fc.integer({ min: 1, max: 40 }),
    start: termStartArb,
    commitment: commitmentArb,
  })
  .map(({ workloads, levers, months, start, commitment }): PlanRequest => {
    const request: PlanRequest = {
      term: { start, months },
      levers,
      workloads: workloads.map((w, i) => workload(buildWorkload(w, i))),
      commitment: null,
    }
    if (commitment) {
      const U = oraclePlan(ORACLE_40, request, ORACLE_BOOK).optimized.termSpend
      request.commitment = buildCommitment(commitment, U, months)
    }
    return request
  })

describe('reference oracle vs engine: generated portfolios', () => {
  it('agrees to the cent on every presented figure', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        check(request, ORACLE_BOOK)
      }),
      { numRuns: Number(process.env.ORACLE_RUNS ?? 250), seed: Number(process.env.ORACLE_SEED ?? 20270101) },
    )
    console.info(
      `${outsideDomainRequests.count} generated request(s) had inputs of more than ${EXACT_INPUT_DECIMALS} decimals ` +
        'and were compared with the 40-digit oracle instead of the exact one',
    )
    if (outsideSeen.length > 0) {
      const shown = Number(process.env.ORACLE_SHOW_TIES ?? 1)
      const examples = outsideSeen
        .slice(0, shown)
        .map((t) => `${describeMismatches('example', t.mismatches)}\nrequest: ${t.request}`)
        .join('\n')
      console.info(
        `${outsideSeen.length} generated case(s) with inputs of more than ${EXACT_INPUT_DECIMALS} decimals (outside ` +
          `the exact domain) had a 40th-digit tie with the 40-digit oracle (not failed):\n${examples}`,
      )
    }
  })
})

// ---------------------------------------------------------------------------------------------------------
// (c) Targeted exact-tie cases. Exact decimal inputs whose exact figures sit on (or within 1e-20 of) a rounding
// boundary: §3 asks for exact arithmetic, rounded once when presenting, so there is exactly one right string.
// Each expected string is derived by hand and must also be what the oracle presents: at 40 digits by the §3.8
// rule (a value within 1e-20 below a tie as the tie), and at 120 digits exactly (taken to 100 decimals).

describe('reference oracle vs engine: exact ties and near-ties', () => {
  const run = (workloads: WorkloadInput[], levers: LeverSpec[], months: number) => {
    const request: PlanRequest = {
      term: { start: '2027-01-01', months },
      levers,
      workloads: workloads.map(workload),
      commitment: null,
    }
    const engine = flatten(previewPlan(request, TEST_BOOK) as unknown as PlanT<string>)
    const o40 = flatten(oracleShape(oraclePlan(ORACLE_40, request, TEST_BOOK)))
    const o120 = flatten(oracleShape(oraclePlan(HIGH, request, TEST_BOOK)))
    return (path: string) => {
      const o = o40.get(path)!
      return {
        engine: engine.get(path)?.value,
        oracle: o.kind === 'text' ? String(o.value) : presentByRule(o.kind, o.value as Dec),
        oracle120: o.kind === 'text' ? String(o.value) : presentExact(o.kind, o120.get(path)!.value as Dec),
      }
    }
  }
  /** The three presentations of each path must all be `text`. */
  const expectAll = (at: ReturnType<typeof run>, expected: Record<string, string>) => {
    for (const [path, text] of Object.entries(expected)) {
      expect.soft({ path, ...at(path) }).toEqual({ path, engine: text, oracle: text, oracle120: text })
    }
  }

  it('a month $1e-18 below a half-cent is not a tie: it is presented 0.00 (rounded once)', () => {
    // One request of 999.9999999999998 input tokens on Opus 4.5 ($5/MTok) costs $0.004999999999999999, 1e-18 below
    // the half-cent: outside the 1e-20 window, so the month and the one-month term are "0.00".
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1',
          inputTokensPerRequest: '999.9999999999998',
          outputTokensPerRequest: '0',
          userWaiting: true,
        },
      ],
      [],
      1,
    )
    expectAll(at, {
      'months[0].baseline': '0.00',
      'baseline.termSpend': '0.00',
      'workloads[0].baseline.termSpend': '0.00',
    })
  })

  it('the documented limit of the 1e-20 window: an input with more than 18 decimals ($0.005 − 1e-27)', () => {
    // One request of 999.9999999999999999999998 input tokens (22 decimals; the API accepts 6) on Opus 4.5 costs
    // $0.004999999999999999999999999, exactly 0.00 when rounded. It lies 1e-27 below the half-cent, inside the
    // window that settles the engine's 40-digit ties (money.ts, toCents), so the engine presents it as the tie,
    // 0.01: one cent high. This pins that known departure; inputs the API accepts cannot land there by accident.
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1',
          inputTokensPerRequest: '999.9999999999999999999998',
          outputTokensPerRequest: '0',
          userWaiting: true,
        },
      ],
      [],
      1,
    )
    for (const path of ['months[0].baseline', 'baseline.termSpend', 'workloads[0].baseline.termSpend']) {
      expect.soft({ path, ...at(path) }).toEqual({ path, engine: '0.01', oracle: '0.01', oracle120: '0.00' })
    }
  })

  it('a month of exactly 377583/8 = 47197.875 reached through a 2/3 ramp fraction is presented 47197.88', () => {
    // Opus 4.5 ($5 input, $25 output per MTok), 1,000,000 requests a month of 9,159.3625 input and 1,000 output
    // tokens: 9,159.3625 × 5 + 1,000 × 25 = 70,796.8125 per MTok, so $70,796.8125 a month at list. Nobody waits,
    // so batch's target share is 1; it ramps over 3 months from month 0: month 1 has 2/3 of the requests at half
    // price, 70,796.8125 × (1 − ½ · 2/3) = 70,796.8125 × 2/3 = 47,197.875 = 377583/8 exactly, a half-cent tie.
    // (The engine happens to compute this month exactly — 0.66…67 × the corner span rounds back to the exact
    // product at 40 digits — but it must present the tie rounded up whichever way its last digit falls.)
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1000000',
          inputTokensPerRequest: '9159.3625',
          outputTokensPerRequest: '1000',
          userWaiting: false,
        },
      ],
      [{ lever: 'batch', startMonth: 0, rampMonths: 3 }],
      3,
    )
    // Month 0: 70,796.8125 × (1 − ½ · 1/3) = 58,997.34375; month 2: half price, 35,398.40625 — ties as well.
    expectAll(at, {
      'months[0].optimized': '58997.34',
      'months[1].optimized': '47197.88',
      'months[2].optimized': '35398.41',
      'months[1].adoption.batch': '0.666667',
    })
  })

  it('a saving of exactly 448.525 through the ramp fractions 1/3 and 2/3 is presented 448.53 (waterfall, Shapley)', () => {
    // Opus 4.5, 3,000 requests of 13,600 input and 2,880 output tokens: 13,600 × 5 + 2,880 × 25 = 140,000 per MTok,
    // $0.14 a request, $420 in month 0, growing 5% a month: 420, 441, 463.05 (term 1,324.05). Batch (target share
    // 1, half price) ramps over 3 months from month 0 (1/3, 2/3, 1): it saves ½ × (420/3 + 441 × 2/3 + 463.05)
    // = ½ × (140 + 294 + 463.05) = 448.525 exactly — the savings, the waterfall step and batch's Shapley value (the
    // only lever). The engine gets there as 210 × M with M = 1/3 + 1.05 × 2/3 + 1.1025 = 2.1358333… carried at 40
    // digits: 448.5249999999999999999999999999999999999, which must present as the exact 448.525 does.
    // Optimized: 1,324.05 − 448.525 = 875.525; months 420 − 70 = 350, 441 − 147 = 294, 463.05 / 2 = 231.525.
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '3000',
          inputTokensPerRequest: '13600',
          outputTokensPerRequest: '2880',
          userWaiting: false,
          monthlyGrowthRate: '0.05',
        },
      ],
      [{ lever: 'batch', startMonth: 0, rampMonths: 3 }],
      3,
    )
    expectAll(at, {
      'savings.scheduled': '448.53',
      'waterfall[0].savings': '448.53',
      'shapley.batch': '448.53',
      'workloads[0].shapley.batch': '448.53',
      'optimized.termSpend': '875.53',
      'months[0].optimized': '350.00',
      'months[1].optimized': '294.00',
      'months[2].optimized': '231.53',
    })
  })

  it('a Shapley value of exactly 448.525 with an interaction term (weight ½) is presented 448.53', () => {
    // As above with a cached prefix: 15,850 input tokens (5,000 of them a shared prefix, target hit rate 1) and
    // 2,880 output, so C = 15,850 × 5 + 2,880 × 25 = 151,250 per MTok at list; caching (full from month 0) saves
    // 5,000 × (5 − 0.5) = 22,500 of it. Batch's Shapley value is the average of its saving alone and after caching:
    // ½ × (½C + ½(C − 22,500)) × 3,000/1e6 × M = ½ × (151,250 − 11,250) × 0.003 × M = 210 × M = 448.525 with
    // M = 2.1358333… as above (the caching–batch interaction −½ × 11,250 enters with Shapley weight ½).
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '3000',
          inputTokensPerRequest: '15850',
          outputTokensPerRequest: '2880',
          cacheablePrefixTokens: '5000',
          targetCacheHitRate: '1',
          userWaiting: false,
          monthlyGrowthRate: '0.05',
        },
      ],
      [
        { lever: 'caching', startMonth: 0, rampMonths: 0 },
        { lever: 'batch', startMonth: 0, rampMonths: 3 },
      ],
      3,
    )
    expectAll(at, { 'shapley.batch': '448.53', 'workloads[0].shapley.batch': '448.53' })
  })

  it('a Shapley value of exactly $0.045 is presented 0.05, and an exactly-zero one 0.00', () => {
    // Workload b: caching saves 0.25 × 5,000 × (5 − 0.5)/1e6 = 0.005625 a month, 0.045 over 8 months; its
    // batch lever changes nothing (somebody waits, nothing batched). Workload a: its caching lever changes
    // nothing (no prefix), its batch lever un-batches half of a growing volume (many decimals).
    // Shapley(caching) = 0.045 exactly for the portfolio and 0 for a.
    const at = run(
      [
        {
          name: 'a',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1000',
          inputTokensPerRequest: '1000',
          outputTokensPerRequest: '100',
          userWaiting: true,
          currentBatchShare: '0.5',
          monthlyGrowthRate: '0.0123',
          targetCacheHitRate: '0.5',
        },
        {
          name: 'b',
          model: 'claude-opus-4-5',
          requestsPerMonth: '0.25',
          inputTokensPerRequest: '5000',
          outputTokensPerRequest: '0',
          cacheablePrefixTokens: '5000',
          targetCacheHitRate: '1',
          userWaiting: true,
        },
      ],
      [
        { lever: 'batch', startMonth: 0, rampMonths: 0 },
        { lever: 'caching', startMonth: 0, rampMonths: 0 },
      ],
      8,
    )
    expect.soft({ path: 'shapley.caching', ...at('shapley.caching') }).toEqual({
      path: 'shapley.caching',
      engine: '0.05',
      oracle: '0.05',
      oracle120: '0.05',
    })
    expect({ path: 'workloads[0].shapley.caching', ...at('workloads[0].shapley.caching') }).toEqual({
      path: 'workloads[0].shapley.caching',
      engine: '0.00',
      oracle: '0.00',
      oracle120: '0.00',
    })
  })

  it('a savings rate of exactly 0.0000005 is presented 0.000001 (ROUND_HALF_UP)', () => {
    // Baseline 1,000 × (10,000×5 + 1,000×25)/1e6 = 75.00; batch moves 0.000001 of it at half price:
    // saving 0.0000375, rate 0.0000375 / 75 = 0.0000005 exactly.
    const at = run(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1000',
          inputTokensPerRequest: '10000',
          outputTokensPerRequest: '1000',
          userWaiting: false,
          targetBatchShare: '0.000001',
        },
      ],
      [{ lever: 'batch', startMonth: 0, rampMonths: 0 }],
      1,
    )
    expect({ path: 'savings.scheduledRate', ...at('savings.scheduledRate') }).toEqual({
      path: 'savings.scheduledRate',
      engine: '0.000001',
      oracle: '0.000001',
      oracle120: '0.000001',
    })
  })

  it('effective savings rates of a tiny spend are exact (term totals are not cut to 20 decimals)', () => {
    // 0.01 requests a month of 0.01 output tokens on Opus 4.5 ($25/MTok) costs 2.5e-9 a month, growing 0.01%:
    // U = 2.5e-9 × (1 + 1.0001 + 1.00020001 + 1.000300030001) = 1.00015001000025e-8 (22 decimals).
    // Proposed commitment 0.01, no tiers: payment 0.01, effective savings rate 1 − 0.01/U = −999849.0124993750…
    const request: PlanRequest = {
      term: { start: '2027-01-01', months: 4 },
      levers: [],
      workloads: [
        workload({
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '0.01',
          inputTokensPerRequest: '0',
          outputTokensPerRequest: '0.01',
          userWaiting: false,
          monthlyGrowthRate: '0.0001',
        }),
      ],
      commitment: { proposedCommit: dec('0.01') },
    }
    const engine = previewPlan(request, TEST_BOOK)
    const o = oraclePlan(ORACLE_40, request, TEST_BOOK)
    expect(o.optimized.termSpend.toString()).toBe('0.0000000100015001000025')
    const proposed = o.options.find((x) => x.kind === 'proposed')!
    expect(present('rate', proposed.effectiveSavingsRate)).toBe('-999849.012499')
    expect(engine.options.find((x) => x.kind === 'proposed')?.effectiveSavingsRate).toBe('-999849.012499')
  })
})

// ---------------------------------------------------------------------------------------------------------
// (d) Exact boundaries: the inclusive/exclusive edges of §3.2 and §3.5, where a generator rarely lands.

describe('reference oracle vs engine: exact boundaries', () => {
  const request = (
    workloads: WorkloadInput[],
    levers: LeverSpec[],
    months: number,
    commitment: PlanRequest['commitment'] = null,
  ): PlanRequest => ({
    term: { start: '2027-01-01', months },
    levers,
    workloads: workloads.map(workload),
    commitment,
  })
  const routeAll: LeverSpec[] = [{ lever: 'routing', startMonth: 0, rampMonths: 0 }]
  const opus47: WorkloadInput = {
    name: 'w',
    model: 'claude-opus-4-7',
    routeToModel: 'claude-sonnet-4-5',
    routableShare: '1',
    requestsPerMonth: '1000',
    inputTokensPerRequest: '2662.4',
    outputTokensPerRequest: '130',
    userWaiting: true,
  }

  it('a prefix that scales (×1/1.3) to exactly the minimum is cached; one a hundredth below is not', () => {
    // 1,331.2 prefix tokens on Opus 4.7 (ratio 1.3) are 1,024 on Sonnet 4.5 (ratio 1, minimum 1,024).
    // Routed, all hits: (2,048 − 1,024)×3 + 1,024×0.3 + 100×15 = 4,879.2 per MTok → 4.88 a month.
    // At 1,331.19 (1,023.99… < 1,024): 2,048×3 + 100×15 = 7,644 → 7.64.
    const at = request(
      [{ ...opus47, cacheablePrefixTokens: '1331.2', currentCacheHitRate: '1' }],
      routeAll,
      1,
    )
    check(at, TEST_BOOK)
    expect(previewPlan(at, TEST_BOOK).optimized.termSpend).toBe('4.88')
    const below = request(
      [{ ...opus47, cacheablePrefixTokens: '1331.19', currentCacheHitRate: '1' }],
      routeAll,
      1,
    )
    check(below, TEST_BOOK)
    expect(previewPlan(below, TEST_BOOK).optimized.termSpend).toBe('7.64')
  })

  it('an input that scales to exactly a long-context threshold is not over it; a hair more is', () => {
    // 260,000 input tokens on Opus 4.7 are 200,000 on Sonnet 4.5: not over 200K → 200,000×3/1e6 × 1,000 = 600.
    // 260,000.13 → 200,000.1 > 200K: the whole request at $6 → 1,200.0006.
    const w = { ...opus47, outputTokensPerRequest: '0' }
    const at = request([{ ...w, inputTokensPerRequest: '260000' }], routeAll, 1)
    check(at, TEST_BOOK)
    expect(previewPlan(at, TEST_BOOK).optimized.termSpend).toBe('600.00')
    const over = request([{ ...w, inputTokensPerRequest: '260000.13' }], routeAll, 1)
    check(over, TEST_BOOK)
    expect(previewPlan(over, TEST_BOOK).optimized.termSpend).toBe('1200.00')
  })

  it('a tier whose minimum equals U·(1 − d), or the proposed commit, exactly, qualifies', () => {
    // U = 1,000 × (1,000×5 + 100×25)/1e6 × 8 months = 60; the 10% tier needs 54 = 60 × 0.9 exactly: it qualifies,
    // and its cap (the next tier's minimum 55, less 1) is 54 too, so the recommendation is 54 at 10%. The 20% tier
    // at 55, one dollar above, is not reached (48 < 55): its row commits its minimum. A proposal of exactly 54
    // earns the 10%; the baseline-sized amount (no levers: B = U) and the lowest payment (max(54, 54) = 54, below
    // 55 and 60) are the same 54 at 10%, so all of them are one option; no commitment stays apart.
    const r = request(
      [
        {
          name: 'w',
          model: 'claude-opus-4-5',
          requestsPerMonth: '1000',
          inputTokensPerRequest: '1000',
          outputTokensPerRequest: '100',
          userWaiting: true,
        },
      ],
      [],
      8,
      {
        discountTiers: [
          { minCommit: dec('55'), discountRate: dec('0.2') },
          { minCommit: dec('54'), discountRate: dec('0.1') },
        ],
        proposedCommit: dec('54'),
      },
    )
    check(r, TEST_BOOK)
    const p = previewPlan(r, TEST_BOOK)
    expect([p.recommendation.commit, p.recommendation.discountRate]).toEqual(['54', '0.100000'])
    expect(p.options.map((o) => [o.kinds.join(','), o.commit, o.discountRate, o.tier])).toEqual([
      ['recommended,tier,proposed,baseline,lowestExpectedPayment', '54', '0.100000', 1],
      ['tier', '55', '0.200000', 2],
      ['noCommitment', '0', '0.000000', 0],
    ])
  })

  it('a commitment of exactly U·(1 − d) with U of 27 decimals is consumed exactly', () => {
    // Tier minimums are whole dollars now, so the boundary checked with a U of more than 20 decimals is the one
    // between shortfall and overage: growing 1.24% a month for 8 months, U = 62.669590169080369290044755968
    // (27 decimals). The 10% tier at $56 qualifies (U × 0.9 ≥ 56), so the recommendation is U × 0.9 =
    // 56.4026311521723323610402803712 exactly (the top tier is not capped); a proposal of exactly that amount is the
    // same option (merged), with no shortfall, utilization exactly 1 and nothing stranded — cut to 20 decimals,
    // U × 0.9 would fall short of it. The lowest payment is the tier's minimum: max(56, U × 0.9) pays the same and
    // is the smaller amount.
    const w: WorkloadInput = {
      name: 'w',
      model: 'claude-opus-4-5',
      requestsPerMonth: '1000',
      inputTokensPerRequest: '1000',
      outputTokensPerRequest: '100',
      userWaiting: true,
      monthlyGrowthRate: '0.0124',
    }
    const r = request([w], [], 8, {
      discountTiers: [{ minCommit: dec('56'), discountRate: dec('0.1') }],
      proposedCommit: dec('56.4026311521723323610402803712'),
    })
    const o = oraclePlan(ORACLE_40, r, TEST_BOOK)
    expect(o.optimized.termSpend.toString()).toBe('62.669590169080369290044755968')
    const rec = o.options[0]!
    expect(rec.kinds).toEqual(['recommended', 'tier', 'proposed', 'baseline'])
    expect([
      rec.commit.toString(),
      rec.shortfallProbability.toString(),
      rec.expectedUtilization?.toString(),
    ]).toEqual(['56.4026311521723323610402803712', '0', '1'])
    expect(o.options.map((x) => [x.kinds.join(','), x.commit.toString()])).toEqual([
      ['recommended,tier,proposed,baseline', '56.4026311521723323610402803712'],
      ['lowestExpectedPayment', '56'],
      ['noCommitment', '0'],
    ])
    const u = computePlan(r, TEST_BOOK).options[0]!
    expect([
      u.kinds,
      u.commit.toString(),
      u.shortfallProbability.toString(),
      u.expectedStranded.toString(),
    ]).toEqual([['recommended', 'tier', 'proposed', 'baseline'], '56.4026311521723323610402803712', '0', '0'])
    const p = previewPlan(r, TEST_BOOK)
    expect([
      p.recommendation.commit,
      p.recommendation.discountRate,
      p.recommendation.expectedUtilization,
    ]).toEqual(['56', '0.100000', '1.000000'])
  })
})
