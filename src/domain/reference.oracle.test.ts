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
import { type DecCtor, type OraclePlan, oraclePlan } from './testing/reference-oracle.js'

/**
 * Differential test: the engine's presented plan (`previewPlan`) against an independent, literal
 * implementation of design §3 (`testing/reference-oracle.ts`), figure by figure, to the cent.
 *
 * Every presented figure is compared as a string. Independently, every unrounded figure of `computePlan` must
 * agree with the oracle's within 1e-15 (relative above 1), and every presented string must be the engine's own
 * unrounded figure rounded once. A presented-string mismatch whose unrounded figures agree within 1e-15 is a
 * rounding tie: tolerated here (and printed, with the oracle re-run at 120 digits), and covered where the exact
 * answer is known by the targeted tests in (c).
 *
 * (a) the §4.1 example on the built-in list prices without uncertainty; (b) generated portfolios on a fixture
 * book; (c) exact ties and near-ties with hand-derived answers.
 */

type Dec = InstanceType<typeof Decimal>
const HIGH = DecimalJs.clone({ precision: 120, rounding: DecimalJs.ROUND_HALF_EVEN }) as unknown as DecCtor
/** Unrounded figures must agree within 1e-15, relative for magnitudes above 1. */
const TIE_TOLERANCE = new Decimal('1e-15')

// ---------------------------------------------------------------------------------------------------------
// Presentation (§3: money to cents HALF_UP, simulated money to whole dollars, rates 6 decimals HALF_UP).

type Kind = 'cents' | 'whole' | 'rate' | 'text'
const places = (kind: Kind): number => (kind === 'cents' ? 2 : kind === 'whole' ? 0 : 6)
/** Rounded once, HALF_UP, exactly as decimal.js prints it (a tiny negative value gives "-0.00"). */
const presentRaw = (kind: Kind, v: Dec): string =>
  new DecimalJs(v.toString()).toFixed(places(kind), DecimalJs.ROUND_HALF_UP)
/** What the oracle presents: the same, but a zero is never signed ("-0.00" is not a sensible money string). */
const present = (kind: Kind, v: Dec): string => presentRaw(kind, v).replace(/^-(0(\.0+)?)$/, '$1')

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
}
interface OptionT<T> {
  kind: string
  commit: T
  discountRate: T
  expectedUtilization: T
  shortfallProbability: T
  expectedStranded: T
  expectedPayment: T
  effectiveSavingsRate: T
}
interface PlanT<T> extends FiguresT<T> {
  workloads: (FiguresT<T> & { name: string })[]
  recommendation: OptionT<T>
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
}

function walkOption<T>(prefix: string, o: OptionT<T>, emit: Emit<T>): void {
  emit(`${prefix}kind`, 'text', o.kind)
  emit(`${prefix}commit`, 'whole', o.commit)
  emit(`${prefix}discountRate`, 'rate', o.discountRate)
  emit(`${prefix}expectedUtilization`, 'rate', o.expectedUtilization)
  emit(`${prefix}shortfallProbability`, 'rate', o.shortfallProbability)
  emit(`${prefix}expectedStranded`, 'whole', o.expectedStranded)
  emit(`${prefix}expectedPayment`, 'whole', o.expectedPayment)
  emit(`${prefix}effectiveSavingsRate`, 'rate', o.effectiveSavingsRate)
}

function walkPlan<T>(p: PlanT<T>, emit: Emit<T>): void {
  walkFigures('', p, emit)
  emit('workloads.length', 'text', p.workloads.length)
  p.workloads.forEach((w, i) => {
    emit(`workloads[${i}].name`, 'text', w.name)
    walkFigures(`workloads[${i}].`, w, emit)
  })
  walkOption('recommendation.', p.recommendation, emit)
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
    recommendation: o.options[0]!,
    options: o.options,
  }
}

// ---------------------------------------------------------------------------------------------------------
// The comparison.

interface Mismatch {
  path: string
  /** What went wrong: the presented strings differ, or the unrounded figures differ beyond 1e-15, or the
   * engine's string is not its own unrounded figure rounded once. */
  what: 'presented' | 'unrounded' | 'presentation'
  engine: string | undefined
  oracle: string | undefined
  engineUnrounded?: string
  oracleUnrounded?: string
  oracleExact?: string
  /** For a tie: which side presents what the 120-digit oracle (snapped to 100 decimals) presents. */
  exactSide?: 'engine' | 'oracle' | 'neither'
}

function asString(kind: Kind, value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (kind === 'text') return String(value)
  if (typeof value === 'string') return value
  return present(kind, value as Dec)
}

const ORACLE_40 = Decimal as unknown as DecCtor

/**
 * Compares the engine with the oracle. Real mismatches: a presented string differs (unless the unrounded
 * figures agree within 1e-15, i.e. a rounding tie — returned separately), an unrounded figure differs beyond
 * 1e-15, a structural field differs, or a presented string is not the engine's own unrounded figure rounded.
 */
function compare(request: PlanRequest, book: PriceBook): { real: Mismatch[]; ties: Mismatch[] } {
  const preview = flatten(previewPlan(request, book) as unknown as PlanT<string>)
  const unrounded = flatten(computePlan(request, book) as unknown as PlanT<Dec>)
  const oracle = flatten(oracleShape(oraclePlan(ORACLE_40, request, book)))
  let exact: Map<string, Entry> | undefined
  const exactValue = (path: string): Dec | undefined => {
    exact ??= flatten(oracleShape(oraclePlan(HIGH, request, book)))
    return exact.get(path)?.value as Dec | undefined
  }
  const real: Mismatch[] = []
  const ties: Mismatch[] = []
  const paths = new Set([...oracle.keys(), ...preview.keys()])
  for (const path of paths) {
    const o = oracle.get(path)
    const e = preview.get(path)
    const u = unrounded.get(path)
    const kind = (o ?? e)!.kind
    const os = o ? asString(kind, o.value) : undefined
    const es = e ? asString(kind, e.value) : undefined
    if (kind === 'text' || !o || !e || !u) {
      if (os !== es) real.push({ path, what: 'presented', engine: es, oracle: os })
      continue
    }
    const ov = o.value as Dec
    const uv = new Decimal((u.value as Dec).toString())
    const detail = () => ({
      path,
      engine: es,
      oracle: os,
      engineUnrounded: uv.toString(),
      oracleUnrounded: ov.toString(),
      oracleExact: exactValue(path)?.toString(),
    })
    // The engine never signs a figure that rounds to zero (money.ts), so compare with the unsigned form.
    if (present(kind, uv) !== es) real.push({ ...detail(), what: 'presentation' })
    const scale = ov.abs().gt(1) ? ov.abs() : new Decimal(1)
    if (uv.minus(ov).abs().gt(TIE_TOLERANCE.mul(scale))) real.push({ ...detail(), what: 'unrounded' })
    else if (os !== es) {
      const x = exactValue(path)
      const xs = x ? present(kind, x.toDecimalPlaces(100)) : undefined
      const exactSide = xs === es ? 'engine' : xs === os ? 'oracle' : 'neither'
      ties.push({ ...detail(), what: 'presented', exactSide })
    }
  }
  return { real, ties }
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

// ---------------------------------------------------------------------------------------------------------
// Reporting.

function describeMismatches(title: string, ms: Mismatch[], limit = 12): string {
  const lines = ms.slice(0, limit).map((m) => {
    const u =
      m.engineUnrounded !== undefined
        ? ` (unrounded engine ${m.engineUnrounded}, oracle ${m.oracleUnrounded}, oracle@120 ${m.oracleExact})`
        : ''
    const side = m.exactSide ? `; exact value presents as the ${m.exactSide}'s` : ''
    return `  [${m.what}] ${m.path}: engine ${m.engine} ≠ oracle ${m.oracle}${u}${side}`
  })
  const more = ms.length > limit ? `\n  … and ${ms.length - limit} more` : ''
  return `${title}: ${ms.length} mismatch(es)\n${lines.join('\n')}${more}`
}

const tiesSeen: { request: string; ties: Mismatch[] }[] = []

function check(request: PlanRequest, book: PriceBook): void {
  const { real, ties } = compare(request, book)
  if (ties.length > 0) tiesSeen.push({ request: JSON.stringify(request), ties })
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

const commitmentArb = fc.option(
  fc.record({
    confidenceMode: fc.nat({ max: 2 }),
    confidenceRaw: fc.integer({ min: 5000, max: 9900 }),
    proposed: fc.option(fc.integer({ min: 0, max: 500_000_000 }), { freq: 2 }),
    overage: fc.constantFrom(undefined, 'discounted' as const, 'list' as const),
    tiers: fc.array(fc.tuple(fc.integer({ min: 0, max: 300_000_000 }), fc.integer({ min: 0, max: 4000 })), {
      maxLength: 4,
    }),
    explicitNoUncertainty: fc.boolean(),
    simulations: fc.constantFrom(undefined, 100, 500),
    seed: fc.integer({ min: 0, max: 1000 }),
  }),
  { freq: 5 },
)

const requestArb = fc
  .record({
    workloads: fc.array(rawWorkloadArb, { minLength: 1, maxLength: 6 }),
    levers: leversArb,
    months: fc.integer({ min: 1, max: 36 }),
    startDay: fc.integer({ min: 1, max: 28 }),
    commitment: commitmentArb,
  })
  .map(({ workloads, levers, months, startDay, commitment }): PlanRequest => {
    const request: PlanRequest = {
      term: { start: `2027-03-${String(startDay).padStart(2, '0')}`, months },
      levers,
      workloads: workloads.map((w, i) => workload(buildWorkload(w, i))),
      commitment: null,
    }
    if (commitment) {
      request.commitment = {
        discountTiers: commitment.tiers.map(([min, rate]) => ({
          // Tier minimums in cents; discounts up to 40% with up to 4 decimals.
          minCommit: dec(scaled(min, 2)),
          discountRate: dec(scaled(rate, 4)),
        })),
        seed: commitment.seed,
      }
      if (commitment.confidenceMode === 1)
        request.commitment.confidence = dec(scaled(commitment.confidenceRaw, 4))
      if (commitment.proposed !== null)
        request.commitment.proposedCommit = dec(scaled(commitment.proposed, 2))
      if (commitment.overage) request.commitment.overage = commitment.overage
      if (commitment.simulations) request.commitment.simulations = commitment.simulations
      if (commitment.explicitNoUncertainty) {
        request.commitment.uncertainty = {
          growthStdDev: dec('0'),
          adoptionSlipMonths: 0,
          minRealization: dec('1'),
        }
      }
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
    if (tiesSeen.length > 0) {
      // Tolerated ties, grouped: which figure, and whose string the exact (120-digit) value presents as.
      const groups = new Map<string, number>()
      for (const t of tiesSeen) {
        for (const m of t.ties) {
          const kind = m.engine?.startsWith('-0.') && /^-0\.0+$/.test(m.engine) ? 'engine signed zero' : 'tie'
          const key = `${m.path.replace(/\[\d+\]/g, '[]')} (${kind}; exact = ${m.exactSide})`
          groups.set(key, (groups.get(key) ?? 0) + 1)
        }
      }
      const lines = [...groups].map(([k, n]) => `  ${n} × ${k}`).join('\n')
      const shown = Number(process.env.ORACLE_SHOW_TIES ?? 1)
      const examples = tiesSeen
        .slice(0, shown)
        .map((t) => `${describeMismatches('example', t.ties)}\nrequest: ${t.request}`)
        .join('\n')
      console.info(`${tiesSeen.length} generated case(s) had tolerated rounding ties:\n${lines}\n${examples}`)
    }
  })
})

// ---------------------------------------------------------------------------------------------------------
// (c) Targeted exact-tie cases. Exact decimal inputs whose exact figures sit on (or within 1e-20 of) a rounding
// boundary: §3 asks for exact arithmetic, rounded once when presenting, so there is exactly one right string.
// Each expected string is derived by hand and must also be what the oracle (at 40 and at 120 digits) presents.

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
        oracle: asString(o.kind, o.value),
        oracle120: asString(o.kind, o120.get(path)!.value),
      }
    }
  }

  it('term totals are rounded once, not first to 20 decimals (a month of $0.004999999999999999999999999)', () => {
    // One request of 999.9999999999999999999998 input tokens on Opus 4.5 ($5/MTok) costs
    // $0.004999999999999999999999999: the month and the one-month term are both "0.00".
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
      expect.soft({ path, ...at(path) }).toEqual({ path, engine: '0.00', oracle: '0.00', oracle120: '0.00' })
    }
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
    // U = 1,000 × (1,000×5 + 100×25)/1e6 × 8 months = 60; the 10% tier needs 54 = 60 × 0.9: recommended 54 at
    // 10%; a proposal of exactly 54 gets the 10% too; the baseline-sized commitment is also 54.
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
          { minCommit: dec('54'), discountRate: dec('0.1') },
          { minCommit: dec('54.000001'), discountRate: dec('0.2') },
        ],
        proposedCommit: dec('54'),
      },
    )
    check(r, TEST_BOOK)
    const p = previewPlan(r, TEST_BOOK)
    expect([p.recommendation.commit, p.recommendation.discountRate]).toEqual(['54', '0.100000'])
    expect(p.options.map((o) => [o.kind, o.commit, o.discountRate])).toEqual([
      ['recommended', '54', '0.100000'],
      ['tier', '54', '0.100000'],
      ['tier', '54', '0.200000'],
      ['proposed', '54', '0.100000'],
      ['baseline', '54', '0.100000'],
    ])
  })

  it('the same boundary holds when U has more than 20 decimals', () => {
    // Growing 1.24% a month for 8 months, U = 62.669590169080369290044755968 (27 decimals); the 10% tier's
    // minimum is exactly U × 0.9 = 56.4026311521723323610402803712, so it qualifies: recommended $56 at 10%.
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
      discountTiers: [{ minCommit: dec('56.4026311521723323610402803712'), discountRate: dec('0.1') }],
    })
    const o = oraclePlan(ORACLE_40, r, TEST_BOOK)
    expect(o.optimized.termSpend.toString()).toBe('62.669590169080369290044755968')
    expect([present('whole', o.options[0]!.commit), present('rate', o.options[0]!.discountRate)]).toEqual([
      '56',
      '0.100000',
    ])
    const p = previewPlan(r, TEST_BOOK)
    expect([p.recommendation.commit, p.recommendation.discountRate]).toEqual(['56', '0.100000'])
  })
})
