/**
 * The FOCUS 1.3 columns this service's export is held to (FinOps Open Cost and Usage Specification, datasets
 * "Cost and Usage" and "Contract Commitment"): every Mandatory column of both datasets, and every other column
 * the export writes, each with its 1.3 feature level and whether it allows nulls. Column names are the
 * specification's Column IDs. The test of the export (test/integration/focus.test.ts) checks the exported
 * headers and rows against this table: every Mandatory column present, no column outside the specification
 * except `x_` custom columns, no empty cell in a column that allows no nulls.
 */

/** A column's feature level (FOCUS "Feature level"; Conditional columns apply when their condition holds). */
export type FeatureLevel = 'Mandatory' | 'Recommended' | 'Conditional'

export interface FocusColumnSpec {
  column: string
  /** FOCUS "Allows nulls": false = never empty (some nullable columns are required on some rows, e.g. PricingQuantity on usage). */
  nulls: boolean
  level: FeatureLevel
  /** Why this export includes a Conditional or Recommended column, or how a Mandatory one is filled. */
  note: string
}

/** FOCUS 1.3 Cost and Usage: its 23 Mandatory columns and the optional ones the export writes. */
export const COST_AND_USAGE_13: readonly FocusColumnSpec[] = [
  { column: 'BilledCost', nulls: false, level: 'Mandatory', note: 'What the month is invoiced.' },
  { column: 'BillingAccountId', nulls: false, level: 'Mandatory', note: 'The portfolio’s id.' },
  { column: 'BillingAccountName', nulls: true, level: 'Mandatory', note: 'The portfolio’s name.' },
  { column: 'BillingCurrency', nulls: false, level: 'Mandatory', note: 'USD.' },
  {
    column: 'BillingPeriodEnd',
    nulls: false,
    level: 'Mandatory',
    note: 'Exclusive end of the month billed.',
  },
  { column: 'BillingPeriodStart', nulls: false, level: 'Mandatory', note: 'Start of the month billed.' },
  {
    column: 'ChargeCategory',
    nulls: false,
    level: 'Mandatory',
    note: 'Usage, or Purchase for the commitment.',
  },
  { column: 'ChargeClass', nulls: true, level: 'Mandatory', note: 'Null: nothing is a correction.' },
  { column: 'ChargeDescription', nulls: true, level: 'Mandatory', note: 'What the row is, in a sentence.' },
  {
    column: 'ChargeFrequency',
    nulls: false,
    level: 'Recommended',
    note: 'Usage-Based, or One-Time for a purchase.',
  },
  {
    column: 'ChargePeriodEnd',
    nulls: false,
    level: 'Mandatory',
    note: 'Exclusive end of the month (or commitment period).',
  },
  {
    column: 'ChargePeriodStart',
    nulls: false,
    level: 'Mandatory',
    note: 'Start of the month (or commitment period).',
  },
  {
    column: 'CommitmentDiscountCategory',
    nulls: true,
    level: 'Conditional',
    note: 'Spend (a committed-spend agreement).',
  },
  { column: 'CommitmentDiscountId', nulls: true, level: 'Conditional', note: 'One per commitment period.' },
  {
    column: 'CommitmentDiscountName',
    nulls: true,
    level: 'Conditional',
    note: 'The commitment period, named.',
  },
  { column: 'CommitmentDiscountQuantity', nulls: true, level: 'Conditional', note: 'USD of the commitment.' },
  {
    column: 'CommitmentDiscountStatus',
    nulls: true,
    level: 'Conditional',
    note: 'Used or Unused, on usage rows.',
  },
  { column: 'CommitmentDiscountType', nulls: true, level: 'Conditional', note: 'Committed Spend.' },
  { column: 'CommitmentDiscountUnit', nulls: true, level: 'Conditional', note: 'USD.' },
  { column: 'ConsumedQuantity', nulls: true, level: 'Conditional', note: 'Requests in the month.' },
  { column: 'ConsumedUnit', nulls: true, level: 'Conditional', note: 'Requests.' },
  {
    column: 'ContractApplied',
    nulls: true,
    level: 'Conditional',
    note: 'JSON (new in 1.3): the contract commitment a row buys, draws on or leaves unused, and the USD applied.',
  },
  {
    column: 'ContractedCost',
    nulls: false,
    level: 'Mandatory',
    note: 'At the price book’s prices, before the commitment.',
  },
  {
    column: 'EffectiveCost',
    nulls: false,
    level: 'Mandatory',
    note: 'Amortized, after the commitment’s discount.',
  },
  { column: 'HostProviderName', nulls: false, level: 'Mandatory', note: 'Anthropic (new in 1.3).' },
  { column: 'InvoiceIssuerName', nulls: false, level: 'Mandatory', note: 'Anthropic.' },
  { column: 'ListCost', nulls: false, level: 'Mandatory', note: 'At the price book’s prices.' },
  {
    column: 'PricingCategory',
    nulls: true,
    level: 'Conditional',
    note: 'Committed on drawn-down rows, else Standard.',
  },
  {
    column: 'PricingQuantity',
    nulls: true,
    level: 'Mandatory',
    note: 'Requests (the cost model prices per request).',
  },
  { column: 'PricingUnit', nulls: true, level: 'Mandatory', note: 'Requests; Count for the commitment.' },
  {
    column: 'ProviderName',
    nulls: false,
    level: 'Mandatory',
    note: 'Anthropic (deprecated in 1.3, still required).',
  },
  {
    column: 'PublisherName',
    nulls: false,
    level: 'Mandatory',
    note: 'Anthropic (deprecated in 1.3, still required).',
  },
  {
    column: 'RegionId',
    nulls: true,
    level: 'Conditional',
    note: 'The workload’s inference geography: global or us.',
  },
  { column: 'RegionName', nulls: true, level: 'Conditional', note: 'Global or United States.' },
  {
    column: 'ResourceId',
    nulls: true,
    level: 'Conditional',
    note: 'The commitment period on its Purchase and Unused rows: 1.3 holds a purchase’s ContractCommitmentID to it.',
  },
  { column: 'ServiceCategory', nulls: false, level: 'Mandatory', note: 'AI and Machine Learning.' },
  { column: 'ServiceName', nulls: false, level: 'Mandatory', note: 'Claude API.' },
  { column: 'ServiceProviderName', nulls: false, level: 'Mandatory', note: 'Anthropic (new in 1.3).' },
  { column: 'ServiceSubcategory', nulls: false, level: 'Recommended', note: 'Generative AI.' },
]

/** FOCUS 1.3 Contract Commitment (a dataset new in 1.3): all 13 of its columns are Mandatory. */
export const CONTRACT_COMMITMENT_13: readonly FocusColumnSpec[] = [
  { column: 'BillingCurrency', nulls: true, level: 'Mandatory', note: 'USD.' },
  { column: 'ContractCommitmentCategory', nulls: false, level: 'Mandatory', note: 'Spend.' },
  {
    column: 'ContractCommitmentCost',
    nulls: true,
    level: 'Mandatory',
    note: 'The commitment of the period.',
  },
  {
    column: 'ContractCommitmentDescription',
    nulls: true,
    level: 'Mandatory',
    note: 'The recommendation, in a sentence.',
  },
  {
    column: 'ContractCommitmentId',
    nulls: false,
    level: 'Mandatory',
    note: 'Equal to CommitmentDiscountId.',
  },
  {
    column: 'ContractCommitmentPeriodEnd',
    nulls: false,
    level: 'Mandatory',
    note: 'Exclusive end of the period.',
  },
  { column: 'ContractCommitmentPeriodStart', nulls: false, level: 'Mandatory', note: 'Start of the period.' },
  {
    column: 'ContractCommitmentQuantity',
    nulls: true,
    level: 'Mandatory',
    note: 'Null: a spend commitment has a cost.',
  },
  { column: 'ContractCommitmentType', nulls: false, level: 'Mandatory', note: 'Committed Spend.' },
  { column: 'ContractCommitmentUnit', nulls: true, level: 'Mandatory', note: 'Null, as the quantity.' },
  { column: 'ContractId', nulls: false, level: 'Mandatory', note: 'The scenario’s contract.' },
  { column: 'ContractPeriodEnd', nulls: false, level: 'Mandatory', note: 'Exclusive end of the term.' },
  { column: 'ContractPeriodStart', nulls: false, level: 'Mandatory', note: 'Start of the term.' },
]

/** FOCUS's prefix of custom columns (and of custom keys). */
export const CUSTOM_COLUMN_PREFIX = 'x_'
