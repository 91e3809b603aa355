/**
 * Errors the planning engine raises. They carry stable machine-readable codes; the HTTP layer maps them to
 * RFC 9457 problems (a {@link PlanValidationError} is a 422 with one entry per issue).
 */

/** Base class of every error the engine throws on purpose; `code` is stable across releases. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** One impossible input: where (an RFC 6901 pointer into the plan request), which rule, and a sentence. */
export interface ValidationIssue {
  /** e.g. `/workloads/3/cacheablePrefixTokens`. */
  pointer: string
  /** One of {@link ISSUE_CODES}. */
  code: IssueCode
  /** The rule's {@link MESSAGES} sentence followed by the offending value, quoted. */
  message: string
}

/**
 * Stable issue codes, one per rule. Several rules share a code when they are the same kind of mistake
 * (every share or rate outside [0, 1] is `RATE_OUT_OF_RANGE`); the pointer says which field.
 */
export const ISSUE_CODES = {
  UNKNOWN_MODEL: 'UNKNOWN_MODEL',
  RATE_OUT_OF_RANGE: 'RATE_OUT_OF_RANGE',
  PREFIX_EXCEEDS_INPUT: 'PREFIX_EXCEEDS_INPUT',
  NEGATIVE_VALUE: 'NEGATIVE_VALUE',
  NOT_A_DECIMAL: 'NOT_A_DECIMAL',
  GROWTH_RATE_TOO_LOW: 'GROWTH_RATE_TOO_LOW',
  ROUTING_INCOMPLETE: 'ROUTING_INCOMPLETE',
  UNKNOWN_LEVER: 'UNKNOWN_LEVER',
  DUPLICATE_LEVER: 'DUPLICATE_LEVER',
  INVALID_RAMP: 'INVALID_RAMP',
  INVALID_START_MONTH: 'INVALID_START_MONTH',
  INVALID_TERM_MONTHS: 'INVALID_TERM_MONTHS',
  INVALID_DATE: 'INVALID_DATE',
  DUPLICATE_WORKLOAD_NAME: 'DUPLICATE_WORKLOAD_NAME',
  EMPTY_NAME: 'EMPTY_NAME',
  INVALID_OPTION: 'INVALID_OPTION',
  CONFIDENCE_OUT_OF_RANGE: 'CONFIDENCE_OUT_OF_RANGE',
  DISCOUNT_OUT_OF_RANGE: 'DISCOUNT_OUT_OF_RANGE',
  INVALID_SIMULATIONS: 'INVALID_SIMULATIONS',
  INVALID_SEED: 'INVALID_SEED',
  INVALID_SLIP: 'INVALID_SLIP',
  /** `proposedCommitByYear` given without `structure: 'annual'`. */
  COMMIT_BY_YEAR_NEEDS_ANNUAL: 'COMMIT_BY_YEAR_NEEDS_ANNUAL',
  /** `proposedCommitByYear` without exactly one amount per contract year of the term. */
  COMMIT_BY_YEAR_COUNT_MISMATCH: 'COMMIT_BY_YEAR_COUNT_MISMATCH',
  /** `proposedCommit` given beside `proposedCommitByYear` and not equal to its sum. */
  PROPOSED_COMMIT_NOT_SUM: 'PROPOSED_COMMIT_NOT_SUM',
  /** A tier's `minCommit` that is not a whole-dollar amount above 0. */
  INVALID_TIER_MINIMUM: 'INVALID_TIER_MINIMUM',
  /** Two tiers with the same `minCommit`. */
  DUPLICATE_TIER_MINIMUM: 'DUPLICATE_TIER_MINIMUM',
  /** A tier whose `discountRate` is not above that of every tier with a lower `minCommit`. */
  TIER_DISCOUNT_NOT_INCREASING: 'TIER_DISCOUNT_NOT_INCREASING',
  /**
   * US-only inference (`inferenceGeo: 'us'`) asked of a model, or of a routing target, that offers none (its price
   * book entry has no `dataResidencyMultiplier`): the provider refuses such a request, so it cannot be priced.
   */
  INFERENCE_GEO_UNAVAILABLE: 'INFERENCE_GEO_UNAVAILABLE',
} as const

/** A stable issue code. */
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES]

/**
 * The sentence of every rule, exported so callers and tests can match on them. The issue's final message is
 * the sentence followed by `: got "<value>"` (see {@link issueMessage}).
 */
export const MESSAGES = {
  UNKNOWN_MODEL: 'the model is not in the price book (use a model id or one of its aliases)',
  UNKNOWN_ROUTE_TARGET:
    'the routing target model is not in the price book (use a model id or one of its aliases)',
  SHARE_OUT_OF_RANGE: 'a share must be between 0 and 1',
  HIT_RATE_OUT_OF_RANGE: 'a cache hit rate must be between 0 and 1',
  REALIZATION_OUT_OF_RANGE: 'a minimum realization must be between 0 and 1',
  PREFIX_EXCEEDS_INPUT:
    'cacheablePrefixTokens must not exceed inputTokensPerRequest (the prefix is part of the input)',
  NEGATIVE_TOKENS: 'a token count must not be negative',
  NEGATIVE_VOLUME: 'requestsPerMonth must not be negative',
  NEGATIVE_SPEND: 'an observed spend must not be negative',
  NEGATIVE_COMMIT: 'a commitment amount must not be negative',
  NEGATIVE_STD_DEV: 'a standard deviation must not be negative',
  NOT_A_DECIMAL: 'a finite decimal number is required',
  GROWTH_RATE_TOO_LOW: 'monthlyGrowthRate must be greater than -1 (a rate of -1 or less leaves no traffic)',
  ROUTE_WITHOUT_SHARE: 'routeToModel needs routableShare (the share of requests that may move)',
  SHARE_WITHOUT_ROUTE: 'routableShare needs routeToModel (the model the requests would move to)',
  UNKNOWN_LEVER: 'the lever must be one of routing, caching, batch',
  DUPLICATE_LEVER: 'each lever may appear only once in a scenario',
  INVALID_RAMP: 'rampMonths must be a whole number of months, 0 or more',
  INVALID_START_MONTH: 'startMonth must be a whole number of months between -1200 and 1200',
  INVALID_TERM_MONTHS: 'the term must be a whole number of months between 1 and 120',
  INVALID_DATE: 'a date must be a real calendar date written YYYY-MM-DD',
  DUPLICATE_WORKLOAD_NAME: 'workload names must be unique within a plan',
  EMPTY_NAME: 'a workload needs a non-empty name',
  INVALID_CACHE_TTL: "cacheTtl must be '5m' or '1h'",
  INVALID_INFERENCE_GEO: "inferenceGeo must be 'global' or 'us'",
  US_INFERENCE_FIX: "use inferenceGeo 'global', or a model that offers US-only inference",
  INVALID_OVERAGE: "overage must be 'discounted' or 'list'",
  INVALID_USER_WAITING: 'userWaiting must be true or false (answer the waiting test)',
  CONFIDENCE_OUT_OF_RANGE: 'confidence must be strictly between 0 and 1',
  DISCOUNT_OUT_OF_RANGE: 'a discount rate must be at least 0 and below 1',
  INVALID_SIMULATIONS: 'simulations must be a whole number between 1 and 100000',
  INVALID_SEED: 'seed must be a whole number between 0 and 4294967295',
  INVALID_STRUCTURE:
    "structure must be 'term' (one commitment for the whole term) or 'annual' (one commitment per contract year)",
  COMMIT_BY_YEAR_NEEDS_ANNUAL:
    "proposedCommitByYear gives one amount per contract year and needs structure 'annual': send structure " +
    "'annual' with it, or leave it out and give the term total as proposedCommit",
  NEGATIVE_COMMIT_BY_YEAR:
    'a contract year’s proposed commitment must not be negative (send "0" for a year with no commitment)',
  // The four below open a sentence that goes on with the particulars of the request (validation.ts).
  COMMIT_BY_YEAR_COUNT_MISMATCH:
    'proposedCommitByYear needs exactly one amount per contract year (12 months from the term start, the ' +
    'last one shorter when the term is not a multiple of 12)',
  PROPOSED_COMMIT_NOT_SUM:
    'proposedCommit is the term total and must equal the sum of proposedCommitByYear exactly',
  DUPLICATE_TIER_MINIMUM: 'no two discount tiers may have the same minCommit',
  TIER_DISCOUNT_NOT_INCREASING:
    'a tier with a higher minCommit must earn a higher discount than every tier with a lower one',
  TIER_MINIMUM_NOT_POSITIVE:
    'a tier’s minCommit must be a whole-dollar amount above 0 (every commitment reaches a minimum of 0 ' +
    'already, with no discount): give the tier’s real minimum, or leave the tier out',
  TIER_MINIMUM_NOT_WHOLE_DOLLARS:
    'a tier’s minCommit must be a whole-dollar amount, without cents, such as "250000": give the minimum in ' +
    'whole dollars, as the vendor’s tier names it',
} as const

/** Builds an issue's final message: the rule's sentence and the offending value, quoted. */
export function issueMessage(sentence: string, value: unknown): string {
  return `${sentence}: got "${quoteValue(value)}"`
}

function quoteValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  return String(value)
}

/** Thrown when a plan request describes something impossible; carries every issue found, not just the first. */
export class PlanValidationError extends DomainError {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(
      'PLAN_INVALID',
      `The plan request is not valid (${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}): ${issues
        .map((i) => `${i.pointer} ${i.message}`)
        .join('; ')}`,
    )
  }
}
