import { type CalendarDate, formatIsoDate, parseIsoDate, termEndDate } from './calendar.js'
import {
  ISSUE_CODES,
  type IssueCode,
  issueMessage,
  MESSAGES,
  PlanValidationError,
  type ValidationIssue,
} from './errors.js'
import { ENGINE_LIMITS } from './limits.js'
import { unknownModelMessage } from './model-suggestions.js'
import { Decimal, ONE, ZERO } from './money.js'
import type {
  CacheTtl,
  CommitmentSpec,
  DiscountTier,
  InferenceGeo,
  Lever,
  LeverSpec,
  OverageBilling,
  PlanRequest,
  WorkloadSpec,
} from './plan-request.js'
import { LEVERS } from './plan-request.js'
import { findModel, type ModelPrice, type PriceBook } from './price-book.js'

// The engine's limits are written once, in limits.ts (the HTTP edge imports the same values); these names
// stay for the engine's public surface (index.ts).
/** Longest term accepted, in months (ten years). */
export const MAX_TERM_MONTHS = ENGINE_LIMITS.maxTermMonths
/** Largest |startMonth| and longest ramp accepted, in months (a century). */
export const MAX_LEVER_MONTHS = ENGINE_LIMITS.maxLeverMonths
/** Longest adoption slip accepted, in months (as long as the longest term). */
export const MAX_SLIP_MONTHS = ENGINE_LIMITS.maxSlipMonths
/**
 * Most Monte Carlo runs accepted. The design asks only for "an integer ≥ 1"; an upper bound keeps one request from
 * occupying a CPU for minutes (100,000 runs of a 120-month term take well under a second).
 */
export const MAX_SIMULATIONS = ENGINE_LIMITS.maxSimulations
/** Largest seed: pure-rand's xoroshiro128+ is seeded with a 32-bit integer, so larger seeds would collide. */
export const MAX_SEED = ENGINE_LIMITS.maxSeed

/**
 * The question of the waiting test, which `userWaiting` answers: it decides whether a workload may move to
 * batch (half price, answered within 24 hours). Shared with the HTTP edge's wording of the same field.
 */
export const WAITING_TEST_QUESTION = 'is anyone waiting on this result the instant it is produced?'

/** What a missing or unusable `userWaiting` is told: which test it is, and the question itself. */
function waitingTestMessage(value: unknown): string {
  const sent = value === undefined || value === null ? '' : `, not "${String(value)}"`
  return `userWaiting is the waiting test and must be answered true or false${sent}: ${WAITING_TEST_QUESTION} Send true or false.`
}

/** The rule of `adoptionSlipMonths`, with the limit of limits.ts (the sentence of errors.ts predates it). */
const INVALID_SLIP_SENTENCE = `adoptionSlipMonths must be a whole number of months between 0 and ${MAX_SLIP_MONTHS}`

/** Defaults of the commitment block (docs/cost-model.md, the commitment model). */
export const COMMITMENT_DEFAULTS = {
  confidence: new Decimal('0.9'),
  simulations: 2000,
  seed: 1,
  overage: 'discounted' as OverageBilling,
}

/** A workload after validation: models resolved, every default applied. */
export interface ValidWorkload {
  /** Position in the request (for pointers and stable ordering). */
  index: number
  name: string
  kind: string | null
  model: ModelPrice
  /** The routing target, or null when the workload has none. */
  routeToModel: ModelPrice | null
  requestsPerMonth: Decimal
  inputTokens: Decimal
  outputTokens: Decimal
  prefixTokens: Decimal
  /** 0 when the workload does not cache today. */
  currentHitRate: Decimal
  /** null when the caching lever changes nothing. */
  targetHitRate: Decimal | null
  cacheTtl: CacheTtl
  userWaiting: boolean
  currentBatchShare: Decimal
  targetBatchShare: Decimal
  /** 0 when the workload has no routing target. */
  routableShare: Decimal
  growthRate: Decimal
  inferenceGeo: InferenceGeo
  observedMonthlySpend: Decimal | null
}

/** Commitment settings after validation, every default applied, per-lever settings spelled out for every lever. */
export interface ValidCommitment {
  confidence: Decimal
  proposedCommit: Decimal | null
  overage: OverageBilling
  tiers: readonly DiscountTier[]
  growthStdDev: Decimal
  adoptionSlipMonths: Readonly<Record<Lever, number>>
  minRealization: Readonly<Record<Lever, Decimal>>
  simulations: number
  seed: number
}

/** A plan request that passed validation, normalized for the engine. */
export interface ValidPlan {
  termStart: CalendarDate
  months: number
  /** The term's last day, `YYYY-MM-DD`. */
  termEnd: string
  levers: readonly LeverSpec[]
  workloads: readonly ValidWorkload[]
  commitment: ValidCommitment
}

/**
 * Validates a plan request against a price book and normalizes it (models resolved with {@link findModel},
 * so aliases work; defaults applied). Every impossible input is collected first; if there is any, one
 * {@link PlanValidationError} carrying all of them is thrown.
 *
 * Beyond the design's list it also rejects: values that are not finite decimals, an unknown lever, an empty
 * workload name, enum values outside their set, a negative observed spend, a seed that is not a 32-bit unsigned
 * integer, more than {@link MAX_SIMULATIONS} runs, ramps longer than {@link MAX_LEVER_MONTHS} and slips longer than
 * {@link MAX_SLIP_MONTHS}. An empty portfolio is valid (every figure is zero).
 *
 * An unknown model's issue names the book (by slug when it has one) and suggests its nearest model names
 * (`suggestModels`).
 */
export function validatePlanRequest(request: PlanRequest, book: ValidationBook): ValidPlan {
  const v = new Validator(book)
  const plan = v.plan(request)
  if (v.issues.length > 0) throw new PlanValidationError(v.issues)
  return plan
}

/** What validation reads of a price book: its models, and its slug or name to word messages with. */
export type ValidationBook = Pick<PriceBook, 'models'> & Partial<Pick<PriceBook, 'slug' | 'name'>>

/** Escapes one RFC 6901 reference token. */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1')
}

function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value) && (value as Decimal).isFinite()
}

/** Our own Decimal clone, converting another decimal.js instance (never a float) when needed. */
function own(value: Decimal): Decimal {
  return value instanceof Decimal ? value : new Decimal(value)
}

const TTLS: readonly CacheTtl[] = ['5m', '1h']
const GEOS: readonly InferenceGeo[] = ['global', 'us']
const OVERAGES: readonly OverageBilling[] = ['discounted', 'list']

class Validator {
  readonly issues: ValidationIssue[] = []
  private readonly models = new Map<string, ModelPrice | undefined>()
  // A portfolio may name one unknown model in thousands of workloads: its suggestions are looked for once.
  private readonly unknownModels = new Map<string, string>()

  constructor(private readonly book: ValidationBook) {}

  add(pointer: string, code: IssueCode, sentence: string, value: unknown): void {
    this.issues.push({ pointer, code, message: issueMessage(sentence, value) })
  }

  model(name: unknown): ModelPrice | undefined {
    if (typeof name !== 'string') return undefined
    if (!this.models.has(name)) this.models.set(name, findModel(this.book, name))
    return this.models.get(name)
  }

  /** An unknown model: the book's nearest names when a name was given, the rule's sentence otherwise. */
  unknownModel(pointer: string, name: unknown, sentence: string): void {
    if (typeof name !== 'string' || name.trim() === '') {
      this.add(pointer, ISSUE_CODES.UNKNOWN_MODEL, sentence, name)
      return
    }
    let message = this.unknownModels.get(name)
    if (message === undefined) {
      message = unknownModelMessage(this.book, name)
      this.unknownModels.set(name, message)
    }
    this.issues.push({ pointer, code: ISSUE_CODES.UNKNOWN_MODEL, message })
  }

  /** A required decimal; returns it, or undefined (with an issue) when it is missing or not finite. */
  decimal(pointer: string, value: unknown): Decimal | undefined {
    if (isDecimal(value)) return own(value)
    this.add(pointer, ISSUE_CODES.NOT_A_DECIMAL, MESSAGES.NOT_A_DECIMAL, value)
    return undefined
  }

  /** An optional decimal: null/undefined gives the fallback, anything else must be finite. */
  optionalDecimal(pointer: string, value: unknown, fallback: Decimal | null): Decimal | null | undefined {
    if (value === null || value === undefined) return fallback
    return this.decimal(pointer, value)
  }

  nonNegative(pointer: string, value: Decimal | null | undefined, sentence: string): void {
    if (value?.isNegative() && !value.isZero()) this.add(pointer, ISSUE_CODES.NEGATIVE_VALUE, sentence, value)
  }

  unitInterval(pointer: string, value: Decimal | null | undefined, sentence: string): void {
    if (value && (value.lt(ZERO) || value.gt(ONE)))
      this.add(pointer, ISSUE_CODES.RATE_OUT_OF_RANGE, sentence, value)
  }

  integerIn(value: unknown, min: number, max: number): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
  }

  plan(request: PlanRequest): ValidPlan {
    const term = request?.term
    const termStart = parseIsoDate(term?.start)
    if (!termStart) this.add('/term/start', ISSUE_CODES.INVALID_DATE, MESSAGES.INVALID_DATE, term?.start)
    const monthsOk = this.integerIn(term?.months, 1, MAX_TERM_MONTHS)
    if (!monthsOk)
      this.add('/term/months', ISSUE_CODES.INVALID_TERM_MONTHS, MESSAGES.INVALID_TERM_MONTHS, term?.months)
    const months = monthsOk ? term.months : 1
    const start = termStart ?? { year: 2000, month: 1, day: 1 }

    const levers = this.levers(Array.isArray(request?.levers) ? request.levers : [])
    const names = new Set<string>()
    const workloads = (Array.isArray(request?.workloads) ? request.workloads : []).map((w, i) =>
      this.workload(w, i, names),
    )
    const commitment = this.commitment(request?.commitment ?? null)
    return {
      termStart: start,
      months,
      termEnd: formatIsoDate(termEndDate(start, months)),
      levers,
      workloads: workloads.filter((w): w is ValidWorkload => w !== null),
      commitment,
    }
  }

  levers(specs: readonly LeverSpec[]): LeverSpec[] {
    const seen = new Set<Lever>()
    const valid: LeverSpec[] = []
    specs.forEach((spec, i) => {
      const at = `/levers/${i}`
      let ok = true
      if (!LEVERS.includes(spec?.lever)) {
        this.add(`${at}/lever`, ISSUE_CODES.UNKNOWN_LEVER, MESSAGES.UNKNOWN_LEVER, spec?.lever)
        ok = false
      } else if (seen.has(spec.lever)) {
        this.add(`${at}/lever`, ISSUE_CODES.DUPLICATE_LEVER, MESSAGES.DUPLICATE_LEVER, spec.lever)
        ok = false
      } else seen.add(spec.lever)
      if (!this.integerIn(spec?.startMonth, -MAX_LEVER_MONTHS, MAX_LEVER_MONTHS)) {
        this.add(
          `${at}/startMonth`,
          ISSUE_CODES.INVALID_START_MONTH,
          MESSAGES.INVALID_START_MONTH,
          spec?.startMonth,
        )
        ok = false
      }
      if (!this.integerIn(spec?.rampMonths, 0, MAX_LEVER_MONTHS)) {
        this.add(`${at}/rampMonths`, ISSUE_CODES.INVALID_RAMP, MESSAGES.INVALID_RAMP, spec?.rampMonths)
        ok = false
      }
      if (ok) valid.push({ lever: spec.lever, startMonth: spec.startMonth, rampMonths: spec.rampMonths })
    })
    return valid
  }

  workload(w: WorkloadSpec, i: number, names: Set<string>): ValidWorkload | null {
    const at = `/workloads/${i}`
    const before = this.issues.length
    if (typeof w?.name !== 'string' || w.name.trim() === '') {
      this.add(`${at}/name`, ISSUE_CODES.EMPTY_NAME, MESSAGES.EMPTY_NAME, w?.name)
    } else if (names.has(w.name)) {
      this.add(`${at}/name`, ISSUE_CODES.DUPLICATE_WORKLOAD_NAME, MESSAGES.DUPLICATE_WORKLOAD_NAME, w.name)
    } else names.add(w.name)

    const model = this.model(w?.model)
    if (!model) this.unknownModel(`${at}/model`, w?.model, MESSAGES.UNKNOWN_MODEL)
    const hasRoute = w?.routeToModel !== null && w?.routeToModel !== undefined
    const routeToModel = hasRoute ? this.model(w.routeToModel) : undefined
    if (hasRoute && !routeToModel) {
      this.unknownModel(`${at}/routeToModel`, w.routeToModel, MESSAGES.UNKNOWN_ROUTE_TARGET)
    }

    const requests = this.decimal(`${at}/requestsPerMonth`, w?.requestsPerMonth)
    this.nonNegative(`${at}/requestsPerMonth`, requests, MESSAGES.NEGATIVE_VOLUME)
    const input = this.decimal(`${at}/inputTokensPerRequest`, w?.inputTokensPerRequest)
    this.nonNegative(`${at}/inputTokensPerRequest`, input, MESSAGES.NEGATIVE_TOKENS)
    const output = this.decimal(`${at}/outputTokensPerRequest`, w?.outputTokensPerRequest)
    this.nonNegative(`${at}/outputTokensPerRequest`, output, MESSAGES.NEGATIVE_TOKENS)
    const prefix = this.optionalDecimal(`${at}/cacheablePrefixTokens`, w?.cacheablePrefixTokens, ZERO)
    this.nonNegative(`${at}/cacheablePrefixTokens`, prefix, MESSAGES.NEGATIVE_TOKENS)
    if (prefix && input && !prefix.isNegative() && !input.isNegative() && prefix.gt(input)) {
      this.add(
        `${at}/cacheablePrefixTokens`,
        ISSUE_CODES.PREFIX_EXCEEDS_INPUT,
        MESSAGES.PREFIX_EXCEEDS_INPUT,
        `${prefix.toString()} > ${input.toString()}`,
      )
    }

    const current = this.optionalDecimal(`${at}/currentCacheHitRate`, w?.currentCacheHitRate, ZERO)
    this.unitInterval(`${at}/currentCacheHitRate`, current, MESSAGES.HIT_RATE_OUT_OF_RANGE)
    const target = this.optionalDecimal(`${at}/targetCacheHitRate`, w?.targetCacheHitRate, null)
    this.unitInterval(`${at}/targetCacheHitRate`, target, MESSAGES.HIT_RATE_OUT_OF_RANGE)

    const ttl = w?.cacheTtl ?? '5m'
    if (!TTLS.includes(ttl))
      this.add(`${at}/cacheTtl`, ISSUE_CODES.INVALID_OPTION, MESSAGES.INVALID_CACHE_TTL, ttl)
    const geo = w?.inferenceGeo ?? 'global'
    if (!GEOS.includes(geo)) {
      this.add(`${at}/inferenceGeo`, ISSUE_CODES.INVALID_OPTION, MESSAGES.INVALID_INFERENCE_GEO, geo)
    }
    if (typeof w?.userWaiting !== 'boolean') {
      this.issues.push({
        pointer: `${at}/userWaiting`,
        code: ISSUE_CODES.INVALID_OPTION,
        message: waitingTestMessage(w?.userWaiting),
      })
    }

    const currentBatch = this.optionalDecimal(`${at}/currentBatchShare`, w?.currentBatchShare, ZERO)
    this.unitInterval(`${at}/currentBatchShare`, currentBatch, MESSAGES.SHARE_OUT_OF_RANGE)
    const targetBatch = this.optionalDecimal(
      `${at}/targetBatchShare`,
      w?.targetBatchShare,
      w?.userWaiting === false ? ONE : ZERO,
    )
    this.unitInterval(`${at}/targetBatchShare`, targetBatch, MESSAGES.SHARE_OUT_OF_RANGE)

    const hasShare = w?.routableShare !== null && w?.routableShare !== undefined
    const routable = this.optionalDecimal(`${at}/routableShare`, w?.routableShare, ZERO)
    this.unitInterval(`${at}/routableShare`, routable, MESSAGES.SHARE_OUT_OF_RANGE)
    if (hasRoute && !hasShare) {
      this.add(
        `${at}/routableShare`,
        ISSUE_CODES.ROUTING_INCOMPLETE,
        MESSAGES.ROUTE_WITHOUT_SHARE,
        w.routableShare,
      )
    }
    if (hasShare && !hasRoute) {
      this.add(
        `${at}/routeToModel`,
        ISSUE_CODES.ROUTING_INCOMPLETE,
        MESSAGES.SHARE_WITHOUT_ROUTE,
        w.routeToModel,
      )
    }

    const growth = this.optionalDecimal(`${at}/monthlyGrowthRate`, w?.monthlyGrowthRate, ZERO)
    if (growth?.lte(-1)) {
      this.add(
        `${at}/monthlyGrowthRate`,
        ISSUE_CODES.GROWTH_RATE_TOO_LOW,
        MESSAGES.GROWTH_RATE_TOO_LOW,
        growth,
      )
    }
    const observed = this.optionalDecimal(`${at}/observedMonthlySpend`, w?.observedMonthlySpend, null)
    this.nonNegative(`${at}/observedMonthlySpend`, observed, MESSAGES.NEGATIVE_SPEND)

    if (this.issues.length > before) return null
    return {
      index: i,
      name: w.name,
      kind: w.kind ?? null,
      model: model!,
      routeToModel: routeToModel ?? null,
      requestsPerMonth: requests!,
      inputTokens: input!,
      outputTokens: output!,
      prefixTokens: prefix!,
      currentHitRate: current!,
      targetHitRate: target ?? null,
      cacheTtl: ttl,
      userWaiting: w.userWaiting,
      currentBatchShare: currentBatch!,
      targetBatchShare: targetBatch!,
      routableShare: hasRoute ? routable! : ZERO,
      growthRate: growth!,
      inferenceGeo: geo,
      observedMonthlySpend: observed ?? null,
    }
  }

  commitment(spec: CommitmentSpec | null): ValidCommitment {
    const at = '/commitment'
    const confidence = this.optionalDecimal(
      `${at}/confidence`,
      spec?.confidence,
      COMMITMENT_DEFAULTS.confidence,
    )
    if (confidence && (confidence.lte(ZERO) || confidence.gte(ONE))) {
      this.add(
        `${at}/confidence`,
        ISSUE_CODES.CONFIDENCE_OUT_OF_RANGE,
        MESSAGES.CONFIDENCE_OUT_OF_RANGE,
        confidence,
      )
    }
    const proposed = this.optionalDecimal(`${at}/proposedCommit`, spec?.proposedCommit, null)
    this.nonNegative(`${at}/proposedCommit`, proposed, MESSAGES.NEGATIVE_COMMIT)
    const overage = spec?.overage ?? COMMITMENT_DEFAULTS.overage
    if (!OVERAGES.includes(overage)) {
      this.add(`${at}/overage`, ISSUE_CODES.INVALID_OPTION, MESSAGES.INVALID_OVERAGE, overage)
    }
    const tiers: DiscountTier[] = []
    ;(Array.isArray(spec?.discountTiers) ? spec.discountTiers : []).forEach((tier, i) => {
      const minCommit = this.decimal(`${at}/discountTiers/${i}/minCommit`, tier?.minCommit)
      this.nonNegative(`${at}/discountTiers/${i}/minCommit`, minCommit, MESSAGES.NEGATIVE_COMMIT)
      const rate = this.decimal(`${at}/discountTiers/${i}/discountRate`, tier?.discountRate)
      if (rate && (rate.isNegative() || rate.gte(ONE)) && !rate.isZero()) {
        this.add(
          `${at}/discountTiers/${i}/discountRate`,
          ISSUE_CODES.DISCOUNT_OUT_OF_RANGE,
          MESSAGES.DISCOUNT_OUT_OF_RANGE,
          rate,
        )
      }
      if (minCommit && rate) tiers.push({ minCommit, discountRate: rate })
    })
    const simulations = spec?.simulations ?? COMMITMENT_DEFAULTS.simulations
    if (!this.integerIn(simulations, 1, MAX_SIMULATIONS)) {
      this.add(
        `${at}/simulations`,
        ISSUE_CODES.INVALID_SIMULATIONS,
        MESSAGES.INVALID_SIMULATIONS,
        simulations,
      )
    }
    const seed = spec?.seed ?? COMMITMENT_DEFAULTS.seed
    if (!this.integerIn(seed, 0, MAX_SEED))
      this.add(`${at}/seed`, ISSUE_CODES.INVALID_SEED, MESSAGES.INVALID_SEED, seed)

    const u = spec?.uncertainty ?? null
    const ua = `${at}/uncertainty`
    const growthStdDev = this.optionalDecimal(`${ua}/growthStdDev`, u?.growthStdDev, ZERO)
    this.nonNegative(`${ua}/growthStdDev`, growthStdDev, MESSAGES.NEGATIVE_STD_DEV)
    const slip = this.perLever(`${ua}/adoptionSlipMonths`, u?.adoptionSlipMonths, 0, (pointer, value) => {
      if (this.integerIn(value, 0, MAX_SLIP_MONTHS)) return value
      this.add(pointer, ISSUE_CODES.INVALID_SLIP, INVALID_SLIP_SENTENCE, value)
      return 0
    })
    const realization = this.perLever(`${ua}/minRealization`, u?.minRealization, ONE, (pointer, value) => {
      const d = this.decimal(pointer, value)
      this.unitInterval(pointer, d, MESSAGES.REALIZATION_OUT_OF_RANGE)
      return d ?? ONE
    })
    return {
      confidence: confidence ?? COMMITMENT_DEFAULTS.confidence,
      proposedCommit: proposed ?? null,
      overage,
      tiers,
      growthStdDev: growthStdDev ?? ZERO,
      adoptionSlipMonths: slip,
      minRealization: realization,
      simulations,
      seed,
    }
  }

  /** A setting given once for every lever or per lever (missing levers take the fallback). */
  perLever<T>(
    pointer: string,
    value: unknown,
    fallback: T,
    read: (pointer: string, value: unknown) => T,
  ): Record<Lever, T> {
    const out = { routing: fallback, caching: fallback, batch: fallback }
    if (value === null || value === undefined) return out
    if (typeof value === 'object' && !Decimal.isDecimal(value)) {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const at = `${pointer}/${pointerToken(key)}`
        if (!LEVERS.includes(key as Lever))
          this.add(at, ISSUE_CODES.UNKNOWN_LEVER, MESSAGES.UNKNOWN_LEVER, key)
        else if (item !== null && item !== undefined) out[key as Lever] = read(at, item)
      }
      return out
    }
    const all = read(pointer, value)
    return { routing: all, caching: all, batch: all }
  }
}
