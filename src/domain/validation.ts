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
  CommitmentStructure,
  DiscountTier,
  InferenceGeo,
  Lever,
  LeverSpec,
  OverageBilling,
  PlanRequest,
  WorkloadSpec,
} from './plan-request.js'
import { COMMITMENT_STRUCTURES, LEVERS } from './plan-request.js'
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

/** "1 amount", "3 amounts". */
function amountCount(n: number): string {
  return `${n} ${n === 1 ? 'amount' : 'amounts'}`
}

/**
 * The rule of `proposedCommitByYear`'s length, with the term's own contract years when its length is known:
 * "… this 30-month term has 3 contract years (2 of 12 months, then one of 6 months), so send 3 amounts".
 */
function contractYearsSentence(termMonths: number | null): string {
  if (termMonths === null) return MESSAGES.COMMIT_BY_YEAR_COUNT_MISMATCH
  const years = Math.ceil(termMonths / 12)
  const last = termMonths - 12 * (years - 1)
  const shape =
    years === 1
      ? `1 contract year (of ${termMonths} ${termMonths === 1 ? 'month' : 'months'})`
      : last === 12
        ? `${years} contract years of 12 months`
        : `${years} contract years (${years - 1} of 12 months, then one of ${last} ${last === 1 ? 'month' : 'months'})`
  return `${MESSAGES.COMMIT_BY_YEAR_COUNT_MISMATCH}; this ${termMonths}-month term has ${shape}, so send ${amountCount(years)}`
}

/** The rule of `adoptionSlipMonths`, with the limit of limits.ts (the sentence of errors.ts predates it). */
const INVALID_SLIP_SENTENCE = `adoptionSlipMonths must be a whole number of months between 0 and ${MAX_SLIP_MONTHS}`

/** Defaults of the commitment block (docs/cost-model.md, the commitment model). */
export const COMMITMENT_DEFAULTS = {
  confidence: new Decimal('0.9'),
  simulations: 2000,
  seed: 1,
  overage: 'discounted' as OverageBilling,
  structure: 'term' as CommitmentStructure,
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
  /**
   * The proposed commitment, a term total: as given, or the sum of `proposedCommitByYear` when only that is
   * given (when both are, they are equal); null when neither is.
   */
  proposedCommit: Decimal | null
  overage: OverageBilling
  /** `term` (default): one amount for the whole term; `annual`: one per contract year. */
  structure: CommitmentStructure
  /**
   * The proposed commitment of each contract year, year 1 first — exactly one per contract year, each ≥ 0;
   * only under `annual`. Null when not given.
   */
  proposedCommitByYear: Decimal[] | null
  /**
   * The tiers sorted by ascending `minCommit`: whole-dollar minimums above 0, no two equal, each discount above
   * the one below it.
   */
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
  /**
   * The successor the price book names for a model the workloads use (as `model` or `routeToModel`), for each
   * such model whose `successor` the book holds; `MODEL_RETIRING` names it.
   */
  successors: ReadonlyMap<ModelPrice, ModelPrice>
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
 *
 * US-only inference (`inferenceGeo: 'us'`) on a model, or on a routing target (whether or not the routing lever
 * is listed), whose book entry has no `dataResidencyMultiplier` is an `INFERENCE_GEO_UNAVAILABLE` issue at
 * `/workloads/i/inferenceGeo` — one per such model, naming it as the request gave it (alias or dated id) and
 * saying to use `global` or a model that offers US-only inference — rather than a request priced as global:
 * the provider's API refuses it.
 */
export function validatePlanRequest(request: PlanRequest, book: ValidationBook): ValidPlan {
  const v = new Validator(book)
  const plan = v.plan(request, WHOLE_REQUEST)
  if (v.issues.length > 0) throw new PlanValidationError(v.issues)
  return plan
}

/**
 * A contiguous run of a plan's workloads (a shard of a large plan, validated and projected on its own thread):
 * `request.workloads` holds only these, the workloads `offset`, `offset + 1`, … of the whole request.
 */
export interface WorkloadSlice {
  /** Index in the whole request of the slice's first workload: issues point at `/workloads/{offset + i}/…`. */
  offset: number
  /**
   * The names of the workloads before the slice as validation records them ({@link validatedNames}), so that a
   * name repeating one of an earlier slice is the same `DUPLICATE_WORKLOAD_NAME` issue as in the whole request.
   */
  namesBefore: Iterable<string>
}

const WHOLE_REQUEST: WorkloadSlice = { offset: 0, namesBefore: [] }

/**
 * A plan's validation issues in three runs, each in the order {@link validatePlanRequest} reports them: the term
 * and the levers, the workloads, and the commitment. A request split into slices has every issue of the whole
 * request as the head and tail of any slice (they do not depend on the workloads) around the slices' workload
 * issues in slice order.
 */
export interface PlanIssues {
  head: ValidationIssue[]
  workloads: ValidationIssue[]
  tail: ValidationIssue[]
}

/**
 * {@link validatePlanRequest} of one slice of the workloads (see {@link WorkloadSlice}), without throwing: the plan
 * (its workloads those of the slice, each with its index in the whole request; `successors` those of the slice's
 * models) and the issues found, empty when there are none.
 */
export function validatePlanSlice(
  request: PlanRequest,
  book: ValidationBook,
  slice: WorkloadSlice,
): { plan: ValidPlan; issues: PlanIssues } {
  const v = new Validator(book)
  const plan = v.plan(request, slice)
  const [head, workloads] = v.marks
  return {
    plan,
    issues: {
      head: v.issues.slice(0, head),
      workloads: v.issues.slice(head, workloads),
      tail: v.issues.slice(workloads),
    },
  }
}

/**
 * The names validation records from a run of workloads for the duplicate-name check: each name that is a string
 * with something besides white space, in order (repeats included).
 */
export function validatedNames(workloads: readonly WorkloadSpec[]): string[] {
  const names: string[] = []
  for (const w of workloads) if (typeof w?.name === 'string' && w.name.trim() !== '') names.push(w.name)
  return names
}

/**
 * The successor the book names for each model the workloads use (as `model` or `routeToModel`), for every such
 * model whose `successor` the book holds ({@link ValidPlan.successors}).
 */
export function modelSuccessors(
  book: Pick<PriceBook, 'models'>,
  workloads: Iterable<Pick<ValidWorkload, 'model' | 'routeToModel'>>,
): Map<ModelPrice, ModelPrice> {
  const out = new Map<ModelPrice, ModelPrice>()
  const found = new Map<string, ModelPrice | undefined>()
  for (const w of workloads) {
    for (const used of [w.model, w.routeToModel]) {
      if (!used?.successor || out.has(used)) continue
      if (!found.has(used.successor)) found.set(used.successor, findModel(book, used.successor))
      const successor = found.get(used.successor)
      if (successor && successor !== used) out.set(used, successor)
    }
  }
  return out
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
  /** Where the workloads' issues start and end in {@link issues}, once {@link plan} has run. */
  marks: [number, number] = [0, 0]
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

  /**
   * US-only inference on a model (or routing target) whose book entry has no residency multiplier: the
   * provider's API refuses the request, so it is an issue at `inferenceGeo`, naming the model as the request
   * gave it (alias or dated id) and the book, and saying how to fix it.
   */
  usInference(at: string, role: 'model' | 'routing target', name: string): void {
    const label = this.book.slug ?? this.book.name
    const where = label === undefined ? 'in the price book' : `in price book '${label}'`
    this.issues.push({
      pointer: `${at}/inferenceGeo`,
      code: ISSUE_CODES.INFERENCE_GEO_UNAVAILABLE,
      message: `${role} '${name}' offers no US-only inference ${where} (it has no dataResidencyMultiplier); ${MESSAGES.US_INFERENCE_FIX}`,
    })
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

  plan(request: PlanRequest, slice: WorkloadSlice): ValidPlan {
    const term = request?.term
    const termStart = parseIsoDate(term?.start)
    if (!termStart) this.add('/term/start', ISSUE_CODES.INVALID_DATE, MESSAGES.INVALID_DATE, term?.start)
    const monthsOk = this.integerIn(term?.months, 1, MAX_TERM_MONTHS)
    if (!monthsOk)
      this.add('/term/months', ISSUE_CODES.INVALID_TERM_MONTHS, MESSAGES.INVALID_TERM_MONTHS, term?.months)
    const months = monthsOk ? term.months : 1
    const start = termStart ?? { year: 2000, month: 1, day: 1 }

    const levers = this.levers(Array.isArray(request?.levers) ? request.levers : [])
    const names = new Set<string>(slice.namesBefore)
    const workloadsFrom = this.issues.length
    const workloads = (Array.isArray(request?.workloads) ? request.workloads : []).map((w, i) =>
      this.workload(w, slice.offset + i, names),
    )
    this.marks = [workloadsFrom, this.issues.length]
    const commitment = this.commitment(request?.commitment ?? null, monthsOk ? months : null)
    const valid = workloads.filter((w): w is ValidWorkload => w !== null)
    return {
      termStart: start,
      months,
      termEnd: formatIsoDate(termEndDate(start, months)),
      levers,
      workloads: valid,
      commitment,
      successors: modelSuccessors(this.book, valid),
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
    if (geo === 'us') {
      // The routing target is checked whether or not the routing lever is listed, as MODEL_RETIRING does.
      if (model && model.dataResidencyMultiplier === null) this.usInference(at, 'model', w.model)
      if (routeToModel && routeToModel.dataResidencyMultiplier === null)
        this.usInference(at, 'routing target', w.routeToModel as string)
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

  /**
   * The commitment settings (§3.5, §3.7). `termMonths` is the term's length when it is valid (null otherwise:
   * the number of contract years `proposedCommitByYear` must match is then unknown, and not checked).
   */
  commitment(spec: CommitmentSpec | null, termMonths: number | null): ValidCommitment {
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
    const structure = spec?.structure ?? COMMITMENT_DEFAULTS.structure
    if (!COMMITMENT_STRUCTURES.includes(structure)) {
      this.add(`${at}/structure`, ISSUE_CODES.INVALID_OPTION, MESSAGES.INVALID_STRUCTURE, structure)
    }
    const byYear = this.commitByYear(spec?.proposedCommitByYear, spec?.structure, termMonths, proposed)
    const tiers = this.tiers(spec?.discountTiers)
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
      proposedCommit: proposed ?? byYear?.sum ?? null,
      overage,
      structure,
      proposedCommitByYear: byYear?.amounts ?? null,
      tiers,
      growthStdDev: growthStdDev ?? ZERO,
      adoptionSlipMonths: slip,
      minRealization: realization,
      simulations,
      seed,
    }
  }

  /**
   * `proposedCommitByYear` (§3.7): only with `structure: 'annual'`, exactly one amount ≥ 0 per contract year
   * and, when `proposedCommit` is given too, summing to it exactly. Returns the amounts and their sum, or null
   * when the list is absent or one of its amounts is unusable.
   */
  commitByYear(
    value: unknown,
    structure: unknown,
    termMonths: number | null,
    proposed: Decimal | null | undefined,
  ): { amounts: Decimal[]; sum: Decimal } | null {
    if (value === null || value === undefined) return null
    const at = '/commitment/proposedCommitByYear'
    // An unknown structure has its own issue; only a valid one other than 'annual' makes the list out of place.
    if (structure === null || structure === undefined || structure === 'term') {
      const given = structure === 'term' ? "structure 'term'" : "no structure (the default is 'term')"
      this.add(at, ISSUE_CODES.COMMIT_BY_YEAR_NEEDS_ANNUAL, MESSAGES.COMMIT_BY_YEAR_NEEDS_ANNUAL, given)
    }
    if (!Array.isArray(value)) {
      this.add(at, ISSUE_CODES.COMMIT_BY_YEAR_COUNT_MISMATCH, contractYearsSentence(termMonths), value)
      return null
    }
    const amounts = value.map((item, i) => {
      const amount = this.decimal(`${at}/${i}`, item)
      this.nonNegative(`${at}/${i}`, amount, MESSAGES.NEGATIVE_COMMIT_BY_YEAR)
      return amount
    })
    if (termMonths !== null && value.length !== Math.ceil(termMonths / 12)) {
      this.add(
        at,
        ISSUE_CODES.COMMIT_BY_YEAR_COUNT_MISMATCH,
        contractYearsSentence(termMonths),
        amountCount(value.length),
      )
    }
    if (amounts.some((a) => a === undefined || (a.isNegative() && !a.isZero()))) return null
    const valid = amounts as Decimal[]
    const sum = valid.reduce((total, a) => total.plus(a), ZERO)
    if (proposed && !(proposed.isNegative() && !proposed.isZero()) && !proposed.eq(sum)) {
      this.add(
        '/commitment/proposedCommit',
        ISSUE_CODES.PROPOSED_COMMIT_NOT_SUM,
        `${MESSAGES.PROPOSED_COMMIT_NOT_SUM}, which is ${sum.toFixed()}: send proposedCommit "${sum.toFixed()}", ` +
          'or leave it out (the sum is then the proposed commitment), or correct the yearly amounts',
        proposed.toFixed(),
      )
    }
    return { amounts: valid, sum }
  }

  /**
   * The discount tiers (§3.5), returned sorted by ascending `minCommit`. Each minimum must be a whole-dollar
   * amount above 0 and each discount at least 0 and below 1; then, in sorted order, no two minimums may be equal
   * and each discount must be above every discount below it. A tier with a problem of its own takes no part in
   * the comparisons. Every issue points at the tier by its index in the request, and a conflict names the other
   * tier.
   */
  tiers(specs: unknown): DiscountTier[] {
    const at = '/commitment/discountTiers'
    const parsed: { index: number; minCommit: Decimal; discountRate: Decimal }[] = []
    ;(Array.isArray(specs) ? (specs as Partial<DiscountTier>[]) : []).forEach((tier, i) => {
      const minAt = `${at}/${i}/minCommit`
      const minCommit = this.decimal(minAt, tier?.minCommit)
      let ok = minCommit !== undefined
      if (minCommit && !minCommit.gt(ZERO)) {
        this.add(
          minAt,
          ISSUE_CODES.INVALID_TIER_MINIMUM,
          MESSAGES.TIER_MINIMUM_NOT_POSITIVE,
          minCommit.toFixed(),
        )
        ok = false
      } else if (minCommit && !minCommit.isInteger()) {
        this.add(
          minAt,
          ISSUE_CODES.INVALID_TIER_MINIMUM,
          MESSAGES.TIER_MINIMUM_NOT_WHOLE_DOLLARS,
          minCommit.toFixed(),
        )
        ok = false
      }
      const rateAt = `${at}/${i}/discountRate`
      const rate = this.decimal(rateAt, tier?.discountRate)
      if (rate && (rate.isNegative() || rate.gte(ONE)) && !rate.isZero()) {
        this.add(rateAt, ISSUE_CODES.DISCOUNT_OUT_OF_RANGE, MESSAGES.DISCOUNT_OUT_OF_RANGE, rate)
        ok = false
      }
      if (ok && minCommit && rate) parsed.push({ index: i, minCommit, discountRate: rate })
    })
    // Equal minimums keep the request's order, so the later one in the request is the one reported.
    parsed.sort((a, b) => a.minCommit.comparedTo(b.minCommit) || a.index - b.index)
    const tiers: DiscountTier[] = []
    let previous: (typeof parsed)[number] | undefined
    // The tier with the highest discount below (the lowest minimum of those that have it).
    let best: (typeof parsed)[number] | undefined
    for (const tier of parsed) {
      const min = tier.minCommit.toFixed()
      const rate = tier.discountRate.toFixed()
      if (previous?.minCommit.eq(tier.minCommit)) {
        this.add(
          `${at}/${tier.index}/minCommit`,
          ISSUE_CODES.DUPLICATE_TIER_MINIMUM,
          `${MESSAGES.DUPLICATE_TIER_MINIMUM}: discountTiers/${previous.index} has this minimum too (minCommit ` +
            `"${min}", discountRate "${previous.discountRate.toFixed()}"); keep one tier per minimum, with the ` +
            'discount the vendor offers at it, or correct one of the minimums',
          min,
        )
        continue
      }
      previous = tier
      if (tier.discountRate.isZero()) {
        // "No commitment" is tier 0 at 0%: a tier must earn more than that, or it buys nothing.
        this.add(
          `${at}/${tier.index}/discountRate`,
          ISSUE_CODES.TIER_DISCOUNT_NOT_INCREASING,
          `${MESSAGES.TIER_DISCOUNT_NOT_INCREASING}: this tier earns 0%, no more than committing nothing; give the ` +
            'discount the vendor offers at this minimum (above 0), or leave the tier out',
          rate,
        )
        continue
      }
      if (best && !tier.discountRate.gt(best.discountRate)) {
        const bestRate = best.discountRate.toFixed()
        this.add(
          `${at}/${tier.index}/discountRate`,
          ISSUE_CODES.TIER_DISCOUNT_NOT_INCREASING,
          `${MESSAGES.TIER_DISCOUNT_NOT_INCREASING}: this tier asks a commitment of at least "${min}", more than ` +
            `discountTiers/${best.index} (minCommit "${best.minCommit.toFixed()}"), yet earns no more than its ` +
            `discountRate "${bestRate}"; raise this tier's discountRate above ${bestRate}, or correct the ` +
            'minimums or discounts of the two tiers',
          rate,
        )
      } else best = tier
      tiers.push({ minCommit: tier.minCommit, discountRate: tier.discountRate })
    }
    return tiers
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
