/**
 * The planning engine's public surface: pure functions over plain data, decimal.js only (docs/cost-model.md).
 */
export type { WaterfallStep } from './attribution.js'
export { shapleyFromDividends, waterfall } from './attribution.js'
export {
  DomainError,
  ISSUE_CODES,
  type IssueCode,
  MESSAGES,
  PlanValidationError,
  type ValidationIssue,
} from './errors.js'
export * from './money.js'
export { computePlan, type PlanParts, previewPlan } from './plan.js'
export * from './plan-request.js'
export * from './plan-shape.js'
export * from './price-book.js'
export {
  COMMITMENT_DEFAULTS,
  MAX_LEVER_MONTHS,
  MAX_SEED,
  MAX_SIMULATIONS,
  MAX_TERM_MONTHS,
  type ValidPlan,
  validatePlanRequest,
} from './validation.js'
export { type PlanWarning, type Severity, WARNING_CODES, type WarningCode } from './warnings.js'
